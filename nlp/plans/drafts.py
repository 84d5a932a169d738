"""Task drafts: a task being assembled from a plan, by document offset, and span helpers."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.model import Provision
from nlp.bodies.departments import DepartmentMention
from nlp.plans import chinese as _plan_zh
from nlp.plans.deadlines import Deadline

Span = tuple[int, int]
Bodies = tuple[list[DepartmentMention], list[DepartmentMention]]  # lead, co-operating


@dataclass(slots=True)
class Draft:
    """A task being assembled: spans into the document, bodies not yet named."""

    provision_id: str
    start: int
    end: int
    action: Span
    object: Span
    lead: list[DepartmentMention] = field(default_factory=list)
    cooperating: list[DepartmentMention] = field(default_factory=list)
    deadline: Deadline | None = None
    frame: Span | None = None  # fronted words whose time frame applies to the task
    noted: bool = False  # assigned by a responsibility note (not cut from running text)
    ongoing_from: int | None = None  # where to look for 定期/"regularly" before the verb


def kind_name(m: DepartmentMention, chinese: bool) -> str:
    """The canonical name of a body's kind ("应急管理部门", "Emergency Management"), or an unknown
    body as written without its region."""
    if m.department is not None:
        return m.department.name_zh if chinese else m.department.name_en
    text = m.text.strip()
    if m.region and text.startswith(m.region):
        text = text[len(m.region) :]
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def kind_names(mentions: Iterable[DepartmentMention], chinese: bool) -> tuple[str, ...]:
    """:func:`kind_name` of each mention, each once, in order."""
    return tuple(dict.fromkeys(kind_name(m, chinese) for m in mentions))


def mention_triples(mentions: Iterable[DepartmentMention]) -> list[tuple[str, str, str]]:
    """``(written name, kind id, region)`` of each mention, for :func:`bodies_of`."""
    return [(m.text, m.department.id if m.department else "", m.region) for m in mentions]


def unique_mentions(mentions: Iterable[DepartmentMention]) -> list[DepartmentMention]:
    out: list[DepartmentMention] = []
    for m in mentions:
        if not any(m.span[0] < o.span[1] and o.span[0] < m.span[1] for o in out):
            out.append(m)
    return out


def own_segments(p: Provision, text: str) -> list[Span]:
    """The parts of a provision's span not covered by its children, without its number."""
    out, pos = [], p.span.start
    for c in p.children:
        if c.span.start > pos:
            out.append((pos, c.span.start))
        pos = max(pos, c.span.end)
    if pos < p.span.end:
        out.append((pos, p.span.end))
    if out and out[0][0] == p.span.start:
        a, b = out[0]
        first = first_char(text, a)
        if p.number and text.startswith(p.number, first):
            a = first + len(p.number)
        out[0] = (_plan_zh.strip_number(text, a, b), b)
    return out


def first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def trim_item(text: str, start: int, end: int) -> Span:
    """An item's text without surrounding space and its closing 。；：."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "。；;：:，,"):
        end -= 1
    return start, end


def shift(span: Span, offset: int) -> Span:
    return span[0] + offset, span[1] + offset


def shifted(deadline: Deadline, offset: int) -> Deadline:
    return dataclasses.replace(deadline, span=shift(deadline.span, offset))
