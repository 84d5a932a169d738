"""The knowledge base's error messages as the `policylens` command shows them (issue 18).

The knowledge base (``index/``) words its errors in English, and those words are also stored
and logged; the command translates them where it prints them (:func:`ui.cli.words.in_language`):
each English text is the exact template ``index/`` raises, with ``{name}`` where it puts a
value, and the Chinese keeps those values. A message no template knows is shown as raised.
The last group are the command's own words for what SQLite and the operating system raise.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # documents and provisions (index/store/database.py, index/study, index/review)
    "cli.kb.no_document": (
        "没有文件 {ref}；请用 `policylens docs` 查看已有文件",
        "no document {ref}; see `policylens docs`",
    ),
    "cli.kb.no_document_like": (
        "没有文件 {ref}；您是指 {like} 吗？",
        "no document {ref}; did you mean {like}?",
    ),
    "cli.kb.no_provision": (
        "{document} 中没有条款 {provision}",
        "{document} has no provision {provision}",
    ),
    "cli.kb.no_article": (
        "{document} 中没有条文 {ref}；请用 `policylens show {document}` 查看",
        "{document} has no article {ref}; see `policylens show {document}`",
    ),
    "cli.kb.no_basis": (
        "{document} 的前几条没有写明制定依据；请用 --against 指定上位法",
        "{document} declares no legal basis in its first articles; give the upper law with "
        "--against",
    ),
    # review decisions
    "cli.kb.no_finding": (
        "没有审查意见 {finding}；请先运行 `policylens review DOC`",
        "no finding {finding}; run `policylens review DOC` first",
    ),
    "cli.kb.bad_decision": (
        "处理意见 {decision}：请用 accepted（采纳）或 dismissed（不予采纳）",
        "decision {decision}: use accepted or dismissed",
    ),
    # tasks
    "cli.kb.no_task": (
        "没有任务 {ref}；请用 `policylens tasks list` 查看",
        "no task {ref}; see `policylens tasks list`",
    ),
    "cli.kb.bad_status": (
        "状态 {status}：请用 {choices} 之一",
        "status {status}: use one of {choices}",
    ),
    "cli.kb.bad_move": (
        "任务{number}不能从“{old}”直接改为“{new}”",
        "T-{number} cannot go from {old} to {new}",
    ),
    # the statuses those messages name, by code (the CLI takes these names too)
    "cli.kb.status.not_started": ("未启动", "not_started"),
    "cli.kb.status.in_progress": ("推进中", "in_progress"),
    "cli.kb.status.completed": ("已完成", "completed"),
    "cli.kb.status.suspended": ("暂停", "suspended"),
    "cli.kb.bad_progress": (
        "进度 {progress}：请给出 0 到 100 之间的百分数",
        "progress {progress}: give a percentage from 0 to 100",
    ),
    "cli.kb.progress_done": (
        "进度 100 即已完成：请把任务{number}的状态设为“已完成”",
        "progress 100 means completed: set T-{number} to completed",
    ),
    "cli.kb.completed_partly": (
        "任务{number}：已完成即完成 100%，而不是 {progress}%；请把进度设为 100，或保持任务为进行中",
        "T-{number}: completed means 100 % done, not {progress} %; give progress 100 or keep "
        "the task in progress",
    ),
    "cli.kb.future_completion": (
        "任务{number}：完成日期 {day} 在将来",
        "T-{number}: completed on {day} is in the future",
    ),
    "cli.kb.completion_needs_status": (
        "任务{number}：填写完成日期须同时把状态设为“已完成”",
        "T-{number}: a completion date needs status completed",
    ),
    "cli.kb.conflict": (
        "任务{number}已被 {user} 于 {when}（协调世界时）修改；请重新读取后再试",
        "T-{number} was changed by {user} at {when} UTC; reload it and try again",
    ),
    # a plan's notes the task reader could not attribute (nlp/plans/noted_items.py)
    "cli.kb.note_unattached": (
        "分工说明出现在它可能指派的任何事项之前：{quote}",
        "a responsibility note stands before any item: {quote}",
    ),
    "cli.kb.note_unread": (
        "无法读取的分工说明：{quote}",
        "a note the reader could not parse: {quote}",
    ),
    # accounts
    "cli.kb.no_user": (
        "没有用户 {name}；请用 `policylens users list` 查看",
        "no user {name}; see `policylens users list`",
    ),
    "cli.kb.user_exists": ("用户 {name} 已存在", "user {name} exists already"),
    "cli.kb.bad_username": (
        "用户名 {name}：请用 2-32 个小写字母、数字、“.”、“_”或“-”",
        "user name {name}: use 2-32 lower-case letters, digits, '.', '_' or '-'",
    ),
    "cli.kb.needs_department": ("部门用户须指定所属单位", "a department user needs a department"),
    "cli.kb.short_password": (
        "密码至少须有 {count} 个字符",
        "a password needs at least {count} characters",
    ),
    "cli.kb.last_admin": (
        "{name} 是最后一个启用的管理员；请先添加另一个管理员",
        "{name} is the last active admin; add another admin first",
    ),
    "cli.kb.may_not": ("{user}（{role}）无权{action}", "{user} ({role}) may not {action}"),
    "cli.kb.may_not_for": (
        "{user}（{role}）无权为{department}{action}",
        "{user} ({role}) may not {action} for {department}",
    ),
    # the words these messages put in (a role, a permission), looked up whole
    "cli.kb.role.admin": ("管理员", "admin"),
    "cli.kb.role.reviewer": ("审查人员", "reviewer"),
    "cli.kb.role.department": ("部门用户", "department"),
    "cli.kb.role.viewer": ("查阅人员", "viewer"),
    "cli.kb.action.search": ("检索和阅读文件", "search"),
    "cli.kb.action.upload": ("上传文件", "upload"),
    "cli.kb.action.ingest_folder": ("导入服务器上的文件夹", "ingest folder"),
    "cli.kb.action.remove_document": ("删除文件", "remove document"),
    "cli.kb.action.review": ("处理审查意见", "review"),
    "cli.kb.action.update_tasks": ("更新任务", "update tasks"),
    "cli.kb.action.manage_users": ("管理账户", "manage users"),
    "cli.kb.action.manage_plans": ("管理工作方案", "manage plans"),
    "cli.kb.action.own_settings": ("更改自己的设置", "own settings"),
    # backups and the store (index/store/backup.py, index/store/files.py)
    "cli.kb.backup_exists": (
        "{dest} 已存在；备份从不覆盖文件，请换一个文件名",
        "{dest} exists; a backup never overwrites a file, give a new name",
    ),
    "cli.kb.nothing_to_back_up": ("没有可备份的存储 {path}", "there is no store {path} to back up"),
    "cli.kb.no_backup": ("没有备份文件 {source}", "no backup file {source}"),
    "cli.kb.not_sqlite": (
        "{name} 不是完好的 SQLite 数据库（{cause}）；未做任何更改",
        "{name} is not a sound SQLite database ({cause}); nothing changed",
    ),
    "cli.kb.not_a_store": (
        "{name} 不是 PolicyLens 存储（缺少 {missing}）",
        "{name} is not a PolicyLens store (no {missing})",
    ),
    "cli.kb.damaged": (
        "存储 {path} 已损坏（{cause}）；请用 `policylens restore BACKUP` 恢复备份（由 "
        "`policylens backup` 制作），然后运行 `policylens rebuild`",
        "the store {path} is damaged ({cause}); restore a backup with `policylens restore "
        "BACKUP` (made by `policylens backup`), then run `policylens rebuild`",
    ),
    "cli.kb.full": (
        "{where} 没有剩余空间（{cause}）；请腾出磁盘空间后重新运行命令",
        "no space left for {where} ({cause}); free disk space and run the command again",
    ),
    # the search index's files (index/search/generations.py)
    "cli.kb.no_index": (
        "{folder} 中没有检索索引；请运行 `policylens rebuild`",
        "no search index in {folder}; run `policylens rebuild`",
    ),
    "cli.kb.index_file_missing": (
        "索引文件 {file} 缺失；请运行 `policylens rebuild`",
        "index file {file} is missing; run `policylens rebuild`",
    ),
    "cli.kb.index_file_checksum": (
        "索引文件 {file} 校验和不符；请运行 `policylens rebuild`",
        "index file {file} fails its checksum; run `policylens rebuild`",
    ),
    "cli.kb.index_file_size": (
        "索引文件 {file} 有 {size} 字节，清单记录为 {expected}；请运行 `policylens rebuild`",
        "index file {file} has {size} bytes, the manifest says {expected}; run `policylens "
        "rebuild`",
    ),
    "cli.kb.index_unreadable": (
        "{path} 中的索引无法读取（{cause}）；请运行 `policylens rebuild`",
        "index in {path} cannot be read ({cause}); run `policylens rebuild`",
    ),
    "cli.kb.manifest_unreadable": (
        "索引清单 {path} 无法读取（{cause}）；请运行 `policylens rebuild`",
        "index manifest {path} is unreadable ({cause}); run `policylens rebuild`",
    ),
    "cli.kb.store_missing": (
        "存储 {path} 缺失，但工作区在 {index} 中有检索索引：存储被删除或移走，不会重新建立空存储；"
        "请用 `policylens restore BACKUP` 恢复备份，或删除 {index} 后重新导入文件",
        "the store {path} is missing, but the workspace has search indexes in {index}: it was "
        "deleted or moved, and is not recreated empty; restore a backup with `policylens "
        "restore BACKUP`, or remove {index} and ingest the files again",
    ),
    # the command's own words for SQLite's and the system's errors (ui/cli/errors.py)
    "cli.kb.busy": (
        "{store} 正忙（{cause}）：另一个命令或应用正在写入；请稍后再试",
        "{store} is busy ({cause}): another command or the app is writing; try again",
    ),
    "cli.kb.read_only": (
        "无法写入 {store}（{cause}）；请检查其文件夹是否存在、您是否有权写入该文件夹及其中的文件，"
        "或用 --home 选择另一个工作区",
        "cannot write {store} ({cause}); check that its folder exists and that you may write "
        "to it and its files, or choose another workspace with --home",
    ),
    "cli.kb.sqlite": (
        "{store}：{cause}；请运行 `policylens verify` 检查工作区",
        "{store}: {cause}; run `policylens verify` to check the workspace",
    ),
    "cli.kb.denied": (
        "无法写入 {where}（{cause}）；请检查文件的所有者和权限，或用 --home 选择另一个工作区",
        "cannot write {where} ({cause}); check the file's owner and mode, or choose another "
        "workspace with --home",
    ),
    "cli.kb.the_store": ("工作区的存储", "the workspace's store"),
    "cli.kb.the_workspace": ("工作区", "the workspace"),
}
