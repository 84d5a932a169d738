"""Which body is competent for a matter: "X负责…监督管理工作", "X主管…工作", "X是…的主管部门".

These clauses carry no modal verb, so the modality checks never see them; a local rule that
gives a matter to another kind of body than its upper law does (住房城乡建设主管部门 for
应急管理部门) is a CHECK_DUTY_BODY finding. Clauses are paired by their matter's words, and
bodies compared by kind (:class:`~nlp.bodies.departments.DepartmentDirectory`), so
"示例省应急管理厅" and "县级以上地方人民政府应急管理部门" agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from nlp.bodies.departments import DepartmentDirectory
from nlp.legal.renamings import find_old_names
from nlp.review.bearers import own_level_kinds
from nlp.review.findings import Issue
from nlp.text import char_bigrams, dice

# "X负责本行政区域内A的监督管理工作", "X主管A工作", "A工作由X负责"
_RESPONSIBLE = re.compile(
    r"(?P<body>[^，,。；;：:]{2,40}?)(?:按照职责分工)?(?:负责|主管(?!部门|机关))"
    r"(?P<matter>[^，,。；;]{2,50}?)(?:工作|事业(?=[，,。；;]))"
)
# "X负责对水土保持情况进行监督检查", "…由X负责组织实施": a competence that does not end in 工作
# ("对直接负责的主管人员", "负责人" name persons, not a competence)
_RESPONSIBLE_ACT = re.compile(
    r"(?P<body>[^，,。；;：:]{2,40}?)(?:按照职责分工)?(?<!直接)负责(?![人的])"
    r"(?P<matter>[^，,。；;]{2,50})"
)
# "A由X负责…": the matter stands before the body ("自由贸易", "由于" are no such 由)
_BY = re.compile(r"(?<![自经])由(?!于)(?=[^由]*$)")
SHORT_MATTER = 4  # bigrams; a matter this short ("组织实施") is read with the clause before it
_CLAUSE_START = re.compile(r"[。；;\n]")
_LABEL = re.compile(r"^\s*第[^条\s]{1,8}条\s*")
_COMPETENT = re.compile(
    r"(?P<body>[^，,。；;：:]{2,40}?)是(?P<matter>[^，,。；;]{2,40}?)的主管部门"
)
_SCOPE = re.compile(
    r"本(?:省|市|县|区)?行政区域(?:内|的)?|本辖区内|全国|全省|全市|全县|本(?:省|市|县|区)(?:内|的)?|"
    r"各自职责范围内|职责范围内|统一"
)
# "X按照规定的权限，负责…": a comma inside the body's own clause, read as none
_INNER_COMMA = re.compile(r"(?:按照|依照|根据)[^，,。；;]{0,12}(?:权限|职责|分工)[，,]")
# Departments left unnamed ("有关部门", "其他部门"): a government's, of no kind to compare.
_UNNAMED = re.compile(r"(?:有关|其他|相关|各)(?:行政)?(?:部门|机构|单位)")
# Words a field's name is told with ("管理全国的专利工作"): what is left names the field ("专利").
_GENERIC = re.compile(r"监督管理|管理|监督|全国|的|相关")
FIELD_CHARS = 4  # a matter left this short after the generic words is a whole field
# "国务院有关部门在各自的职责范围内负责广告管理相关工作", "其他有关部门依照本条例和其他有关法律、
# 法规的规定，在各自职责范围内负责有关燃气管理工作": the upper law shares its field
# among several lines, so a matter within it may lie with any of them.
_SHARED_FIELD = re.compile(
    r"(?:有关|其他|相关)(?:行政)?(?:主管)?部门[^。；;]{0,40}(?:职责|分工)[^。；;]{0,30}负责"
)
SAME_MATTER = 0.5  # Dice of two matters' bigrams for them to be the same matter
# Two clauses of one local article this alike are one matter told for two levels ("市水务部门
# 负责本市…水资源的统一管理", "区水务部门…负责本行政区域内水资源的统一管理"): each is compared.
ONE_LOCAL_MATTER = 0.8


@dataclass(frozen=True, slots=True)
class Competence:
    """One clause naming the body competent for a matter."""

    kinds: frozenset[str]
    body: str
    span: tuple[int, int]  # of the body's words
    matter: frozenset[str]
    field: str = ""  # the matter's own words without scope and "管理", "监督" ("专利")
    work: bool = False  # told as "…工作"/"…事业"


def competences(text: str, directory: DepartmentDirectory) -> list[Competence]:
    """The competence clauses of an article whose body is of a known kind."""
    out: list[Competence] = []
    read = _INNER_COMMA.sub(lambda m: m.group(0)[:-1] + "\u3000", text)  # same length
    for pattern in (_RESPONSIBLE, _RESPONSIBLE_ACT, _COMPETENT):
        for m in pattern.finditer(read):
            body, start, words = m["body"], m.start("body"), m["matter"]
            label = _LABEL.match(body)
            if label:
                body, start = body[label.end() :], start + label.end()
            by = _BY.search(body)
            if by:  # "专项…治理由水行政主管部门负责组织实施": the matter is told before 由
                words = body[: by.start()] + words
                body, start = body[by.end() :], start + by.end()
            if len(char_bigrams(words)) < SHORT_MATTER:
                words = _clause_before(text, start) + words
            span = (start, m.end("body"))
            if any(c.span[0] < span[1] and span[0] < c.span[1] for c in out):
                continue  # read already, as "…工作"
            if _UNNAMED.search(body):
                continue  # "县级以上人民政府有关部门在各自职责范围内": no body of a kind named
            kinds = _kinds(body, directory)
            matter = char_bigrams(_SCOPE.sub("", words).strip("的"))
            # a matter told as "…工作"/"…事业" is delimited: one bigram says it ("档案工作")
            least = 1 if pattern is _RESPONSIBLE else 2
            # a body named by its matter is of no kind, unless its name is one known line
            # ("城乡规划主管部门" is the natural-resources line)
            named_by_matter = _functional(body, matter) and (
                len(kinds - _GOVERNMENTS) != 1 or not body.endswith("部门")
            )
            if kinds and len(matter) >= least and not named_by_matter:
                field = _GENERIC.sub("", _SCOPE.sub("", words))
                # only "…的专利工作" may name a whole field; "负责组织实施" names an act
                out.append(Competence(kinds, body.strip(), span, matter, field, least == 1))
    return out


def _clause_before(text: str, at: int) -> str:
    """The words of the sentence before ``at`` ("水土保持补偿费专项用于…治理，" before "由X负责
    组织实施"), "" at a sentence's start."""
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, at)]
    return _LABEL.sub("", text[starts[-1] if starts else 0 : at])


