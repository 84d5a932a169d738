"""Changing the library for a user: permission checks before any write, safe upload names,
re-sent files, bad files, the size limit, and the search index following every change."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

import index.library.changes as library
from index.accounts import OPERATOR, PermissionDenied, Role, User
from index.library.changes import MAX_NAME_BYTES, FileOutcome, Upload, safe_name
from index.search.embedders import HashEmbedder
from index.search.engine import Filters, SearchEngine
from index.settings import DB_NAME
from index.store.database import NotFoundError, StoreError, open_store
from tests import filegen
from tests.index.support import CORPUS, LAW_2019, workspace

TITLE = "示例上传危险作业管理规定"
REVIEWER = User("li", Role.REVIEWER)
VIEWER = User("wang", Role.VIEWER)
STAFF = User("zhang", Role.DEPARTMENT, "安监科")
ADMIN = User("root", Role.ADMIN)


def regulation_bytes(title: str = TITLE) -> bytes:
    reg = filegen.REGULATION._replace(title=title)
    return filegen.render_text(reg).encode("utf-8")


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus, ingested and indexed once; tests work on copies."""
    home = tmp_path_factory.mktemp("library") / "workspace"
    store, _, _ = workspace(home)
    store.close()
    return home


@pytest.fixture()
def lib_home(corpus_home: Path, tmp_path: Path) -> Path:
    home = tmp_path / "workspace"
    shutil.copytree(corpus_home, home)
    return home


def document_ids(home: Path) -> set[str]:
    with closing(sqlite3.connect(home / DB_NAME)) as db:
        return {r[0] for r in db.execute("SELECT document_id FROM documents")}


def tree(home: Path) -> dict[str, tuple[int, int]]:
    """Every file under the workspace with its size and modification time."""
    return {
        str(p.relative_to(home)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(home.rglob("*"))
        if p.is_file()
    }


def top_documents(home: Path, query: str, k: int = 5) -> list[str]:
    engine = SearchEngine.open(home, embedder=HashEmbedder())
    try:
        assert engine.stale is None  # the index follows the store
        return [h.document_id for h in engine.search(query, k, Filters())]
    finally:
        engine.close()


# -- permissions ---------------------------------------------------------------------------------
CALLS: dict[str, Callable[[Path, User], object]] = {
    "save_uploads": lambda home, user: library.save_uploads(
        home, user, [Upload("a.txt", regulation_bytes())]
    ),
    "ingest_uploads": lambda home, user: library.ingest_uploads(
        home, user, [Upload("a.txt", regulation_bytes())]
    ),
    "ingest_folder": lambda home, user: library.ingest_folder(home, user, filegen_folder(home)),
    "remove_document": lambda home, user: library.remove_document(home, user, LAW_2019),
    "pending_versions": lambda home, user: library.pending_versions(home, user),
    "confirm_version": lambda home, user: library.confirm_version(home, user, 1),
    "reject_version": lambda home, user: library.reject_version(home, user, 1),
}


def filegen_folder(home: Path) -> Path:
    """A server folder (outside the workspace) with one regulation in it."""
    folder = home.parent / "server-folder"
    folder.mkdir(exist_ok=True)
    (folder / "reg.txt").write_bytes(regulation_bytes("示例服务器目录管理规定"))
    return folder


@pytest.mark.parametrize("user", [VIEWER, STAFF], ids=["viewer", "department"])
@pytest.mark.parametrize("call", list(CALLS))
def test_users_without_the_permission_change_nothing(lib_home: Path, user: User, call: str) -> None:
    filegen_folder(lib_home)  # made before the snapshot: only the call itself is judged
    before_files, before_docs = tree(lib_home), document_ids(lib_home)
    with pytest.raises(PermissionDenied, match=f"^{user.username} \\({user.role}\\) may not "):
        CALLS[call](lib_home, user)
    assert not (lib_home / library.UPLOAD_DIR).exists()
    assert document_ids(lib_home) == before_docs
    assert tree(lib_home) == before_files


@pytest.mark.parametrize("call", list(CALLS))
def test_denied_calls_do_not_even_create_the_workspace(tmp_path: Path, call: str) -> None:
    home = tmp_path / "workspace"
    with pytest.raises(PermissionDenied):
        CALLS[call](home, VIEWER)
    assert not home.exists()


def test_reviewer_uploads_but_neither_ingests_folders_nor_removes(lib_home: Path) -> None:
    before = document_ids(lib_home)
    with pytest.raises(PermissionDenied, match="li \\(reviewer\\) may not ingest folder"):
        CALLS["ingest_folder"](lib_home, REVIEWER)
    with pytest.raises(PermissionDenied, match="li \\(reviewer\\) may not remove document"):
        CALLS["remove_document"](lib_home, REVIEWER)
    assert document_ids(lib_home) == before
    report = library.ingest_uploads(lib_home, REVIEWER, [Upload("上传.txt", regulation_bytes())])
    (outcome,) = report.outcomes
    assert outcome.status == "OK" and outcome.new and outcome.name == "上传.txt"
    assert document_ids(lib_home) == before | {outcome.document_id}


def test_disabled_admin_is_refused(lib_home: Path) -> None:
    disabled = User("root", Role.ADMIN, active=False)
    for call in CALLS.values():
        with pytest.raises(PermissionDenied):
            call(lib_home, disabled)
    assert not (lib_home / library.UPLOAD_DIR).exists()


# -- names ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\x.docx", "x.docx"),
        ("C:\\Users\\li\\报告 (1).docx", "报告_(1).docx"),
        ("/abs/path/法规（2024）.pdf", "法规（2024）.pdf"),
        ("a\x00b.txt", "a_b.txt"),
        ("名字：法规?.pdf", "名字_法规_.pdf"),
        ("<script>.html", "_script_.html"),
        (".hidden.md", "hidden.md"),
        ("", "upload"),
        ("   ", "upload"),
        ("..", "upload"),
        ("../", "upload"),
    ],
)
def test_safe_name(given: str, expected: str) -> None:
    assert safe_name(given) == expected


