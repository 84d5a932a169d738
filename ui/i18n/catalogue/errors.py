"""The knowledge base's errors as the web app shows them (issue 18; :mod:`ui.i18n.errors`).

Each English text is the exact template ``index/`` raises, with ``{name}`` where it puts a
value; the Chinese names a task 任务N and a status as the page does. What this group does not
know, the web app reads with the CLI's ``cli.kb.*`` templates.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the task workflow (index/tasks/workflow.py)
    "errors.bad_move": (
        "任务{number}不能从“{old}”直接改为“{new}”",
        "T-{number} cannot go from {old} to {new}",
    ),
    "errors.bad_status": (
        "状态 {status} 无效：请从 {choices} 中选择",
        "status {status}: use one of {choices}",
    ),
    "errors.bad_progress": (
        "进度 {progress} 无效：请给出 0 到 100 之间的百分数",
        "progress {progress}: give a percentage from 0 to 100",
    ),
    "errors.progress_done": (
        "进度 100% 即表示已完成：请把任务{number}的状态设为“已完成”",
        "progress 100 means completed: set T-{number} to completed",
    ),
    "errors.completed_partly": (
        "任务{number}：“已完成”即完成 100%，而不是 {progress}%；请把进度设为 100%，或保持“推进中”",
        "T-{number}: completed means 100 % done, not {progress} %; give progress 100 or keep "
        "the task in progress",
    ),
    "errors.future_completion": (
        "任务{number}：完成日期 {day} 晚于今天",
        "T-{number}: completed on {day} is in the future",
    ),
    "errors.completion_needs_status": (
        "任务{number}：填写完成日期须同时把状态设为“已完成”",
        "T-{number}: a completion date needs status completed",
    ),
    # the task ledger (index/tasks/ledger.py)
    "errors.conflict": (
        "任务{number}已被 {user} 于 {when}（协调世界时）修改；请刷新页面后再试",
        "T-{number} was changed by {user} at {when} UTC; reload it and try again",
    ),
    "errors.lead_only": (
        "{user}（{role}）只能更改由{department}牵头的任务；任务{number}由{lead}牵头",
        "{user} ({role}) may change only tasks led by {department}; T-{number} is led by {lead}",
    ),
    "errors.own_body": ("本单位", "their own body"),
    "errors.no_body": ("（未指定牵头单位）", "no body"),
    "errors.no_task": ("没有任务 {ref}", "no task {ref}; see `policylens tasks list`"),
    # accounts (index/accounts.py)
    "errors.bad_username": (
        "用户名 {name} 不可用：请用 2-32 个小写英文字母、数字或“.”“_”“-”（不能用汉字或大写字母）",
        "user name {name}: use 2-32 lower-case letters, digits, '.', '_' or '-'",
    ),
    "errors.user_exists": ("用户 {name} 已存在", "user {name} exists already"),
    "errors.no_user": ("没有用户 {name}", "no user {name}; see `policylens users list`"),
    "errors.needs_department": (
        "部门用户须填写所属单位",
        "a department user needs a department",
    ),
    "errors.short_password": (
        "密码至少须有 {count} 个字符",
        "a password needs at least {count} characters",
    ),
    "errors.last_admin": (
        "{name} 是最后一个启用的管理员；请先添加另一个管理员",
        "{name} is the last active admin; add another admin first",
    ),
    # a review without an upper law (index/review)
    "errors.no_basis": (
        "{document} 的前几条没有写明制定依据：请在“对照的上位法”中选择要对照的法律",
        "{document} declares no legal basis in its first articles; give the upper law with "
        "--against",
    ),
    # the words these messages put in, looked up whole: a task's status as stored
    "errors.status.not_started": ("未启动", "not_started"),
    "errors.status.in_progress": ("推进中", "in_progress"),
    "errors.status.completed": ("已完成", "completed"),
    "errors.status.suspended": ("暂停", "suspended"),
}