def _kinds(body: str, directory: DepartmentDirectory) -> frozenset[str]:
    """The kinds of body a name is, by its own words and by its new name where it is an old
    one ("食品药品监督管理部门" is also a 市场监督管理部门)."""
    names = [body] + [
        body[:a] + renaming.new + body[b:] for renaming, (a, b) in find_old_names(body)
    ]
    return frozenset(
        d.department.id for name in names for d in directory.find(name) if d.department
    )


def _functional(body: str, matter: frozenset[str]) -> bool:
    """Whether a body is named by the matter it manages ("燃气管理部门", "管理节能工作的部门",
    "主管动物防疫工作的部门"): a law names no kind of department by that, and a local rule that
    names the department it designated ("住房城乡建设主管部门") departs from nothing."""
    own = char_bigrams(re.sub(r"主管部门|管理部门|行政主管部门|部门|工作|管理|主管", "", body))
    return len(own & matter) >= 2


def competence_issues(local: str, upper: str, zh: bool) -> list[Issue]:
    """CHECK_DUTY_BODY where a local clause gives a matter to another kind of body than the
    upper clause about the same matter does."""
    if not zh:
        return []
    directory = DepartmentDirectory.default()
    theirs = competences(upper, directory)
    out = []
    ours = competences(local, directory)
    for mine in ours:
        best = max(theirs, key=lambda t: dice(mine.matter, t.matter), default=None)
        if best is None or dice(mine.matter, best.matter) < SAME_MATTER:
            continue
        # the same matter may be given to several bodies upstream; any of them will do
        alike = [t for t in theirs if dice(mine.matter, t.matter) >= SAME_MATTER]
        if any(_agrees(mine, t) for t in alike) or _said_closer(mine, best, ours):
            continue
        out.append(_moved(mine, best))
    return out


