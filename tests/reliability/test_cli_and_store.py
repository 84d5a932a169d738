"""The CLI against hostile data and a broken workspace (issue 17, items 2, 3, 7, 8 and 9), run as
real subprocesses: Rich markup, escape sequences and bidi overrides in file names, titles and
task texts; a corrupt, truncated or deleted database; a full disk; backup and restore; file
modes."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from index.settings import DB_NAME
from tests.index.support import CORPUS
from tests.ui.cli_support import ROOT, error, ok, run, run_all

LAW = "{title}\n\n第一条 为了加强安全生产工作，制定本条例。\n\n第二条 生产经营单位应当履行安全生产职责。\n"
MARKUP_TITLE = "示例[/b]标记[bold]条例"
ESC_NAME = "esc\x1b[31mred.txt"
BIDI_NAME = "bidi\u202etxt.exe.txt"
PLAN_ID = "示例省安全生产专项整治重点工作分工方案@2024-03-15"


def write_law(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LAW.format(title=title), encoding="utf-8")
    return path


def run_patched(prelude: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`policylens ARGS` with ``prelude`` (Python) run first in the same process."""
    # The ingest worker (`python -m ingest.sandbox`) warns about its own import order on stderr;
    # that is not the command's message, so it is silenced here.
    # The English messages (POLICYLENS_LANG=en); tests/ui/test_cli_language.py checks Chinese.
    env = {
        **os.environ,
        "POLICYLENS_HOME": str(home),
        "POLICYLENS_LANG": "en",
        "PYTHONWARNINGS": "ignore::RuntimeWarning",
    }
    code = f"{prelude}\nfrom ui.cli.main import main\nmain()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        input="",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace that ingested (with --json, which never prints markup) hostile names, a
    hostile title and a plan with a hostile task; the plain runs are the tests'."""
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "in"
    write_law(folder, "a[/b]c.txt", "示例安全管理办法")  # the folder "a[" holds "b]c.txt"
    write_law(folder, "title.txt", MARKUP_TITLE)
    write_law(folder, ESC_NAME, "示例转义条例")
    write_law(folder, BIDI_NAME, "示例双向条例")
    plan = (CORPUS / "zh_division_plan.md").read_text(encoding="utf-8")
    marked = plan.replace("明确新兴行业领域的监管责任", "明确[/x]新兴行业领域的监管责任")
    assert marked != plan
    (folder / "plan[").mkdir()
    (folder / "plan[/i].md").write_text(marked, encoding="utf-8")
    home = base / "workspace"
    done = run("ingest", str(folder), "--json", home=home)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert {Path(x["path"]).name for x in lines} >= {ESC_NAME, BIDI_NAME}  # JSON stays exact
    return home


def test_markup_in_file_names_is_printed_not_parsed(hostile: Path) -> None:
    again = run("ingest", str(hostile.parent / "in"), home=hostile)  # prints every path
    assert "5 file(s): OK 5" in ok(again)
    assert "a[/b]c.txt" in again.stdout and "plan[/i].md" in again.stdout


def test_markup_in_a_title(hostile: Path) -> None:
    listed_json, listed = run_all(hostile, ("docs", "--json"), ("docs",))
    ok(listed_json)
    ok(listed)
    ids = {d["title"]: d["document_id"] for d in json.loads(listed_json.stdout)}
    assert MARKUP_TITLE in ids  # JSON keeps the data exact
    shown = run("show", ids[MARKUP_TITLE], home=hostile)
    ok(shown)
    assert MARKUP_TITLE in shown.stdout


@pytest.mark.reliability
def test_markup_in_a_task_text(hostile: Path) -> None:
    ok(run("tasks", "extract", PLAN_ID, home=hostile))
    listed = run("tasks", "list", home=hostile)
    ok(listed)
    assert "明确[/x]新兴行业" in listed.stdout


