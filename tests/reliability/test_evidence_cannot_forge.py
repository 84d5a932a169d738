"""Issue 17, item 1: evidence cannot forge a law. A department user's evidence file is the task's
attachment (its own table and folder), never a library document; a reviewer's new version of a
work waits for an admin; a department user cannot reach the library's upload at all.

The forgery: 示例安全生产法 "amended" on 2026-01-10, whose 第二条 says "生产经营单位可以不履行安全
生产职责". Before the change, a department user's evidence upload on the Tasks page made it the
version in force and the first hit for 示例安全生产法第二条.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

import index.library.changes as library
from index.accounts import OPERATOR, PermissionDenied, Role, User
from index.library.changes import Upload
from index.search.embedders import HashEmbedder
from index.search.engine import Filters, SearchEngine
from index.settings import DB_NAME
from index.store.database import NotFoundError, StoreError, open_store
from index.tasks import attachments as attaching
from index.tasks.ledger import Ledger
from index.tasks.records import TaskRecord
from tests.index.support import CORPUS, LAW_2024
from tests.ui import cli_support
from tests.ui.app_support import (
    build_workspace,
    download_bytes,
    one,
    open_page,
    record_downloads,
    run,
    submit,
    values,
    wait_for_jobs,
    workspace_copy,
)

LAW = "示例安全生产法"
FORGED_ID = "示例安全生产法@2026-01-10"
QUERY = "示例安全生产法第二条"
LIE = "生产经营单位可以不履行安全生产职责"
BODY = "示例省应急管理厅"  # dora's body (tests/ui/app_support.py ACCOUNTS)
DORA = User("dora", Role.DEPARTMENT, BODY)
RITA = User("rita", Role.REVIEWER)
ADA = User("ada", Role.ADMIN)


def forged_law() -> bytes:
    """The 2024 sample law with a 2026 "amendment" whose 第二条 frees firms from their duties."""
    text = (CORPUS / "zh_national_law_2024.md").read_text(encoding="utf-8")
    amended = "2024年4月20日 示例人民代表大会常务委员会第十二次会议第二次修正"
    article = (
        "第二条 在本国领域内从事生产经营活动的单位（以下统称生产经营单位）的安全生产，适用本法。"
    )
    assert amended in text and article in text
    text = text.replace(
        amended, amended + "\n\n2026年1月10日 示例人民代表大会常务委员会第二十次会议第三次修正"
    )
    return text.replace(article, f"第二条 {LIE}。").encode("utf-8")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus indexed, one account per role, and a plan with one task dora leads."""
    home = build_workspace(tmp_path_factory.mktemp("forge") / "workspace")
    with open_store(home) as store:
        Ledger(store).save_plan(
            OPERATOR,
            "plan",
            "示例安全生产工作方案",
            [TaskRecord(key="k1", text="修订本部门安全生产责任制度", lead=(BODY,))],
        )
    return home


