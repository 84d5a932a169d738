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

from ingest.model import Finding, Provision, ProvisionKind, Severity
from nlp.plans import chinese as _plan_zh
from nlp.plans import english as _plan_en
from nlp.plans import english_words as _plan_words
from nlp.plans.assignments import Assignment
from nlp.plans.bodies import Body, Gazetteer, bodies_of
from nlp.plans.deadlines import Deadline, find_deadlines, parse_deadline
from nlp.plans.departments import DepartmentDirectory, DepartmentMention
from nlp.plans.laws import find_laws
from nlp.plans.notes import Note, declarations, find_note, trim

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
    noted: bool = False  # assigned by a responsibility note (not cut from running text)
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
# a bracketed group closing an item that speaks of responsibility but did not parse as a note
_UNREAD_NOTE = re.compile(r"[（(][^（）()]{2,200}(?:负责|牵头|配合|参与)[^（）()]{0,40}[）)]$")
# "Action 01:", "Recommendation 3.", "Commitment 2 –": a plan's labelled actions
ACTION_LABEL = re.compile(
    r"^\s*(?:Action|Recommendation|Commitment|Milestone|Measure|Initiative|Deliverable)\s+"
    r"(?:No\.?\s*)?[0-9IVX]+(?:\.[0-9]+)*[a-z]?\s*[:.\u2013\u2014-]\s+(?=\S)",
    re.IGNORECASE,
)
# a line that belongs to the action above it: a bullet, or a lead-in ending in ":"
_ACTION_DETAIL = re.compile(r"\s*(?:(?P<bullet>[-\u2022\u2013*]\s+)|.{0,120}:\s*$)")
_WILL_LIST = re.compile(r"\s*(?P<who>.{2,80}?)\s+(?:will|shall|should)\s*:\s*$")
_ONGOING_EN = re.compile(
    r"\b(?:continuously|constantly|regularly|continue to|on a regular basis)\b", re.IGNORECASE
)
_ONGOING_ZH = re.compile("定期|持续|常态化|长期|经常性")


