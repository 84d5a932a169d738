"""Two app servers on one PostgreSQL store, each a process of its own with its own index folder
(``tests.integration.app_server``): a document sent to one is searchable on the other within
10 s without a restart, a task update through one is read at once by the other, a background
job outlives the server it was sent to, and the files one server receives (an upload, a task's
attachment) are read by the other from the store, with no folder shared between them.

Needs the PostgreSQL server of $POLICYLENS_TEST_DATABASE_URL (``.ci/run`` starts one);
skipped with the reason without it.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import filegen
from tests.backends import Server
from tests.index.support import CORPUS
from tests.integration.server_process import ServerError, ServerProcess

PROPAGATION_LIMIT = 10.0  # the goal, in seconds


AppServer = ServerProcess  # a failed or missing answer raises ServerError, failing the test


@pytest.fixture()
def shared_url(postgres_server: Server) -> Iterator[str]:
    """A migrated database of the test's own on the test server, dropped at the end."""
    with postgres_server.scope():
        yield postgres_server.url_for(postgres_server.create(postgres_server.template))


@pytest.fixture()
def servers(tmp_path: Path, shared_url: str) -> Iterator[tuple[AppServer, AppServer]]:
    """Servers A and B on the shared store, each with its own workspace folder."""
    started: list[AppServer] = []
    try:
        for name in ("a", "b"):
            started.append(AppServer(name, tmp_path / f"server-{name}", shared_url))
        started[0].ask("add_user", user="ada")
        yield started[0], started[1]
    finally:
        for server in started:
            server.close()


def regulation(title: str) -> str:
    return filegen.render_text(filegen.REGULATION._replace(title=title))


