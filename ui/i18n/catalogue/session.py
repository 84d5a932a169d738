"""Words of signing in and out that the session code shows (ui/session.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "session.sign_in_page": ("登录", "Sign in"),
    "session.role_refused": (
        "无权访问此页面：您的角色（{role}）不能使用它。如需使用，请联系管理员。",
        "No access: your role ({role}) cannot use this page. Ask an admin if you need it.",
    ),
    "session.loading_model": ("正在加载语义检索模型…", "Loading the embedding model…"),
}
