"""Deontic words: obligation, permission, prohibition and recommendation, in Chinese and English.

A local rule that writes 可以 where the upper law writes 应当, or "may" where it writes "shall",
turns a duty into an option; :mod:`nlp.review.checks` compares the modal words of aligned
clauses. This module only finds them.

Single characters are taken only where they cannot be part of another word: 应 stands in 应急,
相应, 供应 and 可 in 许可, 认可, 可能, so 应 and 可 alone count only before a small set of words
that start a predicate ("应由", "可按"). Bounds such as 不得少于 / 不得超过 are not prohibitions
but limits of a quantity, read by :mod:`nlp.legal.quantities`, and are left out here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("obligation", "permission", "prohibition", "recommendation")


@dataclass(frozen=True, slots=True)
class Modal:
    """One modal expression.

    Attributes:
        kind: "obligation" (应当, 必须, shall, must), "permission" (可以, 有权, may),
            "prohibition" (不得, 禁止, 严禁, shall not, must not, may not) or "recommendation"
            (鼓励, 提倡, should).
        text: The words as written.
        span: Offsets of ``text``.
    """

    kind: str
    text: str
    span: tuple[int, int]


_ZH_STARTERS = (
    "由|在|按|依|向|及时|立即|予|于|将|对|经|当场|根据|采取|责令|适当|延长|申请|委托|设置|建立|"
    "配备|具备|取得|符合|报|自|从|凭|视|免于|不予"
)
_ZH_BOUND = "少于|低于|超过|高于|小于|大于|迟于|早于"
# Ordered: the first alternative that matches at a position wins.
_ZH_TABLE: tuple[tuple[str, str], ...] = (
    ("prohibition", rf"(?:不得|不准|不许|不应当|不应)(?!{_ZH_BOUND})|严禁|禁止"),
    (
        "permission",
        # 有权, but not inside a right holder ("所有权人", "经营权人")
        r"无须|无需|不必|不需要|可以|有权(?!人)|允许|准许|(?<![许认宁即不])可(?="
        + _ZH_STARTERS
        + ")",
    ),
    (
        "obligation",
        r"应当|必须|应予|有义务|负有.{0,12}?(?:义务|职责|责任)|(?<![相供适对反响回呼照效感])应(?="
        + _ZH_STARTERS
        + ")|(?<![必无])须(?="
        + _ZH_STARTERS
        + ")",
    ),
    ("recommendation", r"鼓励|提倡|倡导|宜(?=[\u4e00-\u9fff])(?![宾居人])"),
)
_ZH = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _ZH_TABLE))

_EN_TABLE: tuple[tuple[str, str], ...] = (
    (
        "prohibition",
        r"\b(?:shall|must|will|may)\s+(?:not|never)\b(?!\s+(?:only|be\s+required|have\s+(?:an\s+)?obligation)\b)"
        r"|\b(?:shan't|mustn't|won't|cannot|can't|can\s+not|ought\s+not(?:\s+to)?)\b"
        r"|\b(?:shall|will)\s+have\s+no\s+right\s+to\b|\b(?:is|are)\s+(?:prohibited|forbidden|"
        r"not\s+(?:permitted|allowed))\b|\bno\s+\w+\s+(?:shall|may)\b",
    ),
    (
        "permission",
        r"\b(?:shall|will|must)\s+not\s+(?:be\s+required|have\s+(?:an\s+)?obligation)\b|\bneed\s+not\b"
        r"|\b(?:is|are)\s+not\s+(?:responsible|liable|required|obliged|obligated)\b"
        r"|\b(?:may|can)\b(?!\s+only)|\b(?:is|are)\s+(?:permitted|allowed|entitled)\s+to\b"
        r"|\bha(?:s|ve)\s+the\s+right\s+to\b|\bat\s+(?:its|their|his|her)\s+(?:sole\s+)?(?:option|discretion)\b",
    ),
    (
        "obligation",
        r"\b(?:shall|must|will)\b|\bought\s+to\b|\bmay\s+only\b|\bcan\s+only\b|\b(?:is|are)\s+(?:required|obliged|obligated)\s+to\b"
        r"|\bha(?:s|ve)\s+(?:an\s+)?(?:obligation|duty)\s+to\b|\bagrees?\s+to\b"
        r"|\b(?:is|are|be)\s+(?:solely\s+)?(?:responsible|liable)\s+for\b",
    ),
    ("recommendation", r"\bshould\b|\b(?:is|are)\s+encouraged\s+to\b|\bencourag(?:e|es|ed)\b"),
)
_EN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _EN_TABLE), re.I)


def find_modals(text: str) -> list[Modal]:
    """Return the modal expressions of a Chinese or English text, in order, never overlapping.

    Args:
        text: Any text.
    """
    found = [Modal(str(m.lastgroup), m.group(0), m.span()) for m in _ZH.finditer(text)]
    found += [Modal(str(m.lastgroup), m.group(0), m.span()) for m in _EN.finditer(text)]
    found.sort(key=lambda m: m.span)
    return found


def weakening(upper: str, local: str) -> str | None:
    """Return the severity of a change of modality from ``upper`` to ``local``, None if none.

    "error" when a duty or a ban loses force (应当 → 可以, 不得 → 可以) or turns into its opposite
    (应当 ↔ 不得); "warning" when the local text binds where the upper text leaves a choice
    (可以 → 应当, 可以 → 不得) or a duty becomes a recommendation; nothing for a recommendation
    made a duty (the local text elaborates).

    Args:
        upper: kind of the upper text's modal.
        local: kind of the local text's modal.
    """
    if upper == local:
        return None
    table = {
        ("obligation", "permission"): "error",
        ("obligation", "prohibition"): "error",
        ("prohibition", "permission"): "error",
        ("prohibition", "obligation"): "error",
        ("obligation", "recommendation"): "error",
        ("prohibition", "recommendation"): "error",
        ("permission", "obligation"): "warning",
        ("permission", "prohibition"): "warning",
        ("recommendation", "permission"): "info",
        # A local text binding where the upper one encourages is ordinary elaboration (国家鼓励 →
        # the city government 应当 support it): no finding.
        ("recommendation", "prohibition"): "warning",
        ("permission", "recommendation"): "info",
    }
    return table.get((upper, local))
