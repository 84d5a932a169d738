"""Bodies as plans name them: the name as written, full official name, kind, level, place.

A plan's note says "省应急管理厅", "发展改革委", "各省级人民政府" or "OMB (in coordination with
DHS)". The ledger keeps those names as written, and needs to know which body each one is: two plans
naming "省应急管理厅" and "示例省应急管理厅" mean one body when the first plan is 示例省's, while a
city's 应急管理局 and the province's 应急管理厅 are different bodies of one kind.

:class:`Gazetteer` holds the named bodies of ``nlp/data/bodies.json`` (State Council departments
and agencies with their short and former names, agencies of English-speaking governments with
their jurisdiction), the collectives (各省级人民政府, "all agencies") and the kind table of
``nlp/data/departments.json`` through a :class:`~nlp.bodies.departments.DepartmentDirectory`.
:meth:`Gazetteer.body` turns a written name into a :class:`Body`; :attr:`Body.key` is what two
names must share to be one body.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from nlp.bodies.departments import DepartmentDirectory
from nlp.bodies.phrases import PhraseSpans
from nlp.data import packaged

LEVELS = ("national", "provincial", "city", "county", "township")

# a place or level written before a Chinese body's own name, and the level it gives
_ZH_LEVEL_OF = (
    (re.compile(r"(?:自治区|省|直辖市)$"), "provincial"),
    (re.compile(r"(?:市|州|盟|地区)$"), "city"),
    (re.compile(r"(?:县|区|旗)$"), "county"),
    (re.compile(r"(?:乡|镇|街道)$"), "township"),
)
_GENERIC_PLACE = re.compile(r"^(?:本|该|全)?[省市县区州盟旗]$")
# words that are not part of a name: a trailing 等, a role, a bracketed role note
_ZH_TAIL = re.compile(
    r"(?:等(?:有关|相关)?(?:部门|单位|机构)?(?:和单位)?|按职责(?:分工)?|牵头|配合|参与|负责|"
    r"(?:主要|分管)(?:领导|负责人|负责同志)(?:同志)?|"
    r"[（(]\s*(?:牵头|配合|参与|负责)\s*[）)])+$"
)
_EN_ROLE_NOTE = re.compile(r"\s*\((?:lead|co-?lead|support(?:ing)?|primary)\)\s*$", re.I)
_EN_HEAD_THE = re.compile(r"^the\s+", re.I)
_LIST_MARKS = "、，,；; \u3000和及与（("
_EN_LIST_WORDS = frozenset(["and", "or", "with", "by", "of", "to", "the", "all", "each", "every"])
# collectives too vague to name anyone: "有关部门" alone (各有关部门, 市直有关部门 are kept)
_VAGUE = re.compile(r"^(?:有关|相关|其他)(?:部门|单位|方面)$|^(?:relevant|other) ", re.I)
_BRACKET = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
# the governments of several place levels written as one name: "各县、市、区政府",
# "各市(县)、区人民政府", "各县（市、区）政府"; the first level written gives the level
_UNIT = r"(?:县级市|[省市县区州盟旗乡镇])"
_LEVELS_LIST = re.compile(rf"各(?P<first>{_UNIT})(?:[、（(]{_UNIT}[）)]?)+(?:人民)?政府")


@dataclass(frozen=True, slots=True)
class Body:
    """One body a plan names.

    Attributes:
        name: As the plan writes it, without 等, a role word or a leading "the".
        full_name: The official full name where ``name`` is a known short form
            (发展改革委 → 国家发展和改革委员会), else ``name``.
        kind: The kind id (``emergency-management``), or "" when unknown.
        level: national, provincial, city, county or township; "" when unknown.
        jurisdiction: Whose body it is: a country code for named national bodies ("CN",
            "US"), a place for local ones ("示例省"), "" when the text does not say.
        collective: True for a group written as one name (各省级人民政府, "all agencies").
    """

    name: str
    full_name: str
    kind: str = ""
    level: str = ""
    jurisdiction: str = ""
    collective: bool = False

    @property
    def key(self) -> str:
        """What two names must share to name one body: jurisdiction and full name, with the
        place written once ("示例省|应急管理厅" for 省应急管理厅 in 示例省's plan)."""
        core = self.full_name
        if self.jurisdiction and core.startswith(self.jurisdiction):
            core = core[len(self.jurisdiction) :]
        core = re.sub(r"^[省市县区州盟旗]", "", core) if self.jurisdiction else core
        return f"{self.jurisdiction}|{_fold(core)}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``tasks extract --json``)."""
        return {
            "name": self.name,
            "full_name": self.full_name,
            "kind": self.kind,
            "level": self.level,
            "jurisdiction": self.jurisdiction,
            "collective": self.collective,
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class _Named:
    name: str
    kind: str
    level: str
    jurisdiction: str
    collective: bool


class Gazetteer:
    """Named bodies, collectives and kinds; resolves a written name to a :class:`Body`."""

    def __init__(self, data: Mapping[str, Any], directory: DepartmentDirectory) -> None:
        """Index a gazetteer in the JSON form of ``nlp/data/bodies.json``.

        Raises:
            ValueError: on an unknown ``schema_version``.
        """
        if data.get("schema_version") != 1:
            raise ValueError(f"bodies schema_version {data.get('schema_version')!r}; expected 1")
        self.directory = directory
        self._kinds = {k["id"]: k for k in data.get("kinds", ())}
        self._by_form: dict[str, list[_Named]] = {}
        for body in data.get("bodies", ()):
            named = _Named(body["name"], body["kind"], body["level"], body["jurisdiction"], False)
            forms = [body["name"], *body.get("short", ()), *body.get("former", ())]
            forms += [*body.get("en", ()), *body.get("en_short", ())]
            for form in forms:
                self._by_form.setdefault(_fold(form), []).append(named)
        self._collectives: list[tuple[str, _Named]] = []
        for c in data.get("collectives", ()):
            named = _Named(
                c["name"], c["kind"], c.get("level") or "", c.get("jurisdiction") or "", True
            )
            for form in [c["name"], *c.get("aliases", ())]:
                if _VAGUE.match(form):
                    continue
                self._collectives.append((form, named))
                self._by_form.setdefault(_fold(form), []).append(named)
        self._collectives.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._phrase_spans: PhraseSpans | None = None  # built on first use (spaCy loads slowly)

    @classmethod
    def default(cls) -> Gazetteer:
        """The packaged gazetteer with the packaged kind table, built once per process."""
        return _default()

    def kind_name(self, kind: str, chinese: bool) -> str:
        """The kind's canonical name in the plan's language ("应急管理部门", "Emergency
        Management")."""
        entry = self._kinds.get(kind)
        if entry is not None:
            return entry["name_zh" if chinese else "name_en"]
        dept = self.directory.get(kind)
        if dept is not None:
            return dept.name_zh if chinese else dept.name_en
        return ""

    def collective_spans(self, text: str) -> list[tuple[int, int]]:
        """Where collectives written as one name stand in ``text`` ("各区、县级市人民政府"),
        longest first, not overlapping, each at a name's start: a list is not split inside
        them. Matched with spaCy's ``PhraseMatcher`` (character tokens for Chinese, lower-cased
        words for English)."""
        taken: list[tuple[int, int]] = []
        found = [*self._matcher().spans(text), *(m.span() for m in _LEVELS_LIST.finditer(text))]
        for start, end in sorted(found, key=lambda s: s[0] - s[1]):
            # not inside a longer name; "公安部等国务院相关部门": after 等 a collective is listed
            whole = start == 0 or text[start - 1] in _LIST_MARKS or text[start - 1] == "等"
            if whole and start > 0 and text[start - 1] == " " and text[start].isascii():
                # English: "Market regulation departments" is a kind, not the collective
                before = text[:start].rstrip().rsplit(" ", 1)[-1]
                whole = before[-1:] in ",;(" or before.lower() in _EN_LIST_WORDS
            if whole and not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
        return sorted(taken)

    def _matcher(self) -> PhraseSpans:
        if self._phrase_spans is None:
            self._phrase_spans = PhraseSpans([form for form, _ in self._collectives])
        return self._phrase_spans

    def body(
        self, written: str, *, kind: str = "", region: str = "", plan_region: str = ""
    ) -> Body:
        """The body a written name stands for.

        Args:
            written: The name as the plan writes it (a role word or 等 is set aside).
            kind: The kind the department table gave the mention, if any.
            region: The place or level written before the name ("示例省", "省"), if known.
            plan_region: The plan's own place ("示例省"), for names that write only a level.

        Returns:
            The body, with as much as the name and the plan say.
        """
        name = clean_name(written)
        folded = _fold(name)
        found = self._by_form.get(folded) or self._by_form.get(_fold(_BRACKET.sub("", name)))
        if found:
            n = found[0]
            if len(found) > 1 and plan_region:  # one name in two countries: the plan's own
                n = next((f for f in found if f.jurisdiction == plan_region), n)
            level = n.level or _level_of(region)
            place = n.jurisdiction or _place(region, plan_region)
            full = n.name if not n.collective else name
            return Body(name, full, n.kind, level, place, n.collective)
        levels = _LEVELS_LIST.fullmatch(name)
        if levels is not None:  # "各县、市、区政府": the governments of those places, together
            level = _level_of(levels["first"])
            return Body(name, name, "government", level, _place("", plan_region), True)
        if not region:
            region = _leading_place(name)
        return Body(name, name, kind, _level_of(region), _place(region, plan_region))


def clean_name(written: str) -> str:
    """A name without the words around it in a note: 等, a role, "the", a role in brackets."""
    name = written.strip().strip("，,、；;。:： ")
    name = _EN_HEAD_THE.sub("", name)
    name = _EN_ROLE_NOTE.sub("", name)
    name = re.sub(r"^由", "", name)
    while (tail := _ZH_TAIL.search(name)) and tail.start() > 0:
        name = name[: tail.start()]
    return re.sub(r",?\s+etc\.?$", "", name).strip()


def bodies_of(
    gazetteer: Gazetteer,
    mentions: Iterable[tuple[str, str, str]],
    plan_region: str = "",
) -> tuple[Body, ...]:
    """Bodies for ``(written name, kind id, region)`` triples, each name once, in order."""
    out: dict[str, Body] = {}
    for written, kind, region in mentions:
        body = gazetteer.body(written, kind=kind, region=region, plan_region=plan_region)
        out.setdefault(body.name, body)
    return tuple(out.values())


def _fold(name: str) -> str:
    return re.sub(r"[\s\u3000.,，、·]+", "", _EN_HEAD_THE.sub("", name.strip())).lower()


def _level_of(region: str) -> str:
    region = region.strip()
    if not region:
        return ""
    if region in ("国家", "国务院", "中央", "全国"):
        return "national"
    for pattern, level in _ZH_LEVEL_OF:
        if pattern.search(region):
            return level
    return ""


def _place(region: str, plan_region: str) -> str:
    """A written place ("示例省"), or the plan's place for a bare level ("省" in 示例省's plan)."""
    region = region.strip()
    if (
        region
        and not _GENERIC_PLACE.match(region)
        and not region.startswith(("各", "县级", "省级"))
    ):
        return region
    if region and plan_region and _level_of(region) == _level_of(plan_region):
        return plan_region
    return ""


def _leading_place(name: str) -> str:
    m = re.match(r"^(?:[\u4e00-\u9fff]{2,8}?(?:自治区|省|市|县|区|州|盟|旗)|[省市县区])", name)
    return m[0] if m and m.end() < len(name) - 1 else ""


@functools.cache
def _default() -> Gazetteer:
    return Gazetteer(packaged("bodies.json"), DepartmentDirectory.default())
