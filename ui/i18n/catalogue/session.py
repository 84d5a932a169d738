"""Words of signing in and out that the session code shows (ui/session.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "session.sign_in_page": ("登录", "Sign in"),
    "session.role_refused": (
        "您的角色（{role}）无权打开此页面。",
        "Your role ({role}) cannot open this page.",
    ),
    "session.loading_model": ("正在加载语义检索模型…", "Loading the embedding model…"),
}
