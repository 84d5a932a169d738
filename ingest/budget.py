"""A time budget for one step of parsing (a PDF page, a PDF's page tree) inside the worker.

The worker's overall limit stops a file that takes too long, but only after the whole limit: a
521-byte PDF whose objects refer to each other in a loop would hold a worker for two minutes. A
step that overruns its budget raises :class:`BudgetExceeded` from a SIGALRM timer, which the
reader turns into a finding. Python-level loops are interrupted; a long call into C (one zlib
call) ends first.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# Seconds one PDF page (or a PDF's page tree) may take; the worker sets it from ``Limits``.
PAGE_SECONDS = 15.0


class BudgetExceeded(BaseException):
    """A step ran past its time budget.

    A BaseException, so that a library's ``except Exception`` cannot swallow it; the reader that
    set the budget catches it.
    """


@contextmanager
def time_budget(seconds: float | None, what: str) -> Iterator[None]:
    """Run the block under a time budget of ``seconds`` (none if 0 or None).

    Only in the main thread (where signals are delivered) of a platform with ``setitimer``;
    elsewhere the block runs without a budget and the worker's overall limit still applies.

    Args:
        seconds: the budget.
        what: what the block does, for the exception's message ("page 3").

    Raises:
        BudgetExceeded: when the block runs past the budget.
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise BudgetExceeded(f"{what} took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