@pytest.fixture()
def home(prepared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with workspace_copy(prepared, tmp_path, monkeypatch) as copy:
        yield copy


def documents(home: Path) -> dict[str, str]:
    """Every stored document with its status."""
    with closing(sqlite3.connect(home / DB_NAME)) as db:
        return dict(db.execute("SELECT document_id, status FROM documents").fetchall())


def hits(home: Path, query: str = QUERY, on: date | None = None) -> list[tuple[str, str]]:
    """(document, text) of the top hits, from the index as it is on disk."""
    engine = SearchEngine.open(home, embedder=HashEmbedder())
    try:
        assert engine.stale is None  # the index follows the store
        return [(h.document_id, h.text) for h in engine.search(query, 5, Filters(in_force_on=on))]
    finally:
        engine.close()


def in_force(home: Path) -> str:
    with open_store(home) as store:
        return store.resolve_document(LAW)


def assert_law_untouched(home: Path, before: dict[str, str]) -> None:
    assert documents(home) == before
    assert FORGED_ID not in documents(home)
    assert in_force(home) == LAW_2024
    for on in (None, date(2026, 6, 1)):
        found = hits(home, on=on)
        assert found[0][0] == LAW_2024
        assert not any(LIE in text for _, text in found)


def history(home: Path) -> list[dict[str, object]]:
    with open_store(home) as store:
        return Ledger(store).history("plan#k1")


# -- a department user's evidence is an attachment ------------------------------------------------
@pytest.mark.reliability
def test_evidence_uploaded_on_the_tasks_page_is_an_attachment_not_a_law(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.data import job_runner

    record_downloads(monkeypatch)
    before = documents(home)
    data = forged_law()
    at = open_page("dora", "views/tasks.py")
    at.get("file_uploader")[0].upload("示例安全生产法.md", data, "text/markdown")
    one(at.text_input, "说明").set_value("修订稿")
    submit(at, "添加佐证")
    deadline = time.monotonic() + 60  # the old page ingested in a background job: let it finish
    while any(j.active for j in job_runner().jobs(None)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert_law_untouched(home, before)
    with open_store(home) as store:
        (attached,) = attaching.attachments(store, "T-1")
    assert (attached.file_name, attached.uploaded_by, attached.note) == (
        "示例安全生产法.md",
        "dora",
        "修订稿",
    )
    assert history(home)[-1]["field"] == "attachment"
    assert not (home / library.UPLOAD_DIR).exists()
    # the task card lists the file and serves its bytes back
    at = run(at)
    assert any("示例安全生产法" in c and "dora" in c for c in values(at.caption))
    (button,) = [b for b in at.get("download_button") if b.label == "下载"]
    assert download_bytes(button) == data


def test_cli_evidence_with_a_file_attaches_it(home: Path, tmp_path: Path) -> None:
    before = documents(home)
    path = tmp_path / "示例安全生产法.md"
    path.write_bytes(forged_law())
    done = cli_support.run("tasks", "evidence", "T-1", str(path), "--as", "dora", home=home)
    assert done.returncode == 0, done.stderr
    assert "not added to the library" in done.stdout
    assert_law_untouched(home, before)
    with open_store(home) as store:
        (attached,) = attaching.attachments(store, "T-1")
    assert attached.size == len(forged_law()) and attached.uploaded_by == "dora"


def test_attach_file_keeps_the_library_and_index_and_writes_an_audit_row(home: Path) -> None:
    before = documents(home)
    rows = len(history(home))
    data = forged_law()
    with open_store(home) as store:
        attached = attaching.attach_file(store, DORA, "T-1", "../../示例安全生产法.md", data, "x")
        again = attaching.attach_file(store, DORA, "T-1", "copy.md", data)
        assert again == attached  # the same bytes once
        assert Ledger(store).verify_audit().ok
        assert attaching.attachment_bytes(store, DORA, attached.id) == (attached, data)
    assert attached.file_name == "示例安全生产法.md"
    assert_law_untouched(home, before)
    assert [h["field"] for h in history(home)[rows:]] == ["attachment"]
    assert not (home / attaching.ATTACHMENT_DIR).exists()  # the bytes are in the store
    # bytes changed behind the store's back are reported, not served
    with open_store(home) as store:
        store.db.execute("DROP TRIGGER stored_files_no_update")
        store.db.execute("UPDATE stored_files SET data=?", (b"changed",))
        with pytest.raises(StoreError, match="no longer matches its SHA-256"):
            attaching.attachment_bytes(store, DORA, attached.id)


def test_attachments_are_refused_for_other_bodies_and_over_the_limit(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    police = User("pat", Role.DEPARTMENT, "示例省公安厅")
    with open_store(home) as store:
        with pytest.raises(PermissionDenied):
            attaching.attach_file(store, police, "T-1", "a.txt", b"x")
        with pytest.raises(PermissionDenied):
            attaching.attach_file(store, User("vic", Role.VIEWER), "T-1", "a.txt", b"x")
        monkeypatch.setattr(attaching, "MAX_ATTACHMENT_MB", 1)
        with pytest.raises(StoreError, match="over the 1 MB limit"):
            attaching.attach_file(store, DORA, "T-1", "big.bin", b"0" * (2**20 + 1))
        assert attaching.attachments(store, "T-1") == []
    assert not (home / attaching.ATTACHMENT_DIR).exists()


def test_a_department_user_cannot_reach_the_library(home: Path) -> None:
    before = documents(home)
    with pytest.raises(PermissionDenied):
        library.ingest_uploads(home, DORA, [Upload("示例安全生产法.md", forged_law())])
    with pytest.raises(PermissionDenied):
        library.save_uploads(home, DORA, [Upload("示例安全生产法.md", forged_law())])
    for call in (
        lambda: library.pending_versions(home, DORA),
        lambda: library.confirm_version(home, DORA, 1),
        lambda: library.reject_version(home, DORA, 1),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert_law_untouched(home, before)
    assert not (home / library.UPLOAD_DIR).exists()


# -- a reviewer's new version waits for an admin ---------------------------------------------------
def test_a_reviewers_new_version_is_pending_until_an_admin_confirms(home: Path) -> None:
    before = documents(home)
    report = library.ingest_uploads(home, RITA, [Upload("修正.md", forged_law())])
    (outcome,) = report.outcomes
    assert outcome.document_id is None and not outcome.new and outcome.pending_id
    assert "until an admin confirms" in outcome.findings[-1]["message"]
    assert_law_untouched(home, before)
    # sent again while waiting: still one pending version
    again = library.ingest_uploads(home, RITA, [Upload("修正2.md", forged_law())])
    assert again.outcomes[0].pending_id == outcome.pending_id
    (waiting,) = library.pending_versions(home, ADA)
    assert (waiting["id"], waiting["work_id"], waiting["version_date"]) == (
        outcome.pending_id,
        LAW,
        "2026-01-10",
    )
    assert (waiting["uploaded_by"], waiting["in_force"]) == ("rita", LAW_2024)
    assert [p["id"] for p in library.pending_versions(home, RITA)] == [outcome.pending_id]
    assert library.pending_versions(home, User("rob", Role.REVIEWER)) == []
    with pytest.raises(PermissionDenied):
        library.confirm_version(home, RITA, outcome.pending_id)
    assert_law_untouched(home, before)

    confirmed = library.confirm_version(home, ADA, outcome.pending_id)
    assert confirmed.outcomes[0].document_id == FORGED_ID
    assert in_force(home) == FORGED_ID
    top_document, top_text = hits(home)[0]
    assert top_document == FORGED_ID and LIE in top_text
    assert library.pending_versions(home, ADA) == []
    with pytest.raises(NotFoundError):
        library.confirm_version(home, ADA, outcome.pending_id)


def test_a_rejected_version_is_never_stored(home: Path) -> None:
    before = documents(home)
    (outcome,) = library.ingest_uploads(home, RITA, [Upload("修正.md", forged_law())]).outcomes
    assert outcome.pending_id
    held = Path(outcome.path)
    assert held.exists()
    with pytest.raises(PermissionDenied):
        library.reject_version(home, RITA, outcome.pending_id)
    library.reject_version(home, ADA, outcome.pending_id)
    assert not held.exists()
    assert library.pending_versions(home, ADA) == []
    with pytest.raises(NotFoundError):
        library.confirm_version(home, ADA, outcome.pending_id)
    assert_law_untouched(home, before)


def test_an_admins_upload_and_a_reviewers_new_work_are_stored_at_once(home: Path) -> None:
    text = forged_law().decode().replace(f"# {LAW}", "# 示例危险作业管理办法")
    new_work = library.ingest_uploads(home, RITA, [Upload("新规.md", text.encode())])
    assert new_work.outcomes[0].new and new_work.outcomes[0].pending_id is None
    admin = library.ingest_uploads(home, ADA, [Upload("修正.md", forged_law())])
    assert admin.outcomes[0].document_id == FORGED_ID and admin.outcomes[0].pending_id is None


@pytest.mark.reliability
def test_the_ingest_page_shows_pending_versions_to_admins(home: Path) -> None:
    library.ingest_uploads(home, RITA, [Upload("修正.md", forged_law())])
    mine = open_page("rita", "views/ingest.py")
    assert "待管理员确认的新版本（1）" in values(mine.subheader)
    assert not [b for b in mine.button if b.label in ("确认", "驳回")]
    at = open_page("ada", "views/ingest.py")
    assert "待管理员确认的新版本（1）" in values(at.subheader)
    wait_for_jobs(submit(at, "确认"))
    assert in_force(home) == FORGED_ID
    assert "待管理员确认的新版本（1）" not in values(run(at).subheader)
