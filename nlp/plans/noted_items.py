"""Chinese plan items and their notes: the nearest note assigns each item.

An item takes its own note ("（一）…（牵头单位：…）", "1．…（X负责）", a note on the line after it),
else the note of the item or heading above it; a noted item's lead-in and each of its sub-items
are tasks; an item with no note on it, above it or below it is running text, cut into directive
clauses. A boxed aside (专栏) is no task. A note the reader cannot parse, or one with no item
before it, is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ingest.model import Finding, Provision, ProvisionKind, Severity
from nlp.bodies.departments import DepartmentMention
from nlp.plans import chinese as _plan_zh
from nlp.plans.deadlines import Deadline
from nlp.plans.drafts import Bodies, Draft, first_char, own_segments, trim_item
from nlp.plans.notes import Note, find_note, line_note, merged, notes_within, plain_note

# The findings reading a plan can give (README "Finding codes"); both are warnings.
PLAN_CODES = {
    "NLP_NOTE_UNREAD": "an item ends in what looks like a note that could not be read",
    "NLP_NOTE_UNATTACHED": "a responsibility note stands before any item it could assign",
}
# the title of a boxed aside ("专栏1  工业互联网网络互联互通工程"): examples and targets that
# illustrate the items around it, not tasks of their own
_BOX = re.compile(r"\s*专栏\s*[\d一二三四五六七八九十]+")
# the longest line read as a sub-heading when it has no sentence end
_HEADING_CHARS = 40
_ZH_LEAD_MARK = re.compile(r"[（(]\s*牵头\s*[）)]|牵头$")
# a bracketed group closing an item that speaks of responsibility but did not parse as a note
_UNREAD_NOTE = re.compile(r"[（(][^（）()]{2,200}(?:负责|牵头|配合|参与)[^（）()]{0,40}[）)]$")


class NotedItems:
    """The Chinese half of :class:`nlp.plans.reader.Reader` (a mixin over its text and bodies)."""

    text: str
    declarations: list[int]
    findings: list[Finding]
    _own_notes: dict[str, Note | None]

    def _index(self, start: int, end: int) -> None:
        raise NotImplementedError

    def _bodies(self, start: int, end: int, *, named_only: bool = False) -> list[DepartmentMention]:
        raise NotImplementedError

    def _subject(self, start: int, end: int) -> Bodies:
        raise NotImplementedError

    def _parse_deadline(self, start: int, end: int) -> Deadline | None:
        raise NotImplementedError

    def read_chinese(
        self,
        units: Sequence[Provision],
        inherited: Mapping[str, Note] | None = None,
        parts: Mapping[str, str] | None = None,
    ) -> list[Draft]:
        """Drafts of a Chinese plan's items: each item takes its own note, else the nearest one
        above it (``inherited``: a unit's part heading's note); text without notes is cut into
        directive clauses."""
        inherited = inherited or {}
        parts = parts or {}
        drafts: list[Draft] = []
        used: set[str] = set()
        noted_plan = any(
            self._own_note(u) or self.note_alone(u) or self._inner_notes(u) for u in units
        )
        first_item = next((k for k, u in enumerate(units) if self._level(u) is not None), 0)
        closing = self._closing(units, parts or {}) if noted_plan else set()
        in_box = False
        for i, unit in enumerate(units):
            if unit.id in used:
                continue
            numbered = self._level(unit) is not None or bool(unit.children)
            if _BOX.match(self.text, first_char(self.text, unit.span.start), unit.span.end):
                in_box = True  # "专栏3  工业大数据能力提升工程": a boxed aside, up to the next item
                continue
            if (
                (in_box or unit.id in closing)
                and not numbered
                and self._own_note(unit) is None
                and not (unit.id in closing and self._notes_after(units, i + 1))
            ):
                continue  # a paragraph after the last item is its closing, unless a note follows
            in_box = False
            if noted_plan and not numbered and self._heading_line(units, i):
                continue  # "加强基础设施建设" over "12.…（牵头单位：…）": a heading, no task
            self._index(unit.span.start, unit.span.end)
            if self.note_alone(unit) is not None:
                self._finding(
                    "NLP_NOTE_UNATTACHED",
                    f"a responsibility note stands before any item: {self._quote(unit)}",
                    unit.id,
                )
                continue
            continued, closing_note = (
                self._continuation(units, i, parts) if noted_plan else ([], None)
            )
            if continued and closing_note is not None:
                # "13．开展…推广。" and unnumbered paragraphs after it, the last closed by a note
                # (in it or on the lines after it): one item, assigned by that note, whose
                # paragraphs say its time
                drafts.extend(self._item(unit, closing_note, None))
                if drafts and drafts[-1].provision_id == unit.id:
                    last = continued[-1]
                    drafts[-1].frame = (continued[0].span.start, last.span.end)
                used.update(c.id for c in continued)
                continue
            if noted_plan and self._heads_noted_paragraphs(units, i, parts):
                continue  # "（一）加强预期引导" over paragraphs each closed by a note: a heading
            following = self._notes_after(units, i + 1, used)
            run = [] if following or unit.children else self._sub_items(units, i)
            if run:
                # "1．完善…" with "（1）…（4）" written as paragraphs after it: its sub-items
                after_run = self._notes_after(units, i + 1 + len(run))
                levels = {self._level(sub) for sub in run}
                resumes = i + 1 + len(run) + len(after_run)
                closed = resumes >= len(units) or self._level(units[resumes]) not in levels
                if after_run and len(levels) == 1 and closed:
                    # a note after the last sub-item, with no sibling after it, assigns the item
                    # and all of them (a note followed by a sibling is the last sub-item's own)
                    note = merged(self._notes_after(units, i + 1 + len(run), used))
                    drafts.extend(self._item(unit, None, note))
                    for sub in run:
                        drafts.extend(self._item(sub, None, note))
                        used.add(sub.id)
                    continue
                if self._own_note(unit) is None and (
                    after_run
                    or any(self._own_note(sub) or self._inner_notes(sub) for sub in run)
                    or (noted_plan and self._noted_below(units, i + len(run), parts))
                ):
                    continue  # a heading over noted items is no task of its own
            elif (
                noted_plan
                and i < first_item
                and not following
                and not unit.children
                and unit.id not in inherited
                and self._own_note(unit) is None
                and self._level(unit) is None
            ):
                continue  # a plan with notes: its preamble, before the first numbered item
            alone = merged(following) if following else None
            drafts.extend(self._item(unit, alone, inherited.get(unit.id)))
        return drafts

    def _continuation(
        self, units: Sequence[Provision], i: int, parts: Mapping[str, str] | None = None
    ) -> tuple[list[Provision], Note | None]:
        """The unnumbered paragraphs that continue a numbered item without a note of its own,
        up to the one a note closes ("13．开展工业互联网新模式推广。" / "智能化制造。鼓励…" / …
        / "数字化管理。推动…（责任单位：X）"), or up to note lines standing alone after them
        ("（一）推进…公开" / "通过…公开。" / "责任单位：X"), with that note; none unless only the
        last paragraph is closed by a note and the item ends there (the next unit is numbered,
        a boxed aside or in another part): paragraphs with notes each are items."""
        unit = units[i]
        if self._level(unit) is None or unit.children or self._own_note(unit) is not None:
            return [], None
        if self._notes_after(units, i + 1):
            return [], None
        out: list[Provision] = []
        for k in range(i + 1, len(units)):
            nxt = units[k]
            if self._level(nxt) is not None or nxt.children or self._is_box(nxt):
                return [], None
            if self.note_alone(nxt) is not None:
                notes = self._notes_after(units, k)
                after = k + len(notes)
                if not out or not self._item_ends(units, after, nxt, parts or {}):
                    return [], None
                return out + list(units[k:after]), merged(notes)
            out.append(nxt)
            own = self._own_note(nxt)
            if own is not None:
                after_unit = units[k + 1] if k + 1 < len(units) else None
                if (
                    after_unit is not None
                    and self._level(after_unit) is None
                    and self._own_note(after_unit)
                ):
                    return [], None
                return out, own
        return [], None

    def _noted_below(self, units: Sequence[Provision], k: int, parts: Mapping[str, str]) -> bool:
        """True when the numbered line ``units[k]`` is assigned by a note after its paragraphs,
        or heads paragraphs that each have one: what stands over it is a heading."""
        if self._continuation(units, k, parts)[1] is not None:
            return True
        return self._heads_noted_paragraphs(units, k, parts)

    def _item_ends(
        self, units: Sequence[Provision], k: int, last: Provision, parts: Mapping[str, str]
    ) -> bool:
        """True when ``units[k]`` begins something other than the item ``last`` belongs to:
        there is none, it is numbered, a boxed aside, or it stands in another part."""
        if k >= len(units):
            return True
        nxt = units[k]
        if self._level(nxt) is not None or nxt.children or self._is_box(nxt):
            return True
        return parts.get(nxt.id, "") != parts.get(last.id, "")

    def _heads_noted_paragraphs(
        self, units: Sequence[Provision], i: int, parts: Mapping[str, str]
    ) -> bool:
        """True for a numbered line with no note and no sentence end over two or more
        unnumbered paragraphs in a row, each closed by a note of its own or by note lines after
        it (a division table's 任务 cell above its 主要内容 rows): a heading, not a task."""
        unit = units[i]
        if self._level(unit) is None or unit.children or self._own_note(unit) is not None:
            return False
        line = self.text[unit.span.start : unit.span.end].strip()
        if not line or len(line) > _HEADING_CHARS or line[-1] in "。；;！!？?":
            return False
        closed, k = 0, i + 1
        while not self._item_ends(units, k, unit, parts) and self.note_alone(units[k]) is None:
            notes = self._notes_after(units, k + 1)
            if not notes and self._own_note(units[k]) is None:
                break  # a paragraph with no note (the last row of a cut text): stop counting
            closed, k = closed + 1, k + 1 + len(notes)
        return closed >= 2

    def _is_box(self, unit: Provision) -> bool:
        return bool(_BOX.match(self.text, first_char(self.text, unit.span.start), unit.span.end))

    def _heading_line(self, units: Sequence[Provision], i: int) -> bool:
        """An unnumbered short line with no sentence end and no note, standing just before a
        numbered item: a sub-heading ("加强基础设施建设") or an attachment's title
        ("…主要目标任务及责任分解"), not a task."""
        unit = units[i]
        line = self.text[unit.span.start : unit.span.end].strip()
        if not line or len(line) > _HEADING_CHARS or line[-1] in "。；;！!？?":
            return False
        if self._own_note(unit) is not None or self._notes_after(units, i + 1):
            return False
        if i + 1 >= len(units):
            return False
        nxt = units[i + 1]
        return self._level(nxt) is not None or bool(nxt.children)

    def _closing(self, units: Sequence[Provision], parts: Mapping[str, str]) -> set[str]:
        """The paragraphs after a noted plan's last item, when they end the document in that
        item's part ("各地区、各部门要认真贯彻落实本意见……"): its closing, not division items.
        Paragraphs followed by another part are left to the rules of their own part."""
        last = max((k for k, u in enumerate(units) if self._level(u) is not None), default=-1)
        if last < 0:
            return set()
        part = parts.get(units[last].id, "")
        after = units[last + 1 :]
        if any(parts.get(u.id, "") != part for u in after):
            return set()
        return {u.id for u in after}

    def _notes_after(
        self, units: Sequence[Provision], start: int, used: set[str] | None = None
    ) -> list[Note]:
        """The notes standing alone from ``units[start]`` on (a field on each line), marked
        ``used`` when given."""
        notes = []
        for nxt in units[start:]:
            note = self.note_alone(nxt)
            if note is None:
                break
            notes.append(note)
            if used is not None:
                used.add(nxt.id)
        return notes

    def _sub_items(self, units: Sequence[Provision], i: int) -> list[Provision]:
        """The units after ``units[i]`` numbered one level or more below it: its sub-items when
        a plan's items are written as flat paragraphs."""
        level = self._level(units[i])
        run: list[Provision] = []
        if level is None:
            return run
        for nxt in units[i + 1 :]:
            below = self._level(nxt)
            if below is None or below <= level or nxt.children:
                break
            run.append(nxt)
        return run

    def _level(self, p: Provision) -> int | None:
        start = first_char(self.text, p.span.start)
        return _plan_zh.number_level(self.text, start, p.span.end)

    def _item(self, p: Provision, after: Note | None, inherited: Note | None) -> list[Draft]:
        """The drafts of one item: the nearest note assigns it (its own, else the one above);
        a noted item's lead-in and each of its sub-items are tasks; an item with no note on it,
        above it or below it is running text, cut into directive clauses."""
        parts = self._parts_by_note(p, after or inherited)
        if parts:
            return parts
        own = self._own_note(p) or after
        note = own or inherited
        if note is None and not any(
            self._own_note(q) or self._inner_notes(q) for q in p.walk()[1:]
        ):
            return self._running_text(p)
        drafts = []
        if note is not None:
            lead_in = self._noted_draft(p, note, own_note=own is not None)
            if lead_in is not None:
                drafts.append(lead_in)
        for c in p.children:
            if self._ranks_above(c, p):
                # "（六）融通应用深化行动。" read in under "14．…": the next heading, not a
                # sub-item; no task unless it carries a note or items of its own
                if self._own_note(c) is not None or c.children:
                    drafts.extend(self._item(c, None, None))
                continue
            drafts.extend(self._item(c, None, note))
        return drafts

    def _ranks_above(self, child: Provision, parent: Provision) -> bool:
        """True when ``child`` is numbered at a higher level than the item it was nested in
        ("（六）" under "14．")."""
        below, above = self._level(child), self._level(parent)
        return below is not None and above is not None and below < above

    def _inner_notes(self, p: Provision) -> list[Note]:
        """The notes closing sentences inside an item's own text, when there are two or more
        and one of them gives a role in words ("…活动。（X、Y按职责分工负责）…工程。（Z）"):
        each closes a part of the item. None for an item with sub-items."""
        if p.children:
            return []
        segments = own_segments(p, self.text)
        if not segments:
            return []
        a, b = segments[0]
        if len(notes_within(self.text, a, b)) < 1:
            return []
        notes = notes_within(self.text, a, b, bare_lists=True)
        return notes if len(notes) >= 2 else []

    def _parts_by_note(self, p: Provision, above: Note | None = None) -> list[Draft]:
        """An item whose sentences carry notes of their own ("…掌握。（合肥海关负责）巩固…。
        （省商务厅牵头，合肥海关配合）"): one task per part, each assigned by the note closing
        it; sentences after the last note, closed by none (a text cut there), take the note
        ``above`` the item, else no body. None when the item has fewer than two such notes or
        has sub-items."""
        notes = self._inner_notes(p)
        if not notes:
            return []
        a, b = own_segments(p, self.text)[0]
        drafts = []
        for note in notes:
            start, end = trim_item(self.text, a, note.span[0])
            a = note.span[1]
            if start < end:
                drafts.append(self._assigned(p.id, start, end, note))
        start, end = trim_item(self.text, a, b)
        if start < end and _plan_zh.head(self.text, start, end) is not None:
            if above is not None:
                drafts.append(self._assigned(p.id, start, end, above))
            else:
                drafts.extend(self._running_text_span(p.id, start, end))
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
        first = first_char(self.text, p.span.start)
        note = find_note(self.text, p.span.start, p.span.end)
        if note is None and not p.children:
            # "（市发改委、财政局，市税务局）" on a line of its own: bodies without a role word
            note = plain_note(self.text, p.span.start, p.span.end, bare_list=True)
        if note is None and not p.children:
            note = line_note(self.text, p.span.start, p.span.end)  # "X牵头落实" alone
            if note is not None and not self._note_bodies(note)[0]:
                note = None  # no body named in it: a short sentence, not a note
        if note is not None and note.span[0] == first:
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
        a, b = trim_item(self.text, a, end)
        return self._assigned(p.id, a, b, note) if a < b else None

    def _assigned(self, provision_id: str, a: int, b: int, note: Note) -> Draft:
        """The task of ``text[a:b]`` (its head read for the action), assigned by ``note``."""
        h = _plan_zh.head(self.text, a, b)
        action, obj = (h.action, h.object) if h else ((a, a), (a, b))
        lead, coop = self._note_bodies(note)
        deadline = self._parse_deadline(*note.deadline) if note.deadline is not None else None
        d = Draft(provision_id, a, b, action, obj, lead, coop, deadline, noted=True)
        d.ongoing_from = a
        return d

    def heading_draft(self, section_id: str, start: int, end: int, note: Note) -> Draft:
        """One task for a numbered heading that carries its own note ("一、…（X负责）")."""
        self._index(start, end)
        a = _plan_zh.strip_number(self.text, start, note.span[0])
        a, b = trim_item(self.text, a, note.span[0])
        return self._assigned(section_id, a, max(a, b), note)

    def _note_bodies(self, note: Note) -> Bodies:
        lead = [m for s in note.lead for m in self._bodies(*s)]
        coop = [m for s in note.cooperating for m in self._bodies(*s)]
        listed = [m for s in note.responsible for m in self._bodies(*s)]
        marked = [m for m in listed if _ZH_LEAD_MARK.search(self._marked_text(m))]
        if marked:
            return lead + marked, coop + [m for m in listed if m not in marked]
        if lead:  # 牵头单位：X；责任单位：Y、Z: the lead is named, the others work with it
            return lead, coop + listed
        if not self._first_leads(note):
            return lead + listed, coop  # "X、Y负责", 责任单位：X、Y: all of them lead
        return lead + listed[:1], coop + listed[1:]  # unless the plan says the first one does

    def _first_leads(self, note: Note) -> bool:
        """True when the plan has said, at or before ``note``, that a note's first body leads."""
        return note.declares or any(pos < note.span[0] for pos in self.declarations)

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
                item = p.kind == ProvisionKind.ITEM
                drafts.extend(self._running_text_span(p.id, a, b, skip_title=item))
        return drafts

    def _running_text_span(
        self, provision_id: str, a: int, b: int, *, skip_title: bool = False
    ) -> list[Draft]:
        """``text[a:b]`` cut into directive clauses, each led by the subject its sentence names."""
        drafts = []
        subject: list[DepartmentMention] = []
        coop: list[DepartmentMention] = []
        last_sentence = -1
        for c in _plan_zh.clauses(self.text, a, b, skip_title=skip_title):
            if c.sentence != last_sentence:
                subject, coop, last_sentence = [], [], c.sentence
            if c.head.subject is not None:
                subject, coop = self._subject(*c.head.subject)
            if c.head.cooperating is not None:
                coop = coop + self._bodies(*c.head.cooperating)
            d = Draft(provision_id, c.start, c.end, c.head.action, c.head.object, list(subject))
            d.cooperating = list(coop)
            d.ongoing_from = c.head.subject[1] if c.head.subject else c.start
            drafts.append(d)
        return drafts

    # -- finishing ---------------------------------------------------------------------------
