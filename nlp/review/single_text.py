"""Checks of one text on its own, and the delegation clauses of an upper law."""

from __future__ import annotations

import itertools
import re
import unicodedata
from datetime import date

from ingest.numbering import CN_NUMERAL, parse_number
from nlp.legal.citations import find_citations
from nlp.legal.renamings import Renaming, find_old_names
from nlp.review.findings import Issue
from nlp.review.wording import sentence_span
from nlp.review.xref import xref_issues
from nlp.text import is_chinese

_NUMBER = rf"(?:{CN_NUMERAL}|[0-9０-９]+)"
_ARTICLE_NO = re.compile(
    rf"^\s*(?:第\s*)?({_NUMBER})\s*(?:条)?(?:之({CN_NUMERAL}))?|^\s*(?:Article|Art\.|§)\s*(\d+)",
    re.I,
)
# A bare "第N条" (without 本条例) is the text's own article, unless a law's name stands right before
# it ("安全生产法第九十条") or it continues a citation of another law (``find_citations``).
_BARE = re.compile(rf"(?<![法例定则》款项])第({_NUMBER})条(?!之)")
_DEFINITION = re.compile(
    r"(?:本(?:条例|法|办法|规定|细则)所称|^[（(][一二三四五六七八九十]+[）)])"
    r"(?P<term>[^，,。；：:“”\s]{1,20}?)[，,]?(?:是指|指|包括)(?P<body>[^。；]+)",
    re.M,
)
_EN_DEFINITION = re.compile(r"[“\"](?P<term>[^”\"]{1,40})[”\"]\s+means\s+(?P<body>[^.;]+)", re.I)


def article_number(number: str, text: str = "") -> tuple[int, int] | None:
    """Return (number, sub) of an article label ("第十五条之一" → (15, 1)), else None."""
    for source in (number, text[:20]):
        m = _ARTICLE_NO.match(source)
        if not m:
            continue
        try:
            value = parse_number(m.group(1) or m.group(3))
            sub = parse_number(m.group(2)) if m.group(2) else 0
        except ValueError:
            continue
        return value, sub
    return None


def check_text(
    articles: list[tuple[str, str]], *, on: date | None = None
) -> list[tuple[int, Issue]]:
    """Return the findings of one text: (index of the article in ``articles``, issue).

    Cross-references to article numbers the text lacks (CHECK_XREF_MISSING), numbering gaps,
    repeats and numbers out of order (CHECK_NUMBERING_GAP / CHECK_NUMBERING_REPEAT), a term
    defined twice differently (CHECK_TERM_REDEFINED) and, when ``on`` is given, old authority
    names (CHECK_RENAMED_AUTHORITY, once per name and article: "warning" when the text was made
    after the renaming, "info" when it is older and still in force).

    Args:
        articles: (number as printed, text) of every article, in order.
        on: The text's date (adoption or latest amendment).
    """
    zh = is_chinese("".join(text for _, text in articles[:5]))
    numbers = [article_number(n, t) for n, t in articles]
    out = _numbering(numbers, zh)
    present = {n for n, sub in filter(None, numbers) if sub == 0}
    if present:
        for i, (_, text) in enumerate(articles):
            out += [(i, issue) for issue in _xrefs(text, present, zh)]
        out += xref_issues(articles, numbers, zh)
    out += _definitions(articles, zh)
    if on is not None:
        out += _renamed(articles, on)
    out.sort(key=lambda p: p[0])
    return out


