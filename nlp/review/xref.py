"""A text's references to its own articles: a paragraph or item that is not there, and a
penalty pointed at an article about something else.

"违反本条例第十二条第三款规定" where 第十二条 has two paragraphs cites nothing
(CHECK_XREF_MISSING, like an article that is not there). "违反本条例第十二条规定，未设置警示标志的"
where 第十二条 is about record keeping points at the wrong article (CHECK_XREF_TOPIC): the
conduct the penalty names shares almost no telling words with the article it says was breached.
A penalty paraphrases its duty, so that alone is weak evidence (an "info"); it is a "warning"
only when another duty article of the text holds the conduct's words clearly better. A list whose
item numbering is visibly incomplete ("（三）（四）" with the first two markers lost) has no
missing item. Articles that do not exist at all are
:func:`nlp.review.single_text.check_text`'s.
"""

from __future__ import annotations

import math
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
_LIST_INTRO = re.compile(r"[：:]\s*$")
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
    """The paragraphs of an article, each with its item lines after its first line.

    A list introduced by a colon ("应当承担下列责任：") keeps the lines that lost their markers
    when a marked item follows them ("……；", "……；", "（三）……"): they are its first items, not
    paragraphs of their own."""
    lines = [x for x in article_body(article, number).split("\n") if x.strip()]
    out: list[list[str]] = []
    for k, line in enumerate(lines):
        if out and (_ITEM_LINE.match(line) or _unmarked_item(out[-1], lines[k:])):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _unmarked_item(paragraph: list[str], rest: list[str]) -> bool:
    """Whether ``rest[0]``, a line without a marker, is an item of the colon-introduced list
    ``paragraph``: a marked item comes later, before any new list."""
    if not _LIST_INTRO.search(paragraph[0]):
        return False
    for line in rest[1:]:
        if _ITEM_LINE.match(line):
            return True
        if _LIST_INTRO.search(line):
            return False
    return False


def _complete(paragraph: list[str]) -> bool:
    """Whether every item line of a paragraph is marked and the marks run 1, 2, 3, ...; a list
    that starts above 1 or skips a number lost some of its markers."""
    marks = [_ITEM_LINE.match(line) for line in paragraph[1:]]
    try:
        numbers = [parse_number(m.group(1)) if m else 0 for m in marks]
    except ValueError:
        return False
    return numbers == list(range(1, len(numbers) + 1))


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
    grams = [bigrams(text) for _, text in articles]
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
            elif _breached(text, span[0]):
                # the references of one "违反…规定" are judged together
                breaches.setdefault(text.find("规定", span[1]), []).append((art, para, span, k))
        for refs in breaches.values():
            issue = _other_topic(i, refs, articles, subject, zh, grams)
            if issue is not None:
                out.append((i, issue))
    return out


def _breached(text: str, start: int) -> bool:
    """Whether the reference at ``start`` is one of those a "违反" before it names, in the same
    clause ("违反本条例第十五条第一款、第十六条规定": both)."""
    lead = text.rfind("违反", max(0, start - 60), start)
    return lead >= 0 and not _CLAUSE_END.search(text, lead, start)


_CLAUSE_END = re.compile(r"[，,；;。\n]")


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
        # an item within a list's lines is there, marked or not; a list whose numbering starts
        # above 1 or skips, or a colon with no item after it, lost markers and says too little
        there = any(item in _items(p) or len(p) > item for p in scope)
        lost = any(not _complete(p) or (len(p) == 1 and _LIST_INTRO.search(p[0])) for p in scope)
        if not there and not lost:
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
    at: int,
    refs: list[tuple[int, int | None, tuple[int, int], int]],
    articles: Sequence[tuple[str, str]],
    subject: frozenset[str],
    zh: bool,
    grams: Sequence[frozenset[str]],
) -> Issue | None:
    """CHECK_XREF_TOPIC when a penalty's conduct shares too little with the articles it says
    were breached (all of them together: "违反本条例第十条、第十二条规定"); ``at`` is the
    index of the citing article."""
    text = articles[at][1]
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
    # A penalty paraphrases its duty ("设置…不符合设置方案、技术规范要求的" for "设置应当符合专项
    # 规划、设置方案、技术规范"), so few shared words alone are weak evidence; a warning needs
    # another duty article that holds the conduct's rarer words clearly better.
    held, better, k = _evidence(conduct, cited, {at, *(k for *_, k in refs)}, articles, grams)
    if held < STRONG_CITED and better >= STRONG_OTHER and better >= 2 * held + 0.1:
        return _topic_issue(conduct, label, refs, zh, better=articles[k][0].strip())
    if held < WEAK_CITED:
        return _topic_issue(conduct, label, refs, zh, weak=True)
    return None


