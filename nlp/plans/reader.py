"""Reading one plan into task drafts: clauses, bodies, notes and deadlines, by document offset.

``nlp.plans.tasks`` owns the public API; this module walks a document's provisions, asks
``nlp.plans.english`` or ``nlp.plans.chinese`` for directive clauses and responsibility notes,
resolves the bodies they name through a ``DepartmentDirectory`` and picks each task's deadline.
Everything is in ``Document.text`` offsets.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ingest.model import Provision, ProvisionKind
from nlp.plans import chinese as _plan_zh
from nlp.plans import english as _plan_en
from nlp.plans import english_words as _plan_words
from nlp.plans.assignments import Assignment
from nlp.plans.deadlines import Deadline, find_deadlines, parse_deadline
from nlp.plans.departments import DepartmentDirectory, DepartmentMention
from nlp.plans.laws import find_laws

Span = tuple[int, int]
_Bodies = tuple[list[DepartmentMention], list[DepartmentMention]]  # lead, co-operating


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
    ongoing_from: int | None = None  # where to look for 定期/"regularly" before the verb


_GENERIC = re.compile(
    r"^(?:(?:all|each|every|the|other)\s+)*(?:(?:relevant|concerned|responsible|competent|"
    r"leading)\s+)*(?:regions?|departments?|units?|localities|places|bodies|organi[sz]ations|"
    r"sectors|parties|lead units?)(?:\s+(?:and|or)\s+(?:(?:all|each|relevant)\s+)*"
    r"(?:regions?|departments?|units?|localities|places|bodies|sectors))*(?:\s+concerned)?$"
    r"|^(?:(?:each|every|all)\s+)(?:provinces?|cit(?:y|ies)|count(?:y|ies)|municipalit(?:y|ies)|"
    r"prefectures?|townships?|enterprises?)$"
    r"|^各(?:[^，、]{0,8}?)(?:地|地区|部门|单位|地方|市|县|区|成员单位|牵头单位|配合单位|有关方面)$"
    r"|^(?:有关|相关|其他)(?:部门|单位|方面)$",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:all|each|every|the)\s+", re.IGNORECASE)
_ANAPHOR = re.compile(
    r"^the\s+(?P<head>office|ministry|committee|commission|bureau|department|administration|"
    r"council|agency|authority)$",
    re.IGNORECASE,
)
_TOGETHER = re.compile(
    r"\s*,?\s*(?:together with|jointly with|in conjunction with|in co-?operation with|"
    r"in coordination with|in collaboration with|with the (?:co-?operation|participation|support) "
    r"of)\s+|会同|联合",
    re.IGNORECASE,
)
_ZH_BODY = re.compile(r"(?:部|厅|局|委|办|委员会|办公室|政府|总队|支队|中心|院|署|部门|机构)$")
_ZH_LEAD_MARK = re.compile(r"[（(]\s*牵头\s*[）)]|牵头$")
_ONGOING_EN = re.compile(
    r"\b(?:continuously|constantly|regularly|continue to|on a regular basis)\b", re.IGNORECASE
)
_ONGOING_ZH = re.compile("定期|持续|常态化|长期|经常性")


class Reader:
    """Assembles drafts for one document and finishes them into TaskItems."""

    def __init__(
        self, text: str, directory: DepartmentDirectory, plan_date: date | None, chinese: bool
    ) -> None:
        self.text = text
        self.directory = directory
        self.plan_date = plan_date
        self.chinese = chinese
        self.mentions: list[DepartmentMention] = []  # bodies named so far, document offsets
        self.indexed_to = 0  # the end of the text searched for bodies so far

    # -- English -----------------------------------------------------------------------------

    def read_english(self, units: Iterable[Provision]) -> list[Draft]:
        drafts: list[Draft] = []
        for unit in units:
            for p in unit.walk():
                for a, b in own_segments(p, self.text):
                    found = self._english_segment(p.id, a, b, drafts)
                    drafts.extend(found)
        return drafts

    def _english_segment(self, pid: str, a: int, b: int, before: list[Draft]) -> list[Draft]:
        self._index(a, b)
        segment = self.text[a:b]
        analysis = _plan_en.analyse(segment)
        drafts = []
        subjects: dict[int, _Bodies] = {}
        for c in analysis.clauses:
            d = Draft(pid, a + c.start, a + c.end, _shift(c.action, a), _shift(c.object, a))
            if c.subject is not None and not c.passive:
                subjects[c.sentence] = self._subject(a + c.subject[0], a + c.subject[1])
            elif c.joined and c.sentence not in subjects and c.sentence - 1 in subjects:
                subjects[c.sentence] = subjects[c.sentence - 1]  # "X will A; B; and C"
            d.lead, d.cooperating = (list(x) for x in subjects.get(c.sentence, ([], [])))
            if c.frame is not None:
                d.frame = _shift(c.frame, a)
            d.ongoing_from = d.action[0]
            drafts.append((c.sentence, d))
        result = [d for _, d in drafts]
        for asg in analysis.assignments:
            lead, coop = self._assignment(asg, a)
            if not asg.previous:
                targets = [d for s, d in drafts if s == asg.sentence]
            else:  # the tasks of this paragraph before it, else those of the paragraph before
                targets = [d for s, d in drafts if s < asg.sentence]
                if not targets and before:
                    targets = [d for d in before if d.provision_id == before[-1].provision_id]
            for d in targets:
                if not d.lead:
                    d.lead, d.cooperating = list(lead), d.cooperating or list(coop)
                elif not asg.previous:
                    d.cooperating = d.cooperating or list(coop)
                if asg.deadline is not None and d.deadline is None:
                    d.deadline = self._parse_deadline(a + asg.deadline[0], a + asg.deadline[1])
        return result

    def _assignment(
        self, asg: Assignment, offset: int
    ) -> tuple[list[DepartmentMention], list[DepartmentMention]]:
        lead = [m for s in asg.lead for m in self._bodies(offset + s[0], offset + s[1])]
        coop = [m for s in asg.cooperating for m in self._bodies(offset + s[0], offset + s[1])]
        for s in asg.responsible:
            listed = self._bodies(offset + s[0], offset + s[1])
            lead, coop = lead + listed[:1], coop + listed[1:]
        return lead, coop

    def _subject(self, start: int, end: int) -> _Bodies:
        """The lead (and "together with" co-operating) bodies a subject names.

        Generic and distributive addressees ("all relevant departments", "each province") and
        non-government subjects ("enterprises") name none; "the Office" is the office named
        last.
        """
        start, end = _plan_zh.trim(self.text, start, end, " ,，")
        words = self.text[start:end]
        coop: list[DepartmentMention] = []
        together = _TOGETHER.search(words)
        if together:  # "X, together with Y, should …", "A会同B": Y co-operates
            coop = self._bodies(start + together.end(), end)
            end = start + together.start()
            words = self.text[start:end]
        anaphor = _ANAPHOR.match(words)
        m = self._antecedent(anaphor["head"], start) if anaphor else None
        if m is not None:
            return [DepartmentMention(words, m.department, m.region, (start, end))], coop
        return self._bodies(start, end, named_only=True), coop

    def _bodies(self, start: int, end: int, *, named_only: bool = False) -> list[DepartmentMention]:
        """The bodies of a list ("A, B and C", "A、B"), without generic addressees.

        Args:
            start: Where the list starts in the document.
            end: Where it ends.
            named_only: Also drop unknown names that do not look like a body (a sentence's
                subject may be "Enterprises"; a 配合单位 field names bodies whatever they are).
        """
        out = []
        for m in self.directory.resolve_list(self.text[start:end]):
            mention = dataclasses.replace(m, span=_shift(m.span, start))
            if _GENERIC.match(mention.text.strip()):
                continue
            bare = _DETERMINER.match(mention.text)
            if mention.department is None and bare:  # "All district governments"
                inner = self.directory.resolve(mention.text[bare.end() :])
                if inner.department is not None:
                    mention = dataclasses.replace(mention, department=inner.department)
            if named_only and mention.department is None and not self._looks_like_body(m.text):
                continue
            out.append(mention)
        return out

    def _looks_like_body(self, name: str) -> bool:
        if has_cjk(name):
            return bool(_ZH_BODY.search(name.strip()))
        return _plan_words.looks_like_body(name)

    def _index(self, start: int, end: int) -> None:
        """Find the bodies named in ``text[start:end]`` (once per paragraph, in order)."""
        if start < self.indexed_to:
            return
        found = self.directory.find(self.text[start:end])
        self.mentions.extend(dataclasses.replace(m, span=_shift(m.span, start)) for m in found)
        self.indexed_to = end

    def _antecedent(self, head: str, before: int) -> DepartmentMention | None:
        """The last known body named before ``before`` whose name has ``head`` ("Office")."""
        pattern = re.compile(rf"\b{head}\b", re.IGNORECASE)
        for m in reversed(self.mentions):
            if m.span[1] <= before and m.department is not None and pattern.search(m.text):
                return m
        return None

    # -- Chinese -----------------------------------------------------------------------------

    def read_chinese(self, units: Sequence[Provision]) -> list[Draft]:
        drafts: list[Draft] = []
        used: set[str] = set()
        for i, unit in enumerate(units):
            if unit.id in used:
                continue
            self._index(unit.span.start, unit.span.end)
            note = _plan_zh.find_note(self.text, unit.span.start, unit.span.end)
            if note is not None and note.span[0] == _first_char(self.text, unit.span.start):
                continue  # a note standing alone, taken with the item before it
            if note is None and i + 1 < len(units):
                nxt = units[i + 1]
                alone = _plan_zh.find_note(self.text, nxt.span.start, nxt.span.end)
                if alone is not None and alone.span[0] == _first_char(self.text, nxt.span.start):
                    note = alone
                    used.add(nxt.id)
            if note is not None:
                drafts.extend(self._noted_item(unit, note))
            else:
                drafts.extend(self._running_text(unit))
        return drafts

    def _noted_item(self, unit: Provision, note: _plan_zh.Note) -> list[Draft]:
        lead, coop = self._note_bodies(note)
        deadline = None
        if note.deadline is not None:
            deadline = self._parse_deadline(*note.deadline)
        drafts = []
        pieces = [(unit, unit.span.start, self._own_end(unit, note))]
        pieces += [(c, c.span.start, self._own_end(c, note)) for c in unit.walk()[1:]]
        for p, a, b in pieces:
            a = _plan_zh.strip_number(self.text, a, b)
            a, b = _trim_zh(self.text, a, b)
            if a >= b:
                continue
            h = _plan_zh.head(self.text, a, b)
            action, obj = (h.action, h.object) if h else ((a, a), (a, b))
            d = Draft(p.id, a, b, action, obj, list(lead), list(coop), deadline)
            d.ongoing_from = a
            drafts.append(d)
        return drafts

    def _own_end(self, p: Provision, note: _plan_zh.Note) -> int:
        end = p.children[0].span.start if p.children else p.span.end
        return min(end, note.span[0]) if p.span.start <= note.span[0] < p.span.end else end

    def _note_bodies(
        self, note: _plan_zh.Note
    ) -> tuple[list[DepartmentMention], list[DepartmentMention]]:
        lead = [m for s in note.lead for m in self._bodies(*s)]
        coop = [m for s in note.cooperating for m in self._bodies(*s)]
        for s in note.responsible:
            listed = self._bodies(*s)
            marked = [m for m in listed if _ZH_LEAD_MARK.search(self._marked_text(m))]
            if marked:
                lead += marked
                coop += [m for m in listed if m not in marked]
            else:
                lead, coop = lead + listed[:1], coop + listed[1:]
        return lead, coop

    def _marked_text(self, m: DepartmentMention) -> str:
        return self.text[m.span[0] : m.span[1] + 4]

    def _running_text(self, unit: Provision) -> list[Draft]:
        drafts = []
        for p in unit.walk():
            for a, b in own_segments(p, self.text):
                subject: list[DepartmentMention] = []
                coop: list[DepartmentMention] = []
                last_sentence = -1
                for c in _plan_zh.clauses(self.text, a, b, skip_title=p.kind == ProvisionKind.ITEM):
                    if c.sentence != last_sentence:
                        subject, coop, last_sentence = [], [], c.sentence
                    if c.head.subject is not None:
                        subject, coop = self._subject(*c.head.subject)
                    if c.head.cooperating is not None:
                        coop = coop + self._bodies(*c.head.cooperating)
                    d = Draft(p.id, c.start, c.end, c.head.action, c.head.object, list(subject))
                    d.cooperating = list(coop)
                    d.ongoing_from = c.head.subject[1] if c.head.subject else c.start
                    drafts.append(d)
        return drafts

    # -- finishing ---------------------------------------------------------------------------

    def _parse_deadline(self, start: int, end: int) -> Deadline | None:
        found = parse_deadline(self.text[start:end], plan_date=self.plan_date)
        return _shifted(found, start) if found else None

    def _deadline(self, d: Draft) -> Deadline | None:
        if d.deadline is not None:
            return d.deadline
        for a, b in ((d.start, d.end), d.frame or (0, 0)):
            found = find_deadlines(self.text[a:b], plan_date=self.plan_date)
            if found:
                return _shifted(found[-1], a)
        if d.ongoing_from is not None:
            pattern = _ONGOING_ZH if self.chinese else _ONGOING_EN
            m = pattern.search(self.text, d.ongoing_from, max(d.ongoing_from, d.action[1]))
            if m:  # "regularly check", "定期调度": the action recurs without end
                return Deadline(m[0], "ongoing", None, span=m.span())
        return None

    def finish(
        self, d: Draft, key: str, parts: Mapping[str, str], aliases: dict[str, str]
    ) -> dict[str, Any]:
        """The fields of the TaskItem a draft becomes (``nlp.plans.tasks`` builds it)."""
        self._index(d.start, d.end)
        found = [
            m
            for m in self.mentions
            if d.start <= m.span[0] and m.span[1] <= d.end and not _GENERIC.match(m.text)
        ]
        bodies = _unique_mentions([*d.lead, *d.cooperating, *found])
        lead = _names(d.lead, self.chinese)
        cooperating = tuple(n for n in _names(d.cooperating, self.chinese) if n not in lead)
        laws = tuple(dict.fromkeys(n for n, _ in find_laws(self.text[d.start : d.end], aliases)))
        deadline = self._deadline(d)
        obj_start, obj_end = d.object
        if deadline is not None and obj_start < deadline.span[0] < obj_end <= deadline.span[1]:
            obj_end = deadline.span[0]  # "publish the rules by the end of 2025": not the object
        obj_start, obj_end = _plan_zh.trim(self.text, obj_start, obj_end, " ,，")
        return {
            "key": key,
            "provision_id": d.provision_id,
            "start": d.start,
            "end": d.end,
            "text": self.text[d.start : d.end],
            "part": parts.get(d.provision_id, ""),
            "action": self.text[d.action[0] : d.action[1]],
            "object": self.text[obj_start:obj_end],
            "lead": lead,
            "cooperating": cooperating,
            "bodies": tuple(sorted(bodies, key=lambda m: m.span)),
            "laws": laws,
            "deadline": deadline,
        }


def canonical_name(m: DepartmentMention, chinese: bool) -> str:
    """The canonical name of a body, or an unknown one as written without its region."""
    if m.department is not None:
        return m.department.name_zh if chinese else m.department.name_en
    text = m.text.strip()
    if m.region and text.startswith(m.region):
        text = text[len(m.region) :]
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def _names(mentions: Iterable[DepartmentMention], chinese: bool) -> tuple[str, ...]:
    return tuple(dict.fromkeys(canonical_name(m, chinese) for m in mentions))


def _unique_mentions(mentions: Iterable[DepartmentMention]) -> list[DepartmentMention]:
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
        first = _first_char(text, a)
        if p.number and text.startswith(p.number, first):
            a = first + len(p.number)
        out[0] = (_plan_zh.strip_number(text, a, b), b)
    return out


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _trim_zh(text: str, start: int, end: int) -> Span:
    """An item's text without surrounding space and its closing 。；：."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "。；;：:，,"):
        end -= 1
    return start, end


def _shift(span: Span, offset: int) -> Span:
    return span[0] + offset, span[1] + offset


def _shifted(deadline: Deadline, offset: int) -> Deadline:
    return dataclasses.replace(deadline, span=_shift(deadline.span, offset))


def has_cjk(text: str) -> bool:
    """True if ``text`` holds a Chinese character."""
    return any("\u4e00" <= c <= "\u9fff" for c in text)