def _numbering(numbers: list[tuple[int, int] | None], zh: bool) -> list[tuple[int, Issue]]:
    out = []
    seen: set[tuple[int, int]] = set()
    last = 0
    for i, parsed in enumerate(numbers):
        if parsed is None:
            continue
        n, sub = parsed
        label = (
            f"第{n}条" + (f"之{sub}" if sub else "")
            if zh
            else f"Article {n}" + (f"-{sub}" if sub else "")
        )
        if parsed in seen:
            message = f"条文编号{label}重复出现。" if zh else f"{label} is numbered twice."
            fix = "重新编排条文序号。" if zh else "Renumber the articles."
            out.append(
                (i, Issue("CHECK_NUMBERING_REPEAT", "error", message, fix, key=f"repeat:{n}:{sub}"))
            )
        elif sub == 0 and last and n != last + 1:
            if n > last + 1:
                if n == last + 2:
                    gap = f"第{last + 1}条" if zh else f"Article {last + 1}"
                else:
                    gap = f"第{last + 1}条至第{n - 1}条" if zh else f"Articles {last + 1}–{n - 1}"
                message = f"条文编号不连续，缺少{gap}。" if zh else f"Numbering skips {gap}."
            else:
                message = (
                    f"{label}排在第{last}条之后，编号顺序错乱。"
                    if zh
                    else f"{label} follows Article {last}."
                )
            fix = "重新编排条文序号。" if zh else "Renumber the articles."
            out.append(
                (i, Issue("CHECK_NUMBERING_GAP", "error", message, fix, key=f"gap:{last}:{n}"))
            )
        seen.add(parsed)
        if sub == 0:
            last = max(last, n)
    return out


def _xrefs(text: str, present: set[int], zh: bool) -> list[Issue]:
    cited: list[tuple[int, tuple[int, int]]] = []
    citations = find_citations(text)
    for c in citations:
        if c.internal and c.article is not None and c.article.isdigit():
            cited.append((int(c.article), (c.start, c.end)))
    covered = [(c.start, c.end) for c in citations]
    for m in _BARE.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        try:
            cited.append((parse_number(m.group(1)), m.span()))
        except ValueError:
            continue
    out = []
    for n in sorted({n for n, _ in cited if n not in present}):
        spans = tuple(sorted({span for k, span in cited if k == n}))
        message = (
            f"本条引用的第{n}条在本文中不存在。"
            if zh
            else f"Article {n}, cited here, does not exist in this text."
        )
        fix = "核对并改正所引用的条文序号。" if zh else "Correct the cited article number."
        out.append(Issue("CHECK_XREF_MISSING", "error", message, fix, spans, key=f"xref:{n}"))
    return out


def _norm(text: str) -> str:
    return re.sub(r"[\s，,、；;。.：:“”\"]+", "", unicodedata.normalize("NFKC", text))


def _definitions(articles: list[tuple[str, str]], zh: bool) -> list[tuple[int, Issue]]:
    first: dict[str, tuple[int, str, tuple[int, int]]] = {}
    out = []
    for i, (_, text) in enumerate(articles):
        for m in [*_DEFINITION.finditer(text), *_EN_DEFINITION.finditer(text)]:
            term, body = m["term"].strip(), _norm(m["body"])
            if term not in first:
                first[term] = (i, body, m.span())
                continue
            j, earlier, _ = first[term]
            if body == earlier:
                continue
            message = (
                f"“{term}”在本文中被定义两次且含义不同（另见第{j + 1}个条文）。"
                if zh
                else f"'{term}' is defined twice, differently (see article {j + 1} in order)."
            )
            fix = "统一该用语的定义，删除重复的定义。" if zh else "Keep one definition of the term."
            out.append(
                (
                    i,
                    Issue(
                        "CHECK_TERM_REDEFINED",
                        "warning",
                        message,
                        fix,
                        (m.span(),),
                        key=f"term:{term}",
                    ),
                )
            )
    return out


# What stands between two names of one list of departments: a separator, or other items of the
# list ("国土资源、公安、农业、卫生、商务、安全监管"), none of them a clause.
_SEPARATOR = r"(?:、|和|及|以及|与|或者)"
_LIST_GAP = re.compile(rf"^{_SEPARATOR}(?:[^、，,。；;：:\n]{{1,12}}{_SEPARATOR})*$")


