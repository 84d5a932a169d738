"""Responses filed under the name of the body that gives them.

A page that gathers several bodies' answers to one action prints each body's name on a line of
its own and its answer in the paragraphs below ("Department of Transport" / "We will …"): the
page works as a division table whose rows are headed by their lead. :func:`response_groups`
finds such headings; each answer, whatever its sentences say, is one task led by the body its
heading names ("we" and "our" in it are that body).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.model import Provision

# a page needs this many body headings, each over an answer, to be read as answers by body
MIN_HEADINGS = 3
_NAME_WORDS = 12
# words a body's name may write in lower case ("Department for Work and Pensions")
_JOINING = frozenset({"and", "&", "of", "for", "the", "on", "in", "to", "de", "du", "des"})
_WORD = re.compile(r"[A-Za-z][\w'’-]*|&")
# the word a body's name ends with ("Cabinet Office") or starts with ("Ministry of Justice")
_HEADS = frozenset(
    [
        "Office",
        "Department",
        "Ministry",
        "Agency",
        "Commission",
        "Authority",
        "Council",
        "Board",
        "Bureau",
        "Administration",
        "Executive",
        "Treasury",
        "Secretariat",
        "Directorate",
        "Inspectorate",
        "Service",
        "Police",
    ]
)
_STARTS = frozenset(
    ["Department", "Ministry", "Office", "Agency", "Bureau", "Commission", "Secretariat"]
)
# an answer must say something: one sentence at least ("Awaiting confirmation" says nothing)
_SENTENCE_END = re.compile(r"[.!?](?:[\"'’”)]*)(?:\s|$)")


@dataclass(frozen=True, slots=True)
class ResponseGroup:
    """A body's heading and the paragraphs of its answer below it, up to the next heading."""

    heading: Provision
    answer: tuple[Provision, ...]


def is_body_heading(text: str) -> bool:
    """A line that is nothing but a body's name in title case ("Home Office", "Department for
    Business Innovation & Skills", "Her Majesty's Treasury"): no sentence end or colon, no list
    mark, every word but the joining ones capitalised, and a body's word at its head or its
    start ("Transform Service Delivery", a part's title, has neither)."""
    line = text.strip()
    if (
        not line
        or "\n" in line
        or re.search(r"[.;:!?,]$", line)
        or re.match(r"[-\u2022*(\d]", line)
    ):
        return False
    words = _WORD.findall(line)
    if not 0 < len(words) <= _NAME_WORDS:
        return False
    if any(not w[0].isupper() for w in words if w.lower() not in _JOINING):
        return False
    return words[-1] in _HEADS or words[0] in _STARTS or _crown_body(words)


def _crown_body(words: Sequence[str]) -> bool:
    """A name written as crown and state bodies are ("Her Majesty's Revenue & Customs", "HM
    Treasury")."""
    return len(words) >= 2 and (words[0] == "HM" or words[1].startswith("Majesty"))


def response_groups(units: Sequence[Provision], text: str) -> list[ResponseGroup]:
    """The answers a page files under body headings, in order; empty unless at least
    :data:`MIN_HEADINGS` headings each stand over an answer. A title line or a labelled action
    after an answer ends it; an answer with no sentence in it ("Awaiting confirmation") is left
    out."""
    headed = [
        k
        for k, u in enumerate(units)
        if not u.children and is_body_heading(text[u.span.start : u.span.end])
    ]
    groups: list[ResponseGroup] = []
    for n, k in enumerate(headed):
        stop = headed[n + 1] if n + 1 < len(headed) else len(units)
        answer = tuple(units[k + 1 : stop])
        said = " ".join(text[u.span.start : u.span.end] for u in answer)
        if answer and _SENTENCE_END.search(said):
            groups.append(ResponseGroup(units[k], answer))
    return groups if len(groups) >= MIN_HEADINGS else []
