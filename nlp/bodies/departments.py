"""Department names in work plans, normalised through an alias table kept as data.

This module owns :class:`Department`, :class:`DepartmentMention` and :class:`DepartmentDirectory`.
The table (``nlp/data/departments.json``, or a user's own file in the same format) holds one entry
per function at any level: 应急管理部, 应急管理厅, 应急管理局, the old 安全生产监督管理局 and
"MEM" are all ``emergency-management``. A region written before a name ("示例省", "省",
"provincial", "Exampleland") is recorded on the mention, not matched as part of the
department. Names that the table lacks are returned with ``department=None`` so that callers can
flag them; they are never dropped.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.bodies.places import (
    BRACKETED_TAIL,
    EN_LEAD_WORD,
    EN_LEVEL_TAIL,
    EN_REGION,
    EN_REGION_INNER,
    EN_REGION_WORDS,
    EN_TRAIL_WORD,
    EN_UNKNOWN,
    NOT_DOC_NUMBER,
    NOT_PLACE,
    SEPARATORS,
    ZH_REGION,
    ZH_TAIL,
    ZH_UNKNOWN,
)
from nlp.data import packaged
from nlp.text import has_cjk

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Department:
    """One entry of the alias table.

    Attributes:
        id: Stable slug, e.g. "emergency-management".
        name_zh: Canonical Chinese name, e.g. "应急管理部门".
        name_en: Canonical English name, e.g. "Emergency Management".
    """

    id: str
    name_zh: str
    name_en: str


@dataclass(frozen=True, slots=True)
class DepartmentMention:
    """A body named in text, resolved through the table or flagged as unknown.

    Attributes:
        text: The name as written: "示例省应急管理厅", "MEM", "the Ministry of Justice".
        department: The table's entry; None when the name is not in the table.
        region: A region prefix that was written ("示例省", "省", "Exampleland"), else "".
        span: Offsets of ``text`` in the text searched.
    """

    text: str
    department: Department | None
    region: str = ""
    span: tuple[int, int] = (0, 0)

    @property
    def is_known(self) -> bool:
        """True when the table resolved the name."""
        return self.department is not None


@dataclass(frozen=True, slots=True)
class _Alias:
    """A compiled alias with a ``{region}`` slot (English "Office of the X Safety Committee")."""

    pattern: re.Pattern[str]
    department: Department


class DepartmentDirectory:
    """The alias table, and matching of department names against it.

    Build one with :meth:`default` (the packaged table) or :meth:`from_file`; the patterns are
    compiled once per directory.
    """

    def __init__(self, data: Mapping[str, Any], whole_names: Iterable[str] = ()) -> None:
        """Compile a table from its JSON form (see ``nlp/data/departments.json``).

        Args:
            data: The table.
            whole_names: Official English names that hold a list mark ("Office of Management
                and Budget", "Department for Culture, Media and Sport"): a list is never split
                inside one of them.

        Raises:
            ValueError: on an unknown ``schema_version`` or an entry without id or names.
        """
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(
                f"department table schema_version {version!r}; expected {SCHEMA_VERSION}"
            )
        suffixes = list(data.get("suffixes_zh", ()))
        templates = list(data.get("templates_en", ()))
        self._departments: dict[str, Department] = {}
        self._zh: dict[str, Department] = {}
        self._zh_bare: dict[str, Department] = {}
        self._en_bare: dict[str, Department] = {}
        self._en: dict[str, Department] = {}
        self._en_slots: list[_Alias] = []
        self._abbreviations: dict[str, Department] = {}
        entries = list(data.get("departments", ()))
        for entry in entries:
            try:
                dept = Department(entry["id"], entry["name_zh"], entry["name_en"])
            except KeyError as exc:
                raise ValueError(f"department entry lacks {exc.args[0]!r}: {entry!r}") from None
            if dept.id in self._departments:
                raise ValueError(f"duplicate department id {dept.id!r}")
            self._departments[dept.id] = dept
        # Names built from stems first, then written aliases over them: an explicit alias wins
        # where a generated name would mean another body (交通管理部门 is the traffic police).
        for entry in entries:
            dept = self._departments[entry["id"]]
            for stem in entry.get("stems_zh", ()):
                self._zh_bare.setdefault(stem, dept)
                for suffix in suffixes:
                    self._zh.setdefault(stem + suffix, dept)
            for stem in entry.get("stems_en", ()):
                self._en_bare.setdefault(_en_key(stem), dept)
                for template in templates:
                    self._en.setdefault(_en_key(template.format(stem)), dept)
        for entry in entries:
            dept = self._departments[entry["id"]]
            self._zh[entry["name_zh"]] = dept
            for alias in entry.get("aliases_zh", ()):
                self._zh[alias] = dept
            # A canonical English name is often one common word ("Energy", "Health"): it
            # resolves as a whole name but is not searched for in running text.
            self._en_bare[_en_key(entry["name_en"])] = dept
            for alias in entry.get("aliases_en", ()):
                if "{region}" in alias:
                    self._en_slots.append(_Alias(_slot_pattern(alias), dept))
                else:
                    self._en[_en_key(alias)] = dept
            for abbreviation in entry.get("abbreviations", ()):
                self._abbreviations[abbreviation] = dept
        listed = sorted({_en_key(n) for n in whole_names if _LIST_MARK.search(n)}, key=len)
        self._whole = (
            re.compile(rf"\b(?:{'|'.join(_en_regex(n) for n in reversed(listed))})(?![\w-])", re.I)
            if listed
            else None
        )
        self._compile()

    def _compile(self) -> None:
        zh_names = "|".join(re.escape(n) for n in sorted(self._zh, key=len, reverse=True))
        self._zh_pattern = re.compile(
            rf"(?P<region>{ZH_REGION})?(?P<name>{zh_names}){NOT_DOC_NUMBER}"
        )
        en_names = [_en_regex(n) for n in sorted(self._en, key=len, reverse=True)]
        # the slot's group name may appear once only in the joint pattern
        en_names += [a.pattern.pattern.replace("(?P<slot>", "(?:") for a in self._en_slots]
        en_names.sort(key=len, reverse=True)
        self._en_pattern = re.compile(
            rf"(?:\bthe\s+)?(?P<region>{EN_REGION})?\b(?P<name>{'|'.join(en_names)})(?![\w-])",
            re.I,
        )
        # "应急管理、公安、交通运输等部门": function words listed before one shared 部门
        stems = "|".join(
            re.escape(n) for n in sorted(self._zh_bare, key=len, reverse=True) if has_cjk(n)
        )
        self._zh_stem = re.compile(stems) if stems else None
        self._zh_enumeration = (
            re.compile(
                rf"(?:{stems})(?:(?:、|，|,|和|及|与)(?:{stems}))*"
                # not "建设单位" (a project's owner): 单位 counts only after 等
                r"(?=等(?:有关|相关)?(?:部门|单位|机构|机关)|部门|机关)"
            )
            if stems
            else None
        )
        abbreviations = "|".join(
            re.escape(a) for a in sorted(self._abbreviations, key=len, reverse=True)
        )
        self._abbreviation_pattern = (
            re.compile(rf"\b(?:{abbreviations})\b") if abbreviations else None
        )

    # --- construction ------------------------------------------------------------------------

    @classmethod
    def default(cls) -> DepartmentDirectory:
        """The packaged table (``nlp/data/departments.json``), compiled once per process."""
        return _default_directory()

    @classmethod
    def from_file(cls, path: str | Path) -> DepartmentDirectory:
        """A user's own table in the packaged table's JSON format.

        Raises:
            ValueError: if the file is not a valid table.
        """
        text = Path(path).read_text(encoding="utf-8")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not JSON ({exc})") from exc
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a JSON object with 'departments'")
        return cls(data)

    @property
    def departments(self) -> tuple[Department, ...]:
        """Every entry, in table order."""
        return tuple(self._departments.values())

    def get(self, department_id: str) -> Department | None:
        """The entry with this id, or None."""
        return self._departments.get(department_id)

    # --- one name -----------------------------------------------------------------------------

    def resolve(self, name: str) -> DepartmentMention:
        """Resolve one name, such as one item of a 牵头单位 cell.

        Surrounding punctuation, "the", a bracketed note ("（牵头）") and a trailing 等部门 are set
        aside; a bare function word from an enumeration ("公安" in "应急管理、公安等部门") also
        resolves. The mention's text and span cover the name and its note, without the
        surrounding spaces and punctuation.
        """
        start, end = _trim(name, 0, len(name))
        core_end = end
        while True:
            m = BRACKETED_TAIL.search(name, start, core_end)
            if not m or m.start() <= start:
                break
            core_end = m.start()
        core = name[start:core_end]
        tail = ZH_TAIL.search(core)
        if tail and tail.start() > 0:
            core = core[: tail.start()]
        text = name[start:end]
        span = (start, end)
        known = self._match_whole(core)
        level = None if known is not None else EN_LEVEL_TAIL.search(core)
        if level is not None and level.start() > 0:
            known = self._match_whole(core[: level.start()])
        if known is not None:
            dept, region = known
            return DepartmentMention(text, dept, region, span)
        region = self._leading_region(core)
        return DepartmentMention(text, None, region, span)

    def _match_whole(self, core: str) -> tuple[Department, str] | None:
        core = core.strip()
        if not core:
            return None
        if core in self._abbreviations:
            return self._abbreviations[core], ""
        m = self._zh_pattern.fullmatch(core)
        if m:
            return self._zh[m["name"]], m["region"] or ""
        m = self._en_pattern.fullmatch(core)
        if m and (found := self._en_department(m)):
            return found
        # a bare function word, as enumerations write it ("应急管理、公安等部门")
        if has_cjk(core):
            named = self._after_place_name(core)
            if named is not None:
                return named
            if core in self._zh_bare:
                return self._zh_bare[core], ""
            region = re.match(ZH_REGION, core)
            if region and core[region.end() :] in self._zh_bare:
                return self._zh_bare[core[region.end() :]], region[0]
            return None
        key = re.sub(r"^the\s+", "", _en_key(core))
        return (self._en_bare[key], "") if key in self._en_bare else None

    def _after_place_name(self, core: str) -> tuple[Department, str] | None:
        """A known name after a place written without its level ("示例海事局", "宁波海关")."""
        for cut in range(2, min(5, len(core) - 1)):
            place, rest = core[:cut], core[cut:]
            if rest in self._zh and re.fullmatch(rf"(?:(?![{NOT_PLACE}])[\u4e00-\u9fff])+", place):
                return self._zh[rest], place
        return None

    def _leading_region(self, core: str) -> str:
        if has_cjk(core):
            m = re.match(ZH_REGION, core)
            return m[0] if m and m.end() < len(core) else ""
        # an unknown English name: only a region word is sure to be a region ("Exampleland
        # Lighthouse Service" may be all name)
        m = re.match(rf"(?:the\s+)?({EN_REGION_WORDS})\s+\S", core, re.I)
        return m[1] if m else ""

    def _en_department(self, m: re.Match[str]) -> tuple[Department, str] | None:
        name = m["name"]
        region = (m["region"] or "").strip()
        if region and _en_key(f"{region} {name}") in self._en:
            # "National Development and Reform Commission": the word is the body's own
            return self._en[_en_key(f"{region} {name}")], ""
        dept = self._en.get(_en_key(name))
        if dept is not None:
            return dept, region
        for alias in self._en_slots:
            slot = alias.pattern.fullmatch(name)
            if slot:
                return alias.department, (slot["slot"] or region or "").strip()
        return None

    # --- lists ---------------------------------------------------------------------------------

    def split(self, names: str) -> list[str]:
        """Split a list of names into items.

        Chinese lists split at 、，；/ (and spaces between Chinese names); English lists at commas,
        semicolons and "and", except where "and" is inside a known name ("Ministry of Industry
        and Information Technology").
        """
        return [names[a:b] for a, b in self._split_spans(names)]

    def resolve_list(self, names: str) -> list[DepartmentMention]:
        """Split ``names`` and resolve each item; spans point into ``names``."""
        out = []
        for a, b in self._split_spans(names):
            mention = self.resolve(names[a:b])
            s, e = mention.span
            out.append(
                DepartmentMention(mention.text, mention.department, mention.region, (a + s, a + e))
            )
        return out

    def _split_spans(self, names: str) -> list[tuple[int, int]]:
        pieces: list[tuple[int, int]] = []
        pos = 0
        whole = self._whole_spans(names)
        # "各县（市、区）人民政府": a list inside brackets is part of one name
        whole += [m.span() for m in _BRACKETED.finditer(names)]
        for sep in SEPARATORS.finditer(names):
            if any(a < sep.start() and sep.end() < b for a, b in whole):
                continue  # "Department for Culture, Media and Sport": one name
            pieces.append((pos, sep.start()))
            pos = sep.end()
        pieces.append((pos, len(names)))
        out: list[tuple[int, int]] = []
        for a, b in pieces:
            for c, d in self._split_piece(names, a, b):
                c, d = _trim(names, c, d)
                if c < d:
                    out.append((c, d))
        return out

    def _whole_spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._whole.finditer(text)] if self._whole else []

    def _split_piece(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        piece = text[start:end]
        if has_cjk(piece) and not re.search("[A-Za-z]{3}", piece):
            # spaces between Chinese names ("省应急管理厅 省公安厅"); 和 stays, since it is inside
            # names (住房和城乡建设厅)
            cuts = [m.span() for m in re.finditer(r"[\s\u3000]+|以及|及", piece)]
        else:
            protected = [m.span() for m in self._en_pattern.finditer(piece)]
            protected += self._whole_spans(piece)
            found = [
                m
                for m in re.finditer(r"\s+(?:and|&)\s+", piece, re.I)
                if not any(a < m.start() and m.end() < b for a, b in protected)
            ]
            cuts = [
                m.span()
                for k, m in enumerate(found)
                if not _shared_head(
                    piece[found[k - 1].end() if k else 0 : m.start()],
                    piece[m.end() : found[k + 1].start() if k + 1 < len(found) else len(piece)],
                )
            ]
        out, pos = [], 0
        for a, b in cuts:
            out.append((start + pos, start + a))
            pos = b
        out.append((start + pos, end))
        return out

    # --- running text ------------------------------------------------------------------------

    def find(self, text: str) -> list[DepartmentMention]:
        """Every body named in ``text``, in order, with spans (``text[start:end] == mention.text``).

        Known names come from the table; a region-prefixed Chinese name ending in 厅, 局 or 委员会
        and a capitalised English "Bureau of …" that the table lacks come back with
        ``department=None``. "示例省人民政府应急管理厅" is one mention (of emergency
        management, with the government as its region), not two.
        """
        found: list[DepartmentMention] = []
        for m in self._zh_pattern.finditer(text):
            found.append(_mention(text, m.start(), m.end(), self._zh[m["name"]], m["region"] or ""))
        for m in self._en_pattern.finditer(text):
            resolved = self._en_department(m)
            if resolved:
                found.append(_mention(text, m.start(), m.end(), resolved[0], resolved[1]))
        if self._abbreviation_pattern is not None:
            for m in self._abbreviation_pattern.finditer(text):
                found.append(_mention(text, m.start(), m.end(), self._abbreviations[m[0]], ""))
        if self._zh_enumeration is not None and self._zh_stem is not None:
            for listed in self._zh_enumeration.finditer(text):
                for m in self._zh_stem.finditer(text, listed.start(), listed.end()):
                    found.append(_mention(text, m.start(), m.end(), self._zh_bare[m[0]], ""))
        known = _non_overlapping(found)
        unknown = [
            _mention(text, m.start(), m.end(), None, m["region"]) for m in ZH_UNKNOWN.finditer(text)
        ]
        unknown += [_mention(text, m.start(), m.end(), None, "") for m in EN_UNKNOWN.finditer(text)]
        unknown = [u for u in unknown if not any(_overlaps(u, k) for k in known)]
        return _merge_government(text, _non_overlapping(known + unknown))


# --- helpers -------------------------------------------------------------------------------


@functools.cache
def _default_directory() -> DepartmentDirectory:
    table = packaged("departments.json")
    bodies = packaged("bodies.json")["bodies"]
    names = [
        n
        for body in bodies
        for key in ("name", "en", "en_short")
        for n in _strings(body.get(key))
        if not has_cjk(n)
    ]
    return DepartmentDirectory(table, names)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


_LIST_MARK = re.compile(r"\s(?:and|&)\s|,")


def _en_key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def _en_regex(name: str) -> str:
    """A lower-case alias as a pattern: any run of spaces, a hyphen or a space alike."""
    out = []
    for word in name.split(" "):
        out.append(r"[-\s]?".join(re.escape(p).replace("'", "['’]") for p in word.split("-")))
    return r"\s+".join(out)


def _slot_pattern(alias: str) -> re.Pattern[str]:
    before, after = alias.split("{region}", 1)
    slot = rf"(?:(?P<slot>{EN_REGION_INNER})\s+)?"
    return re.compile(_en_regex(before.strip()) + r"\s+" + slot + _en_regex(after.strip()), re.I)


_EDGE_PUNCTUATION = "、，,；;:：。.\"“”'‘’"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` past spaces, list punctuation and edge words ("and", "the")."""
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCTUATION):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCTUATION):
            end -= 1
        lead = EN_LEAD_WORD.match(text[start:end])
        if lead and lead.end() < end - start:
            start += lead.end()
        trail = EN_TRAIL_WORD.search(text[start:end])
        if trail and trail.start() > 0:
            end = start + trail.start()
        if (start, end) == before:
            return start, end


