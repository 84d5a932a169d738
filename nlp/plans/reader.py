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
from datetime import date
from typing import Any

from ingest.model import Finding, Provision
from nlp.bodies.departments import DepartmentDirectory, DepartmentMention
from nlp.bodies.gazetteer import Body, Gazetteer, bodies_of
from nlp.plans import english as _plan_en
from nlp.plans import english_words as _plan_words
from nlp.plans.assignments import Assignment
from nlp.plans.deadlines import Deadline, find_deadlines, parse_deadline
from nlp.plans.drafts import (
    Bodies,
    Draft,
    kind_names,
    mention_triples,
    own_segments,
    shift,
    shifted,
    trim_item,
    unique_mentions,
)
from nlp.plans.english_names import (
    after_preposition,
    is_speaker,
    named_again,
    proper_start,
    resolve_names,
)
from nlp.plans.laws import find_laws
from nlp.plans.noted_items import NotedItems
from nlp.plans.notes import Note, declarations
from nlp.plans.responses import ResponseGroup
from nlp.text import has_cjk, trim

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
    r"in coordination with|in collaboration with|in consultation with|in partnership with|"
    r"with the (?:co-?operation|participation|support) "
    r"of)\s+|会同|联合",
    re.IGNORECASE,
)
# "the President has tasked the National Council for the American Worker (NCAW) with developing
# …": the body tasked with the work leads it
_TASKED = re.compile(
    r"\b(?:has|have|had|was|were)\s+(?:tasked|charged)\s+(?P<who>(?:the\s+)?[A-Z][^,;.:]*?)"
    r"\s+with\s+\w+ing\b"
)
_ZH_BODY = re.compile(r"(?:部|厅|局|委|办|委员会|办公室|政府|总队|支队|中心|院|署|部门|机构)$")
# "Action 01:", "Recommendation 3.", "Commitment 2 –": a plan's labelled actions
ACTION_LABEL = re.compile(
    r"^\s*(?:Action|Recommendation|Commitment|Milestone|Measure|Initiative|Deliverable)\s+"
    r"(?:No\.?\s*)?[0-9IVX]+(?:\.[0-9]+)*[a-z]?\s*[:.\u2013\u2014-]\s+(?=\S)",
    re.IGNORECASE,
)
# a line that belongs to the action above it: a bullet, or a lead-in ending in ":"
_ACTION_DETAIL = re.compile(r"\s*(?:(?P<bullet>[-\u2022\u2013*]\s+)|.{0,120}:\s*$)")
WILL_LIST = re.compile(r"\s*(?P<who>.{2,80}?)\s+(?:will|shall|should)\s*:\s*$")
_BULLET = re.compile(r"\s*[-\u2022\u25cf\u2013*]\s+")
# "4. Launch a Process to Create a Consolidated Public Listing": a numbered commitment's title,
# its body in the paragraphs below (open-government national action plans and the like)
COMMITMENT_TITLE = re.compile(r"^\s*\d{1,2}[.)]\s+(?P<title>[A-Z][^.;:!?]{2,160}?)\.?\s*$")
# "● Increase Transparency in Managing Email. The National Archives will …": a titled item
_TITLED_ITEM = re.compile(
    r"^\s*[-\u2022\u25cf\u2013*]\s+(?P<title>[A-Z][^.;:!?]{2,160}?)\.\s+(?P<body>\S.*)$", re.DOTALL
)
# "Lead agency: The Treasury", "Lead agencies:\nStats NZ", "Lead organisation: X": the body
# heading a commitment record
_LEAD_LINE = re.compile(
    r"^[ \t]*Lead\s+(?:agenc(?:y|ies)|organi[sz]ations?|ministry|department)s?\s*:[ \t]*\n?"
    r"[ \t]*(?P<who>[^\n:]{2,120}?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# "Start/End dates: August 2018 to 30 November 2018", "End date: May 2018", "Due date: …",
# "Expected Completion Date: April 30, 2012"
_DATES_LINE = re.compile(
    r"^[ \t]*(?:(?:Expected|Estimated|Planned|Target|Projected)\s+)?"
    r"(?:Start\s*/\s*end\s+dates?|End\s+date|Due\s+date|Completion\s+date)\s*:"
    r"[ \t]*(?P<when>[^\n]*?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A record's field that holds the action, opening its line: "Corrective Action: Taken or
# Planned: X will …", "Planned action: …" (not "Action 3: …", an action's own number)
_ACTION_FIELD = re.compile(
    r"[ \t]*(?:[A-Z][\w'’-]*[ \t]+){0,3}Actions?(?![ \t]*\d)[^:\n.]{0,30}:"
    r"(?:[ \t]*[A-Z][A-Za-z ]{0,30}:)?[ \t]*",
    re.IGNORECASE,
)
# "Milestone 2" alone on its line, the milestone's text on the next
_MILESTONE_LINE = re.compile(
    r"^[ \t]*Milestone\s+\d{1,2}[a-z]?[ \t]*\n[ \t]*(?P<task>[^\n]{8,})$", re.I | re.M
)
# what separates a range's start from its end: "to", "until", a dash
_RANGE_END = re.compile(r".*(?:\bto\b|\buntil\b|\s[-\u2013\u2014]\s|[\u2013\u2014])", re.I)
_MODAL_EN = re.compile(r"\b(?:will|shall|should|must|commits?\s+to)\b", re.IGNORECASE)
_COMMITMENT_TITLE_WORDS = 24
_ONGOING_EN = re.compile(
    r"\b(?:continuously|constantly|regularly|continue to|on a regular basis)\b", re.IGNORECASE
)
_ONGOING_ZH = re.compile("定期|持续|常态化|长期|经常性")


class Reader(NotedItems):
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
        titled = False  # the paragraph before was a title line
        commitment: Draft | None = None  # the task of a commitment titled by a sentence
        for unit in units:
            if is_title_line(unit.text) and not unit.children:
                titled, commitment = True, None
                continue  # a part's heading in title case ("Transform Service Delivery")
            if (
                is_title_line(unit.text.strip().rstrip(".")) or _action_title(unit.text)
            ) and not unit.children:
                # "Revise the Federal Standards for Collecting … Ethnicity." and paragraphs
                # under it, to the next title: one commitment
                titled, commitment = False, None
                start, end = trim_item(self.text, unit.span.start, unit.span.end)
                numbered = COMMITMENT_TITLE.match(unit.text)
                if numbered is not None:  # "2. Introduce …": the action without its number
                    start = unit.span.start + numbered.start("title")
                commitment = Draft(unit.id, start, end, (start, start), (start, end))
                drafts.append(commitment)
                continue
            after_title, titled = titled, False
            for p in unit.walk():
                for a, b in own_segments(p, self.text):
                    label = _ACTION_FIELD.match(self.text, a, b)
                    if label is not None:
                        a = label.end()  # "Corrective Action: Taken or Planned: X will …"
                    found = self._english_segment(p.id, a, b, drafts)
                    if label is not None and found:
                        # a record's action field: one task, whole, from its first word
                        found = [self._one_commitment(found)]
                        found[0].start, found[0].end = trim_item(self.text, a, b)
                    if commitment is not None:
                        if found:
                            self._one_commitment([commitment, *found])
                        continue
                    if after_title and not p.children and len(found) > 1:
                        found = [self._one_commitment(found)]
                    drafts.extend(found)
        return drafts

    def _one_commitment(self, parts: list[Draft]) -> Draft:
        """The clauses of a paragraph under a titled commitment ("Champion Internet
        Connectivity" / "The United States Government … will …. As part of it, the United
        States will …"): one task, led by every acting body, due on its latest fixed date."""
        d = parts[0]
        for x in parts[1:]:
            d.lead = unique_mentions([*d.lead, *x.lead])
            d.cooperating = unique_mentions([*d.cooperating, *x.cooperating])
            due, before = (
                (x.deadline.due if x.deadline else None),
                (d.deadline.due if d.deadline else None),
            )
            if due is not None and (before is None or due > before):
                d.deadline = x.deadline
        d.end = parts[-1].end
        return d

    def record_fields(self, drafts: list[Draft], units: Sequence[Provision]) -> list[Draft]:
        """Fields of a commitment record on lines of their own, applied to its milestones:
        "Lead agency: X" (X on the same line or the next) leads every task below it without a
        lead of its own (or with one read from a Lead line), up to the next such line;
        "Start/End dates: August 2018 to 30 November 2018" or "End date: May 2018" after a
        task's text is due at the range's end ("Ongoing" fixes none); the line after a
        "Milestone 2" line is one task, whole. Drafts reading a field line itself as a task
        are dropped."""
        leads = list(_LEAD_LINE.finditer(self.text))
        dates = list(_DATES_LINE.finditer(self.text))
        if not leads and not dates:
            return drafts
        fields = [m.span() for m in [*leads, *dates]]
        kept = [d for d in drafts if not any(a <= d.start < b for a, b in fields)]
        for m in _MILESTONE_LINE.finditer(self.text):  # the line after "Milestone 2": one task
            a, b = trim_item(self.text, m.start("task"), m.end("task"))
            unit = next((u for u in units if u.span.start <= a < u.span.end), None)
            if unit is None or a >= b or any(x <= a < y for x, y in fields):
                continue
            inside = [d for d in kept if a <= d.start < b]
            first = inside[0] if inside else Draft(unit.id, a, b, (a, a), (a, b), noted=True)
            first.start, first.end = a, b
            for d in inside[1:]:
                first.lead = unique_mentions([*first.lead, *d.lead])
                first.deadline = first.deadline or d.deadline
            kept = [d for d in kept if d is first or not a <= d.start < b]
            if not inside:
                kept.append(first)
        kept.sort(key=lambda d: d.start)
        for m in leads:
            nxt = next((x.start() for x in leads if x.start() > m.start()), len(self.text))
            named = self._bodies(m.start("who"), m.end("who"), named_only=True)
            if not named:
                named = self._bodies(m.start("who"), m.end("who"))
            for d in kept:
                # a lead read from another record's Lead line is not this milestone's own
                borrowed = all(any(a <= x.span[0] < b for a, b in fields) for x in d.lead)
                if m.end() <= d.start < nxt and (not d.lead or borrowed):
                    d.lead = list(named)
        for m in dates:
            before = [d for d in kept if d.start < m.start()]
            if not before or before[-1].deadline is not None:
                continue
            d = before[-1]
            if any(d.end <= x.start() < m.start() for x in leads):
                continue
            end = _RANGE_END.search(self.text, m.start("when"), m.end("when"))
            a = end.end() if end is not None else m.start("when")
            d.deadline = self._parse_deadline(a, m.end("when"))
        return kept

    def _english_segment(self, pid: str, a: int, b: int, before: list[Draft]) -> list[Draft]:
        self._index(a, b)
        segment = self.text[a:b]
        analysis = _plan_en.analyse(segment)
        drafts = []
        subjects: dict[int, Bodies] = {}
        for c in analysis.clauses:
            d = Draft(pid, a + c.start, a + c.end, shift(c.action, a), shift(c.object, a))
            if c.subject is not None and not c.passive:
                subjects[c.sentence] = self._subject(a + c.subject[0], a + c.subject[1])
            elif c.joined and c.sentence not in subjects and c.sentence - 1 in subjects:
                subjects[c.sentence] = subjects[c.sentence - 1]  # "X will A; B; and C"
            d.lead, d.cooperating = (list(x) for x in subjects.get(c.sentence, ([], [])))
            if c.frame is not None:
                d.frame = shift(c.frame, a)
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

    def read_responses(
        self, units: Sequence[Provision], groups: list[ResponseGroup]
    ) -> list[Draft]:
        """Drafts of a page of answers filed under body headings (``groups``): each answer is
        one task led by the body its heading names, due on the latest date its directive
        clauses fix; paragraphs before the first heading are read as running text."""
        first = units.index(groups[0].heading)
        drafts = self.read_english(units[:first]) if first else []
        for group in groups:
            a, b = trim_item(self.text, group.heading.span.start, group.heading.span.end)
            lead = dataclasses.replace(self.directory.resolve(self.text[a:b]), span=(a, b))
            start, end = trim_item(self.text, group.answer[0].span.start, group.answer[-1].span.end)
            clauses: list[Draft] = []
            for unit in group.answer:
                for p in unit.walk():
                    for x, y in own_segments(p, self.text):
                        clauses.extend(self._english_segment(p.id, x, y, clauses))
            action, obj = (start, start), (start, end)
            if clauses:
                action, obj = clauses[0].action, clauses[0].object
            d = Draft(group.answer[0].id, start, end, action, obj, [lead])
            found = [self._deadline(c) for c in clauses]
            dated = [f for f in found if f is not None and f.due is not None]
            d.deadline = max(dated, key=lambda f: f.due or date.min) if dated else None
            d.ongoing_from = action[0]
            drafts.append(d)
        return drafts

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

    def read_will_lists(self, units: Sequence[Provision]) -> list[Draft]:
        """Drafts of a plan that lists its actions under lead-ins ("Departments will:",
        "Government Digital Service will:"): one task per list item, led by the lead-in's body;
        the prose around the lists explains them and is not a task."""
        drafts: list[Draft] = []
        lead: list[DepartmentMention] | None = None
        for unit in units:
            a, b = unit.span.start, unit.span.end
            self._index(a, b)
            will = WILL_LIST.fullmatch(self.text, a, b)
            if will is not None:
                lead = self._subject(a, will.end("who"))[0]
                continue
            bullet = _BULLET.match(self.text, a, b)
            if bullet is None or lead is None:
                lead = None  # prose ends the list
                continue
            start, end = trim_item(self.text, bullet.end(), b)
            d = Draft(unit.id, start, end, (start, start), (start, end), noted=True)
            d.lead = list(lead)
            analysis = _plan_en.analyse(self.text[start:end])
            for asg in analysis.assignments:
                d.cooperating += self._assignment(asg, start)[1]
            found = find_deadlines(self.text[start:end], plan_date=self.plan_date)
            dated = [x for x in found if x.due is not None]
            if dated:
                d.deadline = shifted(dated[-1], start)
            drafts.append(d)
        return drafts

    def read_commitments(
        self, units: Sequence[Provision], titles: Sequence[tuple[str, int, int]] = ()
    ) -> list[Draft]:
        """Drafts of a plan of numbered commitments ("4. Launch a Process to …" and prose under
        it): one task per commitment, led by the bodies that are subjects of its clauses; a
        commitment whose items each carry a title and an acting body ("● Improve Agency FOIA
        Websites. The Administration will …") is a heading, and each such item a task. Prose
        before the first commitment and after a part heading is not a task.

        Args:
            units: The plan's paragraphs.
            titles: Commitments that the document's structure holds as section titles:
                ``(section id, start, end)`` of each title's words in the document.
        """
        drafts: list[Draft] = []
        current: Draft | None = None
        items: dict[int, list[Draft]] = {}  # the titled items under each commitment
        events: list[tuple[int, Provision | tuple[str, int, int]]] = [(t[1], t) for t in titles] + [
            (u.span.start, u) for u in units
        ]
        captioned: re.Match[str] | None = None  # the commitment is a record's caption
        for _, event in sorted(events, key=lambda e: e[0]):
            if isinstance(event, tuple):
                captioned = None
                section_id, start, end = event
                self._index(start, end)
                current = Draft(section_id, start, end, (start, start), (start, end), noted=True)
                drafts.append(current)
                continue
            unit = event
            a, b = unit.span.start, unit.span.end
            text = self.text[a:b]
            title = commitment_title(text)
            if title is not None:
                current = self._titled(unit, a + title[0], a + title[1])
                drafts.append(current)
                captioned = _RECORD_CAPTION.fullmatch(text, title[0], title[1])
                continue
            if current is None:
                continue
            if _RECORD_FIELD.fullmatch(text.strip()):
                continue  # "1", "Open": a record's number and status, inside the record
            if captioned:
                # "1. Recommendation Number" / "1" / "Open" / "Embassy X should …": the
                # recommendation itself is the task's text
                start, end = trim_item(self.text, a, b)
                current.provision_id, current.start, current.end = unit.id, start, end
                current.action, current.object = (start, start), (start, end)
                captioned = None
            if _is_part_heading(text):
                current = None  # "Access to Information", "Conclusion": the commitments' part ends
                continue
            item = _TITLED_ITEM.match(text)
            if item is not None:
                sub = self._titled(unit, a + item.start("title"), a + item.end("title"))
                self._gather(sub, a + item.start("body"), b)
                items.setdefault(id(current), []).append(sub)
                continue
            self._gather(current, a, b)
        out: list[Draft] = []
        for d in drafts:
            subs = items.get(id(d), [])
            if any(s.lead for s in subs):
                out.extend(
                    subs
                )  # items that name who acts are the tasks; the commitment heads them
                continue
            for s in subs:  # items that only spell out the commitment belong to it
                d.lead = unique_mentions([*d.lead, *s.lead])
                d.cooperating = unique_mentions([*d.cooperating, *s.cooperating])
                d.deadline = d.deadline or s.deadline
            out.append(d)
        return out

    def _titled(self, unit: Provision, start: int, end: int) -> Draft:
        self._index(unit.span.start, unit.span.end)
        d = Draft(unit.id, start, end, (start, start), (start, end))
        d.noted = True
        return d

    def _gather(self, d: Draft, a: int, b: int) -> None:
        """The bodies and date of one paragraph of a commitment go to it: subjects of its
        clauses lead, "in coordination with" bodies co-operate, the last fixed date is its due
        day."""
        self._index(a, b)
        analysis = _plan_en.analyse(self.text[a:b])
        for c in analysis.clauses:
            if c.subject is not None and not c.passive:
                lead, coop = self._subject(a + c.subject[0], a + c.subject[1])
                lead = [
                    m for m in lead if m.department is not None or _plan_words.names_a_body(m.text)
                ]
                d.lead = unique_mentions([*d.lead, *lead])
                d.cooperating = unique_mentions([*d.cooperating, *coop])
        for asg in analysis.assignments:
            lead, coop = self._assignment(asg, a)
            d.lead = unique_mentions([*d.lead, *lead])
            d.cooperating = unique_mentions([*d.cooperating, *coop])
        for m in _TASKED.finditer(self.text, a, b):  # "the President has tasked X with …"
            tasked = self._bodies(m.start("who"), m.end("who"), named_only=True)
            tasked = [
                x for x in tasked if x.department is not None or _plan_words.names_a_body(x.text)
            ]
            d.lead = unique_mentions([*d.lead, *tasked])
        dated = [x for x in find_deadlines(self.text[a:b], plan_date=self.plan_date) if x.due]
        if not dated:
            return
        last, before = dated[-1].due, d.deadline.due if d.deadline is not None else None
        if before is None or (last is not None and last > before):
            d.deadline = shifted(dated[-1], a)  # several dates: the latest is the commitment's

    def _action(self, unit: Provision, start: int) -> Draft:
        end = trim_item(self.text, start, unit.span.end)[1]
        self._index(start, end)
        d = Draft(unit.id, start, end, (start, start), (start, end))
        clauses = _plan_en.analyse(self.text[start:end]).clauses
        if clauses:
            c = clauses[0]
            d.action, d.object = shift(c.action, start), shift(c.object, start)
            if c.subject is not None and not c.passive:
                d.lead, d.cooperating = (list(x) for x in self._subject(*shift(c.subject, start)))
        d.noted = True
        return d

    def _action_detail(self, d: Draft, unit: Provision) -> None:
        """A bullet or a "X will:" line under an action: its bodies and dates go to the action."""
        a, b = unit.span.start, unit.span.end
        bullet = _ACTION_DETAIL.match(self.text, a, b)
        if bullet is not None and bullet["bullet"]:
            a = bullet.end("bullet")
        self._index(a, b)
        will = WILL_LIST.match(self.text, a, b)
        if will is not None:  # "Government Digital Service will:" lists what another body does
            d.cooperating += self._subject(a, will.end("who"))[0]
            return
        clauses = _plan_en.analyse(self.text[a:b]).clauses
        if not d.lead and clauses and clauses[0].subject is not None and not clauses[0].passive:
            d.lead = self._subject(*shift(clauses[0].subject, a))[0]
        dated = [x for x in find_deadlines(self.text[a:b], plan_date=self.plan_date) if x.due]
        if dated:
            d.deadline = shifted(dated[-1], a)

    def _assignment(
        self, asg: Assignment, offset: int
    ) -> tuple[list[DepartmentMention], list[DepartmentMention]]:
        lead = [m for s in asg.lead for m in self._bodies(offset + s[0], offset + s[1])]
        coop = [m for s in asg.cooperating for m in self._bodies(offset + s[0], offset + s[1])]
        for s in asg.responsible:
            listed = self._bodies(offset + s[0], offset + s[1])
            lead, coop = lead + listed[:1], coop + listed[1:]
        return lead, coop

    def _subject(self, start: int, end: int) -> Bodies:
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
        if not self.chinese and is_speaker(words):
            return [], coop  # "We will …": the plan's speaker, which the item does not name
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
        whole = self.text[start:end].strip()
        if _GENERIC.match(whole) and not self.gazetteer.body(whole).collective:
            return []  # "All regions and departments": everyone, so no one in particular
        out = []
        for m in self._listed(start, end):
            mention = dataclasses.replace(m, span=shift(m.span, start))
            if not self.chinese:
                mention = self._proper(mention)
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

    def _proper(self, mention: DepartmentMention) -> DepartmentMention:
        """An English name without the words before it: "led by the Office of Management and
        Budget" is the office, "interagency Classification Review Committee" the committee."""
        cut = after_preposition(mention.text)
        if not cut and mention.department is None:
            cut = proper_start(mention.text)
            rest = self.directory.resolve(mention.text[cut:]) if cut else None
            if rest is None or not (
                rest.department is not None or _plan_words.names_a_body(rest.text)
            ):
                cut = 0
        if not cut:
            return mention
        inner = self.directory.resolve(mention.text[cut:])
        return dataclasses.replace(inner, span=shift(inner.span, mention.span[0] + cut))

    def _listed(self, start: int, end: int) -> list[DepartmentMention]:
        """The names of a list, with collectives that hold a list mark kept whole; spans are
        relative to ``start``."""
        words = self.text[start:end]
        out: list[DepartmentMention] = []
        pos = 0
        for a, b in [*self.gazetteer.collective_spans(words), (len(words), len(words))]:
            # "… and Records Administration (NARA)": a name its acronym spells is one name
            for m in resolve_names(self.directory, words[pos:a]):
                out.append(dataclasses.replace(m, span=shift(m.span, pos)))
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
        self.mentions.extend(dataclasses.replace(m, span=shift(m.span, start)) for m in found)
        self.indexed_to = end

    def _antecedent(self, head: str, before: int) -> DepartmentMention | None:
        """The last known body named before ``before`` whose name has ``head`` ("Office")."""
        pattern = re.compile(rf"\b{head}\b", re.IGNORECASE)
        for m in reversed(self.mentions):
            if m.span[1] <= before and m.department is not None and pattern.search(m.text):
                if not self.chinese and m.text == m.text.lower():
                    continue  # "tax administration" is a kind of body, not "the Administration"
                return m
        return None

    def bodies(self, mentions: Iterable[DepartmentMention]) -> tuple[Body, ...]:
        """The bodies of some mentions, by the names the plan writes, each once."""
        return bodies_of(self.gazetteer, mention_triples(mentions), self.region)

    def _parse_deadline(self, start: int, end: int) -> Deadline | None:
        found = parse_deadline(self.text[start:end], plan_date=self.plan_date)
        return shifted(found, start) if found else None

    def _deadline(self, d: Draft) -> Deadline | None:
        if d.deadline is not None:
            return d.deadline
        for a, b in ((d.start, d.end), d.frame or (0, 0)):
            found = find_deadlines(self.text[a:b], plan_date=self.plan_date)
            if found:
                return shifted(found[-1], a)
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
        bodies = unique_mentions([*d.lead, *d.cooperating, *found])
        lead_bodies = self.bodies(d.lead)
        if not self.chinese:  # one body named twice ("NASA" after its full name): once
            kept: list[str] = []
            for b in lead_bodies:
                kept += [] if named_again(b.name, kept) else [b.name]
            lead_bodies = tuple(b for b in lead_bodies if b.name in kept)
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
            "lead_kind_names": (lead_kinds := kind_names(d.lead, self.chinese)),
            "cooperating_kind_names": tuple(
                k for k in kind_names(d.cooperating, self.chinese) if k not in lead_kinds
            ),
            "bodies": tuple(sorted(bodies, key=lambda m: m.span)),
            "laws": laws,
            "deadline": deadline,
        }


# A numbered record of an inspector's or auditor's recommendation list ("1. Recommendation
# Number" / "1" / "Open" / "Embassy X should …"): the caption, and the lines of number and status
# that stand between it and the recommendation.
_RECORD_CAPTION = re.compile(r"Recommendations?(?:\s+(?:Number|No\.?|#))?", re.IGNORECASE)
_RECORD_FIELD = re.compile(
    r"\d{1,3}|open|closed|resolved|unresolved|implemented|pending|in progress|"
    r"(?:open|closed)[\s,-]+(?:resolved|unresolved|pending|implemented)",
    re.IGNORECASE,
)


def commitment_title(text: str) -> tuple[int, int] | None:
    """The span of a numbered commitment's title ("4. Launch a Process to …"), or None for a
    numbered sentence ("3. The Department will …")."""
    m = COMMITMENT_TITLE.match(text)
    if m is None:
        return None
    title = m["title"]
    if _MODAL_EN.search(title) or len(title.split()) > _COMMITMENT_TITLE_WORDS:
        return None
    # a commitment is named in title case ("Expand Access to Educational Resources"); a heading
    # in sentence case ("1. Identifying and eliminating hidden hazards") heads directives that
    # are tasks each
    content = [w for w in re.findall(r"[A-Za-z][\w'’-]*", title) if len(w) > 3]
    if len(content) < 2 or sum(w[0].isupper() for w in content) < 0.6 * len(content):
        return None
    return m.start("title"), m.end("title")


_ACTION_TITLE_WORDS = 20


def _action_title(text: str) -> bool:
    """A numbered line that names an action in the imperative and ends without a full stop
    ("2. Introduce a grants scheme to fund training"): the title of the paragraphs under it,
    which say how it will be done."""
    m = COMMITMENT_TITLE.match(text)
    if m is None or text.rstrip().endswith(".") or len(m["title"].split()) > _ACTION_TITLE_WORDS:
        return False
    clauses = _plan_en.analyse(m["title"]).clauses
    return bool(clauses) and clauses[0].start == 0 and clauses[0].subject is None


def is_title_line(text: str) -> bool:
    """A line that names a part in title case, as headings are written ("Increase Civic Space
    to Engage the Public"): short, no sentence end, no list mark or number, no agent ("by X"),
    and most of its content words capitalised. A directive sentence is written in sentence
    case."""
    line = text.strip()
    if not _is_part_heading(line) or "\n" in line or _MODAL_EN.search(line):
        return False
    if re.search(r"\bby\b", line):
        return False  # "Issued by the Office …", "Led by X": it names a body the reader keeps
    content = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    return len(content) >= 3 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _is_part_heading(text: str) -> bool:
    """A short line with no sentence end and no list mark: a part's heading."""
    words = text.strip()
    return (
        0 < len(words.split()) <= 12
        and not re.search(r"[.;:!?]$", words)
        and not re.match(r"[-\u2022\u25cf\u2013*(\d]", words)
    )
