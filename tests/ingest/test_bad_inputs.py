"""The bad-input folder: each file gets its status and finding code; good files still land."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import Status, load_corpus

EXPECTED = {
    "empty.txt": (Status.FAILED, "INGEST_EMPTY_FILE"),
    "garbage.pdf": (Status.FAILED, "INGEST_CORRUPT_FILE"),
    "encrypted.pdf": (Status.FAILED, "INGEST_ENCRYPTED"),
    "image_only.pdf": (Status.FAILED, "INGEST_NO_TEXT_LAYER"),
    "truncated.docx": (Status.FAILED, "INGEST_CORRUPT_FILE"),
    "bomb.docx": (Status.FAILED, "INGEST_ZIP_BOMB"),
    "entities.docx": (Status.FAILED, "INGEST_XML_ENTITIES"),
    "no_headings.html": (Status.PARTIAL, "INGEST_NO_STRUCTURE"),
    "gbk.txt": (Status.OK, "INGEST_ENCODING_GUESSED"),
    "duplicate_articles.txt": (Status.PARTIAL, "INGEST_DUPLICATE_NUMBER"),
    "long_line.txt": (Status.PARTIAL, "INGEST_LONG_LINE"),
    "good.txt": (Status.OK, None),
    "utf8_bom.txt": (Status.OK, None),
    "with_table.pdf": (Status.OK, "INGEST_TABLE_AS_TEXT"),
}


@pytest.fixture(scope="module")
def results(bad_folder: dict[str, str]) -> dict[str, object]:
    folder = Path(next(iter(bad_folder.values()))).parent
    return {Path(r.path).name: r for r in load_corpus([folder])}  # sandboxed, as the CLI runs


def test_every_file_gets_a_result(results: dict, bad_folder: dict[str, str]) -> None:
    assert set(results) == {Path(p).name for p in bad_folder.values()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status_and_code(results: dict, name: str) -> None:
    status, code = EXPECTED[name]
    result = results[name]
    assert result.status is status, [f.code for f in result.findings]
    if code:
        assert code in {f.code for f in result.findings}
    if status is Status.FAILED:
        assert result.document is None and result.sha256 and result.findings[0].message


def test_good_files_are_whole(results: dict) -> None:
    good, gbk, bom = results["good.txt"], results["gbk.txt"], results["utf8_bom.txt"]
    texts = [[(p.id, p.text) for p in r.document.all_provisions()] for r in (good, gbk, bom)]
    assert texts[0] == texts[1] == texts[2]


def test_duplicate_article_keeps_both(results: dict) -> None:
    ids = [p.id for p in results["duplicate_articles.txt"].document.articles()]
    assert any(i.endswith("art-3~2") for i in ids) and any(i.endswith("art-3") for i in ids)


def test_timeout_kills_the_parser(tmp_path: Path) -> None:
    from ingest.sandbox import Limits, SandboxedParser

    big = tmp_path / "slow.txt"
    big.write_text("第一条 " + "安全生产。" * 400_000, encoding="utf-8")
    with SandboxedParser(Limits(seconds=0.05, seconds_per_mb=0)) as parser:
        slow = parser.parse(big, big.read_bytes())
        assert slow.status is Status.FAILED
        assert slow.findings[0].code == "INGEST_TIMEOUT"
        quick = tmp_path / "ok.txt"
        quick.write_text("第一条 本规定适用于测试。", encoding="utf-8")
        assert parser.parse(quick, quick.read_bytes()).status is not Status.FAILED
