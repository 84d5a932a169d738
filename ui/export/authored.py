"""New DOCX and XLSX files whose properties name PolicyLens as their author, not the library
that wrote them ("python-docx", "openpyxl"): a file handed on shows who made it."""

from __future__ import annotations

from docx import Document as DocxDocument
from docx.document import Document
from openpyxl import Workbook

AUTHOR = "PolicyLens"


def new_docx(title: str = "") -> Document:
    """An empty DOCX with PolicyLens as author and last editor, and ``title``."""
    doc = DocxDocument()
    doc.core_properties.author = AUTHOR
    doc.core_properties.last_modified_by = AUTHOR
    doc.core_properties.comments = ""
    doc.core_properties.title = title
    return doc


def new_workbook(title: str = "") -> Workbook:
    """An empty workbook with PolicyLens as creator and last editor, and ``title``."""
    book = Workbook()
    book.properties.creator = AUTHOR
    book.properties.lastModifiedBy = AUTHOR
    book.properties.title = title or None
    return book
