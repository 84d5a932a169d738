"""Words shared by every page: the app's name, navigation, sign-in, generic buttons."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "app.name": ("PolicyLens 安全生产法规智能平台", "PolicyLens"),
    "app.tagline": (
        "安全生产法律、法规、标准和工作方案：检索、比对、任务跟踪与学习。",
        "Work-safety laws, regulations and plans: search, compare, track and study.",
    ),
    "language.label": ("界面语言", "Interface language"),
    "common.choose": ("请选择", "Choose"),
}