def wait_until_found(server: AppServer, query: str, document: str, limit: float) -> float:
    """Search ``server`` until ``document`` is among the hits; returns when (monotonic)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            found = server.ask("search", query=query)["documents"]
        except ServerError as exc:  # no index yet on this server
            if "IndexFilesError" not in str(exc):
                raise
            found = []
        if document in found:
            return time.monotonic()
        time.sleep(0.05)
    pytest.fail(f"{document} not searchable on server {server.name} within {limit:.0f} s")


def wait_for_job(server: AppServer, job: str, limit: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        view = server.ask("job", job=job)
        if view["state"] in ("done", "failed"):
            return view
        time.sleep(0.05)
    pytest.fail(f"job {job} still running after {limit:.0f} s")


def test_a_document_sent_to_one_server_is_searchable_on_the_other_within_10_s(
    servers: tuple[AppServer, AppServer],
) -> None:
    a, b = servers
    a.ask("worker")  # B runs no jobs here: what it finds, another server ingested
    first = "示例甲级高处作业安全管理规定"
    job = a.ask("upload", user="ada", name="first.txt", text=regulation(first))["job"]
    (outcome,) = wait_for_job(a, job)["results"]
    wait_until_found(b, first, outcome["document_id"], 60)  # B loads its first index
    loaded = b.ask("search", query=first)["generation"]

    second = "示例乙级受限空间作业安全管理规定"
    sent = time.monotonic()
    job = a.ask("upload", user="ada", name="second.txt", text=regulation(second))["job"]
    view = wait_for_job(a, job)
    done = time.monotonic()
    assert view["state"] == "done" and view["claimed_by"] != str(b.pid)
    (outcome,) = view["results"]
    assert outcome["new"] and outcome["document_id"].startswith(second)
    found = wait_until_found(b, second, outcome["document_id"], PROPAGATION_LIMIT)
    answer = b.ask("search", query=second)
    print(
        f"\nsearchable on server B {found - sent:.2f} s after the upload was sent to server A "
        f"({found - done:.2f} s after A's job finished); B's search took "
        f"{answer['seconds']:.3f} s"
    )
    assert found - sent <= PROPAGATION_LIMIT
    assert answer["generation"] != loaded  # B reloaded its own index ...
    assert b.ask("hello")["pid"] == b.pid  # ... without a restart


def test_a_task_update_through_one_server_is_read_at_once_on_the_other(
    servers: tuple[AppServer, AppServer],
) -> None:
    a, b = servers
    a.ask("save_plan", user="ada", plan="plan-two", key="k1")
    before = b.ask("task", ref="plan-two#k1")
    assert before["status"] == "not_started"
    changed = a.ask(
        "update",
        user="ada",
        ref="plan-two#k1",
        status="in_progress",
        note="由甲服务器更新",
        version=before["version"],
    )
    after = b.ask("task", ref="plan-two#k1")  # no wait: the next read sees it
    assert after == {
        "status": "in_progress",
        "version": changed["version"],
        "note": "由甲服务器更新",
    }
    assert after["version"] > before["version"]
    # B's update with the version it read before A's is refused, not lost
    with pytest.raises(ServerError, match="ConflictError"):
        b.ask(
            "update",
            user="ada",
            ref="plan-two#k1",
            status="completed",
            note="过时的读取",
            version=before["version"],
        )
    assert a.ask("task", ref="plan-two#k1")["note"] == "由甲服务器更新"


def test_two_servers_appending_to_the_audit_chain_each_verify_their_checkpoint(
    servers: tuple[AppServer, AppServer],
) -> None:
    """Each server signs the chain in its own workspace; their changes interleave on one chain,
    and verify-audit passes on both, each checkpoint a head of that chain."""
    a, b = servers
    a.ask("save_plan", user="ada", plan="plan-audit", key="k1")
    for n in range(3):
        for server in (a, b):
            read = server.ask("task", ref="plan-audit#k1")
            server.ask(
                "update",
                user="ada",
                ref="plan-audit#k1",
                status="in_progress",
                note=f"{server.name} {n}",
                version=read["version"],
            )
    checks = {server.name: server.ask("verify")["check"] for server in (a, b)}
    for name, check in checks.items():
        assert check["ok"], (name, check["problems"])
        assert check["checkpoint"] is not None, name
    head = checks["b"]["head"]
    # B changed last: its checkpoint signs the head; A's signs its own last change, behind by
    # B's note row
    assert (checks["b"]["checkpoint"]["head_id"], checks["b"]["warnings"]) == (head["id"], [])
    assert checks["a"]["checkpoint"]["rows"] == head["rows"] - 1
    (behind,) = checks["a"]["warnings"]
    assert "behind the chain by 1 row(s)" in behind and "other app servers" in behind
    read = a.ask("task", ref="plan-audit#k1")
    a.ask(
        "update",
        user="ada",
        ref="plan-audit#k1",
        status="in_progress",
        note="a again",
        version=read["version"],
    )
    again = a.ask("verify")["check"]
    assert again["ok"] and again["warnings"] == []  # A moved past B's rows to the head


def test_a_job_queued_on_a_server_that_stopped_is_run_by_the_other(
    servers: tuple[AppServer, AppServer],
) -> None:
    a, b = servers
    title = "示例丙级动火作业安全管理规定"
    job = a.ask("upload", user="ada", name="third.txt", text=regulation(title), queue_only=True)
    a.kill()  # A stops before any worker took the job
    b.ask("worker")
    view = wait_for_job(b, job["job"])
    assert view["state"] == "done" and view["claimed_by"].endswith(f":{b.pid}")
    (outcome,) = view["results"]
    wait_until_found(b, title, outcome["document_id"], PROPAGATION_LIMIT)


def test_a_job_whose_server_dies_while_running_it_is_taken_over(
    servers: tuple[AppServer, AppServer],
) -> None:
    a, b = servers
    a.ask("worker", lease=2.0)
    job = a.ask("folder", user="ada", folder=str(CORPUS))["job"]
    deadline = time.monotonic() + 60
    while b.ask("job", job=job)["state"] != "running":
        assert time.monotonic() < deadline, "A never started the job"
        time.sleep(0.02)
    a.kill()  # mid-job: its heartbeat stops
    b.ask("worker", lease=2.0)
    view = wait_for_job(b, job)
    assert view["state"] == "done", view["error"]
    assert view["attempts"] == 2 and view["claimed_by"].endswith(f":{b.pid}")
    assert {r["status"] for r in view["results"]} == {"OK"}
    assert b.ask("search", query="安全生产责任制")["documents"]


def test_files_received_by_one_server_are_ingested_and_served_by_the_other(
    servers: tuple[AppServer, AppServer], tmp_path: Path
) -> None:
    a, b = servers
    a.ask("save_plan", user="ada", plan="plan-files", key="k1")
    evidence = "示例省应急管理厅关于危险作业管理规定的印发通知（佐证）"
    attached = a.ask("attach", user="ada", ref="plan-files#k1", name="佐证.txt", text=evidence)
    title = "示例丁级临时用电作业安全管理规定"
    job = a.ask("upload", user="ada", name="fourth.txt", text=regulation(title), queue_only=True)
    a.kill()
    shutil.rmtree(tmp_path / "server-a")  # nothing A received is left on any disk
    b.ask("worker")
    view = wait_for_job(b, job["job"])
    assert view["state"] == "done", view["error"]
    assert view["claimed_by"].endswith(f":{b.pid}")
    (outcome,) = view["results"]
    assert outcome["new"] and outcome["document_id"].startswith(title)
    assert outcome["name"] == "fourth.txt"
    wait_until_found(b, title, outcome["document_id"], PROPAGATION_LIMIT)
    served = b.ask("attachment", user="ada", id=attached["id"])
    assert served == {"name": "佐证.txt", "text": evidence}