def test_escape_sequences_and_bidi_overrides_are_made_visible(hostile: Path) -> None:
    folder = hostile.parent / "in"
    again = run("ingest", str(folder / ESC_NAME), str(folder / BIDI_NAME), home=hostile)
    ok(again)
    assert "\x1b" not in again.stdout and "\u202e" not in again.stdout
    assert "esc\\x1b[31mred.txt" in again.stdout and "bidi\\u202etxt.exe.txt" in again.stdout
    docs = run("docs", home=hostile)
    assert "\x1b" not in ok(docs) + docs.stdout and "\u202e" not in docs.stdout


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small indexed workspace (copy it before breaking it)."""
    home = tmp_path_factory.mktemp("stored") / "workspace"
    folder = home.parent / "in"
    for n in range(3):
        write_law(folder, f"law{n}.txt", f"示例第{n}号安全条例")
    ok(run("ingest", str(folder), home=home))
    return home


@pytest.fixture()
def copy(stored: Path, tmp_path: Path) -> Path:
    home = tmp_path / "workspace"
    shutil.copytree(stored, home)
    return home


@pytest.mark.parametrize("damage", ["junk", "truncated"])
def test_a_damaged_database_is_one_line_and_verify_lists_it(copy: Path, damage: str) -> None:
    db = copy / DB_NAME
    data = db.read_bytes()
    db.write_bytes(os.urandom(4096) if damage == "junk" else data[: len(data) // 2])
    *reads, done = run_all(copy, ("docs",), ("search", "安全生产"), ("verify", "--json"))
    for read in reads:
        line = error(read)
        assert "is damaged" in line and "policylens restore" in line, line
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    assert not report["ok"]
    (problem,) = report["problems"]
    assert problem["where"] == "store" and "damaged" in problem["message"]
    assert "policylens restore" in problem["fix"]


def test_a_deleted_database_beside_an_index_is_refused_then_restored(
    copy: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "store.db"
    shutil.copyfile(copy / DB_NAME, backup)  # a closed store is one self-contained file
    (copy / DB_NAME).unlink()
    docs, done = run_all(copy, ("docs",), ("verify",))
    line = error(docs)
    assert "is missing" in line and "policylens restore" in line
    assert done.returncode == 1 and "missing" in done.stdout
    assert not (copy / DB_NAME).exists()  # never recreated empty
    assert "policylens rebuild" in run("restore", str(backup), home=copy).stdout
    assert len(json.loads(run("docs", "--json", home=copy).stdout)) == 3


def test_a_full_disk_names_the_cause(copy: Path) -> None:
    # SQLite's own "database or disk is full" (SQLITE_FULL): the store may not grow by a page.
    full = (
        "import index.store.database as d\n"
        "migrate = d.migrate\n"
        "def capped(db, *args, **kwargs):\n"
        "    migrate(db, *args, **kwargs)\n"
        "    pages = db.execute('PRAGMA page_count').fetchone()[0]\n"
        "    db.execute(f'PRAGMA max_page_count={pages}')\n"
        "d.migrate = capped\n"
    )
    folder = copy.parent / "more"
    for n in range(3):
        write_law(folder, f"new{n}.txt", f"示例第{n}号新的条例" + "很长的条文。" * 2000)
    line = error(run_patched(full, "ingest", str(folder), home=copy))
    assert "database or disk is full" in line and "free disk space" in line, line
    assert "rollback" not in line
    # The operating system's ENOSPC while the index is written.
    nospace = (
        "import errno, index.search.generations as g\n"
        "def write(self, *a, **k):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device', str(self.root))\n"
        "g.IndexFolder.write = write\n"
    )
    line = error(run_patched(nospace, "rebuild", home=copy))
    assert "No space left on device" in line and "free disk space" in line, line


@pytest.mark.reliability
def test_backup_and_restore_round_trip(copy: Path, tmp_path: Path) -> None:
    backup = tmp_path / "keep" / "store.db"
    ok(run("backup", str(backup), home=copy))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    other = tmp_path / "other.db"  # a sound SQLite file, but not a PolicyLens store
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE t (x)")
    before = (copy / DB_NAME).read_bytes()
    again, refused, foreign = run_all(
        copy, ("backup", str(backup)), ("restore", str(junk)), ("restore", str(other))
    )
    assert error(again).endswith("give a new name")
    assert "not a sound SQLite database" in error(refused)
    assert "not a PolicyLens store" in error(foreign)
    assert (copy / DB_NAME).read_bytes() == before  # a refused restore changes nothing

    (copy / DB_NAME).write_bytes(os.urandom(8192))  # damaged
    done = run("restore", str(backup), home=copy)
    assert "policylens rebuild" in done.stdout, done.stderr
    assert (copy / (DB_NAME + ".before-restore")).is_file()
    ok(run("rebuild", home=copy))
    verified, docs = run_all(copy, ("verify", "--json"), ("docs", "--json"))
    assert json.loads(verified.stdout)["ok"]
    assert len(json.loads(docs.stdout)) == 3


def test_store_files_are_private(tmp_path: Path) -> None:
    home = tmp_path / "new" / "workspace"
    ok(run("docs", home=home))
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / DB_NAME).stat().st_mode) == 0o600
    # A store an older PolicyLens left readable is made private when opened; so are its -wal
    # and -shm, which SQLite creates with the database file's mode.
    (home / DB_NAME).chmod(0o644)
    with closing(sqlite3.connect(home / DB_NAME)) as held:
        held.execute("PRAGMA journal_mode=WAL")
        held.execute("CREATE TABLE IF NOT EXISTS scratch (x)")  # keeps the -wal open
        ok(run("docs", home=home))
        for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):
            if (home / name).exists():
                assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
