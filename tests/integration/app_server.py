"""One app server for the several-servers test: a process of its own on the shared store,
using the service layer the app's pages use (``ui.data``: the per-process served index, the job
runner and its worker, a store per request), driven by JSON lines on stdin.

Run as ``python -m tests.integration.app_server`` with $POLICYLENS_HOME (this server's own
folder) and $POLICYLENS_DATABASE_URL (the shared store). Each request is one JSON object with an
``op``; each answer is one JSON line on stdout: ``{"ok": true, ...}`` or ``{"ok": false,
"error": ...}``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

# Streamlit's cache warns on stderr outside `streamlit run`; the answers go to stdout only.
logging.disable(logging.WARNING)

from index.accounts import OPERATOR, Accounts, Role  # noqa: E402
from index.bulk.handlers import (  # noqa: E402
    FOLDER,
    UPLOAD,
    default_handlers,
    folder_job,
    job_result,
    upload_job,
)
from index.bulk.queue import JobQueue, QueueRunner  # noqa: E402
from index.library.changes import Upload  # noqa: E402
from index.tasks.attachments import attach_file, attachment_bytes  # noqa: E402
from index.tasks.ledger import Ledger  # noqa: E402
from index.tasks.records import TaskChange, TaskRecord  # noqa: E402
from ui import data  # noqa: E402

PASSWORD = "correct horse battery"


def handle(request: dict[str, Any], runner: list[QueueRunner]) -> dict[str, Any]:
    """Answer one request."""
    op = request["op"]
    if op == "hello":
        return {"pid": os.getpid()}
    if op == "worker":  # start this server's job worker (every page of the app does)
        lease = request.get("lease")
        if lease is None:
            runner.append(data.job_runner())
        else:  # the same runner as ui.data's, with a short lease for the takeover test
            home = data.home()
            runner.append(
                QueueRunner(home, default_handlers(home), lease=lease, decode=job_result).start()
            )
        return {"worker": runner[-1].worker}
    if op == "add_user":
        with data.store() as store:
            Accounts(store).add(OPERATOR, request["user"], PASSWORD, Role.ADMIN)
        return {}
    if op == "upload":  # what the ingest page sends: the file saved, an upload job queued
        with data.store() as store:
            user = Accounts(store).get(request["user"])
        payload = upload_job(data.home(), user, [Upload(request["name"], request["text"].encode())])
        if request.get("queue_only"):  # queued, and this server stops before running it
            with data.store() as store:
                job_id = JobQueue(store).submit(UPLOAD, user.username, request["name"], payload)
            return {"job": str(job_id)}
        job = (runner[-1] if runner else data.job_runner()).submit(
            UPLOAD, user.username, request["name"], payload
        )
        return {"job": job}
    if op == "folder":  # an admin's server folder, queued as the ingest page does
        with data.store() as store:
            user = Accounts(store).get(request["user"])
        job = runner[-1].submit(
            FOLDER, user.username, request["folder"], folder_job(user, Path(request["folder"]))
        )
        return {"job": job}
    if op == "job":
        with data.store() as store:
            view = JobQueue(store).view(int(request["job"]))
            held = store.db.execute(
                "SELECT claimed_by, attempts FROM jobs WHERE id=?", (int(request["job"]),)
            ).fetchone()
        assert view is not None
        return {
            "state": view.state,
            "error": view.error,
            "results": list(view.results),
            "claimed_by": held[0],
            "attempts": int(held[1]),
        }
    if op == "search":  # what the search page does for one query
        started = time.perf_counter()
        with data.search_engine() as engine:
            hits = engine.search(request["query"], 5)
            generation = engine.generation.path.name
        return {
            "documents": [h.document_id for h in hits],
            "generation": generation,
            "seconds": time.perf_counter() - started,
        }
    if op == "save_plan":
        with data.store() as store:
            user = Accounts(store).get(request["user"])
            Ledger(store).save_plan(
                user, request["plan"], "两台服务器", [TaskRecord(request["key"], "检查任务")]
            )
        return {}
    if op == "task":
        with data.store() as store:
            task = Ledger(store).task(request["ref"])
        return {"status": task.status, "version": task.version, "note": task.note}
    if op == "update":
        with data.store() as store:
            user = Accounts(store).get(request["user"])
            task = Ledger(store).update(
                user,
                request["ref"],
                TaskChange(status=request["status"], note=request["note"]),
                expected_version=request["version"],
                on=date(2026, 1, 5),
            )
        return {"version": task.version}
    if op == "attach":  # a task card's evidence file, as the tasks page attaches it
        with data.store() as store:
            user = Accounts(store).get(request["user"])
            attached = attach_file(
                store, user, request["ref"], request["name"], request["text"].encode()
            )
        return {"id": attached.id}
    if op == "attachment":  # the task card's download button
        with data.store() as store:
            user = Accounts(store).get(request["user"])
            found, content = attachment_bytes(store, user, int(request["id"]))
        return {"name": found.file_name, "text": content.decode()}
    if op == "verify":  # `policylens tasks verify-audit` on this server's workspace
        with data.store() as store:
            check = Ledger(store).verify_audit()
        return {"check": check.to_dict()}
    raise ValueError(f"unknown op {op!r}")


def main() -> None:
    runner: list[QueueRunner] = []
    for line in sys.stdin:
        try:
            answer = {"ok": True, **handle(json.loads(line), runner)}
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the test
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
