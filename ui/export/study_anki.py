"""A study pack's quiz as an Anki deck (.apkg): one note per item, answer with its source."""

from __future__ import annotations

import hashlib
import html
import tempfile
from pathlib import Path

import genanki

from index.study.packs import StudyPack
from ui.export.study_labels import cite, option_lines
from ui.i18n import language, t

_CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; }"


def stable_id(title: str, salt: str) -> int:
    """A model or deck id from the pack title: the same title gives the same deck on re-import.

    Args:
        title: The pack's title.
        salt: "model" or "deck", so the two ids differ.
    """
    digest = hashlib.sha256(f"policylens:{salt}:{title}".encode()).digest()
    # Anki ids are positive 63-bit integers; keep well inside (genanki's own ids are ~2**30).
    return (1 << 30) + int.from_bytes(digest[:4], "big")


def _model(pack: StudyPack) -> genanki.Model:
    """The note type, named in the interface language (问题/答案/出处 in Chinese). Its id
    differs by language: Anki keeps one field list per note type id, so a Chinese and an English
    deck of the same pack are two note types (English keeps the id it always had)."""
    code = language()
    question, answer, source = (
        t("export.anki_question"),
        t("export.anki_answer"),
        t("export.anki_source"),
    )
    return genanki.Model(
        stable_id(pack.title, "model" if code == "en" else f"model-{code}"),
        t("export.anki_note_type"),
        fields=[{"name": question}, {"name": answer}, {"name": source}],
        templates=[
            {
                "name": t("export.anki_card"),
                "qfmt": f"{{{{{question}}}}}",
                "afmt": f'{{{{FrontSide}}}}<hr id="answer">{{{{{answer}}}}}'
                f"<br><small>{{{{{source}}}}}</small>",
            }
        ],
        css=_CSS,
    )


def pack_apkg(pack: StudyPack) -> bytes:
    """The deck as .apkg bytes (genanki writes files only, so through a temporary folder), its
    note type and field names in the interface language."""
    model = _model(pack)
    deck = genanki.Deck(stable_id(pack.title, "deck"), t("export.anki_deck", title=pack.title))
    for item in pack.items:
        q = item.quiz
        question = "<br>".join(html.escape(line) for line in [q.stem, *option_lines(q)])
        answer = f"<b>{html.escape(q.answer)}</b><br>{html.escape(q.explanation)}"
        source = html.escape(cite(item, pack.title if pack.scope != "topic" else ""))
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[question, answer, source],
                guid=genanki.guid_for(item.document_id, q.source_id, q.stem),
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()