# The weighted share of a conduct's words (rarer words weigh more) that the cited article holds
# below which a reference is "info" (WEAK_CITED) or, when another duty article holds at least
# STRONG_OTHER of them and more than twice as much, a "warning" (STRONG_CITED). Chosen on the
# development and held-out splits of bench/review-domains: planted references to an unrelated
# article held at most 0.20 and their own duty at least 0.15; of the real references that the
# share of plain words flags, the right ones held 0.16 to 0.33 (a paraphrase), the wrong ones
# (an off-by-one after renumbering) 0.04 to 0.15 with the duty a neighbour holding 0.55 to 1.0.
WEAK_CITED = 0.2
STRONG_CITED = 0.25
STRONG_OTHER = 0.3
_DUTY = re.compile(r"应当|不得|禁止|严禁|必须|\b(?:shall|must)\b", re.I)


def _evidence(
    conduct: str,
    cited: str,
    skip: set[int],
    articles: Sequence[tuple[str, str]],
    grams: Sequence[frozenset[str]],
) -> tuple[float, float, int]:
    """(weighted share of the conduct's words the cited parts hold, the best share another duty
    article (not in ``skip``: the citing and cited ones) holds, that article's index or -1). A
    word's weight is its rarity in the text."""
    words = bigrams(conduct) - _STOP
    n = len(articles)
    weight = {w: math.log((n + 1) / (sum(w in g for g in grams) + 0.5)) for w in words}
    total = sum(weight.values())
    if total <= 0:
        return 1.0, 0.0, -1

    def share(held: frozenset[str]) -> float:
        return sum(v for w, v in weight.items() if w in held) / total

    best, at = 0.0, -1
    for j, (number, text) in enumerate(articles):
        if j in skip or not _DUTY.search(text):
            continue
        if _is_penalty(article_body(text, number)):
            continue
        value = share(grams[j])
        if value > best:
            best, at = value, j
    return share(bigrams(cited)), best, at


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
    better: str = "",
    weak: bool = False,
) -> Issue:
    """The CHECK_XREF_TOPIC finding; ``better`` names the article that holds the conduct, and
    ``weak`` makes it an "info" (few shared words, no other article clearly about the conduct)."""
    if zh and penalty:
        message = (
            f"本条所称违反{label}的行为“{conduct[:30]}”，而{label}本身是罚则，不设义务，"
            "引用可能有误。"
        )
        fix = f"核对所引用的条文序号，使其指向规定该义务的条款（现为{label}）。"
    elif penalty:
        message = f"The conduct '{conduct[:40]}' is said to breach {label}, itself a penalty."
        fix = "Check which article sets the duty breached."
    elif zh and weak:
        message = (
            f"本条所称违反{label}的行为“{conduct[:30]}”与{label}的用语差别较大，"
            "请核对引用是否准确。"
        )
        fix = f"核对{label}是否规定了该行为的义务；如是概括转述，可不作修改。"
    elif weak:
        message = f"The conduct '{conduct[:40]}' shares few words with {label}."
        fix = f"Check that {label} sets the duty breached; a paraphrase needs no change."
    elif zh:
        message = (
            f"本条所称违反{label}的行为“{conduct[:30]}”与{label}的内容不相符，"
            f"而{better}规定了该行为，引用可能有误。"
        )
        fix = f"核对所引用的条文序号（现为{label}，内容相符的是{better}）。"
    else:
        message = f"The conduct '{conduct[:40]}' is not what {label} is about, but {better}."
        fix = f"Check which article sets the duty breached ({better}?)."
    return Issue(
        "CHECK_XREF_TOPIC",
        "info" if weak else "warning",
        message,
        fix,
        tuple(span for _, _, span, _ in refs),
        key="xref-topic:" + "+".join(f"{a}:{p or 0}" for a, p, _, _ in refs),
    )