class Reader:
    """Assembles drafts for one document and finishes them into TaskItems."""

    def __init__(
        self,
        text: str,
        directory: DepartmentDirectory,
        plan_date: date | None,
        chinese: bool,
        region: str = "",
    ) -> None:
        self.text = text
        self.directory = directory
        self.plan_date = plan_date
        self.chinese = chinese
        self.mentions: list[DepartmentMention] = []  # bodies named so far, document offsets
        self.indexed_to = 0  # the end of the text searched for bodies so far
        self.declarations = declarations(text) if chinese else []
        self.region = region  # the plan's own place, for names that write only a level
        self.gazetteer = Gazetteer.default()
        self.findings: list[Finding] = []  # notes that could not be read or attributed
        self._own_notes: dict[str, Note | None] = {}

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

    def read_actions(self, units: Sequence[Provision]) -> list[Draft]:
        """Drafts of a plan that labels its actions ("Action 01: Departments will …"): one task
        per labelled action, with the bullets and "X will:" lists under it; other paragraphs
        (explanations, principles) are not tasks."""
        drafts: list[Draft] = []
        current: Draft | None = None
        for unit in units:
            text = self.text[unit.span.start : unit.span.end]
            label = ACTION_LABEL.match(text)
            if label is not None:
                current = self._action(unit, unit.span.start + label.end())
                drafts.append(current)
            elif current is not None and _ACTION_DETAIL.match(text):
                self._action_detail(current, unit)
            else:
                current = None  # prose after an action's list ends it
        return drafts

    def _action(self, unit: Provision, start: int) -> Draft:
        end = _trim_zh(self.text, start, unit.span.end)[1]
        self._index(start, end)
        d = Draft(unit.id, start, end, (start, start), (start, end))
        clauses = _plan_en.analyse(self.text[start:end]).clauses
        if clauses:
            c = clauses[0]
            d.action, d.object = _shift(c.action, start), _shift(c.object, start)
            if c.subject is not None and not c.passive:
                d.lead, d.cooperating = (list(x) for x in self._subject(*_shift(c.subject, start)))
        d.noted = True
        return d

    def _action_detail(self, d: Draft, unit: Provision) -> None:
        """A bullet or a "X will:" line under an action: its bodies and dates go to the action."""
        a, b = unit.span.start, unit.span.end
        bullet = _ACTION_DETAIL.match(self.text, a, b)
        if bullet is not None and bullet["bullet"]:
            a = bullet.end("bullet")
        self._index(a, b)
        will = _WILL_LIST.match(self.text, a, b)
        if will is not None:  # "Government Digital Service will:" lists what another body does
            d.cooperating += self._subject(a, will.end("who"))[0]
            return
        clauses = _plan_en.analyse(self.text[a:b]).clauses
        if not d.lead and clauses and clauses[0].subject is not None and not clauses[0].passive:
            d.lead = self._subject(*_shift(clauses[0].subject, a))[0]
        dated = [x for x in find_deadlines(self.text[a:b], plan_date=self.plan_date) if x.due]
        if dated:
            d.deadline = _shifted(dated[-1], a)

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
        start, end = trim(self.text, start, end, " ,，")
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
            return [m], coop  # the body named before, by its own name
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
        for m in self._listed(start, end):
            mention = dataclasses.replace(m, span=_shift(m.span, start))
            if self.gazetteer.body(mention.text).collective:
                out.append(mention)  # 各省级人民政府, 各区、县级市人民政府: a body of its own kind
                continue
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

    def _listed(self, start: int, end: int) -> list[DepartmentMention]:
        """The names of a list, with collectives that hold a list mark kept whole; spans are
        relative to ``start``."""
        words = self.text[start:end]
        out: list[DepartmentMention] = []
        pos = 0
        for a, b in [*self.gazetteer.collective_spans(words), (len(words), len(words))]:
            for m in self.directory.resolve_list(words[pos:a]):
                out.append(dataclasses.replace(m, span=_shift(m.span, pos)))
            if a < b:
                kind = self.gazetteer.body(words[a:b]).kind
                out.append(DepartmentMention(words[a:b], self.directory.get(kind), "", (a, b)))
            pos = b
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

    def read_chinese(
        self, units: Sequence[Provision], inherited: Mapping[str, Note] | None = None
    ) -> list[Draft]:
        """Drafts of a Chinese plan's items: each item takes its own note, else the nearest one
        above it (``inherited``: a unit's part heading's note); text without notes is cut into
        directive clauses."""
        inherited = inherited or {}
        drafts: list[Draft] = []
        used: set[str] = set()
        for i, unit in enumerate(units):
            if unit.id in used:
                continue
            self._index(unit.span.start, unit.span.end)
            if self.note_alone(unit) is not None:
                self._finding(
                    "NLP_NOTE_UNATTACHED",
                    f"a responsibility note stands before any item: {self._quote(unit)}",
                    unit.id,
                )
                continue
            alone = self.note_alone(units[i + 1]) if i + 1 < len(units) else None
            if alone is not None:
                used.add(units[i + 1].id)
            drafts.extend(self._item(unit, alone, inherited.get(unit.id)))
        return drafts

    def _item(self, p: Provision, after: Note | None, inherited: Note | None) -> list[Draft]:
        """The drafts of one item: the nearest note assigns it (its own, else the one above);
        a noted item's lead-in and each of its sub-items are tasks; an item with no note on it,
        above it or below it is running text, cut into directive clauses."""
        own = self._own_note(p) or after
        note = own or inherited
        if note is None and not any(self._own_note(q) for q in p.walk()[1:]):
            return self._running_text(p)
        drafts = []
        if note is not None:
            lead_in = self._noted_draft(p, note, own_note=own is not None)
            if lead_in is not None:
                drafts.append(lead_in)
        for c in p.children:
            drafts.extend(self._item(c, None, note))
        return drafts

    def _own_note(self, p: Provision) -> Note | None:
        """The note in an item's own text (not in its sub-items'), the last one if several."""
        if p.id not in self._own_notes:
            self._own_notes[p.id] = self._read_own_note(p)
        return self._own_notes[p.id]

    def _read_own_note(self, p: Provision) -> Note | None:
        found = None
        for a, b in own_segments(p, self.text):
            note = find_note(self.text, a, b)
            if note is not None:
                found = note
            elif self._looks_like_note(a, b):
                self._finding(
                    "NLP_NOTE_UNREAD",
                    f"a note the reader could not parse: {self.text[a:b][-60:]}",
                    p.id,
                )
        return found

    def note_alone(self, p: Provision) -> Note | None:
        """The note of a unit that is nothing but a note (it belongs to the item before it)."""
        note = find_note(self.text, p.span.start, p.span.end)
        if note is not None and note.span[0] == _first_char(self.text, p.span.start):
            return note
        return None

    def _looks_like_note(self, start: int, end: int) -> bool:
        return bool(_UNREAD_NOTE.search(self.text[start:end].rstrip("。；; \n")))

    def _noted_draft(self, p: Provision, note: Note, *, own_note: bool) -> Draft | None:
        """The task of an item's own text (up to its first sub-item), assigned by ``note``."""
        end = p.children[0].span.start if p.children else p.span.end
        if own_note and p.span.start <= note.span[0] < end:
            end = note.span[0]
        a = _plan_zh.strip_number(self.text, p.span.start, end)
        a, b = _trim_zh(self.text, a, end)
        if a >= b:
            return None
        h = _plan_zh.head(self.text, a, b)
        action, obj = (h.action, h.object) if h else ((a, a), (a, b))
        lead, coop = self._note_bodies(note)
        deadline = self._parse_deadline(*note.deadline) if note.deadline is not None else None
        d = Draft(p.id, a, b, action, obj, lead, coop, deadline, noted=True)
        d.ongoing_from = a
        return d

    def heading_draft(self, section_id: str, start: int, end: int, note: Note) -> Draft:
        """One task for a numbered heading that carries its own note ("一、…（X负责）")."""
        self._index(start, end)
        a = _plan_zh.strip_number(self.text, start, note.span[0])
        a, b = _trim_zh(self.text, a, note.span[0])
        h = _plan_zh.head(self.text, a, b) if a < b else None
        action, obj = (h.action, h.object) if h else ((a, a), (a, b))
        lead, coop = self._note_bodies(note)
        deadline = self._parse_deadline(*note.deadline) if note.deadline is not None else None
        d = Draft(section_id, a, b, action, obj, lead, coop, deadline, noted=True)
        d.ongoing_from = a
        return d

    def _note_bodies(self, note: Note) -> _Bodies:
        lead = [m for s in note.lead for m in self._bodies(*s)]
        coop = [m for s in note.cooperating for m in self._bodies(*s)]
        listed = [m for s in note.responsible for m in self._bodies(*s)]
        marked = [m for m in listed if _ZH_LEAD_MARK.search(self._marked_text(m))]
        if marked:
            return lead + marked, coop + [m for m in listed if m not in marked]
        if not self._first_leads(note):
            return lead + listed, coop  # "X、Y负责", 责任单位：X、Y: all of them lead
        return lead + listed[:1], coop + listed[1:]  # unless the plan says the first one does

    def _first_leads(self, note: Note) -> bool:
        """True when the plan has said, at or before ``note``, that a note's first body leads."""
        return note.declares or any(pos < note.span[0] for pos in self.declarations)

    def bodies(self, mentions: Iterable[DepartmentMention]) -> tuple[Body, ...]:
        """The bodies of some mentions, by the names the plan writes, each once."""
        return bodies_of(self.gazetteer, mention_triples(mentions), self.region)

    def _finding(self, code: str, message: str, provision_id: str) -> None:
        self.findings.append(Finding(code, Severity.WARNING, message, provision_id=provision_id))

    def _quote(self, p: Provision) -> str:
        return self.text[p.span.start : p.span.end].strip()[:60]

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
        lead_bodies = self.bodies(d.lead)
        lead = tuple(b.name for b in lead_bodies)
        coop_bodies = tuple(b for b in self.bodies(d.cooperating) if b.name not in lead)
        cooperating = tuple(b.name for b in coop_bodies)
        laws = tuple(dict.fromkeys(n for n, _ in find_laws(self.text[d.start : d.end], aliases)))
        deadline = self._deadline(d)
        obj_start, obj_end = d.object
        if deadline is not None and obj_start < deadline.span[0] < obj_end <= deadline.span[1]:
            obj_end = deadline.span[0]  # "publish the rules by the end of 2025": not the object
        obj_start, obj_end = trim(self.text, obj_start, obj_end, " ,，")
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
            "lead_bodies": lead_bodies,
            "cooperating_bodies": coop_bodies,
            "lead_kinds": (lead_kinds := kind_names(d.lead, self.chinese)),
            "cooperating_kinds": tuple(
                k for k in kind_names(d.cooperating, self.chinese) if k not in lead_kinds
            ),
            "bodies": tuple(sorted(bodies, key=lambda m: m.span)),
            "laws": laws,
            "deadline": deadline,
        }


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
