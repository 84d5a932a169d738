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
import struct
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.errors import finding
from ingest.ids import sha256_bytes
from ingest.model import IngestResult, Status
from ingest.parse import failed, parse_bytes

logger = logging.getLogger(__name__)
_STARTUP_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits; validated on creation."""

    seconds: float = 120.0
    memory_mb: int = 3072
    max_file_mb: int = 200

    def __post_init__(self) -> None:
        if self.seconds <= 0 or self.memory_mb < 256 or self.max_file_mb <= 0:
            raise ValueError(f"limits out of range: {self}")


def parse_guarded(path: Path, data: bytes, entry: Mapping[str, str] | None) -> IngestResult:
    """The per-document boundary: any failure of the parser becomes a FAILED result."""
    try:
        return parse_bytes(path, data, entry)
    except MemoryError:
        return failed(
            str(path),
            sha256_bytes(data),
            "INGEST_MEMORY_LIMIT",
            f"{path}: parsing needed more memory than the limit; the file may be "
            "damaged or too large",
        )
    except RecursionError as exc:
        return failed(
            str(path),
            sha256_bytes(data),
            "INGEST_PARSER_CRASHED",
            f"{path}: the parser recursed too deeply ({exc})",
        )
    except Exception as exc:
        logger.exception("parser crashed on %s", path)
        return failed(
            str(path),
            sha256_bytes(data),
            "INGEST_PARSER_CRASHED",
            f"{path}: the parser failed: {type(exc).__name__}: {exc}",
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


def worker_main() -> None:
    """The worker's loop (``python -m ingest.sandbox MEMORY_MB``): frames in, results out."""
    memory_mb = int(sys.argv[1]) if len(sys.argv) > 1 else Limits().memory_mb
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    logging.basicConfig(level=logging.ERROR)
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
        _send(fd_out, parse_guarded(Path(path), data, entry))


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
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "ingest.sandbox", str(self.limits.memory_mb)],
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

    def _kill(self) -> int | None:
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        if proc.poll() is None:
            proc.kill()
        code = proc.wait(5)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        return code

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
        try:
            _send(proc.stdin.fileno(), (str(path), data, dict(entry or {})))
            ready, _, _ = select.select([proc.stdout], [], [], self.limits.seconds)
            if ready:
                result: IngestResult = _receive(proc.stdout.fileno())
                if any(f.code == "INGEST_MEMORY_LIMIT" for f in result.findings):
                    self._kill()  # a MemoryError can leave the worker in a bad state
                return result
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError, pickle.PickleError):
            code = self._kill()
            if code is not None and code < 0:
                return failed(
                    str(path),
                    sha,
                    "INGEST_PARSER_CRASHED",
                    f"{path}: the parser process died (signal {-code}); the file may be damaged",
                )
            return failed(
                str(path),
                sha,
                "INGEST_PARSER_CRASHED",
                f"{path}: the parser process died unexpectedly (exit {code})",
            )
        self._kill()
        return IngestResult(
            str(path),
            Status.FAILED,
            None,
            (
                finding(
                    "INGEST_TIMEOUT",
                    f"{path}: parsing took longer than {self.limits.seconds:g} s and was stopped; "
                    "the file may be damaged or very large (raise the limit with --time-limit)",
                ),
            ),
            sha,
        )


if __name__ == "__main__":
    worker_main()