def _mention(
    text: str, start: int, end: int, dept: Department | None, region: str
) -> DepartmentMention:
    return DepartmentMention(text[start:end], dept, region.strip(), (start, end))


def _overlaps(a: DepartmentMention, b: DepartmentMention) -> bool:
    return a.span[0] < b.span[1] and b.span[0] < a.span[1]


def _non_overlapping(mentions: Iterable[DepartmentMention]) -> list[DepartmentMention]:
    """Longest first, then leftmost; a mention overlapping one already kept is dropped."""
    kept: list[DepartmentMention] = []
    for m in sorted(mentions, key=lambda m: (m.span[0] - m.span[1], m.span[0])):
        if not any(_overlaps(m, k) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.span)


def _merge_government(text: str, mentions: list[DepartmentMention]) -> list[DepartmentMention]:
    """Fold "县级以上人民政府" into the department that directly follows it, as its region."""
    out: list[DepartmentMention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.department is not None
            and prev.department.id in ("government", "state-council")
            and prev.span[1] == mention.span[0]
            and mention.department is not None
            and has_cjk(mention.text)
        ):
            start = prev.span[0]
            region = text[start : mention.span[0]] + mention.region
            out[-1] = DepartmentMention(
                text[start : mention.span[1]], mention.department, region, (start, mention.span[1])
            )
            continue
        out.append(mention)
    return out


