"""Sentences and notes of English plans that assign bodies rather than set tasks.

"(Lead: X; Cooperating: Y; Deadline: Z)" after an item, "Lead unit: X; cooperating units: Y"
closing a paragraph, "The Ministry of X should take the lead, with the cooperation of Y." and
"Relevant departments should cooperate closely." name who does the tasks around them; this module
finds them and returns the spans of the names. Offsets index the paragraph passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.plans.english_words import looks_like_body
from nlp.text import trim

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Bodies named as lead or co-operating, and the scope they apply to.

    Attributes:
        lead: Spans of the lead bodies' text (each span may list several bodies).
        cooperating: Spans of the co-operating bodies' text.
        responsible: Spans of "Responsible: A, B" lists (the first body leads, the rest
            co-operate).
        sentence: The sentence it stands in.
        previous: True when it applies to the tasks before it rather than to its own
            sentence (an assignment-only sentence, a "(Lead: …)" block standing alone).
        deadline: Span of a "Deadline: …" field of a block, or None.
    """

    lead: tuple[tuple[int, int], ...]
    cooperating: tuple[tuple[int, int], ...]
    sentence: int
    responsible: tuple[tuple[int, int], ...] = ()
    previous: bool = False
    deadline: tuple[int, int] | None = None


# -- blocks: "(Lead: X; Cooperating: Y; Deadline: Z)" ------------------------------------------

_BLOCK = re.compile(
    r"[(（]\s*(?P<body>(?:lead|leading|cooperat|co-operat|responsible|in charge|deadline|time|"
    r"support|assist|participat)"
    r"[^()（）]*)[)）]\s*$",
    re.IGNORECASE,
)
_FIELD = re.compile(
    r"(?P<key>lead(?:ing)?(?: (?:unit|department|body|agency|agencies|departments|units))?"
    r"(?: by)?|(?:co-?operating|supporting|assisting|participating)"
    r"(?: (?:units?|departments?|bod(?:y|ies)|agenc(?:y|ies)))?"
    r"|responsible(?: (?:units?|departments?|bod(?:y|ies)|agenc(?:y|ies)))?|in charge"
    r"|deadline|time(?: limit| frame)?|completion(?: date)?)\s*[:：]\s*",
    re.IGNORECASE,
)


BARE_BLOCK = re.compile(
    r"(?:^|(?<=[.!?。]))\s*(?=(?:lead(?:ing)?|responsible|co-?operating|supporting)"
    r"(?: (?:units?|departments?|bod(?:y|ies)|agenc(?:y|ies)))?\s*[:：])",
    re.IGNORECASE,
)


def find_block(text: str, begin: int, end: int) -> tuple[Assignment, int] | None:
    """A "(Lead: …; Cooperating: …)" block closing ``text[begin:end]``, and where it starts."""
    m = _BLOCK.search(text, begin, end)
    if m is None:
        return None
    assignment = parse_fields(text, m.start("body"), m.end("body"))
    return (assignment, m.start()) if assignment else None


def parse_fields(text: str, start: int, end: int) -> Assignment | None:
    """The "Lead: …; Cooperating: …; Deadline: …" fields of ``text[start:end]``."""
    fields = list(_FIELD.finditer(text, start, end))
    if not fields or fields[0].start() != start:
        return None
    spans: dict[str, list[tuple[int, int]]] = {"lead": [], "co": [], "responsible": [], "time": []}
    for i, f in enumerate(fields):
        value_end = fields[i + 1].start() if i + 1 < len(fields) else end
        key = f.group("key").lower()
        kind = next((k for k in ("lead", "co", "responsible") if key.startswith(k)), "time")
        if key.startswith(("support", "assist", "particip")):
            kind = "co"
        spans[kind].append(trim(text, f.end(), value_end, " ;；,，."))
    deadline = spans["time"][0] if spans["time"] else None
    return Assignment(
        tuple(spans["lead"]), tuple(spans["co"]), 0, tuple(spans["responsible"]), deadline=deadline
    )


# -- assignment-only sentences -----------------------------------------------------------------

_LEAD_ONLY = re.compile(
    r"^(?P<lead>.+?)\s+(?:should|shall|will|is to|are to|is required to|are required to)\s+"
    r"(?:take the lead|be responsible|be in charge|lead)"
    r"(?:\s+(?:in|for|of|on)?\s*(?:this|these|the above|the|that|such)\s+"
    r"(?:work|tasks?|efforts?|matters?|campaign))?"
    r"(?P<rest>(?:\s*,?\s*(?:with the (?:co-?operation|participation|support|assistance) of|"
    r"in co-?operation with|assisted by|supported by|together with)\s+(?P<coop>.+?)|"
    r"\s*,?\s*with\s+(?P<coop2>.+?)\s+(?:co-?operating|assisting|participating))?)\s*$",
    re.IGNORECASE,
)
_COOPERATE_ONLY = re.compile(
    r"^(?P<coop>(?:(?!\b(?:should|shall|will|must|may)\b).)+?)\s+"
    r"(?:should|shall|will|are to|is to)\s+(?:\w+ly\s+)?"
    r"(?:cooperate|co-operate|assist|participate|give support|provide support)"
    r"(?:\s+(?:\w+ly|in this work|with it|with them))?\s*$",
    re.IGNORECASE,
)
_LED_BY = re.compile(
    r"^(?:this|these|the above|the|such)\s+(?:work|tasks?|efforts?|campaign)\s+"
    r"(?:is|are|will be|shall be|should be)\s+led by\s+(?P<lead>.+?)"
    r"(?:\s*,?\s*(?:with the (?:co-?operation|participation) of|in co-?operation with|"
    r"and assisted by|assisted by)\s+(?P<coop>.+?)|"
    r"\s*,?\s*with\s+(?P<coop2>.+?)\s+(?:co-?operating|assisting|participating))?\s*$",
    re.IGNORECASE,
)


def assignment_only(
    text: str, begin: int, end: int
) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]] | None:
    """An assignment-only sentence in ``text[begin:end]``: (lead spans, co-operating spans)."""
    chunk = text[begin:end]
    m = _COOPERATE_ONLY.match(chunk)
    if m is not None:  # "relevant departments should cooperate closely"
        return (), (trim(text, begin + m.start("coop"), begin + m.end("coop"), " ,;"),)
    for pattern in (_LEAD_ONLY, _LED_BY):
        m = pattern.match(chunk)
        if m is None:
            continue
        lead = trim(text, begin + m.start("lead"), begin + m.end("lead"), " ,;")
        if not looks_like_body(text[lead[0] : lead[1]]):
            continue
        coop: tuple[tuple[int, int], ...] = ()
        group = "coop" if m.group("coop") else "coop2"
        if m.group(group):  # "with the cooperation of Y", "with Y cooperating"
            coop = (trim(text, begin + m.start(group), begin + m.end(group), " ,;"),)
        return (lead,), coop
    return None
