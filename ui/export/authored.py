"""New DOCX and XLSX files whose properties say what they are and who made them.

A file handed on shows PolicyLens as its author and application (not "python-docx",
"openpyxl" or the "Microsoft Macintosh Word" of python-docx's template), the day it was made
(not the template's 2013-12-23), its title, and its language: a Chinese document is marked
zh-CN, so that Word checks its spelling and breaks its lines as Chinese (issue 18). Every
DOCX and XLSX export starts here.

openpyxl builds the workbook's ``docProps/app.xml`` anew when it saves and names itself as
the application there ("Microsoft Excel Compatible / Openpyxl"), with no setting for it: so
every workbook is saved through :func:`workbook_bytes`, which writes the saved package again
with that part naming PolicyLens.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx import Document as DocxDocument
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook

AUTHOR = "PolicyLens"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties">'
    "<Application>{application}</Application><DocSecurity>0</DocSecurity>"
    "<Company/><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
_APP_PART = "docProps/app.xml"
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


def language_tag(language: str | None, text: str = "") -> str:
    """The language tag a file declares: ``zh-CN`` for ``"zh"``, ``en-US`` for ``"en"``; when
    ``language`` is None, ``zh-CN`` if ``text`` holds Chinese characters."""
    if language is None:
        language = "zh" if _CJK.search(text) else "en"
    return "zh-CN" if language == "zh" else "en-US"


def new_docx(title: str = "", language: str | None = None) -> Document:
    """An empty DOCX made by PolicyLens now, titled ``title``, in ``language``.

    Args:
        title: The document's heading, its title in the file's properties.
        language: ``"zh"`` or ``"en"``; None: Chinese if the title holds Chinese characters.
    """
    doc = DocxDocument()
    tag = language_tag(language, title)
    now = datetime.now(UTC).replace(microsecond=0)
    props = doc.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = ""
    props.title = title
    props.language = tag
    props.created = now
    props.modified = now
    props.revision = 1
    _set_language(doc, tag)
    _replace_app_properties(doc)
    return doc


def _set_language(doc: Document, tag: str) -> None:
    """The language of the text in every style (the document defaults, and Normal, which
    the headings are based on): ``tag``, East Asian text zh-CN."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    holders = [doc.styles["Normal"].element.get_or_add_rPr()]
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        rpr = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
        if rpr is not None:
            holders.append(rpr)
    for rpr in holders:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), "zh-CN")


def _replace_app_properties(doc: Document) -> None:
    """The template's ``docProps/app.xml`` (application "Microsoft Macintosh Word", template
    Normal.dotm, its word counts) replaced by one naming PolicyLens as the application. The
    package keeps it as a plain part; the new part takes the old one's relationship id."""
    package = doc.part.package
    rels = package.rels
    blob = _app_properties()
    part = Part(PackURI("/docProps/app.xml"), _APP_TYPE, blob, package)
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rels.add_relationship(RT.EXTENDED_PROPERTIES, part, rid)
            return
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def _app_properties() -> bytes:
    """The ``docProps/app.xml`` of every file PolicyLens writes: PolicyLens as application."""
    return _APP_XML.format(application=escape(AUTHOR)).encode("utf-8")


def new_workbook(title: str = "", language: str | None = None) -> Workbook:
    """An empty workbook with PolicyLens as creator and last editor, ``title`` and its
    language (``"zh"``, ``"en"``, or None: Chinese if the title holds Chinese characters)."""
    book = Workbook()
    book.properties.creator = AUTHOR
    book.properties.lastModifiedBy = AUTHOR
    book.properties.title = title or None
    book.properties.language = language_tag(language, title)
    return book


def workbook_bytes(book: Workbook) -> bytes:
    """``book`` saved as XLSX, its ``docProps/app.xml`` naming PolicyLens as the application.

    openpyxl writes its own name there on every save, so the saved package is copied entry
    by entry (order, dates and compression kept) with that one part replaced. Every XLSX
    export is made here.
    """
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    rewritten = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = _app_properties() if entry.filename == _APP_PART else source.read(entry)
            target.writestr(entry, data)
    return rewritten.getvalue()