@pytest.mark.parametrize(
    "given", ["../../etc/passwd", "..\\..\\x.docx", "a\x00b/../\x7f.txt", "", "..", "~/.ssh/keys"]
)
def test_safe_name_cannot_leave_its_folder(tmp_path: Path, given: str) -> None:
    name = safe_name(given)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_safe_name_keeps_the_suffix_of_a_long_name() -> None:
    name = safe_name("notice-" + "x" * 300 + ".txt")
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert name.endswith(".txt") and name.startswith("notice-xxx")


def test_long_chinese_upload_name(tmp_path: Path) -> None:
    name = "关于" + "安全生产" * 25 + "的通知.txt"  # 109 characters (nothing to cut), 319 bytes
    report = library.ingest_uploads(
        tmp_path / "workspace", REVIEWER, [Upload(name, regulation_bytes())]
    )
    assert report.outcomes[0].status == "OK"
    assert report.outcomes[0].name == name


def test_uploads_stay_under_the_uploads_folder(lib_home: Path) -> None:
    paths = library.save_uploads(
        lib_home,
        REVIEWER,
        [Upload("../../escape.txt", b"one"), Upload("..\\..\\escape.txt", b"two")],
    )
    uploads = (lib_home / library.UPLOAD_DIR).resolve()
    assert len(paths) == 2 and paths[0] != paths[1]  # different bytes, different folders
    for path, data in zip(paths, (b"one", b"two"), strict=True):
        assert path.resolve().is_relative_to(uploads)
        assert path.name == "escape.txt" and path.read_bytes() == data
    assert not (lib_home.parent / "escape.txt").exists()
    assert not list(uploads.rglob("*.part"))


# -- ingesting uploads ---------------------------------------------------------------------------
def test_upload_is_searchable_and_logged_with_its_user(lib_home: Path) -> None:
    seen: list[FileOutcome] = []
    report = library.ingest_uploads(
        lib_home, REVIEWER, [Upload("上传.txt", regulation_bytes())], on_file=seen.append
    )
    assert seen == report.outcomes
    (outcome,) = report.outcomes
    assert outcome.document_id is not None and outcome.document_id.startswith(TITLE)
    assert outcome.provisions > 0
    assert report.index is not None and report.index.added > 0 and report.index.removed == 0
    assert top_documents(lib_home, TITLE)[0] == outcome.document_id
    with closing(sqlite3.connect(lib_home / DB_NAME)) as db:
        actor = db.execute(
            "SELECT actor FROM ingest_log WHERE document_id=?", (outcome.document_id,)
        ).fetchone()
    assert actor == ("li",)