def competence_lookups(
    local: Sequence[str], upper: Sequence[str], zh: bool
) -> Iterator[tuple[int, int, Issue]]:
    """CHECK_DUTY_BODY for each local competence clause against the upper clause about the
    most alike matter anywhere in the upper law, wherever the alignment put the article:
    (local index, upper index, issue)."""
    if not zh:
        return
    directory = DepartmentDirectory.default()
    theirs = [(j, c) for j, text in enumerate(upper) for c in competences(text, directory)]
    fields = _whole_fields(upper, theirs)
    for i, text in enumerate(local):
        ours = competences(text, directory)
        for mine in ours:
            scored = [(dice(mine.matter, c.matter), j, c) for j, c in theirs]
            best = max(scored, key=lambda s: s[0], default=None)
            if best is None or best[0] < SAME_MATTER:
                within = _field_moved(mine, fields)
                if within is not None:
                    yield i, within[0], _moved(mine, within[1])
                continue
            # the same matter may be given to several bodies upstream; any of them will do
            alike = [c for score, _, c in scored if score >= SAME_MATTER]
            if any(_agrees(mine, c) for c in alike) or _said_closer(mine, best[2], ours):
                continue
            yield i, best[1], _moved(mine, best[2])


def _whole_fields(
    upper: Sequence[str], theirs: Sequence[tuple[int, Competence]]
) -> list[tuple[int, Competence]]:
    """The upper clauses that give a whole field to one line of departments ("国务院专利行政部门
    负责管理全国的专利工作"), none where the upper law shares its field among several lines."""
    if any(_SHARED_FIELD.search(text) for text in upper):
        return []
    return [
        (j, c)
        for j, c in theirs
        if c.work and 0 < len(c.field) <= FIELD_CHARS and c.kinds - _GOVERNMENTS
    ]


def _field_moved(
    mine: Competence, fields: Sequence[tuple[int, Competence]]
) -> tuple[int, Competence] | None:
    """The whole-field upper clause a local matter within that field ("查处假冒专利行为" within
    "专利") departs from, when the local clause names another known line ("商务部门") than any
    upper clause of that field does; None when it agrees with one or names no line."""
    within = [(j, c) for j, c in fields if c.field in mine.field]
    if not within or not (mine.kinds - _GOVERNMENTS):
        return None
    if any(_agrees(mine, c) for _, c in within):
        return None
    # the clause for the local rule's own level ("省、自治区、直辖市人民政府…") first
    return min(within, key=lambda jc: bool(_NATIONAL.match(jc[1].body)))


# Kinds that name a government, not a line of departments.
_GOVERNMENTS = frozenset({"government", "state-council"})
_NATIONAL = re.compile("^(?:国务院|国家|中央)")


def _agrees(mine: Competence, theirs: Competence) -> bool:
    """Whether a local body may stand for the upper one: a kind in common (a national
    government's at the local rule's own level), or, for a national body ("国务院自然资源主管部门",
    "国务院管理节能工作的部门"), any local body unless both name a known line of departments and
    the lines differ: the local rule restates the matter at its own level and designates its own
    department, under whatever name it uses ("土地行政主管部门", "兽医主管部门")."""
    if mine.kinds & own_level_kinds(theirs.kinds):
        return True
    national = "state-council" in theirs.kinds or bool(_NATIONAL.match(theirs.body))
    if not national or _NATIONAL.match(mine.body):
        return False
    return not (mine.kinds - _GOVERNMENTS) or not (theirs.kinds - _GOVERNMENTS)


def _said_closer(mine: Competence, theirs: Competence, ours: Sequence[Competence]) -> bool:
    """Whether another clause of the same local article restates the upper clause more closely
    and agrees with it: a clause beside it on a narrower matter ("农村宅基地的管理" beside "土地
    的管理") is a further competence the local rule adds, not the upper one moved. The same
    matter told again for another level (:data:`ONE_LOCAL_MATTER`) is no other matter."""
    near = dice(mine.matter, theirs.matter)
    return any(
        other is not mine
        and dice(other.matter, theirs.matter) > near
        and dice(other.matter, mine.matter) < ONE_LOCAL_MATTER
        and _agrees(other, theirs)
        for other in ours
    )


def _moved(mine: Competence, best: Competence) -> Issue:
    return Issue(
        "CHECK_DUTY_BODY",
        "warning",
        f"上位法规定该事项由“{best.body}”负责，本条改由“{mine.body}”负责。",
        f"核对主管部门，与上位法规定的“{best.body}”保持一致。",
        (mine.span,),
        (best.span,),
        f"competent:{''.join(sorted(mine.matter))[:40]}",
    )
