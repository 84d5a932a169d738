"""Traditional Chinese characters turned into simplified ones: the one converter of the project.

The statutes, the plan reader's words and the indexes are in simplified characters; a query or a
plan may be typed or printed in traditional ones (勞動合同法, 責任單位). Both conversions here use
OpenCC's ``t2s`` tables (package ``opencc-python-reimplemented``, pure Python with its data, no
download), loaded once per process:

- :func:`to_simplified` converts phrase by phrase, the way OpenCC means, for text that is only
  compared (search queries); its result may differ in length from the input.
- :func:`simplified_chars` converts each character on its own, one for one, for text whose offsets
  must stay those of the original (a plan read through a simplified copy, its spans unchanged).

The two differ only where a phrase decides the character (乾隆 keeps its 乾, 乾燥 becomes 干燥) or
where the phrase table alone knows a form (瞭解 → 了解):

>>> to_simplified("乾隆年間"), simplified_chars("乾隆年間")
('乾隆年间', '干隆年间')
>>> to_simplified("瞭解"), simplified_chars("瞭解")
('了解', '瞭解')
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# CJK Unified Ideographs with Extension A, and the compatibility ideographs: the characters that
# t2s may change. Text without any (English, digits) is returned without calling OpenCC.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def _converter() -> Any:
    from opencc import OpenCC  # type: ignore[import-untyped]  # no stubs and no py.typed

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Text with traditional characters replaced by simplified ones, phrase by phrase.

    OpenCC matches its phrase table before its character table, so the result may not keep the
    input's length; use :func:`simplified_chars` where offsets matter.

    Args:
        text: Any text; parts that are not Chinese pass through unchanged.

    Returns:
        The text in simplified characters.

    >>> to_simplified("公司不給交社保怎麼辦")
    '公司不给交社保怎么办'
    >>> to_simplified("Article 5 第五條")
    'Article 5 第五条'
    >>> to_simplified("no Chinese here")
    'no Chinese here'
    """
    if not _HAN.search(text):
        return text
    return str(_converter().convert(text))


def simplified_chars(text: str) -> str:
    """Text with each traditional character replaced by its simplified form, one for one.

    A character whose t2s form is not a single character is kept as it is, so the result always
    has the input's length and every offset into the input indexes the same place in it.

    Args:
        text: Any text; characters that are not Chinese pass through unchanged.

    Returns:
        The text in simplified characters, of the same length.

    >>> simplified_chars("市人力資源社會保障局負責")
    '市人力资源社会保障局负责'
    >>> simplified_chars("第一條　ＡＢＣ 12")
    '第一条　ＡＢＣ 12'
    """
    return "".join(_simple_char(ch) for ch in text)


@cache
def _simple_char(ch: str) -> str:
    if not _HAN.match(ch):
        return ch
    out = str(_converter().convert(ch))
    return out if len(out) == 1 else ch
