"""The `policylens` command's own words: every command's help texts and messages, and the
"错误：" prefix. Their language is the CLI's own setting, ``POLICYLENS_LANG`` (``zh`` unless
``en``), see :func:`ui.cli.common.say`; Typer's words are in ``cli_click.py`` and the knowledge
base's error messages, translated where they are shown, in ``cli_kb.py``. JSON output is not
translated (a stable interface).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.app": (
        "安全生产法规的文件智能与政策跟踪：解析法规和工作方案，检索、跟踪、审查和学习。",
        "Document intelligence and policy tracking for work-safety regulation.",
    ),
    "cli.debug": (
        "出错时显示完整的调用栈，而不是一行说明。",
        "Show tracebacks instead of one-line errors.",
    ),
    "cli.home": (
        "工作区文件夹（默认 $POLICYLENS_HOME 或 ./workspace）。",
        "Workspace folder (default: $POLICYLENS_HOME or ./workspace).",
    ),
    "cli.json": ("以 JSON 输出（稳定的接口）。", "Print JSON (a stable interface)."),
    # search
    "cli.search": (
        "按条检索：关键词检索与语义检索融合，先按条件筛选再排序。",
        "Search articles: keyword and dense retrieval fused, filters applied before ranking.",
    ),
    "cli.search.query": (
        "检索词、问题，或“安全生产法第二十一条”这样的引用。",
        "Words, a question, or a citation such as 安全生产法第二十一条.",
    ),
    "cli.search.top": ("返回的条数。", "Hits to return."),
    "cli.search.level": (
        "只保留此效力级别（可重复），如 法律、行政法规、地方性法规、地方政府规章。",
        "Keep this level (repeatable): national_law, local_regulation … or its name.",
    ),
    "cli.search.region": ("只保留此地区（可重复）。", "Keep this region (repeatable)."),
    "cli.search.doc": (
        "只保留此文件或法规（可重复）。",
        "Keep this document or work (repeatable).",
    ),
    "cli.search.status": (
        "时效性：现行有效、已被修订、已废止、草案、尚未施行或不限；与 --as-of 同用时不起作用。",
        "in_force (default), superseded, repealed, draft or any; ignored with --as-of.",
    ),
    "cli.search.as_of": (
        "检索在此日期有效的版本（2021-06-01 或 2021年6月1日）。",
        "Search the versions in force on this date (2021-06-01 or 2021年6月1日).",
    ),
    "cli.search.any_status": ("不限", "any"),
    "cli.search.lang": ("只保留此语言（zh、en）。", "Keep this language (zh, en)."),
    "cli.search.mode": (
        "检索方式：融合（关键词与语义结合）、关键词或语义。",
        "hybrid, keyword or dense.",
    ),
    "cli.search.none": (
        "没有找到条文。请换用其他检索词，或减少筛选条件。",
        "No articles found. Try other words, or fewer filters.",
    ),
    "cli.search.match.keyword": ("关键词", "keyword"),
    "cli.search.match.dense": ("语义", "dense"),
    "cli.search.match.hybrid": ("融合", "hybrid"),
    "cli.search.match.citation": ("引用", "citation"),
    "cli.search.score": ("{match} 得分 {score}", "{match} {score}"),
    "cli.warning": ("警告：{text}", "Warning: {text}"),
    "cli.note": ("注意：{text}", "Note: {text}"),
    "cli.dense_partial": (
        "注意：按语义检索的部分目前只覆盖{held}/{units}条条文，其余条文暂时只能按关键词找到，"
        "待其向量生成后（导入仍在进行，或运行 policylens rebuild）即可。",
        "Note: the meaning-based (dense) side of search covers {held} of {units} articles so far; "
        "the others are found by keywords only until their vectors are added (an ingest still "
        "embedding, or `policylens rebuild`)",
    ),
    # review and decide
    "cli.review": (
        "将地方性法规与上位法逐条对照审查。\n\n"
        "罚款、期限、数量标准、规范强度、责任主体、机构更名、引用、授权事项和条文序号；"
        "即使发现问题也以 0 退出。",
        "Check a local rule against its upper law, finding by finding.\n\n"
        "Fines, time limits, thresholds, modality, bodies, renamed authorities, citations, "
        "delegations and numbering; exit 0 even with findings.",
    ),
    "cli.review.ref": (
        "要审查的文件：文件编号或法规编号。",
        "The text to review: a document id or work id.",
    ),
    "cli.review.against": (
        "对照的上位法（可重复；默认为其声明的制定依据）。",
        "The upper law to review against (repeatable; default: its declared basis).",
    ),
    "cli.review.out": (
        "同时写出审查结果：.docx（审查意见）或 .xlsx（问题清单）。",
        "Also write the review: .docx (opinion) or .xlsx.",
    ),
    "cli.review.dense": (
        "同时按语义对齐条文（使用检索的向量模型；实测会增加误报，见 README）。",
        "Also align articles by meaning (the search embedder; measured to add noise, see the "
        "README).",
    ),
    "cli.review.summary": (
        "《{title}》对照《{against}》：发现{count}处问题",
        "{title} against {against}: {count} finding(s)",
    ),
    "cli.review.against_join": ("》《", ", "),
    "cli.review.stage.load": ("读取", "load"),
    "cli.review.stage.align": ("条文对齐", "align"),
    "cli.review.stage.pair checks": ("逐条比对", "pair checks"),
    "cli.review.stage.text checks": ("全文检查", "text checks"),
    "cli.review.stage.citations": ("引用检查", "citations"),
    "cli.review.stage.save": ("保存", "save"),
    "cli.review.took": (
        "照抄上位法的条文占 {rate}。用时 {total} 秒（{parts}）。",
        "Verbatim copies: {rate} of articles. Took {total} s ({parts}).",
    ),
    "cli.decide": (
        "采纳或不予采纳一条审查意见；重新审查时处理意见随之保留。",
        "Accept or dismiss a review finding; the decision stays with it across re-runs.",
    ),
    "cli.decide.finding": (
        "`policylens review` 列出的问题编号。",
        "A finding id from `policylens review`.",
    ),
    "cli.decide.decision": (
        "采纳或不予采纳。",
        "accepted or dismissed.",
    ),
    "cli.decide.note": ("理由。", "Why."),
    "cli.decide.as": ("以此账户的身份处理。", "Decide as this account."),
    "cli.decide.what": ("处理意见", "decision"),
    "cli.decide.accepted": ("采纳", "accepted"),
    "cli.decide.dismissed": ("不予采纳", "dismissed"),
    "cli.decide.done": ("{finding}：{decision}。", "{finding}: {decision}."),
    # tasks list and update
    "cli.tasks": (
        "任务台账：提取、导入、导出、列出、更新、通报、核验审计链。",
        "The task ledger: extract, import, export, list, update, report, verify-audit.",
    ),
    "cli.tasks.date": (
        "判断期限所依据的日期（默认今天）。",
        "The day to judge deadlines on (default today).",
    ),
    "cli.tasks.list": (
        "列出任务，逾期的期限标红，临近的标黄。",
        "List tasks, with overdue (red) and due-soon (yellow) deadlines.",
    ),
    "cli.tasks.plan": ("只看此方案。", "Only this plan."),
    "cli.tasks.department": ("牵头或配合的单位。", "Led or co-operated by."),
    "cli.tasks.status": (
        "只保留此状态（可重复）：未启动、推进中、已完成或暂停。",
        "Keep this status (repeatable): not_started, in_progress, completed or suspended.",
    ),
    "cli.tasks.overdue": ("只看逾期任务。", "Only overdue tasks."),
    "cli.tasks.due_soon": ("只看 14 天内到期的任务。", "Only tasks due within 14 days."),
    "cli.tasks.none": (
        "没有任务；请先用 `policylens tasks extract DOC` 从工作方案中提取任务。",
        "No tasks; extract a plan with `policylens tasks extract DOC`.",
    ),
    "cli.tasks.column_task": ("任务", "task"),
    "cli.tasks.column_status": ("状态", "status"),
    "cli.tasks.column_deadline": ("期限", "deadline"),
    "cli.tasks.column_lead": ("牵头单位", "lead"),
    "cli.tasks.column_text": ("任务内容", "text"),
    "cli.tasks.update": (
        "更改任务的状态、进度或备注（每次更改记入审计链）。",
        "Change a task's status, progress or note (each change is an audit row).",
    ),
    "cli.tasks.task": ("任务12、T-12、12 或完整的任务编号。", "T-12, 12 or a full task id."),
    "cli.tasks.new_status": (
        "新的状态：未启动、推进中、已完成或暂停。",
        "not_started, in_progress, completed or suspended.",
    ),
    "cli.tasks.progress": ("完成百分比，0-100。", "Percent done, 0-100."),
    "cli.tasks.note": ("进展备注。", "A progress note."),
    "cli.tasks.completed_on": (
        "完成日期（与 --status 已完成 同用），如 2025-06-28 或 2025年6月28日。",
        "The day the work was done (with --status completed), e.g. 2025-06-28.",
    ),
    "cli.tasks.as": (
        "以此账户的身份操作（适用其所在单位）。",
        "Act as this account (its department applies).",
    ),
    "cli.tasks.expect_version": (
        "如任务在你读取此版本后已被更改，则拒绝操作。",
        "Refuse if the task changed since you read this version.",
    ),
    "cli.tasks.updated": (
        "任务{number}：{status} {progress}%（第{version}版）",
        "T-{number}: {status} {progress}% (version {version})",
    ),
}

# The rest of the command (issue 18): every other command's help and messages, the "Error:"
# prefix, and the knowledge base's errors by their type.
MESSAGES.update(
    {
        "cli.error": ("错误：{text}", "Error: {text}"),
        "cli.embedder": (
            "e5（默认）、use、minilm、hash，或 sentence-transformers 模型所在文件夹（默认 "
            "$POLICYLENS_EMBEDDER，否则用索引自己的，否则 e5）。",
            "e5 (default), use, minilm, hash, or the folder of a sentence-transformers model "
            "(default: $POLICYLENS_EMBEDDER, else the index's own, else e5).",
        ),
        "cli.stage.parsing": ("解析", "parsing"),
        "cli.stage.ingesting": ("导入", "ingesting"),
        "cli.stage.keyword index": ("关键词索引", "keyword index"),
        "cli.stage.embedding": ("生成语义向量", "embedding"),
        "cli.stage.vector index": ("向量索引", "vector index"),
        "cli.out_suffix": (
            "--out {out}：文件名须以 {suffixes} 结尾",
            "--out {out}: use a {suffixes} file name",
        ),
        "cli.out_either": (
            "--out {out}：文件名须以 {first} 或 {second} 结尾",
            "--out {out}: use a {first} or {second} file name",
        ),
        "cli.bad_date": (
            "{value!r} 不是日期，应写作 2025-06-30 或 2025年6月30日",
            "{value!r} is not a date like 2025-06-30 or 2025年6月30日",
        ),
        "cli.use_one_of": (
            "{option} {value!r}：请用 {choices} 之一",
            "{option} {value!r}: use one of {choices}",
        ),
        # ingest
        "cli.ingest": (
            "将文件和文件夹（PDF、DOCX、HTML、TXT、Markdown）导入工作区。\n\n"
            "每个文件都有结果：成功、部分成功或失败，并列出发现的问题。未变的文件不做处理；有变化的"
            "文件作为新版本保存。随后更新检索索引，只为新条文生成向量。有文件失败时以 1 退出。\n\n"
            "使用 --ray 时，文件在 Ray 任务中解析、条"
            "文由 Ray 执行者生成向量；每批存入后即可按关键词"
            "检索，向量随后补上，结果相同。",
            "Ingest files and folders (PDF, DOCX, HTML, TXT, Markdown) into the workspace.\n\n"
            "Every file gets a result: OK, PARTIAL or FAILED with findings. An unchanged file is a "
            "no-op; a changed one becomes a new version. Then the search indexes are brought up to "
            "date, embedding only new articles. Exit code 1 if any file FAILED.\n\n"
            "With --ray, files are parsed in Ray tasks and articles embedded by Ray actors; each "
            "stored batch is searchable by keywords at once, its vectors follow. The result is the "
            "same.",
        ),
        "cli.ingest.paths": ("要导入的文件和文件夹。", "Files and folders to ingest."),
        "cli.ingest.catalog": (
            "catalog.json 文件，其中的条目优先于从正文读出的元数据。",
            "A catalog.json whose entries override metadata read from the text.",
        ),
        "cli.ingest.time_limit": (
            "每个文件允许的秒数（大文件每 MB 至少 2 秒）。",
            "Seconds allowed per file (at least 2 s per MB for large files).",
        ),
        "cli.ingest.memory_limit": ("每个文件允许的内存（MB）。", "MB of memory allowed per file."),
        "cli.ingest.max_size": ("接受的最大文件（MB）。", "Largest file accepted, in MB."),
        "cli.ingest.strict": ("遇到第一个失败的文件即停止。", "Stop at the first file that fails."),
        "cli.index": ("完成后更新检索索引。", "Update the search indexes afterwards."),
        "cli.ingest.ray": (
            "在 Ray 上解析和生成向量：本机实例，或 --ray-address 指定的集群。",
            "Parse and embed on Ray: a local instance, or the cluster of --ray-address.",
        ),
        "cli.ingest.ray_address": (
            "正在运行的 Ray 集群（auto、HOST:PORT 或 ray://HOST:10001）；隐含 --ray。",
            "A running Ray cluster (auto, HOST:PORT or ray://HOST:10001); implies --ray.",
        ),
        "cli.ingest.workers": (
            "同时运行的 Ray 解析任务和向量执行者数（以及本机 CPU 数）。",
            "Ray parse tasks and embedding actors at once (and local CPUs).",
        ),
        "cli.ingest.missing": ("没有此文件或文件夹：{paths}", "no such file or folder: {paths}"),
        "cli.ingest.ray_no_index": (
            "--ray 在导入的同时建立检索索引；请去掉 --no-index",
            "--ray builds the search indexes as it goes; leave out --no-index",
        ),
        "cli.ingest.line": ("（{count}个条款）", "({count} provisions)"),
        "cli.ingest.summary": (
            "共{files}个文件：{statuses}；新增{new}个，未变{unchanged}个。工作区现有{works}部法规的"
            "{documents}个文件，共{provisions}个条款。",
            "{files} file(s): {statuses}; {new} new, {unchanged} unchanged. Workspace holds "
            "{documents} document(s) of {works} work(s), {provisions} provisions.",
        ),
        "cli.ingest.evidence": (
            "为未完成的任务找到{count}条可能的佐证材料；请在“任务”页面查看。",
            "{count} evidence suggestion(s) for open tasks; review them on the Tasks page.",
        ),
        "cli.ingest.ray_done": (
            "Ray（{address}，{workers}个工作进程）：用 {embedder}"
            " 为{embedded}条条文生成了向量；{times}。",
            "Ray ({address}, {workers} worker(s)): embedded {embedded} article(s) with "
            "{embedder}; {times}.",
        ),
        "cli.ray_local": ("本机", "local"),
        "cli.address_metavar": ("地址", "ADDRESS"),
        "cli.seconds": ("{stage} {seconds} 秒", "{stage} {seconds} s"),
        "cli.list_sep": ("、", ", "),
        # docs, show, remove
        "cli.docs": (
            "列出工作区中的文件（每部法规的每个版本）。",
            "List the documents in the workspace (every version of every work).",
        ),
        "cli.docs.document": ("文件", "document"),
        "cli.docs.level": ("效力级别", "level"),
        "cli.docs.region": ("地区", "region"),
        "cli.docs.status": ("时效性", "status"),
        "cli.docs.version": ("版本日期", "version"),
        "cli.docs.articles": ("条数", "articles"),
        "cli.show": (
            "以树形显示一个文件，或显示一个条款及其上下文和各个版本。",
            "Show a document as a tree, or one provision in its context and its versions.",
        ),
        "cli.show.ref": (
            "DOC 或 DOC/PROVISION：文件编号（安全生产"
            "法@2021-06-10）、法规编号（现行版本），可带条款"
            "（…/art-21 或完整编号）。",
            "DOC or DOC/PROVISION: a document id (安全生产"
            "法@2021-06-10), a work id (the version in "
            "force), optionally with a provision (…/art-21 or a full id).",
        ),
        "cli.show.context": (
            "条款前后各显示几条。",
            "Articles to show before and after a provision.",
        ),
        "cli.show.versions": ("版本：", "versions: "),
        "cli.show.others": ("其他版本：", "Other versions: "),
        "cli.show.changed": ("有修改", "changed"),
        "cli.show.same": ("文字相同", "same text"),
        "cli.remove": (
            "删除一个文件版本及其条款；索引随之去掉，无需重新生成向量。",
            "Remove one document version and its provisions; the indexes drop it without "
            "re-embedding.",
        ),
        "cli.remove.ref": (
            "文件编号（一部法规的一个版本）。",
            "A document id (one version of a work).",
        ),
        "cli.remove.exact": (
            "请给出要删除文件的完整编号（您是指 {document} 吗？）",
            "give the exact document id to remove (did you mean {document}?)",
        ),
        "cli.remove.done": ("已删除 {document}。", "Removed {document}."),
        # rebuild, verify, the indexes
        "cli.rebuild": (
            "从存储重建检索索引（除非使用 --reembed，否则复用已缓存的向量）。",
            "Rebuild the search indexes from the store ("
            "cached vectors are reused unless --reembed).",
        ),
        "cli.rebuild.reembed": (
            "丢弃此向量模型已缓存的向量，全部重新生成。",
            "Drop this embedder's cached vectors and embed everything again.",
        ),
        "cli.rebuild.ray": ("在 Ray（本机实例）上生成向量。", "Embed on Ray (a local instance)."),
        "cli.rebuild.ray_address": (
            "在此 Ray 集群上生成向量；隐含 --ray。",
            "Embed on this Ray cluster; implies --ray.",
        ),
        "cli.rebuild.workers": ("Ray 向量执行者数。", "Ray embedding actors."),
        "cli.index.current": (
            "检索索引已是最新（{units}条条文，{embedder}）。",
            "Search index up to date ({units} articles, {embedder}).",
        ),
        "cli.index.built": (
            "检索索引：{units}条条文，使用 {embedder}；新生"
            "成向量{embedded}个，复用已缓存向量{reused}个。",
            "Search index: {units} articles with {embedder}; embedded {embedded}, reused "
            "{reused} cached vectors.",
        ),
        "cli.index.ray": (
            "检索索引：{units}条条文，使用 {embedder}；在 Ray（{address}，{workers}个工作进程）上"
            "生成向量{embedded}个，复用已缓存向量{reused}个。",
            "Search index: {units} articles with {embedder}; embedded {embedded} on Ray "
            "({address}, {workers} worker(s)), reused {reused} cached vectors.",
        ),
        "cli.search.empty": (
            "工作区 {home} 中没有文件；请先运行 `policylens ingest PATH`",
            "the workspace {home} holds no documents; run `policylens ingest PATH` first",
        ),
        "cli.verify": (
            "检查存储，以及检索索引与存储是否一致（不一致时以 1 退出）。\n\n"
            "存储损坏或丢失时会给出恢复步骤：`policylens restore BACKUP`（用 `policylens backup` "
            "做的副本），然后 `policylens rebuild`。",
            "Check the store and that the search indexes agree with it (exit 1 if not).\n\n"
            "A damaged or missing store is reported with its recovery step: `policylens restore "
            "BACKUP` (a copy made by `policylens backup`), then `policylens rebuild`.",
        ),
        "cli.verify.counts": (
            "已存储{units}条条文；已索引向量{vectors}个、关键词记录{keyword_rows}条。",
            "{units} articles stored; {vectors} vectors, {keyword_rows} keyword rows indexed.",
        ),
        "cli.verify.problem": (
            "问题 [{where}] {message}（处理：{fix}）",
            "PROBLEM [{where}] {message} (fix: {fix})",
        ),
        "cli.verify.ok": ("正常：存储与索引一致。", "OK: store and indexes agree."),
        "cli.verify.where.store": ("存储", "store"),
        "cli.verify.where.vectors": ("向量", "vectors"),
        "cli.verify.where.keyword": ("关键词索引", "keyword"),
        "cli.verify.where.manifest": ("索引清单", "manifest"),
        # backup, restore
        "cli.backup": (
            "将存储（文件、账户、任务、审查）复制为一个权限为 600 的新文件。\n\n"
            "他人写入时复制也是一致的（SQLite 在线备份"
            "）。检索索引不复制，由存储重建。存储损坏或丢失时："
            "`policylens restore BACKUP`，然后 `policylens rebuild`。",
            "Copy the store (documents, accounts, tasks, reviews) to a new file of mode 600.\n\n"
            "The copy is consistent while others write (SQLite's online backup API). The search "
            "indexes are not copied: they are rebuilt from the store. To recover from a damaged "
            "or lost store: `policylens restore BACKUP`, then `policylens rebuild`.",
        ),
        "cli.backup.dest": (
            "新文件，或文件夹（副本以时间命名）。",
            "A new file, or a folder (the copy is named with the time).",
        ),
        "cli.backup.done": (
            "已将{documents}个文件备份到 {path}（库结构版本 {schema}"
            "）。恢复：`policylens restore {path}`。",
            "Backed up {documents} document(s) to {path} (schema {schema}). Restore it with "
            "`policylens restore {path}`.",
        ),
        "cli.restore": (
            "用备份替换存储，替换前先检查它是完好的 PolicyLens 存储。\n\n"
            "存储损坏（`policylens verify` 会报告）或被删除时的恢复办法：停止应用和其他命令，运行 "
            "`policylens restore BACKUP`，再运行 `p"
            "olicylens rebuild` 使检索索引一致。替换前检查备份"
            "（SQLite 完整性检查、库结构版本）；被替换的存储保留为 policylens.db.before-restore。"
            "备份之后所做的工作不在其中。",
            "Replace the store with a backup, after checking that it is a sound PolicyLens "
            "store.\n\nThe recovery path for a damaged store (`policylens verify` reports it) or "
            "a deleted one: stop the app and other commands, run `policylens restore BACKUP`, then "
            "`policylens rebuild` to bring the search indexes in line. The backup is checked "
            "(SQLite integrity check, schema version) before anything changes; the replaced store "
            "is kept as policylens.db.before-restore. Work done after the backup was taken is not "
            "in it.",
        ),
        "cli.restore.source": (
            "用 `policylens backup` 做的备份。",
            "A backup made by `policylens backup`.",
        ),
        "cli.restore.done": (
            "已从 {source} 恢复{documents}个文件。",
            "Restored {documents} document(s) from {source}.",
        ),
        "cli.restore.kept": (
            "被替换的存储保留为 {path}。",
            "The replaced store is kept as {path}.",
        ),
        "cli.restore.next": (
            "现在请运行 `policylens rebuild`，使检索索引与存储一致。",
            "Now run `policylens rebuild` to bring the search indexes in line.",
        ),
    }
)

MESSAGES.update(
    {
        # setup, app, users
        "cli.setup": (
            "准备工作区：建立存储；还没有账户时创建第一个管理员。\n\n"
            "不用 --password-stdin 时生成随机密码，只显示一次，并保存在 WORKSPACE/first-admin.txt"
            "（仅您可读），直到该管理员修改密码。",
            "Prepare a workspace: the store, and a first admin when there are no accounts yet.\n\n"
            "Without --password-stdin a random password is made, printed once, and kept in "
            "WORKSPACE/first-admin.txt (readable by you only) until that admin changes it.",
        ),
        "cli.setup.admin": ("第一个管理员的用户名。", "User name of the first admin."),
        "cli.setup.password_stdin": (
            "从标准输入读取第一个管理员的密码。",
            "Read the first admin's password from stdin.",
        ),
        "cli.setup.ready": (
            "工作区 {home} 已就绪；已有账户。",
            "Workspace {home} is ready; it has accounts already.",
        ),
        "cli.setup.ready_note": (
            "工作区 {home} 已就绪；已有账户（第一个管理员的密码在 {note} 中）。",
            "Workspace {home} is ready; it has accounts already (the first admin's password is "
            "in {note}).",
        ),
        "cli.setup.note": (
            "第一个管理员的密码在 {note} 中。",
            "The first admin's password is in {note}.",
        ),
        "cli.setup.made": (
            "已创建第一个管理员。请以 {username} 登录，密码 {secret}\n"
            "（也保存在 {note} 中；请在应用的“我的账户”页面修改）。",
            "Created the first admin. Sign in as {username} with password {secret}\n"
            "(also saved in {note}; change it on the app's My account page).",
        ),
        "cli.setup.made_named": (
            "已创建第一个管理员 {username}。",
            "Created the first admin {username}.",
        ),
        "cli.app_command": (
            "在工作区上启动网页应用（Streamlit；上传文件不"
            "超过 50 MB，不发送使用统计，开启 XSRF 防护，"
            "浏览器中不显示错误细节），可在任何目录运行。",
            "Start the web app on the workspace (Streamlit; uploads up to 50 MB, usage statistics "
            "off, XSRF protection on, no error details in the browser), from any directory.",
        ),
        "cli.app.port": ("监听的端口。", "Port to listen on."),
        "cli.app.address": (
            "监听的地址（0.0.0.0 表示为其他机器提供服务）。",
            "Address to listen on (0.0.0.0 to serve other machines).",
        ),
        "cli.app.started": (
            "PolicyLens 应用正在启动，请在浏览器打开 {url}（按 Ctrl+C 停止）",
            "PolicyLens app starting: open {url} in your browser (Ctrl+C to stop)",
        ),
        "cli.app.port_taken": (
            "端口 {port} 已被占用；请用 --port 另选一个端口",
            "port {port} is already in use; choose another with --port",
        ),
        "cli.users": (
            "应用的账户：添加、列出、停用、启用、设置密码。",
            "Accounts for the app: add, list, disable, enable, set a password.",
        ),
        "cli.users.username": ("账户的用户名。", "The account's user name."),
        "cli.users.add": (
            "添加账户（不用 --password-stdin 时要求输入两次密码）。",
            "Add an account (asks for the password twice unless --password-stdin).",
        ),
        "cli.users.new_name": (
            "2-32 个小写字母、数字或 . _ -",
            "2-32 lower-case letters, digits, . _ -",
        ),
        "cli.users.role": (
            "管理员、审查员、部门用户或查阅用户。",
            "admin, reviewer, department or viewer.",
        ),
        "cli.users.department": (
            "部门用户所属的单位。",
            "The department a department user belongs to.",
        ),
        "cli.users.password_stdin": ("从标准输入读取密码。", "Read the password from stdin."),
        "cli.users.password": ("密码", "Password"),
        "cli.users.new_password": ("新密码", "New password"),
        "cli.users.added": ("已添加 {username}（{role}）。", "Added {username} ({role})."),
        "cli.users.added_in": (
            "已添加 {username}（{role}，{department}）。",
            "Added {username} ({role} in {department}).",
        ),
        "cli.users.list": (
            "列出账户：角色、单位、是否启用、上次登录。",
            "List accounts: role, department, active, last sign-in.",
        ),
        "cli.users.none": (
            "没有账户；请运行 `policylens setup` 创建第一个管理员。",
            "No accounts; run `policylens setup` to create the first admin.",
        ),
        "cli.users.active": ("已启用", "active"),
        "cli.users.disabled": ("已停用", "disabled"),
        "cli.users.last_login": ("上次登录 {when}", "last sign-in {when}"),
        "cli.users.never": ("从未登录", "never"),
        "cli.users.disable": (
            "停用账户（不能再登录；其记录保留）。",
            "Disable an account (it can no longer sign in; its history stays).",
        ),
        "cli.users.enable": (
            "重新启用已停用或被锁定的账户。",
            "Enable a disabled or locked account again.",
        ),
        "cli.users.passwd": ("设置账户的密码。", "Set an account's password."),
        "cli.users.changed": ("{username} 的密码已修改。", "Password of {username} changed."),
        "cli.users.now_enabled": ("{username} 已启用。", "{username} enabled."),
        "cli.users.now_disabled": ("{username} 已停用。", "{username} disabled."),
        "cli.users.no_password": ("标准输入中没有密码", "no password on stdin"),
        # study
        "cli.study": (
            "为一个文件、其中部分条文或一个主题生成学习资料。\n\n"
            "重点条款、结构提纲、术语定义、各主体的义务、需要记住的数字，以及通过质量检查的练习题，"
            "每项都注明出处条文。",
            "Build a study pack for a document, some of its articles, or a topic.\n\n"
            "Key provisions, outline, defined terms, duties by bearer, figures to remember and "
            "quiz items that pass the quality gate, each with its source article.",
        ),
        "cli.study.ref": (
            "文件编号或法规编号（与 --query 二选一）。",
            "A document id or work id (omit with --query).",
        ),
        "cli.study.query": (
            "一个主题：学习资料涵盖最相关的条文。",
            "A topic: the pack covers the top articles.",
        ),
        "cli.study.articles": (
            "只用 DOC 的这些条文，以逗号分隔（art-21 或 第二十一条）。",
            "Only these articles of DOC, comma-separated (art-21 or 第二十一条).",
        ),
        "cli.study.items": ("练习题最多几道。", "Quiz items at most."),
        "cli.study.seed": (
            "出题批次：数字相同，题目相同。",
            "Question set: the same number, the same items.",
        ),
        "cli.study.out": (
            "同时写出学习资料：.docx、.md、.apkg 或 .xlsx。",
            "Also write the pack: .docx, .md, .apkg or .xlsx.",
        ),
        "cli.study.one_source": (
            "请给出文件（DOC）或 --query，二者只能选一",
            "give a document (DOC) or --query, not both",
        ),
        "cli.study.articles_need_doc": (
            "--articles 需要指定文件（DOC）",
            "--articles needs a document (DOC)",
        ),
        "cli.study.summary": (
            "{title}：重点条款{provisions}条，术语{terms}个，义务{duties}项，数字{figures}个，"
            "练习题{items}道（质量检查通过率 {rate}）",
            "{title}: {provisions} key provisions, {terms} terms, {duties} duties, {figures} "
            "figures, {items} items (gate pass rate {rate})",
        ),
        "cli.study.item": (
            "{number}. [{type}] {stem}  → {answer}",
            "{number}. [{type}] {stem}  → {answer}",
        ),
        "cli.study_diff": (
            "两个版本之间的变化：新增、删除和修改的条文，新"
            "增的义务，变化的数字，以及关于变化数字的练习题。",
            "What changed between two versions: added, removed and changed articles, new duties, "
            "changed figures, and quiz items about the changed figures.",
        ),
        "cli.study_diff.old": ("旧版本（文件编号）。", "The old version (document id)."),
        "cli.study_diff.new": ("新版本（文件编号）。", "The new version (document id)."),
        "cli.study_diff.seed": (
            "练习题的出题批次（数字相同，题目相同）。",
            "Question set of the quiz items (the same number, the same items).",
        ),
        "cli.study_diff.out": (
            "同时写出变化说明：.docx 或 .md。",
            "Also write the briefing: .docx or .md.",
        ),
    }
)

MESSAGES.update(
    {
        # tasks extract, import, export, evidence, report, verify-audit
        "cli.tasks.extract": (
            "从已存储的工作方案中提取任务分工（并存入任务台账）。",
            "Extract a stored work plan's task-division items (and save them in the ledger).",
        ),
        "cli.tasks.extract.ref": (
            "工作方案：文件编号或法规编号。",
            "The plan: a document id or work id.",
        ),
        "cli.tasks.extract.save": (
            "将任务存入台账（默认）。",
            "Put the tasks in the ledger (default).",
        ),
        # `tasks export` in Chinese: headings `tasks import` reads back (nlp/plans/rows.py)
        "cli.tasks.export.sheet": ("分工表", "tasks"),
        "cli.tasks.export.col.id": ("序号", "id"),
        "cli.tasks.export.col.task": ("任务内容", "task"),
        "cli.tasks.export.col.lead": ("牵头单位", "lead"),
        "cli.tasks.export.col.cooperating": ("配合单位", "cooperating"),
        "cli.tasks.export.col.deadline": ("完成时限", "deadline"),
        "cli.tasks.export.col.source": ("依据", "source"),
        "cli.tasks.export.col.part": ("类别", "part"),
        "cli.tasks.export.col.status": ("状态", "status"),
        "cli.tasks.export.col.progress": ("进度（%）", "progress"),
        "cli.tasks.export.col.note": ("备注", "note"),
        "cli.tasks.export.col.deadline_date": ("期限日期", "deadline_date"),
        "cli.tasks.export.col.unknown_departments": ("未识别的单位", "unknown_departments"),
        "cli.tasks.extract.warning": ("警告：{code}：{message}", "warning: {code}: {message}"),
        "cli.tasks.extract.code.NLP_NOTE_UNATTACHED": ("分工说明未归属", "NLP_NOTE_UNATTACHED"),
        "cli.tasks.extract.code.NLP_NOTE_UNREAD": ("分工说明无法读取", "NLP_NOTE_UNREAD"),
        "cli.tasks.extract.done": (
            "从 {plan} 提取任务{count}项：新增{added}项，更新{updated}项，未变{unchanged}项",
            "{count} task(s) from {plan}: {added} added, {updated} updated, {unchanged} unchanged",
        ),
        "cli.tasks.extract.missing": (
            "，另有{count}项已不在正文中（保留）",
            ", {count} no longer in the text (kept)",
        ),
        "cli.tasks.import": (
            "导入分工表（序号、任务、牵头单位、配合单位、期限、依据）作为一个方案。",
            "Import a division table (id, task, lead, co-operating, deadline, source) as a plan.",
        ),
        "cli.tasks.import.path": (
            "分工表：.xlsx、.csv 或 .docx。",
            "A division table: .xlsx, .csv or .docx.",
        ),
        "cli.tasks.import.title": ("方案的标题。", "The plan's title."),
        "cli.tasks.import.plan_date": (
            "“年底前”等期限据以计算的日期。",
            "The date 年底前 etc. count from.",
        ),
        "cli.tasks.import.missing": ("没有此文件：{path}", "no such file: {path}"),
        "cli.tasks.import.done": (
            "{plan}：新增{added}项，更新{updated}项，未变{unchanged}项",
            "{plan}: {added} added, {updated} updated, {unchanged} unchanged",
        ),
        "cli.tasks.export": (
            "将任务台账导出为分工表（XLSX 或 CSV）。",
            "Export the ledger as a division table (XLSX or CSV).",
        ),
        "cli.tasks.export.out": (
            "要写出的文件：.xlsx 或 .csv。",
            "The file to write: .xlsx or .csv.",
        ),
        "cli.tasks.export.done": (
            "已将{count}项任务写入 {path}。",
            "Wrote {count} task(s) to {path}.",
        ),
        "cli.tasks.evidence": (
            "为任务附上佐证：已存储的文件或条文，或作为附件的文件。",
            "Attach evidence to a task: a stored document or article, or a file as its attachment.",
        ),
        "cli.tasks.evidence.ref": (
            "能说明工作已完成的 DOC 或 DOC/ARTICLE"
            "，或附在任务上的 FILE（随任务保存，不加入法规库）。",
            "DOC or DOC/ARTICLE that shows the work done, or a FILE to attach to the task (kept "
            "with the task, never added to the library).",
        ),
        "cli.tasks.evidence.note": ("它说明了什么。", "What it shows."),
        "cli.tasks.evidence.as": ("以此账户的身份操作。", "Act as this account."),
        "cli.tasks.evidence.file": (
            "已将 {name}（{size} 字节，sha256 {digest}）附到 {task}；它随任务保存，不加入法规库。",
            "Attached {name} ({size} bytes, sha256 {digest}) to {task}; it is kept with the task, "
            "not added to the library.",
        ),
        "cli.tasks.evidence.done": (
            "已将佐证 {target} 附到 {task}。",
            "Evidence {target} attached to {task}.",
        ),
        "cli.tasks.report": (
            "写出某日的进展通报（DOCX 或 XLSX）。",
            "Write the progress report (通报) for a date as DOCX or XLSX.",
        ),
        "cli.tasks.report.out": ("通报文件：.docx 或 .xlsx。", "The report file: .docx or .xlsx."),
        "cli.tasks.report.app_url": (
            "应用的网址，用于链接回各项的原文。",
            "The app's address, for links back to each item's text.",
        ),
        "cli.tasks.report.record": (
            "记住本次通报（下次通报列出此后完成的任务）。",
            "Remember this report (the next one lists what was completed since).",
        ),
        "cli.tasks.report.done": (
            "已写出 {path}：任务{total}项，已完成{completed}"
            "项，逾期{overdue}项，自{since}以来完成{recent}项。",
            "Wrote {path}: {total} tasks, {completed} completed, {overdue} overdue, {recent} "
            "completed since {since}.",
        ),
        "cli.tasks.report.start": ("开始", "the start"),
        "cli.tasks.verify_audit": (
            "核验审计链：哈希链、链头与签名检查点、任务与"
            "其记录是否一致（有记录被改动或删除、链被截短"
            "或改写、检查点被伪造或缺失、任务未经审计记录被改动时以 1 退出）。",
            "Verify the audit trail: the hash chain, its head against the signed checkpoint, and "
            "the tasks against their rows (exit 1 if a row was changed or removed, the chain cut "
            "short or rewritten, the checkpoint forged or missing, or a task changed without an "
            "audit row).",
        ),
        "cli.tasks.verify_audit.reanchor": (
            "检查之后，按当前状态重新签署链头（管理员的决定：检查点落后、缺失或无法读取，且确知记录"
            "无误时使用）。",
            "After checking, sign the chain's head as it is now (an admin's decision, when the "
            "checkpoint is behind, missing or unreadable and the rows are known to be right).",
        ),
        "cli.tasks.verify_audit.reanchored": (
            "已重新签署：检查点现签署第{row}行（共{rows}行）；请在别处保存一份。此前：",
            "Re-anchored: the checkpoint now signs row {row} ({rows} row(s)); keep a copy of it "
            "elsewhere. Before:",
        ),
        "cli.tasks.verify_audit.was": ("  此前：{line}", "  was: {line}"),
        "cli.tasks.verify_audit.nothing": ("无问题", "nothing to report"),
        "cli.tasks.verify_audit.intact": (
            "审计链完好：共{rows}行。",
            "Audit chain intact: {rows} row(s).",
        ),
        "cli.tasks.verify_audit.broken": (
            "审计链已损坏：共{rows}行。",
            "Audit chain BROKEN: {rows} row(s).",
        ),
        "cli.tasks.verify_audit.warning": ("  警告：{text}", "  warning: {text}"),
        "cli.tasks.disabled": ("账户 {username} 已停用", "the account {username} is disabled"),
        # the positional arguments' names in usage lines, argument tables and missing-argument
        # errors (English keeps the parameter names)
        "cli.metavar.query": ("检索词", "query"),
        "cli.metavar.ref": ("文件", "ref"),
        "cli.metavar.show_ref": ("文件或条文", "ref"),
        "cli.metavar.document": ("文件编号", "ref"),
        "cli.metavar.plan": ("工作方案", "ref"),
        "cli.metavar.evidence": ("依据", "ref"),
        "cli.metavar.paths": ("路径", "paths"),
        "cli.metavar.finding": ("问题编号", "finding"),
        "cli.metavar.decision": ("决定", "decision"),
        "cli.metavar.old": ("旧版本", "old"),
        "cli.metavar.new": ("新版本", "new"),
        "cli.metavar.table": ("分工表", "path"),
        "cli.metavar.task": ("任务", "task"),
        "cli.metavar.username": ("用户名", "username"),
        "cli.metavar.dest": ("备份位置", "dest"),
        "cli.metavar.source": ("备份", "source"),
    }
)