def _renamed(articles: list[tuple[str, str]], on: date) -> list[tuple[int, Issue]]:
    """CHECK_RENAMED_AUTHORITY for the old bodies a text names: one finding per body, however
    it is written ("工商行政管理部门", "工商部门"), and one for the bodies named together in one
    list of departments ("环境保护、国土资源、安全监管、工商等部门"), wherever else the text names
    them. Each article gets its issue with the group's key; the review merges them by key."""
    found = [(i, r, spans) for i, (_, text) in enumerate(articles) for r, spans in old_names(text)]
    group: dict[str, str] = {}  # body -> the group it joined (union-find)

    def root(body: str) -> str:
        while group.setdefault(body, body) != body:
            body = group[body]
        return body

    for _, text in articles:
        named = sorted((span, r.body or r.old) for r, spans in old_names(text) for span in spans)
        for (a, body_a), (b, body_b) in itertools.pairwise(named):
            if _LIST_GAP.match(text[a[1] : b[0]]):
                group[root(body_b)] = root(body_a)
    members: dict[str, list[Renaming]] = {}  # group -> its bodies' first names, in order
    for _, r, _ in found:
        names = members.setdefault(root(r.body or r.old), [])
        if r.old not in {n.old for n in names}:
            names.append(r)
    marks: dict[tuple[int, str], list[tuple[int, int]]] = {}
    printed: dict[str, str] = {}  # each old name as the text prints it ("国土资源" in a list)
    for i, r, spans in found:
        marks.setdefault((i, root(r.body or r.old)), []).extend(spans)
        printed.setdefault(r.old, articles[i][1][spans[0][0] : spans[0][1]])
    return [
        (i, renamed_issue(members[key], tuple(sorted(spans)), on, key, printed))
        for (i, key), spans in marks.items()
    ]


def old_names(text: str) -> list[tuple[Renaming, tuple[tuple[int, int], ...]]]:
    """Each old authority body named in ``text`` once, by the first name it is written with
    there, with every span where any of its names stands ("工商行政管理部门", "工商部门")."""
    spans: dict[str, list[tuple[int, int]]] = {}
    first: dict[str, Renaming] = {}
    for renaming, span in find_old_names(text):
        body = renaming.body or renaming.old
        spans.setdefault(body, []).append(span)
        first.setdefault(body, renaming)
    return [(r, tuple(spans[body])) for body, r in first.items()]


def renamed_issue(
    renaming: Renaming | list[Renaming],
    marks: tuple[tuple[int, int], ...],
    on: date,
    body: str = "",
    printed: dict[str, str] | None = None,
) -> Issue:
    """The CHECK_RENAMED_AUTHORITY finding for old names used at ``marks`` in a text of ``on``:
    one renaming, or several the text writes together (one body written two ways, the bodies
    of one list of departments), each named in the message. Its key is ``body`` (by default the
    first renaming's old body), so the review merges a text's findings of one body into one.

    A text made after the renaming that still uses the old name gets a "warning"; an older text
    still in force gets an "info": it was right when made and should be updated when amended.
    A local text made in the year of the renaming is older too: the provinces renamed their own
    bodies months after the national reform (2018: October to December), and an amendment of
    that year on another matter kept the names its bodies then had; such a name was not wrong
    when the text was made, only out of date now, and the message says so, not "made before".

    ``printed`` gives an old name as the text writes it where that differs ("国土资源" in
    "国土资源、环境保护等部门" for 国土资源主管部门): the message quotes what is printed.
    """
    names = renaming if isinstance(renaming, list) else [renaming]
    first = names[0]
    late = any(on > date(r.since.year, 12, 31) for r in names)
    before = all(on < r.since for r in names)
    pairs = [_as_printed(r, (printed or {}).get(r.old, r.old)) for r in names]
    if is_chinese(first.old):
        renamed = "；".join(
            f"“{old}”已于{r.since.isoformat()}起更名为“{new}”"
            for r, (old, new) in zip(names, pairs, strict=True)
        )
        if late:
            tail = "，本条仍使用旧称。"
        elif before:
            tail = "，本法规制定于更名之前，仍使用旧称。"
        else:
            tail = "，本法规制定时当地机构尚未更名，所用旧称现已过时。"
        message = renamed + tail
        fix = "、".join(f"将“{old}”改为“{new}”" for old, new in pairs) + (
            "。" if late else "（修订时一并更新）。"
        )
    else:
        renamed = "; ".join(
            f"'{old}' was renamed '{new}' on {r.since.isoformat()}"
            for r, (old, new) in zip(names, pairs, strict=True)
        )
        if late:
            tail = "; the old name is still used."
        elif before:
            tail = "; this older text still uses it."
        else:
            tail = "; the local bodies were renamed after this text was made, so it is out of date."
        message = renamed + tail
        fix = "; ".join(f"Write '{new}' for '{old}'" for old, new in pairs) + (
            "." if late else " when the text is next amended."
        )
    severity = "warning" if late else "info"
    return Issue(
        "CHECK_RENAMED_AUTHORITY",
        severity,
        message,
        fix,
        marks,
        key=f"renamed:{body or first.body or first.old}",
    )