def test_same_bytes_twice_give_one_document(lib_home: Path) -> None:
    data = regulation_bytes()
    first = library.ingest_uploads(lib_home, REVIEWER, [Upload("一.txt", data)])
    before = document_ids(lib_home)
    second = library.ingest_uploads(lib_home, ADMIN, [Upload("二.txt", data)])
    (a,), (b,) = first.outcomes, second.outcomes
    assert a.new and not b.new
    assert a.document_id == b.document_id
    assert "INGEST_UNCHANGED" in {f["code"] for f in b.findings}
    assert document_ids(lib_home) == before
    assert second.index is not None and second.index.added == 0
    # the same name and bytes again: still one file on disk
    library.save_uploads(lib_home, REVIEWER, [Upload("一.txt", data)])
    assert len(list((lib_home / library.UPLOAD_DIR).rglob("一.txt"))) == 1


def test_corrupt_pdf_fails_with_a_finding(lib_home: Path) -> None:
    before = document_ids(lib_home)
    report = library.ingest_uploads(lib_home, REVIEWER, [Upload("bad.pdf", b"%PDF-1.4 garbage")])
    (outcome,) = report.outcomes
    assert outcome.status == "FAILED"
    assert outcome.document_id is None and not outcome.new and outcome.provisions == 0
    assert [f["code"] for f in outcome.findings] == ["INGEST_CORRUPT_FILE"]
    assert outcome.findings[0]["severity"] == "error"
    assert document_ids(lib_home) == before


