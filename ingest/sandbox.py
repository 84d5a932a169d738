"""Parsing in a child process with a time and memory limit, killed cleanly when it overruns.

pdfminer is known to hang or blow up on some files; a worker process keeps that from taking the
whole batch (or the Streamlit server) down with it.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import select
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest import budget
from ingest.errors import finding, memory_exhausted
from ingest.ids import sha256_bytes
from ingest.model import IngestResult, Status
from ingest.parse import failed, parse_bytes

logger = logging.getLogger(__name__)
_STARTUP_SECONDS = 60.0
_EXIT_MEMORY = 3  # the worker's exit status when it ran out of memory outside a parse
# A worker killed by a signal after using this share of its memory limit died of the limit.
_MEMORY_DEATH_SHARE = 0.5
# Exceptions of damaged input that escaped a reader: a deflate stream, a zip, a file cut short.
_DAMAGED = (zlib.error, zipfile.BadZipFile, EOFError)


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits; validated on creation.

    The defaults fit each other, measured in the worker on this project's development machine:
    a plain-text law of 64 MB took 25-35 s (0.4-0.55 s/MB) and 1.3 GB at its peak, 128 MB took
    77 s (0.6 s/MB) and 2.5 GB. So the largest file accepted is 100 MB (about 2 GB, inside
    the 3 GB memory limit), and the time limit grows with the file: ``seconds`` or
    ``seconds_per_mb`` for each MB, whichever is more (2 s/MB leaves three times the measured
    rate for a slower machine). ``page_seconds`` is what one PDF page, or a PDF's page tree,
    may take, so that a tiny file whose structure loops cannot hold a worker for the whole limit.
    """

    seconds: float = 120.0
    memory_mb: int = 3072
    max_file_mb: int = 100
    page_seconds: float = budget.PAGE_SECONDS
    seconds_per_mb: float = 2.0

    def __post_init__(self) -> None:
        if (
            self.seconds <= 0
            or self.memory_mb < 256
            or self.max_file_mb <= 0
            or self.page_seconds <= 0
            or self.seconds_per_mb < 0
        ):
            raise ValueError(f"limits out of range: {self}")

    def seconds_for(self, size: int) -> float:
        """The time limit for a file of ``size`` bytes: ``seconds``, or more for a large file."""
        return max(self.seconds, self.seconds_per_mb * size / 2**20)


def _memory_limit(path: Path, data: bytes) -> IngestResult:
    return failed(
        str(path),
        sha256_bytes(data),
        "INGEST_MEMORY_LIMIT",
        f"{path}: parsing needed more memory than the limit (a compressed stream that expands "
        "to gigabytes?); the file may be damaged — raise --memory-limit only if it is not",
    )


def parse_guarded(path: Path, data: bytes, entry: Mapping[str, str] | None) -> IngestResult:
    """The per-document boundary: any failure of the parser becomes a FAILED result.

    Running out of memory is INGEST_MEMORY_LIMIT; damaged compressed data that a reader did not
    catch (zlib, zip, a stream cut short) is INGEST_CORRUPT_FILE; anything else is
    INGEST_PARSER_CRASHED with the exception in one line (the traceback only at DEBUG level).
    """
    sha = sha256_bytes(data)
    try:
        return parse_bytes(path, data, entry)
    except MemoryError:
        return _memory_limit(path, data)
    except RecursionError as exc:
        return failed(
            str(path),
            sha,
            "INGEST_PARSER_CRASHED",
            f"{path}: the parser recursed too deeply ({exc})",
        )
    except budget.BudgetExceeded as exc:
        return failed(
            str(path), sha, "INGEST_CORRUPT_FILE", f"{path}: {exc}; the file may be damaged"
        )
    except Exception as exc:
        if memory_exhausted(exc):
            return _memory_limit(path, data)
        logger.debug("parser failed on %s", path, exc_info=True)
        if isinstance(exc, _DAMAGED):
            return failed(
                str(path),
                sha,
                "INGEST_CORRUPT_FILE",
                f"{path}: the file is damaged ({type(exc).__name__}: {exc})",
            )
        return failed(
            str(path),
            sha,
            "INGEST_PARSER_CRASHED",
            f"{path}: the parser failed: {type(exc).__name__}: {exc} "
            "(run with --debug for details)",
        )


def _send(fd: int, obj: object) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(struct.pack("<Q", len(payload)) + payload)
    while view:
        view = view[os.write(fd, view) :]


def _read_exact(fd: int, n: int) -> bytes:
    chunks: list[bytes] = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("worker closed its pipe")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int) -> Any:
    (size,) = struct.unpack("<Q", _read_exact(fd, 8))
    return pickle.loads(_read_exact(fd, size))