_DEPARTMENT_TAIL = re.compile(r"(?:行政主管|主管|行政)?(?:部门|机构)$")


def _as_printed(renaming: Renaming, printed: str) -> tuple[str, str]:
    """(old name, new name) as the text would write them: a department's stem printed in a list
    ("国土资源" for 国土资源主管部门) is renamed to the new name's stem ("自然资源")."""
    if printed == renaming.old or not renaming.old.startswith(printed):
        return renaming.old, renaming.new
    return printed, _DEPARTMENT_TAIL.sub("", renaming.new) or renaming.new


# --- delegations -----------------------------------------------------------------------------

_PROVINCE = (
    r"(?:省、自治区、直辖市|省级)(?:的)?(?:人民代表大会(?:及其)?常务委员会|人民代表大会|人民政府)?"
)
# Rule-making the text leaves to a local body, not a reference to another's rules: "按照国务院规定的
# 权限责令停业" refers to the State Council's rules (no 国务院/上级 before, no 的 after).
_ENACT = (
    r"(?<!法律)(?<!法规)(?<!有关)(?<!的)(?<!国务院)(?<!上级)"
    r"(?:制定|规定|确定|作出(?:具体)?规定|另行规定)(?!的)"
)
# Local governments below the province that an upper text lets decide a matter
# ("由县级以上地方各级人民政府按照…原则确定", "市、县人民政府可以根据…确定").
_LOCAL_GOVERNMENT = (
    r"(?:县级以上)?地方(?:各级)?人民政府|县级以上(?:地方)?(?:各级)?人民政府"
    r"|(?:设区的)?市、县(?:（[^）]{1,8}）)?(?:级)?人民政府"
)
_DELEGATION = re.compile(
    rf"由{_PROVINCE}(?:根据|依据|依照|参照|结合)?[^，,。；;]{{0,20}}?{_ENACT}"
    rf"|{_PROVINCE}(?:可以|根据|依据|依照|结合)[^。；;]{{0,60}}?{_ENACT}"
    rf"|由(?:{_LOCAL_GOVERNMENT})(?:根据|依据|依照|按照|参照|结合)[^，,。；;]{{0,30}}?{_ENACT}"
    rf"|(?:{_LOCAL_GOVERNMENT})可以(?:根据|依据|结合)[^。；;]{{0,60}}?{_ENACT}"
    r"|由?(?:省级)?地方性法规(?:可以)?(?:作出|另行)?规定"
    r"|(?:provinces?|provincial)[^.;]{0,80}?(?:may|shall)\s+(?:formulate|make|lay\s+down|prescribe|adopt)"
    r"|(?:formulated|prescribed|laid\s+down|determined)\s+by\s+(?:the\s+)?(?:people's\s+(?:congress|government)s?\s+of\s+)?"
    r"(?:the\s+)?provinces?",
    re.I,
)


def delegations(text: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences of an upper-law article that leave a matter to provincial
    legislation or provincial government rules ("具体办法由省、自治区、直辖市人民政府制定").

    A provincial body given a duty ("省、自治区、直辖市人民政府应当…") or a department named
    ("省、自治区、直辖市人民政府…主管部门审查") is not a delegation.

    Args:
        text: An upper-law article.
    """
    out: list[tuple[int, int]] = []
    for m in _DELEGATION.finditer(text):
        span = (sentence_span(text, m.start())[0], sentence_span(text, m.end())[1])
        while span[0] < span[1] and text[span[0]].isspace():
            span = (span[0] + 1, span[1])
        if not out or out[-1] != span:
            out.append(span)
    return out
