"""A local rule that takes matters out of the upper law's reach: exemptions the upper law lacks.

An upper law that applies to every 生产经营单位 leaves a local rule no room to add "…不适用本条例"
or "…除外" to its scope, or to say it applies "仅…": the upper law's duties still bind those
left out, and the local rule's readers are told they do not (CHECK_SCOPE_NARROWED). An
exemption the upper law makes itself ("固体废物污染海洋环境的防治…不适用本法") may be restated,
and "法律、法规另有规定的除外" defers rather than exempts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from nlp.review.findings import Article, Issue
from nlp.review.wording import bigrams
from nlp.text import dice

_SELF = r"本(?:条例|办法|规定|细则|法|决定)"
# "X，不适用本条例" / "本条例不适用于X" / "X不适用于本条例".
_NOT_APPLY = re.compile(
    rf"(?P<pre>[^。；;：:\n]{{2,80}}?)[，,]?\s*不适用(?:于)?{_SELF}"
    rf"|{_SELF}不适用于(?P<post>[^。；;\n]{{2,80}})"
)
# In a sentence that sets the scope ("…适用本条例"): "但…的除外", "仅适用于…".
_SCOPE_SENTENCE = re.compile(rf"[^。\n]*(?:适用{_SELF}|{_SELF}适用于)[^。\n]*")
_EXCEPT = re.compile(r"(?:但是|但)[，,]?(?P<what>[^。；;\n]{2,60}?)除外")
# A local rule applies in its whole area ("本省行政区域内"); "本市城市建成区内" leaves the rest out.
_TERRITORY = re.compile(
    r"本(?:省|市|自治区|自治州|县)(?!行政区域)(?P<what>[^，,。、；\n]{2,10}?)(?:范围)?内"
)
_ONLY = re.compile(rf"(?:仅|只)适用于(?P<what>[^。；;\n]{{2,60}})|{_SELF}(?:仅|只)适用于")
# Deferring to other rules is not an exemption.
_DEFERS = re.compile(r"另有规定|从其规定|依照其规定|适用有关法律")
# Matters a higher authority manages itself ("国家管理的水事事项", "由国务院水行政主管部门负责的…")
# are outside a local rule by the division of competence, not narrowed out of the upper law.
_HIGHER_COMPETENCE = re.compile(
    r"(?:国家|中央|国务院[^，,。；;\n]{0,12}?|流域管理机构)(?:直接)?(?:管理|负责|管辖|审批|主管)的"
)
ALLOWED = 0.45  # Dice of an exemption with one the upper law makes: the same exemption


def _exemptions(text: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """The matters a text takes out of its own reach, with where they stand."""
    for m in _NOT_APPLY.finditer(text):
        what = m["pre"] or m["post"] or ""
        if not _DEFERS.search(what) and not _HIGHER_COMPETENCE.search(what):
            yield what, m.span()
    for s in _SCOPE_SENTENCE.finditer(text):
        matches = (*_EXCEPT.finditer(s.group(0)), *_ONLY.finditer(s.group(0)))
        territory = _TERRITORY.search(s.group(0))
        for m in (*matches, *((territory,) if territory else ())):
            what = m["what"] or ""
            if not _DEFERS.search(what) and not _HIGHER_COMPETENCE.search(what):
                yield what, (s.start() + m.start(), s.start() + m.end())


def _scope_article(articles: Sequence[Article]) -> int | None:
    """The upper law's article that sets its scope, among its first ten."""
    for j, a in enumerate(articles[:10]):
        if _SCOPE_SENTENCE.search(a.text):
            return j
    return None


def scope_issues(
    local: Sequence[Article], upper: Sequence[Article], zh: bool
) -> list[tuple[int, int | None, Issue]]:
    """CHECK_SCOPE_NARROWED for each exemption of the local text the upper law does not make:
    (local index, upper scope article's index or None, issue).

    Args:
        local: The local text's articles.
        upper: The upper law's articles.
        zh: Whether to write the messages in Chinese.
    """
    allowed = [bigrams(what) for a in upper for what, _ in _exemptions(a.text)]
    scope = _scope_article(upper)
    out = []
    for i, article in enumerate(local):
        for what, span in _exemptions(article.text):
            grams = bigrams(what)
            if any(dice(grams, other) >= ALLOWED for other in allowed):
                continue
            if zh:
                message = f"本条将“{what.strip('，, ')}”排除在适用范围之外，上位法未作此排除。"
                fix = "删除该排除或例外，或核实上位法对此有授权。"
            else:
                message = (
                    f"This article takes '{what.strip()}' out of scope; the upper law does not."
                )
                fix = "Remove the exemption, or cite the upper law's leave for it."
            issue = Issue(
                "CHECK_SCOPE_NARROWED",
                "warning",
                message,
                fix,
                (span,),
                key=f"scope:{what.strip()[:20]}",
            )
            out.append((i, scope, issue))
    return out