def worker_main(argv: list[str] | None = None) -> None:
    """The worker's loop: frames in, results out.

    Args:
        argv: ``[MEMORY_MB, PAGE_SECONDS, LOG_LEVEL]`` (each optional; defaults from Limits).
            A MemoryError outside a parse (sending a huge result) ends the worker with status 3,
            which the parent reports as INGEST_MEMORY_LIMIT.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    memory_mb = int(args[0]) if args else Limits().memory_mb
    budget.PAGE_SECONDS = float(args[1]) if len(args) > 1 else Limits().page_seconds
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    logging.basicConfig(level=logging.ERROR)  # libraries' warnings stay out of the output
    logging.getLogger("ingest").setLevel(int(args[2]) if len(args) > 2 else logging.ERROR)
    fd_in, fd_out = sys.stdin.fileno(), sys.stdout.fileno()
    sys.stdout = sys.stderr  # nothing but frames may reach the parent's pipe
    import ingest.readers  # noqa: F401 - load the readers before saying ready

    _send(fd_out, "ready")
    while True:
        try:
            message = _receive(fd_in)
        except EOFError:
            return
        if message is None:
            return
        path, data, entry = message
        try:
            _send(fd_out, parse_guarded(Path(path), data, entry))
        except MemoryError:
            os._exit(_EXIT_MEMORY)


class SandboxedParser:
    """A reusable worker process that parses one file at a time under limits.

    The worker is a plain ``python -m ingest.sandbox`` child (not multiprocessing, which would
    re-import the caller's main script), started on first use and restarted after a file that
    overran its limits or killed it. Use as a context manager.
    """

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> SandboxedParser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            # -c, not -m: "python -m ingest.sandbox" warns on stderr that the package imported
            # the module before it ran as __main__.
            self._proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from ingest.sandbox import worker_main; worker_main()",
                    str(self.limits.memory_mb),
                    str(self.limits.page_seconds),
                    str(logging.DEBUG if logger.isEnabledFor(logging.DEBUG) else logging.ERROR),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=0,
            )
            # The time limit is for parsing, so wait for the worker's start-up separately.
            assert self._proc.stdout is not None
            ready, _, _ = select.select([self._proc.stdout], [], [], _STARTUP_SECONDS)
            if not ready or _receive(self._proc.stdout.fileno()) != "ready":
                self._kill()
                raise RuntimeError("the parsing worker did not start; run with --debug")
        return self._proc

    def _kill(self, dying: bool = False) -> tuple[int | None, int]:
        """Stop and reap the worker: its exit status and its peak memory (KB, 0 if unknown).

        Args:
            dying: the worker closed its pipe; give it a moment to exit with its own status.
        """
        proc, self._proc = self._proc, None
        if proc is None:
            return None, 0
        if proc.returncode is None:
            if dying:
                _wait_exit(proc.pid, 2.0)
            proc.kill()  # a zombie ignores it and keeps its own status
        peak = 0
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss
        except ChildProcessError:  # already reaped by poll()
            proc.wait(5)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        return proc.returncode, peak

    def close(self) -> None:
        """Stop the worker."""
        if self._proc is not None and self._proc.poll() is None and self._proc.stdin:
            try:
                _send(self._proc.stdin.fileno(), None)
                self._proc.wait(2)
            except (BrokenPipeError, OSError, subprocess.TimeoutExpired):
                pass
        self._kill()

    def parse(
        self, path: Path, data: bytes, entry: Mapping[str, str] | None = None
    ) -> IngestResult:
        """Parse one file in the worker; an overrun or a crash gives a FAILED result."""
        sha = sha256_bytes(data)
        if len(data) > self.limits.max_file_mb * 1024 * 1024:
            return failed(
                str(path),
                sha,
                "INGEST_TOO_LARGE",
                f"{path}: {len(data) / 2**20:.0f} MB is over the "
                f"{self.limits.max_file_mb} MB limit",
            )
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        seconds = self.limits.seconds_for(len(data))
        try:
            _send(proc.stdin.fileno(), (str(path), data, dict(entry or {})))
            ready, _, _ = select.select([proc.stdout], [], [], seconds)
            if ready:
                result: IngestResult = _receive(proc.stdout.fileno())
                if any(f.code == "INGEST_MEMORY_LIMIT" for f in result.findings):
                    self._kill()  # a MemoryError can leave the worker in a bad state
                return result
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError, pickle.PickleError):
            return self._died(path, sha, *self._kill(dying=True))
        self._kill()
        return IngestResult(
            str(path),
            Status.FAILED,
            None,
            (
                finding(
                    "INGEST_TIMEOUT",
                    f"{path}: parsing took longer than {seconds:g} s and was stopped; "
                    "the file may be damaged or very large (raise the limit with --time-limit)",
                ),
            ),
            sha,
        )

    def _died(self, path: Path, sha: str, code: int | None, peak_kb: int) -> IngestResult:
        """The result for a worker that died while parsing ``path``."""
        limit_kb = self.limits.memory_mb * 1024
        if code == _EXIT_MEMORY or (
            code is not None and code < 0 and peak_kb >= _MEMORY_DEATH_SHARE * limit_kb
        ):
            return failed(
                str(path),
                sha,
                "INGEST_MEMORY_LIMIT",
                f"{path}: the parser ran out of its {self.limits.memory_mb} MB memory limit and "
                "was stopped (a compressed stream that expands to gigabytes?); the file may be "
                "damaged — raise --memory-limit only if it is not",
            )
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else -code
            why = f"died ({name})"
        else:
            why = f"stopped unexpectedly (exit {code})"
        return failed(
            str(path),
            sha,
            "INGEST_PARSER_CRASHED",
            f"{path}: the parser process {why}; the file may be damaged",
        )


def _wait_exit(pid: int, seconds: float) -> None:
    """Wait up to ``seconds`` for ``pid`` to exit, without reaping it (its status stays)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                return
        except ChildProcessError:
            return
        time.sleep(0.01)


if __name__ == "__main__":
    worker_main()