# The last word of an English body's name: "Unit", "Office", "boards" … ("Data Sharing and
# Governance Unit" is one body, "Departmental and transactional agency boards" one group).
_EN_HEAD = re.compile(
    r"(?:ministry|ministries|department|departments|bureaus?|office|offices|committees?|"
    r"commissions?|administrations?|governments?|authority|authorities|agency|agencies|councils?|"
    r"boards?|units?|teams?|divisions?|services?|centres?|centers?|institutes?|groups?|panels?|"
    r"directorates?|secretariats?|forums?|networks?|partnerships?|executives?)$",
    re.IGNORECASE,
)
_ACRONYM_WORD = re.compile(r"\b[A-Z][A-Z&]{1,7}s?\b")


_BRACKETED = re.compile(r"[（(][^（）()]{1,12}[）)]")


def _shared_head(left: str, right: str) -> bool:
    """True when "LEFT and RIGHT" is one name: LEFT is a bare modifier of RIGHT's head noun.

    "Departmental and transactional agency boards", "Data Sharing and Governance Unit": the left
    conjunct has no head noun of its own and no acronym, the right one ends in a body's head noun.
    "OMB and CISA" or "the Department of Health and the HSE" are two bodies.
    """
    left_words = left.split()
    # "Curriculum and Assessment Policy Unit (DES)": the parent's acronym after the name is not
    # its head noun
    right_words = re.sub(r"\s*\([^()]*\)\s*$", "", right).split()
    if not left_words or not right_words or len(left_words) > 3:
        return False
    if any(_EN_HEAD.fullmatch(w.strip(",.;()")) for w in left_words):
        return False
    if _ACRONYM_WORD.search(left) or left_words[0].lower() in {"the", "a", "an", "each", "all"}:
        return False
    return bool(_EN_HEAD.fullmatch(right_words[-1].strip(",.;()")))
