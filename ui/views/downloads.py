"""Download buttons that a second quick click does not break.

The file behind a button given a generator (``data=lambda: …``) is made when the user clicks.
By default the click also reran the page, and the rerun revoked the generator the browser still
held; a second click before the new page arrived asked for a file that no longer existed
(``MediaFileStorageError`` in the log, a failed download in the browser; issue 18). Here a click
does not rerun the page (``on_click="ignore"``), the button keeps one key across runs, and the
file is made at the click in the language of the page that showed the button, so what was
decided since (a review card reruns on its own) is in it.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.i18n import language, set_language


def in_language(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """``make`` run in the current page's language (the click runs in another thread, where
    the language would be the default)."""
    chosen = language()

    def run() -> bytes:
        set_language(chosen)
        return make()

    return run


def download(
    where: object,
    label: str,
    make: Callable[[], bytes],
    *,
    key: str,
    file_name: str,
    mime: str,
    icon: str | None = None,
) -> None:
    """A download button in ``where`` (``st`` or a column) whose file ``make`` builds on click.

    Every download button of the app is made here (``tests/ui/test_downloads.py`` fails on a
    ``download_button`` called anywhere else).
    """
    where.download_button(  # type: ignore[attr-defined]
        label,
        in_language(make),
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=icon,
    )
