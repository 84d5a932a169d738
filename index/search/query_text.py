"""Query text made comparable with the indexed texts: full-width forms and traditional characters.

The stored statutes are in simplified characters with half-width digits and Latin letters; a user
may type "勞動合同法" or "ＡＢＣ　１２３". :func:`normalise_query` folds compatibility forms (NFKC:
full-width letters, digits and the ideographic space) and converts traditional characters to
simplified phrase by phrase with :func:`ingest.chinese_script.to_simplified` (OpenCC ``t2s``), the
project's one converter. English text passes through unchanged apart from the width fold.
"""

from __future__ import annotations

import unicodedata

from ingest.chinese_script import to_simplified

__all__ = ["normalise_query", "to_simplified"]


def normalise_query(text: str) -> str:
    """A query with full-width forms folded, traditional characters simplified and runs of
    white space collapsed to one space.

    >>> normalise_query("  勞動合同法　第十條 ＡＢＣ ")
    '劳动合同法 第十条 ABC'
    """
    folded = unicodedata.normalize("NFKC", text)
    return " ".join(to_simplified(folded).split())
