"""A study pack's quiz as an Anki deck (.apkg): one note per item, answer with its source."""

from __future__ import annotations

import hashlib
import html
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki

from index.study.packs import StudyPack
from ui.export.study_labels import cite, option_lines
from ui.i18n import language, t

COLLECTION = "collection.anki2"
DEFAULT_DECK = "1"  # Anki's built-in deck, in every collection genanki writes
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
        if language() != "en":
            return _default_deck_named(path, Path(folder), t("export.anki_default_deck"))
        return path.read_bytes()


def _default_deck_named(package: Path, folder: Path, name: str) -> bytes:
    """The package at ``package`` with the built-in deck of its collection named ``name``.

    Anki requires deck 1 in a collection, and genanki's collection template names it
    "Default"; it shows in the deck list beside the pack's deck (issue 18). The collection's
    ``decks`` JSON is rewritten in place and every other member of the package kept as it is.
    """
    collection = folder / COLLECTION
    with zipfile.ZipFile(package) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    for info, data in members:
        if info.filename == COLLECTION:
            collection.write_bytes(data)
    db = sqlite3.connect(collection)
    try:
        with db:
            for rowid, decks in db.execute("SELECT id, decks FROM col").fetchall():
                found = json.loads(decks)
                if DEFAULT_DECK in found:
                    found[DEFAULT_DECK]["name"] = name
                db.execute(
                    "UPDATE col SET decks=? WHERE id=?",
                    (json.dumps(found, ensure_ascii=False), rowid),
                )
    finally:
        db.close()
    rewritten = folder / "named.apkg"
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info, collection.read_bytes() if info.filename == COLLECTION else data)
    return rewritten.read_bytes()
