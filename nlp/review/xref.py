"""A text's references to its own articles: a paragraph or item that is not there, and a
penalty pointed at an article about something else.

"违反本条例第十二条第三款规定" where 第十二条 has two paragraphs cites nothing
(CHECK_XREF_MISSING, like an article that is not there). "违反本条例第十二条规定，未设置警示标志的"
where 第十二条 is about record keeping points at the wrong article (CHECK_XREF_TOPIC): the
conduct the penalty names shares almost no telling words with the article it says was breached.
Articles that do not exist at all are :func:`nlp.review.single_text.check_text`'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.numbering import parse_number
from nlp.legal.citations import find_citations
from nlp.legal.penalties import split_party
from nlp.review.findings import Issue
from nlp.review.wording import bigrams
from nlp.versions.compare import article_body

_NUM = r"[零〇一二两三四五六七八九十百千0-9]+"
_REF = re.compile(rf"第({_NUM})条(?:第({_NUM})款)?(?:第[（(]?({_NUM})[）)]?项)?")
_ITEM_LINE = re.compile(r"^\s*[（(]([零〇一二三四五六七八九十]+)[）)]")
# "违反本条例第十二条规定，未设置…的，" : the conduct a penalty says breaches the cited article.
_SANCTION_START = re.compile(r"\s*(?:由|责令|处|给予|依照|依法|没收|予以)")
_BREACH_TAIL = re.compile(r"^[^，,；;。]{0,12}?规定[，,]?(?P<conduct>[^；;。]*?)的[，,]")
# The fewest telling bigrams a conduct needs to be judged by, and the share of them the cited
# article must hold. Chosen on the seven development domains of bench/review-domains (see
# SUBJECT_SHARE).
MIN_CONDUCT = 6
MIN_SHARED = 0.12
# A bigram in more than this share of a text's articles is its subject ("燃气设施" in a gas
# rule), not a telling word of one conduct; in a short text, one in a duty and its penalty alone
# (two articles) is still telling. Chosen on the seven development domains of
# bench/review-domains (`python bench/bench_review_domains.py --split development --planted`):
# planted references to another article found 8 of 14 with no such words left out, 14 of 14 at
# 0.1, with 3 findings on the real texts.
SUBJECT_SHARE = 0.1
_STOP = frozenset(
    ("规定", "按照", "未按", "照规", "依法", "有关", "或者", "违反", "本条", "条例", "的，")
)


def _paragraphs(article: str, number: str) -> list[list[str]]:
    """The paragraphs of an article, each with its item lines after its first line."""
    out: list[list[str]] = []
    for line in (x for x in article_body(article, number).split("\n") if x.strip()):
        if out and _ITEM_LINE.match(line):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _items(paragraph: list[str]) -> set[int]:
    found = set()
    for line in paragraph[1:]:
        m = _ITEM_LINE.match(line)
        if m:
            try:
                found.add(parse_number(m.group(1)))
            except ValueError:
                continue
    return found


def _refs(text: str) -> list[tuple[int, int | None, int | None, tuple[int, int]]]:
    """(article, paragraph, item, span) of each reference to the text's own articles."""
    out = []
    for c in find_citations(text):
        if not c.internal:
            continue
        for m in _REF.finditer(text, c.start, c.end):
            try:
                art = parse_number(m.group(1))
                para = parse_number(m.group(2)) if m.group(2) else None
                item = parse_number(m.group(3)) if m.group(3) else None
            except ValueError:
                continue
            out.append((art, para, item, m.span()))
    return out


def xref_issues(
    articles: Sequence[tuple[str, str]], numbers: Sequence[tuple[int, int] | None], zh: bool
) -> list[tuple[int, Issue]]:
    """Cited paragraphs or items that are not there, and penalties whose cited article is about
    other conduct: (index of the citing article, issue).

    Args:
        articles: (number as printed, text) of every article, in order.
        numbers: Each article's (number, sub) as parsed, None where unreadable.
        zh: Whether to write the messages in Chinese.
    """
    where = {n: k for k, n in enumerate(numbers) if n is not None}
    subject = _subject_words(articles)
    out: list[tuple[int, Issue]] = []
    for i, (_, text) in enumerate(articles):
        seen: set[tuple[int, int | None, int | None]] = set()
        breaches: dict[int, list[tuple[int, int | None, tuple[int, int], int]]] = {}
        for art, para, item, span in _refs(text):
            k = where.get((art, 0))
            if k is None or (art, para, item) in seen:
                continue
            seen.add((art, para, item))
            issue = _missing_part(articles[k], art, para, item, span, zh)
            if issue is not None:
                out.append((i, issue))
            elif "违反" in text[max(0, span[0] - 12) : span[0]]:
                # the references of one "违反…规定" are judged together
                breaches.setdefault(text.find("规定", span[1]), []).append((art, para, span, k))
        for refs in breaches.values():
            issue = _other_topic(text, refs, articles, subject, zh)
            if issue is not None:
                out.append((i, issue))
    return out


def _subject_words(articles: Sequence[tuple[str, str]]) -> frozenset[str]:
    """The bigrams in more than :data:`SUBJECT_SHARE` of the articles (and in more than two)."""
    seen: dict[str, int] = {}
    for _, text in articles:
        for gram in bigrams(text):
            seen[gram] = seen.get(gram, 0) + 1
    floor = max(SUBJECT_SHARE * len(articles), 2)
    return frozenset(g for g, n in seen.items() if n > floor)


