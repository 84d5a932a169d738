"""The knowledge base's error messages about its files, uploads, search index, plans and
permissions, as the web app and the `policylens` command show them (issue 18).

Like :mod:`ui.i18n.catalogue.cli_kb`, each English text is the exact template ``index/``
raises, with ``{name}`` where it puts a value; the web app and the CLI both read the
``cli.kb.*`` group (:mod:`ui.i18n.errors`). ``tests/ui/test_index_messages.py`` checks that
every message ``index/`` raises to a user has a template here or there.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # accounts and permissions (index/accounts.py, index/tasks/ledger.py)
    "cli.kb.bad_language": (
        "语言 {language} 无效：请用 zh（中文）或 en（英文）",
        "language {language}: use a code such as zh or en",
    ),
    "cli.kb.lead_only": (
        "{user}（{role}）只能更改由{department}牵头的任务；任务{number}由{lead}牵头",
        "{user} ({role}) may change only tasks led by {department}; T-{number} is led by {lead}",
    ),
    "cli.kb.own_body": ("本单位", "their own body"),
    "cli.kb.no_body": ("（未指定牵头单位）", "no body"),
    # the store and its files (index/store)
    "cli.kb.newer_schema": (
        "{store} 的数据版本为 {schema}，比本程序支持的版本（{ours}）新；请升级 PolicyLens",
        "{store} has schema {schema}, newer than this PolicyLens ({ours}); upgrade PolicyLens",
    ),
    "cli.kb.integrity": (
        "{name} 未通过 SQLite 完整性检查（{rows}）",
        "{name} fails SQLite's integrity check ({rows})",
    ),
    "cli.kb.stored_file_changed": (
        "存储中的文件 {digest}… 与其 SHA-256 校验值不再相符；请从备份恢复存储",
        "the stored file {digest}… no longer matches its SHA-256; restore the store from a backup",
    ),
    "cli.kb.postgres_url": (
        "{variable} 必须是 PostgreSQL 地址（postgresql://user@host/database）；"
        "取消设置它即改用工作区的 SQLite 文件",
        "{variable} must be a PostgreSQL URL (postgresql://user@host/database); unset it to use "
        "the workspace's SQLite file",
    ),
    "cli.kb.postgres_down": (
        "{cause}；请检查 {variable}，并确认数据库服务器正在运行",
        "{cause}; check {variable} and that the server is running",
    ),
    "cli.kb.postgres_connect": (
        "无法连接 {url} 上的 PostgreSQL：{cause}",
        "cannot connect to PostgreSQL at {url}: {cause}",
    ),
    # uploads and versions waiting (index/library, index/bulk)
    "cli.kb.upload_too_big": (
        "{name}：{size} MB，超过单个上传文件 {limit} MB 的上限；请发送较小的文件",
        "{name}: {size} MB is over the {limit} MB limit for an upload; send a smaller file",
    ),
    "cli.kb.sent_not_in_store": (
        "发送的文件不在存储 {store} 中：{missing}",
        "the sent files are not in the store {store}: {missing}",
    ),
    "cli.kb.sent_not_on_worker": (
        "发送的文件不在 {worker} 上：{missing}",
        "the sent files are not on {worker}: {missing}",
    ),
    "cli.kb.no_such_path_on": (
        "{worker} 上没有这个文件或文件夹：{missing}",
        "no such file or folder on {worker}: {missing}",
    ),
    "cli.kb.no_server_folder": ("服务器上没有文件夹 {folder}", "no folder {folder} on the server"),
    "cli.kb.held_file_changed": (
        "暂存的 {name} 文件缺失或已被改动（{path}）；请退回此版本，并请对方重新发送文件",
        "the held file of {name} is missing or changed ({path}); reject this version and ask "
        "for the file again",
    ),
    "cli.kb.no_pending": (
        "没有等待处理的第 {pending} 号版本；请查看“导入”页面",
        "no version #{pending} is waiting; see the Ingest page",
    ),
    "cli.kb.workers": (
        "工作进程数和嵌入批量都至少须为 1：{plan}",
        "workers and embed_batch must be at least 1: {plan}",
    ),
    "cli.kb.no_ray": (
        "未安装 Ray；请用 `pip install 'ray[data]'` 安装（见 README 中用 Ray 批量导入的一节）",
        "Ray is not installed; install it with `pip install 'ray[data]'` (see the README, "
        "'Bulk ingest on Ray')",
    ),
    "cli.kb.ray_unreachable": (
        "无法在 {where} 启动或连接 Ray：{cause}",
        "cannot start or reach Ray at {where}: {cause}",
    ),
    # a review's upper laws (index/review/stored_texts.py)
    "cli.kb.basis_not_held": (
        "{document} 的制定依据是{laws}，但文库中没有；请先导入，或用 --against 指定上位法",
        "{document} is based on {laws}, which the library does not hold; ingest it or give the "
        "upper law with --against",
    ),
    # the search index (index/search)
    "cli.kb.no_index_yet": (
        "还没有检索索引；请先导入文件",
        "there is no search index yet; ingest documents first",
    ),
    "cli.kb.manifest_version": (
        "索引清单版本 {version} 不是 {expected}；请运行 `policylens rebuild`",
        "index manifest version {version} is not {expected}; run `policylens rebuild`",
    ),
    "cli.kb.index_vectors": (
        "{path} 中的索引有 {count} 个 {dim} 维向量，清单记录为 {held} 个 {expected} 维；"
        "请运行 `policylens rebuild`",
        "index in {path} holds {count} vectors of dimension {dim}, the manifest says {held} of "
        "{expected}; run `policylens rebuild`",
    ),
    "cli.kb.unknown_embedder": (
        "未知的向量模型 {spec}：请用 {choices} 之一，或 `sentence-transformers` 模型所在的文件夹",
        "unknown embedder {spec}: use one of {choices} or the folder of a sentence-transformers "
        "model",
    ),
    # task attachments, evidence and plans (index/tasks)
    "cli.kb.attachment_too_big": (
        "{name}：{size} MB，超过单个附件 {limit} MB 的上限；"
        "请发送较小的文件（或在说明中写上它的链接）",
        "{name}: {size} MB is over the {limit} MB limit for an attachment; send a smaller file "
        "(or a link to it in the note)",
    ),
    "cli.kb.no_attachment": ("没有附件 {attachment}", "no attachment {attachment}"),
    "cli.kb.attachment_bytes_missing": (
        "存储中缺少附件 {name} 的内容；请从备份恢复存储",
        "the bytes of attachment {name} are missing from the store; restore the store from a "
        "backup",
    ),
    "cli.kb.attachment_changed": (
        "附件 {name} 的文件在磁盘上已被改动（{path}）；请从备份恢复",
        "the file of attachment {name} was changed on disk ({path}); restore it from a backup",
    ),
    "cli.kb.attachment_missing": (
        "附件 {name} 的文件缺失（{path}）：它由旧版 PolicyLens 在另一台服务器上附加。"
        "请在那台服务器上打开它，或在那里运行 `policylens backup`（两者都会把它复制进存储），"
        "或从备份恢复工作区的附件文件夹",
        "the file of attachment {name} is missing ({path}); it was attached on one server by an "
        "older PolicyLens: open it on that server, or run `policylens backup` there (either "
        "copies it into the store), or restore the workspace's attachments folder from a backup",
    ),
    "cli.kb.cannot_read": (
        "无法读取 {path}：{cause}；请检查路径",
        "cannot read {path}: {cause}; check the path",
    ),
    "cli.kb.no_suggestion": (
        "没有从 {document} 为{task}提出的待确认建议",
        "no pending suggestion of {document} for {task}",
    ),
    "cli.kb.no_workspace_folder": (
        "此存储没有工作区文件夹：无处写入审计检查点",
        "this store has no workspace folder: there is no checkpoint to write",
    ),
    "cli.kb.checkpoint_unwritable": (
        "无法在 {workspace} 中写入审计检查点：{cause}",
        "cannot write the audit checkpoint in {workspace}: {cause}",
    ),
    "cli.kb.checkpoint_held": (
        "{name} 已被另一个 PolicyLens 进程占用超过 {seconds} 秒；请待其完成后再试",
        "{name} has been held by another PolicyLens process for over {seconds} s; try again "
        "when it has finished",
    ),
    "cli.kb.plan_no_header": (
        "{path}：没有表头行（至少有两个列名的一行）",
        "{path}: no header row (a row with at least two column names)",
    ),
    "cli.kb.plan_no_table": ("{path}：文件中没有表格", "{path}: the document holds no table"),
    "cli.kb.plan_no_rows": (
        "{path}：没有找到任务行（表中是否有“任务”列？）",
        "{path}: no task rows found (is there a task column?)",
    ),
    "cli.kb.plan_bad_docx": (
        "{path}：不是可读取的 DOCX 文件（{cause}）",
        "{path}: not a readable DOCX ({cause})",
    ),
    "cli.kb.plan_format": (
        "{path}：请以 .xlsx、.csv 或 .docx 文件提供分工表",
        "{path}: give the division table as .xlsx, .csv or .docx",
    ),
}
