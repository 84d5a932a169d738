"""The app shell: page and section names, the sidebar, roles, sign-in and the home page."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # pages and sections of the navigation
    "nav.sign_in": ("登录", "Sign in"),
    "shell.tab_title": ("{page} · PolicyLens", "{page} · PolicyLens"),
    "nav.home": ("首页", "Home"),
    "nav.search": ("检索", "Search"),
    "nav.documents": ("文件", "Documents"),
    "nav.tasks": ("任务", "Tasks"),
    "nav.study": ("学习", "Study"),
    "nav.review": ("审查", "Review"),
    "nav.ingest": ("导入", "Ingest"),
    "nav.users": ("用户", "Users"),
    "nav.account": ("我的账户", "My account"),
    "section.library": ("法规库", "Library"),
    "section.work": ("工作", "Work"),
    "section.account": ("账户", "Account"),
    # the sidebar
    "shell.signed_in": ("当前用户：**{name}**（{role}）", "Signed in as **{name}** ({role})"),
    "shell.signed_in_department": (
        "当前用户：**{name}**（{role} · {department}）",
        "Signed in as **{name}** ({role} · {department})",
    ),
    # roles
    "role.admin": ("管理员", "admin"),
    "role.reviewer": ("审查员", "reviewer"),
    "role.department": ("部门用户", "department"),
    "role.viewer": ("查阅用户", "viewer"),
    # sign-in
    "login.user": ("用户名", "User name"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Sign in"),
    "login.failed": (
        "用户名或密码错误，或账户已被锁定或停用；管理员可以解锁。",
        "Wrong user name or password, or the account is locked or disabled; an admin can "
        "unlock it.",
    ),
    "login.no_accounts": (
        "此工作区还没有账户。请用 `policylens users add NAME --role admin` 创建第一个管理员"
        "（或运行 `make demo`）。",
        "This workspace has no accounts yet. Create the first admin with "
        "`policylens users add NAME --role admin` (or run `make demo`).",
    ),
    # home
    "home.caption": (
        "安全生产法律、行政法规、标准、地方性法规和工作方案——按条检索，各版本对照查看。",
        "Laws, regulations, standards, local rules and work plans on work safety — searchable "
        "at article level, with their versions side by side.",
    ),
    "home.empty_upload": (
        "法规库为空。请在“导入”页面添加文件。",
        "The library is empty. Add documents on the Ingest page.",
    ),
    "home.empty_ask": (
        "法规库为空。请联系管理员或审查员添加文件。",
        "The library is empty. Ask an admin or reviewer to add documents.",
    ),
    "home.documents": ("文件", "Documents"),
    "home.works": ("法规", "Works"),
    "home.works_help": (
        "同一法规不论有几个版本只计一次",
        "Texts counted once however many versions they have",
    ),
    "home.articles": ("条文", "Articles"),
    "home.in_force": ("现行有效", "In force"),
    "home.search": ("检索法规库", "Search the library"),
    "home.browse": ("浏览文件", "Browse documents"),
    "home.by_level": ("按效力级别", "By level"),
    "home.by_region": ("按地区", "By region"),
    "home.by_status": ("按时效性", "By status"),
    "home.column_level": ("效力级别", "level"),
    "home.column_region": ("地区", "region"),
    "home.column_status": ("时效性", "status"),
    "home.column_documents": ("文件数", "documents"),
    "home.recent": ("最近变动", "Recent changes"),
    "home.nothing_yet": ("尚未添加任何文件。", "Nothing has been added yet."),
    "home.change_new_document": ("新文件", "new document"),
    "home.change_new_version": ("新版本", "new version"),
    "home.change_failed": ("导入失败", "failed"),
    "home.by": ("操作人：{name}", "by {name}"),
    # who did something, when it was not an account: the command line (index.accounts.OPERATOR)
    "actor.operator": ("命令行（管理员）", "operator"),
    "home.open": ("打开", "Open"),
}
