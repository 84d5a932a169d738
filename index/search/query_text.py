"""Query text made comparable with the indexed texts: full-width forms and traditional characters.

The stored statutes are in simplified characters with half-width digits and Latin letters; a user
may type "勞動合同法" or "ＡＢＣ　１２３". :func:`normalise_query` folds compatibility forms (NFKC:
full-width letters, digits and the ideographic space) and converts traditional characters to
simplified with OpenCC's ``t2s`` tables (``opencc-python-reimplemented``, pure Python with its
data). English text passes through unchanged apart from the width fold.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def _converter() -> Any:
    from opencc import OpenCC  # type: ignore[import-untyped]  # typeshed knows it, no stubs here

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters replaced by their simplified forms.

    >>> to_simplified("公司不給交社保怎麼辦")
    '公司不给交社保怎么办'
    """
    if not _CJK.search(text):
        return text
    return str(_converter().convert(text))


def normalise_query(text: str) -> str:
    """A query with full-width forms folded, traditional characters simplified and runs of
    white space collapsed to one space.

    >>> normalise_query("  勞動合同法　第十條 ＡＢＣ ")
    '劳动合同法 第十条 ABC'
    """
    folded = unicodedata.normalize("NFKC", text)
    return " ".join(to_simplified(folded).split())
