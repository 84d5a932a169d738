"""A plan printed in traditional characters is read like a simplified one, and quoted as
printed: its notes (負責, 牵頭) give leads, its names and task text keep their characters."""

from __future__ import annotations

from pathlib import Path

from ingest import load_document
from nlp.plans.simplified import as_printed, simplified_chars
from nlp.plans.tasks import read_plan


def _reading(tmp_path: Path, body: str, title: str):
    path = tmp_path / "plan.md"
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    result = load_document(path)
    assert result.document is not None
    return result.document, read_plan(result.document)


def test_simplified_chars_keeps_length_and_plain_text() -> None:
    text = "市醫保局負責, by 2021"
    out = simplified_chars(text)
    assert out == "市医保局负责, by 2021"
    assert len(out) == len(text)
    assert as_printed("市医保局", text, out) == "市醫保局"
    assert as_printed("不在", text, out) == "不在"


def test_traditional_notes_give_leads_named_as_printed(tmp_path: Path) -> None:
    document, reading = _reading(
        tmp_path,
        "一、減負穩崗\n\n"
        "1.繼續實施失業保險穩崗返還政策,2021年12月31日前完成。(市人力資源社會保障局、市醫保局負責)\n\n"
        "2.落實分檔征收殘疾人就業保障金政策。(市殘聯、市稅務局負責)",
        "某市關于穩定就業的實施意見",
    )
    tasks = reading.tasks
    assert [t.lead for t in tasks] == [
        ("市人力資源社會保障局", "市醫保局"),
        ("市殘聯", "市稅務局"),
    ]
    assert tasks[0].text.startswith("繼續實施")
    assert all(t.text == document.text[t.start : t.end] for t in tasks)
    assert tasks[0].deadline is not None and tasks[0].deadline.due is not None
    assert tasks[0].deadline.due.isoformat() == "2021-12-31"
    assert "繼續實施" in document.text  # the stored text is not converted
