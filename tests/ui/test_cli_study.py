"""Study exports and the `policylens study` / `study-diff` commands: the DOCX answer key after
the questions, the XLSX bank's Chinese columns, the Anki package, Markdown with sources, and the
--json contracts (real subprocesses, run at once)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from docx import Document as DocxDocument

from index import open_store
from index.study.changes import study_changes
from index.study.packs import pack_for_document
from nlp.quiz.gate import gate
from tests.index.support import LAW_2019, LAW_2024, workspace
from ui.export.study_anki import pack_apkg, stable_id
from ui.export.study_docx import changes_docx, pack_docx
from ui.export.study_md import changes_markdown, pack_markdown
from ui.export.study_xlsx import COLUMNS, bank_xlsx

ROOT = Path(__file__).resolve().parents[2]
BANK_COLUMNS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "出处"]
ITEM_FIELDS = {"type", "stem", "options", "answer", "explanation", "source_id"}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("study-cli") / "workspace"
    store, _, _ = workspace(path)
    store.close()
    return path


@pytest.fixture(scope="module")
def pack(home: Path):
    with open_store(home) as store:
        return pack_for_document(store, LAW_2024, items=16, seed=2)


@pytest.fixture(scope="module")
def changes(home: Path):
    with open_store(home) as store:
        return study_changes(store, LAW_2019, LAW_2024)


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


def test_docx_puts_the_answer_key_after_every_question(pack) -> None:
    paragraphs = [p.text for p in DocxDocument(io.BytesIO(pack_docx(pack))).paragraphs]
    key = paragraphs.index("参考答案")
    last_stem = max(i for i, t in enumerate(paragraphs) if t.startswith(f"{len(pack.items)}. 根据"))
    assert last_stem < key
    answers = paragraphs[key + 1 :]
    assert len(answers) == len(pack.items)
    for n, (text, item) in enumerate(zip(answers, pack.items, strict=True), 1):
        assert text.startswith(f"{n}. {item.quiz.answer}")
    before = "\n".join(paragraphs[:key])
    assert pack.items[0].quiz.explanation not in before
    assert paragraphs.index("提纲") < paragraphs.index("重点条款") < paragraphs.index("练习题")


def test_xlsx_bank_has_exactly_the_chinese_columns(pack) -> None:
    assert list(COLUMNS) == BANK_COLUMNS
    sheet = openpyxl.load_workbook(io.BytesIO(bank_xlsx(pack.items, pack.title))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == BANK_COLUMNS
    assert len(rows) == len(pack.items) + 1
    labels = {
        "single": "单选题",
        "multiple": "多选题",
        "true_false": "判断题",
        "fill_blank": "填空题",
    }
    for row, item in zip(rows[1:], pack.items, strict=True):
        record = dict(zip(BANK_COLUMNS, row, strict=True))
        assert record["题型"] == labels[item.quiz.type]
        assert record["答案"] == item.quiz.answer
        assert record["出处"] == f"《{item.title}》{item.number}"
        if item.quiz.type == "single":
            assert record["选项A"] == item.quiz.options[0]
            assert record["选项D"] == item.quiz.options[3]


def test_apkg_is_an_anki_package_with_stable_ids(pack) -> None:
    data = pack_apkg(pack)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "collection.anki2" in package.namelist()
    assert stable_id(pack.title, "deck") == stable_id(pack.title, "deck")
    assert stable_id(pack.title, "deck") != stable_id(pack.title, "model")
    assert stable_id(pack.title, "deck") != stable_id(pack.title + "（2）", "deck")


def test_markdown_lists_each_item_with_its_source(pack) -> None:
    text = pack_markdown(pack)
    quiz, key = text.split("## 练习题")[1].split("## 参考答案")
    for n, item in enumerate(pack.items, 1):
        assert f"{n}. {item.quiz.stem}" in quiz
        assert f"出处：《{item.title}》{item.number}" in quiz
        assert f"{n}. **{item.quiz.answer}**" in key
    assert "## 术语定义" in text and "重大危险源" in text


def test_changes_exports_show_the_changed_fines(changes) -> None:
    markdown = changes_markdown(changes)
    assert "处~~二~~**五**万元以上" in markdown
    assert "第三十六条（原第三十五条）" in markdown
    paragraphs = [p.text for p in DocxDocument(io.BytesIO(changes_docx(changes))).paragraphs]
    assert any("五万元以上二十万元以下" in p and "二万元以上十万元以下" in p for p in paragraphs)


def test_cli_study_json_contract_and_exports(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "bank.xlsx"
    calls = [
        ("study", LAW_2024, "--items", "8", "--seed", "4", "--json", "--out", str(out)),
        ("study", "--query", "事故报告", "--items", "6", "--json"),
        ("study-diff", LAW_2019, LAW_2024, "--json", "--out", str(tmp_path / "diff.md")),
        ("study", LAW_2024, "--out", str(tmp_path / "pack.pdf")),
        ("study", LAW_2024, "--query", "事故"),
    ]
    with ThreadPoolExecutor(len(calls)) as pool:
        doc, topic, diff, bad_out, both = pool.map(lambda a: run(*a, home=home), calls)
    assert doc.returncode == 0, doc.stderr
    data = json.loads(doc.stdout)
    assert {"provisions", "terms", "items"} <= data.keys()
    assert len(data["items"]) == 8
    with open_store(home) as store:
        for item in data["items"]:
            assert item.keys() >= ITEM_FIELDS
            stored = store.provision(item["document_id"], item["source_id"])
            assert item["explanation"].split("“", 1)[1].split("”", 1)[0] in stored["text"]
        expected = pack_for_document(store, LAW_2024, items=8, seed=4).to_dict()
    assert data == expected
    assert openpyxl.load_workbook(out).active.max_row == 9
    assert topic.returncode == 0, topic.stderr
    topic_data = json.loads(topic.stdout)
    assert topic_data["scope"] == "topic" and topic_data["items"]
    assert diff.returncode == 0, diff.stderr
    diff_data = json.loads(diff.stdout)
    assert diff_data["counts"]["changed"] == 7 and diff_data["counts"]["renumbered"] == 29
    assert (
        (tmp_path / "diff.md").read_text(encoding="utf-8").startswith("# 示例安全生产法 · 修订要点")
    )
    assert bad_out.returncode == 1
    assert bad_out.stderr.strip() == (
        f"Error: --out {tmp_path / 'pack.pdf'}: use a .docx, .md, .apkg, .xlsx file name"
    )
    assert both.returncode == 1
    assert both.stderr.strip() == "Error: give a document (DOC) or --query, not both"


def test_exported_items_pass_the_gate(home: Path, pack) -> None:
    with open_store(home) as store:
        for item in pack.items:
            assert not gate(
                item.quiz, store.provision(item.document_id, item.quiz.source_id)["text"]
            )
