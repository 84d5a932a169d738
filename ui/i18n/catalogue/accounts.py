"""The Users page (admins) and My account: accounts, roles, passwords, the account log."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # My account
    "account.who": ("**{name}** · 角色：**{role}**", "**{name}** · role **{role}**"),
    "account.who_department": (
        "**{name}** · 角色：**{role}** · 单位：**{department}**",
        "**{name}** · role **{role}** · department **{department}**",
    ),
    "account.change_password": ("修改密码", "Change password"),
    "account.current": ("当前密码", "Current password"),
    "account.new": ("新密码", "New password"),
    "account.new_help": ("至少10个字符", "At least 10 characters"),
    "account.again": ("再次输入新密码", "New password again"),
    "account.wrong_current": ("当前密码不正确。", "The current password is not right."),
    "account.differ": ("两次输入的新密码不一致。", "The two new passwords differ."),
    "account.too_short": (
        "密码至少需要{count}个字符。",
        "A password needs at least {count} characters.",
    ),
    "account.changed": ("密码已修改。", "Password changed."),
    "account.sign_out": ("退出登录", "Sign out"),
    "account.language_note": (
        "界面语言可在侧栏切换，并随账户保存。",
        "Switch the interface language in the sidebar; your account keeps the choice.",
    ),
    # Users: adding
    "users.add_title": ("添加用户", "Add a user"),
    "users.username": ("用户名", "User name"),
    "users.username_help": (
        "2至32个小写字母、数字或“.”“_”“-”",
        "2-32 lower-case letters, digits, '.', '_' or '-'",
    ),
    "users.initial_password": ("初始密码", "Initial password"),
    "users.role": ("角色", "Role"),
    "users.department": ("单位", "Department"),
    "users.department_help": (
        "部门用户必填。可从列表中选择已跟踪工作方案中的单位或国务院部门，也可直接输入单位全称"
        "（如“示例市应急管理局”）后按回车。",
        "Required for department users. Choose a body named by a tracked plan or a State Council "
        "department, or type the unit's name and press Enter.",
    ),
    "users.department_placeholder": ("选择或输入单位", "Choose or type a unit"),
    "users.add": ("添加用户", "Add user"),
    "users.added": ("已添加 {name}（{role}）。", "Added {name} ({role})."),
    "users.needs_department": (
        "部门用户必须填写所属单位。",
        "A department user needs a department.",
    ),
    # Users: the table and one account
    "users.accounts": ("账户", "Accounts"),
    "users.column_username": ("用户名", "user name"),
    "users.column_role": ("角色", "role"),
    "users.column_department": ("单位", "department"),
    "users.column_active": ("状态", "state"),
    "users.column_created": ("创建时间", "created"),
    "users.column_last_login": ("最近登录", "last sign-in"),
    "users.column_locked": ("锁定至", "locked until"),
    "users.active": ("启用", "active"),
    "users.disabled": ("停用", "disabled"),
    "users.account": ("账户", "Account"),
    "users.choose": ("选择账户", "Choose an account"),
    "users.disable": ("停用", "Disable"),
    "users.enable": ("启用", "Enable"),
    "users.change_role": ("更改角色", "Change the role"),
    "users.new_role": ("新角色", "New role"),
    "users.save_role": ("保存角色", "Save role"),
    "users.role_changed": (
        "{name} 的角色已改为{role}。",
        "{name} is now {role}.",
    ),
    "users.last_admin": (
        "{name} 是最后一个启用的管理员，请先添加另一位管理员。",
        "{name} is the last active admin; add another admin first.",
    ),
    "users.reset_password": ("重置密码", "Reset the password"),
    "users.reset_new": ("新密码", "New password"),
    "users.reset_again": ("再次输入新密码", "New password again"),
    "users.reset": ("重置密码", "Reset password"),
    "users.reset_done": (
        "{name} 的密码已重置，请通过安全渠道告知本人。",
        "The password of {name} is reset; tell them by a safe channel.",
    ),
    "users.history": ("账户记录", "Account history"),
    "users.column_at": ("时间", "at"),
    "users.column_actor": ("操作人", "by"),
    "users.column_event": ("事项", "event"),
    "users.column_detail": ("详情", "detail"),
    # account log events (index/accounts.py)
    "users.event.created": ("创建", "created"),
    "users.event.disabled": ("停用", "disabled"),
    "users.event.enabled": ("启用", "enabled"),
    "users.event.password": ("修改密码", "password"),
    "users.event.role": ("更改角色", "role"),
    "users.event.locked": ("锁定", "locked"),
    "users.event.login_failed": ("登录失败", "login failed"),
    "users.event.login_refused": ("拒绝登录", "login refused"),
    "users.refused_disabled": ("账户已停用", "disabled"),
    "users.refused_locked": ("账户锁定至{until}", "locked until {until}"),
}
