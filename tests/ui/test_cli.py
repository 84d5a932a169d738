"""The CLI's JSON contract, exit codes and error messages (run as a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    # These tests read the English messages (POLICYLENS_LANG=en); the Chinese runs, the
    # default, are checked word by word in tests/ui/test_cli_language.py.
    env = {**os.environ, "POLICYLENS_HOME": str(home), "POLICYLENS_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-c", "from ui.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_ingest_json_lines_follow_the_contract(home: Path, bad_folder: dict[str, str]) -> None:
    folder = Path(next(iter(bad_folder.values()))).parent
    done = run("ingest", str(folder), str(ROOT / "corpus"), "--json", home=home)
    assert done.returncode == 1  # some inputs FAILED; the batch still finished
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == len(bad_folder) + 9  # the 9 files of corpus/
    for line in lines:
        assert set(line) >= {"path", "status", "document_id", "provisions", "findings"}
        assert line["status"] in ("OK", "PARTIAL", "FAILED")
        assert (line["document_id"] is None) == (line["status"] == "FAILED")
        for f in line["findings"]:
            assert set(f) >= {"code", "severity", "message"}
    bomb = next(x for x in lines if x["path"].endswith("bomb.docx"))
    assert bomb["findings"][0]["code"] == "INGEST_ZIP_BOMB"


def test_docs_and_show(home: Path) -> None:
    assert run("ingest", str(ROOT / "corpus"), home=home).returncode == 0
    docs = json.loads(run("docs", "--json", home=home).stdout)
    assert {
        "document_id",
        "title",
        "level",
        "region",
        "status",
        "version_date",
        "provisions",
    } <= set(docs[0])
    law = next(d for d in docs if d["document_id"] == "示例安全生产法@2024-04-20")
    assert law["level"] == "national_law" and law["status"] == "in_force"
    # the table counts articles (条) as the app does, not every provision (issue 18)
    from index import open_store
    from index.library.browse import article_counts

    with open_store(home) as store:
        counts = article_counts(store)
    assert counts[law["document_id"]] < law["provisions"]
    table = run("docs", home=home).stdout.splitlines()
    assert table[0].split()[-1] == "articles"
    rows = {line.split()[0]: line.split()[-1] for line in table[1:] if line.strip()}
    assert rows == {d["document_id"]: str(counts.get(d["document_id"], 0)) for d in docs}
    # a national text's region is "national", never "None" (the fourth walk saw "None")
    law_row = next(line for line in table if line.strip().startswith(law["document_id"]))
    assert " national " in f" {law_row} " and "None" not in "\n".join(table)
    shown = json.loads(run("show", "示例安全生产法", "--json", home=home).stdout)
    assert shown["document_id"] == "示例安全生产法@2024-04-20"  # the work → version in force
    assert shown["sections"][0]["provisions"][0]["provision_id"] == "示例安全生产法/art-1"
    one = json.loads(run("show", "示例安全生产法@2019-06-10/art-1", "--json", home=home).stdout)
    assert one["number"] == "第一条" and one["text"].startswith("第一条")
    assert one["heading_path"][:2] == ["示例安全生产法", "第一章"]


def test_errors_are_one_line_without_traceback(home: Path) -> None:
    missing = run("show", "no-such-law", home=home)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Error: no document 'no-such-law'; see `policylens docs`"
    nofile = run("ingest", "does/not/exist.pdf", home=home)
    assert nofile.returncode == 1 and "Traceback" not in nofile.stderr
    assert "no such file or folder: does/not/exist.pdf" in nofile.stderr
    usage = run("ingest", home=home)
    assert usage.returncode == 2


def test_a_region_is_never_shown_as_none(monkeypatch: pytest.MonkeyPatch) -> None:
    # national texts stored with no region (most real laws) read 全国 / national, and a local
    # text whose place was not read reads 地区不明, as on the app's pages (issue 18, fourth walk)
    from ui.cli.library import _region

    monkeypatch.setenv("POLICYLENS_LANG", "zh")
    assert _region(None, "national_law") == "全国"
    assert _region("unknown", "local_regulation") == "地区不明"
    assert _region("深圳", "local_regulation") == "深圳市"
    monkeypatch.setenv("POLICYLENS_LANG", "en")
    assert _region(None, "administrative_regulation") == "national"