def _missing_part(
    target: tuple[str, str],
    art: int,
    para: int | None,
    item: int | None,
    span: tuple[int, int],
    zh: bool,
) -> Issue | None:
    paragraphs = _paragraphs(target[1], target[0])
    if para is not None and para > len(paragraphs):
        what = f"第{art}条第{para}款" if zh else f"Article {art}({para})"
        return _missing(what, span, f"xref:{art}:{para}", zh)
    if item is not None:
        scope = paragraphs[para - 1 : para] if para else paragraphs
        if not any(item in _items(p) for p in scope):
            where = f"第{para}款" if para else ""
            what = f"第{art}条{where}第{item}项" if zh else f"Article {art} item {item}"
            return _missing(what, span, f"xref:{art}:{para or 0}:{item}", zh)
    return None


def _missing(what: str, span: tuple[int, int], key: str, zh: bool) -> Issue:
    message = f"本条引用的{what}在本文中不存在。" if zh else f"{what}, cited here, does not exist."
    fix = "核对并改正所引用的条、款、项序号。" if zh else "Correct the cited number."
    return Issue("CHECK_XREF_MISSING", "error", message, fix, (span,), key=key)


def _cited_words(target: tuple[str, str], para: int | None) -> str:
    paragraphs = _paragraphs(target[1], target[0])
    if para and para <= len(paragraphs):
        return "\n".join(paragraphs[para - 1])
    return article_body(target[1], target[0])


def _other_topic(
    text: str,
    refs: list[tuple[int, int | None, tuple[int, int], int]],
    articles: Sequence[tuple[str, str]],
    subject: frozenset[str],
    zh: bool,
) -> Issue | None:
    """CHECK_XREF_TOPIC when a penalty's conduct shares too little with the articles it says
    were breached (all of them together: "违反本条例第十条、第十二条规定")."""
    last = refs[-1][2]
    tail = _BREACH_TAIL.match(text[last[1] :])
    if tail is None:
        return None
    if _SANCTION_START.match(tail["conduct"]):
        return None  # "违反本条例第十五条第一款规定，由…责令改正": no conduct named
    _, conduct = split_party(tail["conduct"])
    if _CONSEQUENCE.match(conduct):
        return None  # "违反第二十条的规定，造成林地破坏或损失的": a result, not the conduct banned
    label = "、".join(f"第{a}条" + (f"第{p}款" if p else "") for a, p, _, _ in refs)
    cited_parts = [_cited_words(articles[k], para) for _, para, _, k in refs]
    if all(_is_penalty(part) for part in cited_parts):
        # "违反本条例第三十九条规定，有禁止行为之一的" where 第三十九条 punishes: it bears no duty
        return _topic_issue(conduct, label, refs, zh, penalty=True)
    if "禁止" in conduct and not any(_BAN.search(part) for part in cited_parts):
        # "有禁止行为之一的" where the cited article bans nothing
        return _topic_issue(conduct, label, refs, zh)
    words = bigrams(conduct) - _STOP - subject
    if len(words) < MIN_CONDUCT:
        return None
    cited = "\n".join(cited_parts)
    if len(words & bigrams(cited)) / len(words) >= MIN_SHARED:
        return None
    return _topic_issue(conduct, label, refs, zh)


_BAN = re.compile("禁止|不得|严禁")
# A consequence of the breach rather than the conduct itself; it names no act to compare.
_CONSEQUENCE = re.compile(r"^\s*(?:尚未|已经|并)?(?:造成|致使|导致|引起)")
# A penalty's own words: breaching something and a sanction for it.
_PENALTY_LEAD = re.compile(r"^\s*(?:违反本(?:条例|办法|规定|细则)|有下列(?:行为|情形)之一的)")
_SANCTION = re.compile(
    r"(?:处|并处)[^。；;]{0,40}罚款|责令(?:改正|停止|限期)|给予[^。；;]{0,12}处分"
)


def _is_penalty(cited: str) -> bool:
    """Whether a cited article (or paragraph) is itself a penalty ("违反本条例第二十八条规定，
    未按时报送…的，由…处…罚款"), which no conduct can breach."""
    return bool(_PENALTY_LEAD.match(cited) and _SANCTION.search(cited))


def _topic_issue(
    conduct: str,
    label: str,
    refs: list[tuple[int, int | None, tuple[int, int], int]],
    zh: bool,
    *,
    penalty: bool = False,
) -> Issue:
    if zh and penalty:
        message = (
            f"本条所称违反{label}的行为“{conduct[:30]}”，而{label}本身是罚则，不设义务，"
            "引用可能有误。"
        )
        fix = f"核对所引用的条文序号，使其指向规定该义务的条款（现为{label}）。"
    elif penalty:
        message = f"The conduct '{conduct[:40]}' is said to breach {label}, itself a penalty."
        fix = "Check which article sets the duty breached."
    elif zh:
        message = f"本条所称违反{label}的行为“{conduct[:30]}”与{label}的内容不相符，引用可能有误。"
        fix = f"核对所引用的条文序号，使其指向规定该义务的条款（现为{label}）。"
    else:
        message = f"The conduct '{conduct[:40]}' is not what {label} is about."
        fix = "Check which article sets the duty breached."
    return Issue(
        "CHECK_XREF_TOPIC",
        "warning",
        message,
        fix,
        tuple(span for _, _, span, _ in refs),
        key="xref-topic:" + "+".join(f"{a}:{p or 0}" for a, p, _, _ in refs),
    )
