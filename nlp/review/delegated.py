"""Upper-law delegations (具体办法由省…制定) that no article of the local text takes up."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from nlp.review.alignment import NOISE, article_bigrams
from nlp.review.findings import Article, Issue
from nlp.review.single_text import delegations
from nlp.text import char_bigrams

DELEGATION_MET = 0.5  # share of a delegating sentence's bigrams a local article must hold
# The words that make a sentence a delegation, not its matter: their bigrams are left out when
# judging whether a local article takes the matter up.
_DELEGATING_WORDS = frozenset().union(
    *(
        char_bigrams(w)
        for w in (
            "由省自治区直辖市人民代表大会及其常务委员会人民政府",
            "县级以上地方各级人民政府",
            "设区的市县市区人民政府",
            "可以根据本行政区域本地区的实际情况",
            "具体办法另行规定制定确定",
        )
    )
)
# A penalty for breaking a rule ("违反本规定第八条规定，…不按照限制燃放烟花爆竹的时间、地点和
# 种类燃放烟花爆竹的，由公安机关责令停止燃放，并处…罚款") repeats the delegated matter's words
# but does not make the rule the delegation asks for.
_PUNISHES = re.compile("违反本(?:条例|规定|办法|细则|法)[^。]*?(?:罚款|警告|处分|追究)")
# What a delegation leaves to local texts: rules (a warning when none is made) or a decision
# of a government (an optional catalogue, a list of places: worth a note); naming which
# department supervises is an administrative act, not something a local rule must contain.
_RULES_DELEGATED = re.compile(
    r"办法|细则|标准|地方性法规|具体规定|作出规定|另行规定|rules|regulations", re.I
)
# A power given to a government or a department ("省、自治区、直辖市人民政府可以对…制定地方标准"):
# the government uses it by its own act, whatever it makes (standards, hours, places); a local
# regulation need not provide for it, so it is a note at most, like any government decision.
_GOVERNMENT_POWER = re.compile(r"(?:人民政府|部门)可以")
_NOT_A_RULE = re.compile(
    r"(?:确定|指定)[^，。；]{0,30}(?:部门|机构)|(?:部门|机构)[^，。；]{0,30}由[^，。；]{0,30}(?:确定|指定)"
    r"|(?:目录|名录|清单)"  # publishing a catalogue is an administrative act, not a rule to make
)


def unmet_delegations(
    local: Sequence[Article], upper: Sequence[Article], upper_title: str, local_level: str = ""
) -> Iterator[tuple[int, Issue]]:
    """CHECK_DELEGATION_UNMET for each upper article that leaves a matter to local rules
    (:func:`~nlp.review.single_text.delegations`) which no local article takes up.

    Args:
        local: The local text's articles.
        upper: The upper law's articles.
        upper_title: The upper law's title, for messages.
        local_level: "province" or "city" when known (:func:`text_level`): a matter left to the
            provinces (由省、自治区、直辖市…规定) is not a city's rule to make.

    Yields:
        (upper index, issue), in order.
    """
    # a penalty (:data:`_PUNISHES`) repeats a delegated matter's words but makes no rule on it
    rule_grams = [article_bigrams(a) for a in local if not _PUNISHES.search(a.text)]
    for j, article in enumerate(upper):
        spans = delegations(article.text)
        if local_level == "city":
            spans = [(a, b) for a, b in spans if not _TO_PROVINCES.search(article.text[a:b])]
        if spans and not _delegation_met(article.text, spans, rule_grams):
            issue = _delegation_issue(article, spans, upper_title)
            if issue is not None:
                yield j, issue


# A delegating sentence that names no matter of its own but the rule before it: "具体办法由…规定",
# "其具体范围由…确定", "前款规定的标准由…制定".
_POINTS_BACK = re.compile(
    r"\s*(?:其|该|上述|前述|前款(?:规定的)?|本条(?:规定的)?)?具体|\s*(?:上述|前述|前款)"
)
_TO_PROVINCES = re.compile(r"省、自治区、直辖市|省级|provinc", re.I)
# the four municipalities are provinces; other 市, 州, 盟 are cities under a province
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def text_level(title: str) -> str:
    """ "province" or "city" for a local text by its title ("杭州市…条例": city), else ""."""
    if title.startswith(_MUNICIPALITIES) or re.match(r"^[^市]{2,8}?(?:省|自治区)", title):
        return "province"
    if re.match(r"^[^省]{2,10}?(?:市|自治州|州|盟)", title):
        return "city"
    return ""


def _delegation_met(text: str, spans: list[tuple[int, int]], local: list[frozenset[str]]) -> bool:
    """Whether some local article (``local``: the bigrams of those that make rules) takes up the
    matter of each delegating sentence: it holds most of the sentence's character bigrams (the
    delegation clause itself left out). A sentence that only points back ("具体办法由省、自治区、
    直辖市…规定" after the rule it details) is read with the sentence before it, where its
    matter is."""
    for start, end in spans:
        left = max(text.rfind(c, 0, start) for c in "。；\n") + 1
        ends = [k for k in (text.find(c, end) for c in "。；\n") if k != -1]
        right = min(ends, default=len(text))
        if _POINTS_BACK.match(text, left) and left > 0:
            left = max(text.rfind(c, 0, left - 1) for c in "。；\n") + 1
        grams = char_bigrams(NOISE.sub("", text[left:right])) - _DELEGATING_WORDS
        if not grams:
            continue
        if not any(len(grams & g) >= DELEGATION_MET * len(grams) for g in local):
            return False
    return True


def _delegation_issue(article: Article, spans: list[tuple[int, int]], title: str) -> Issue | None:
    sentences = " ".join(article.text[a:b] for a, b in spans)
    if _NOT_A_RULE.search(sentences):
        return None
    rules = [s for s in (article.text[a:b] for a, b in spans) if not _GOVERNMENT_POWER.search(s)]
    severity = "warning" if any(_RULES_DELEGATED.search(s) for s in rules) else "info"
    zh = any("\u3400" <= ch <= "\u9fff" for ch in article.text)
    law = f"《{title}》" if zh and title else title or ("上位法" if zh else "the upper law")
    return Issue(
        code="CHECK_DELEGATION_UNMET",
        severity=severity,
        message=(
            f"{law}{article.number}授权地方作出规定，本法规未见相应条款。"
            if zh
            else f"{law} {article.number} delegates rules to local legislation; this text has "
            "no matching article."
        ),
        fix=(
            "补充落实该授权的具体规定，或说明由其他法规规定。"
            if zh
            else "Add the delegated provision, or note where else it is made."
        ),
        upper_marks=tuple(spans),
        key="delegation",
    )


# A class of offenders whose treatment the upper law leaves to the provinces: "对食品生产加工小
# 作坊、食品摊贩等的违法行为的处罚，依照省、自治区、直辖市制定的具体管理办法执行", "食品生产加工
# 小作坊和食品摊贩等的具体管理办法由省、自治区、直辖市制定".
_CLASS_LEFT_TO_PROVINCES = re.compile(
    r"对(?P<a>[^，,。；;]{2,40}?)等?的违法行为的处罚[，,]?(?:依照|按照)省、自治区、直辖市"
    r"|(?P<b>[^，,。；;]{2,40}?)等?的(?:具体)?(?:管理|处罚)办法[，,]?由省、自治区、直辖市"
)
_CLASS_ITEM = re.compile("、|和|以及|及|与|或者")


def classes_left_to_provinces(
    upper: Sequence[Article], *, management_only: bool = False
) -> frozenset[str]:
    """The words naming each offender class whose rules (penalties included) the upper law
    leaves to the provinces: the class as written and its last two characters ("食品生产加工小作坊":
    also 作坊; "食品摊贩": also 摊贩), so that a local text's own name for it is found.

    ``management_only``: only classes whose whole management is left ("…的具体管理办法由省、
    自治区、直辖市制定"), not those whose penalties alone are."""
    out: set[str] = set()
    for article in upper:
        for m in _CLASS_LEFT_TO_PROVINCES.finditer(article.text):
            if management_only and not (m["b"] and re.search("的(?:具体)?管理办法", m.group(0))):
                continue
            named = (m["a"] or m["b"] or "").rstrip("等")
            for item in _CLASS_ITEM.split(named):
                item = item.strip().rstrip("等")
                if len(item) >= 2:
                    out.update((item, item[-2:]))
    return frozenset(out)


def names_class(text: str, classes: frozenset[str]) -> bool:
    """Whether a text (a local article, or a local rule's title) names one of ``classes``."""
    return any(word in text for word in classes)