def test_upload_over_the_size_limit(lib_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library, "MAX_UPLOAD_MB", 1)
    big = regulation_bytes("示例超大文件管理规定") + b"\n" + "安全".encode() * (2**20 // 6 + 1)
    small = regulation_bytes()
    assert len(big) > 2**20 > len(small)
    report = library.ingest_uploads(
        lib_home, REVIEWER, [Upload("big.txt", big), Upload("small.txt", small)]
    )
    by_name = {o.name: o for o in report.outcomes}
    assert by_name["big.txt"].status == "FAILED"
    assert by_name["big.txt"].findings[0]["code"] == "INGEST_TOO_LARGE"
    assert "1 MB limit" in by_name["big.txt"].findings[0]["message"]
    assert by_name["small.txt"].status == "OK"  # the limit fails one file, not the batch


def test_an_upload_over_the_limit_is_never_kept_in_the_store(
    lib_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library, "MAX_UPLOAD_MB", 1)
    big, small = Upload("big.txt", b"x" * (2**20 + 1)), Upload("small.txt", regulation_bytes())
    with pytest.raises(StoreError, match=r"big\.txt: 1\.0 MB is over the 1 MB limit"):
        library.store_uploads(lib_home, REVIEWER, [small, big])
    library.save_uploads(lib_home, REVIEWER, [big])  # ingest reports it, file by file
    with closing(sqlite3.connect(lib_home / DB_NAME)) as db:
        assert db.execute("SELECT COUNT(*) FROM stored_files").fetchone()[0] == 0
    (digest,) = library.store_uploads(lib_home, REVIEWER, [small])
    assert library.stored_uploads(lib_home, [(digest, "small.txt")]) == [small]


def test_a_version_held_on_another_server_is_confirmed_from_the_store(lib_home: Path) -> None:
    text = (CORPUS / "zh_national_law_2024.md").read_text(encoding="utf-8")
    amended = "2024年4月20日 示例人民代表大会常务委员会第十二次会议第二次修正"
    again = "\n\n2026年1月10日 示例人民代表大会常务委员会第二十次会议第三次修正"
    assert amended in text
    data = text.replace(amended, amended + again).encode("utf-8")
    (held,) = library.ingest_uploads(lib_home, REVIEWER, [Upload("修正.md", data)]).outcomes
    assert held.pending_id is not None and held.document_id is None
    shutil.rmtree(lib_home / library.UPLOAD_DIR)  # the server that received it is another one
    report = library.confirm_version(lib_home, ADMIN, held.pending_id)
    (outcome,) = report.outcomes
    assert outcome.new and outcome.document_id == "示例安全生产法@2026-01-10"
    assert outcome.name == "修正.md"


# -- folders and removal -------------------------------------------------------------------------
def test_admin_ingests_a_server_folder(lib_home: Path) -> None:
    with pytest.raises(StoreError, match="no folder"):
        library.ingest_folder(lib_home, ADMIN, lib_home / "no-such-folder")
    report = library.ingest_folder(lib_home, ADMIN, filegen_folder(lib_home))
    (outcome,) = report.outcomes
    assert outcome.new and outcome.document_id in document_ids(lib_home)
    assert top_documents(lib_home, "示例服务器目录管理规定")[0] == outcome.document_id
    assert not (lib_home / library.UPLOAD_DIR).exists()  # a folder is read in place


def test_remove_document_drops_it_from_store_and_index(lib_home: Path) -> None:
    added = library.ingest_uploads(lib_home, REVIEWER, [Upload("上传.txt", regulation_bytes())])
    document_id = added.outcomes[0].document_id
    assert added.index is not None
    units = added.index.units
    assert top_documents(lib_home, TITLE)[0] == document_id
    with pytest.raises(NotFoundError):
        library.remove_document(lib_home, OPERATOR, "no-such-document@2020-01-01")
    report = library.remove_document(lib_home, OPERATOR, document_id)
    assert report.outcomes == []
    assert report.index is not None and report.index.removed == added.index.added
    assert report.index.units == units - report.index.removed
    assert document_id not in document_ids(lib_home)
    assert document_id not in top_documents(lib_home, TITLE, k=20)


def _plan_with_one_task(home: Path, lead: str) -> str:
    from index.tasks.ledger import Ledger
    from index.tasks.records import TaskRecord

    with open_store(home) as store:
        Ledger(store).save_plan(
            ADMIN,
            "plan",
            "示例方案",
            [TaskRecord(key="k1", text="制定危险作业管理规定", lead=(lead,))],
        )
        return Ledger(store).tasks()[0].task_id


def test_a_department_attaches_evidence_to_the_task_it_leads_outside_the_library(
    lib_home: Path,
) -> None:
    from index.tasks.attachments import ATTACHMENT_DIR, attach_file, attachment_bytes, attachments
    from index.tasks.ledger import Ledger

    task_id = _plan_with_one_task(lib_home, "示例省应急管理厅")
    before = document_ids(lib_home)
    staff = User("zhao", Role.DEPARTMENT, "示例省应急管理厅")
    with open_store(lib_home) as store:
        attached = attach_file(store, staff, "T-1", "规定.txt", regulation_bytes(), "已印发")
        assert [(a.file_name, a.note) for a in attachments(store, task_id)] == [
            ("规定.txt", "已印发")
        ]
        assert [h["field"] for h in Ledger(store).history(task_id)][-1] == "attachment"
    assert document_ids(lib_home) == before  # evidence is never a library document
    assert not [d for d in top_documents(lib_home, TITLE) if d.startswith(TITLE)]
    with open_store(lib_home) as store:  # the bytes are in the store, not in the folder
        assert attachment_bytes(store, staff, attached.id)[1] == regulation_bytes()
    assert not (lib_home / library.UPLOAD_DIR).exists()
    assert not (lib_home / ATTACHMENT_DIR).exists()


def test_evidence_for_another_departments_task_is_refused_before_anything_is_stored(
    lib_home: Path,
) -> None:
    from index.tasks.attachments import ATTACHMENT_DIR, attach_file

    _plan_with_one_task(lib_home, "示例省公安厅")
    before = document_ids(lib_home)
    staff = User("zhao", Role.DEPARTMENT, "示例省应急管理厅")
    with open_store(lib_home) as store, pytest.raises(PermissionDenied):
        attach_file(store, staff, "T-1", "规定.txt", regulation_bytes())
    assert document_ids(lib_home) == before
    assert not (lib_home / "uploads").exists()
    assert not (lib_home / ATTACHMENT_DIR).exists()
