"""Who must do what: each obligation or prohibition with the party that bears it.

A study pack lists duties by their bearer ("生产经营单位应当…", "从业人员不得…", "the employer
shall …"). The modal words come from :mod:`nlp.legal.modality`; this module finds the subject before
each one and the predicate after it. Chinese statutes put the subject first, often after a
condition ("发生生产安全事故后，事故现场有关人员应当…") or before a comma ("从业人员在作业过程中，
应当…"), so the bearer is looked for in the clause before the modal, then in the comma-separated
pieces before it, skipping conditions that end in "的". Pure: text in, duties out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.bodies.departments import DepartmentDirectory
from nlp.legal.modality import find_modals
from nlp.versions.compare import ArticleText

DUTY_KINDS = ("obligation", "prohibition")


@dataclass(frozen=True, slots=True)
class Duty:
    """One obligation or prohibition.

    Attributes:
        bearer: Who bears it, as written ("生产经营单位的主要负责人", "employer"); "" when the
            clause names no one (a passive rule, or a list item under a lead-in).
        kind: "obligation" or "prohibition".
        modal: The modal words ("应当", "不得", "shall not").
        text: What must (not) be done: the clause after the modal, without closing punctuation.
        span: Offsets of ``text`` in the text searched.
        bearer_span: Offsets of ``bearer``; None when there is none.
        department: The alias table's id when the bearer is a known body
            ("emergency-management"), else "".
        article: Position of the article in the list given to :func:`collect_duties`.
        number: That article's printed number, else "".
    """

    bearer: str
    kind: str
    modal: str
    text: str
    span: tuple[int, int]
    bearer_span: tuple[int, int] | None = None
    department: str = ""
    article: int | None = None
    number: str = ""

    def __post_init__(self) -> None:
        if self.kind not in DUTY_KINDS:
            raise ValueError(f"duty kind must be one of {DUTY_KINDS}, not {self.kind!r}")


# --- Chinese bearers -------------------------------------------------------------------------

# Head nouns a bearer ends in; longest first so "主要负责人" wins over "负责人".
_ZH_HEADS = (
    "生产经营单位|主要负责人|负责人|从业人员|作业人员|管理人员|人员|单位|企业|机构|部门|"
    "人民政府|政府|国务院|国家|委员会|机关|组织|个人|公民|工会|职工|承包方|发包方|出租方|"
    "经营者|经营户|劳动者|用人单位|矿山|学校|医院|中心|本部|队伍|厅|局|站|所"
)
# Where the subject stops: the first preposition, adverb or verb that starts the predicate.
_ZH_STOP = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:对|向|与|在|按照|依照|根据|依法|于|将|把|从|自|经|由|为|还|也|均|都|"
    r"应当|应|必须|须|不得|禁止|严禁|负有|接到|发现|发生|收到|采取|进行)"
)
# Words whose characters would read as a stop ("经" in 生产经营单位, "应" in 应急管理部门).
_ZH_SAFE = re.compile(
    rf"{_ZH_HEADS}|应急|经营|经济|属于|对于|由于|用于|参与|事故发生单位|为主|自治|自然|对外|从业|从事|在建|供应|相应|适应|平均|首都"
)
_ZH_BEARER = re.compile(rf"^(?P<np>[\u4e00-\u9fff、（）()]*?(?:{_ZH_HEADS}))$")
_ZH_SENTENCE = "。；;\n：:"
# A subject never opens with a conjunction or a bare adverb ("并告知…", "及时疏散…"), nor with
# "对…" (the object of a duty: "对下列人员应当…"); a preposition or a verb opens one only as an
# attributive clause ending in 的 ("从事特种作业的人员", "在港区内储存危险化学品的企业"), not as
# a bare phrase ("以协议方式…", "按照国务院…", "在主办单位").
_ZH_NOT_SUBJECT = re.compile(r"(?:并|且|而|以及|及|或者|或|但|即|对|把|将|又|再|则)")
_ZH_NOT_SUBJECT_UNLESS_DE = re.compile(
    r"(?:在|依照|依据|按照|根据|由|以|向|为|与|通过|自|经(?!营|办|济)|告知|通知|报告|组织|采取|"
    r"建立|制定|督促|监督|指导|协助|配合|疏散|提供|负责|开展|落实|实施)"
)
# 应 before these starts a word (应对 "respond", 应用 "apply"), not a duty.
_ZH_NOT_MODAL = re.compile("应(?=对|用|变|聘|征|届|有的)")
_ZH_END = re.compile(r"[。；;\n]")


def _zh_bearer(text: str, modal_start: int) -> tuple[int, int] | None:
    sentence_start = max(text.rfind(c, 0, modal_start) for c in _ZH_SENTENCE) + 1
    pieces = []
    pos = sentence_start
    for m in re.finditer("[，,]", text[sentence_start:modal_start]):
        pieces.append((pos, sentence_start + m.start()))
        pos = sentence_start + m.end()
    pieces.append((pos, modal_start))
    for start, end in reversed(pieces):
        piece = text[start:end]
        if piece.endswith("的"):
            continue
        stripped = re.sub(r"^[（(][一二三四五六七八九十0-9]+[）)]", "", piece)
        start += len(piece) - len(stripped)
        stop = _ZH_STOP.search(_mask(stripped), 1)
        head = stripped[: stop.start()] if stop else stripped
        bearer = _ZH_BEARER.match(head)
        if bearer is None or not is_subject(head[: bearer.end("np")]):
            continue
        if "的" in stripped[len(head) :] and stop is not None and stop.group(0) in ("与", "对"):
            continue  # "生产经营单位与从业人员订立的劳动合同应当…": the contract, not the unit
        return start, start + bearer.end("np")
    # "生产经营单位使用被派遣劳动者的，应当…": the party the sentence opens with
    for start, end in pieces:
        np_end = _leading_np(text[start:end])
        if np_end and is_subject(text[start : start + np_end]):
            return start, start + np_end
    return None


# A bearer holds no modal of its own: "可以不建立应急救援队伍" is a clause, not a party.
_ZH_MODAL_WORD = re.compile("可以|应当|必须|不得|禁止|严禁")


def is_subject(phrase: str) -> bool:
    """False for a phrase that cannot be a Chinese clause's subject (see ``_ZH_NOT_SUBJECT``).

    Args:
        phrase: The would-be bearer ("生产经营单位", "并告知从业人员").
    """
    if _ZH_NOT_SUBJECT.match(phrase) or _ZH_MODAL_WORD.search(phrase):
        return False
    return not (_ZH_NOT_SUBJECT_UNLESS_DE.match(phrase) and "的" not in phrase)


def _mask(text: str) -> str:
    return _ZH_SAFE.sub(lambda w: "丨" * len(w.group(0)), text)


_ZH_HEAD = re.compile(_ZH_HEADS)


def _leading_np(piece: str) -> int | None:
    """End of the noun phrase a piece opens with when it ends in a head noun and a verb follows."""
    masked = _mask(piece)
    for m in _ZH_HEAD.finditer(piece):
        if _ZH_STOP.search(masked[: m.start()]) or re.match(r"[对在向与将把从自经由为]", piece):
            return None
        follow = piece[m.end() : m.end() + 1]
        if not follow or follow in "的、和及与或（(" or piece.startswith("以及", m.end()):
            continue
        if _ZH_HEAD.match(piece, m.end()):
            continue
        return m.end()
    return None


# --- English bearers -------------------------------------------------------------------------

_EN_CONDITION = re.compile(r"(?:where|if|when|whenever|unless|before|after|in\s+case)\b", re.I)
_EN_ITEM = re.compile(r"(?:\([a-z0-9]{1,4}\)|\d{1,3}[.)])\s*")
_EN_DETERMINER = re.compile(r"(?:the|a|an|each|every|any|all|such|no)\s+", re.I)
_EN_TAIL = re.compile(r"(?:\s+(?:also|immediately|promptly|further|likewise|thus|then))+$", re.I)
_EN_SENTENCE = re.compile(r"(?<!\be\.g)(?<!\bi\.e)\.(?=\s|$)|;|:|\n")
_EN_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)\.(?=\s|$)|;|\n")


def _en_bearer(text: str, modal_start: int) -> tuple[int, int] | None:
    starts = [m.end() for m in _EN_SENTENCE.finditer(text, 0, modal_start)]
    start = max(starts, default=0)
    pieces = text[start:modal_start].split(",")
    offset = start
    spans = []
    for piece in pieces:
        spans.append((offset, offset + len(piece)))
        offset += len(piece) + 1
    for s, e in reversed(spans):
        raw = text[s:e]
        s, e = s + len(raw) - len(raw.lstrip()), e - len(raw) + len(raw.rstrip())
        if s >= e or _EN_CONDITION.match(text, s, e):
            continue
        for pattern in (_EN_ITEM, _EN_DETERMINER):
            lead = pattern.match(text, s, e)
            if lead:
                s = lead.end()
        tail = _EN_TAIL.search(text, s, e)
        if tail:
            e = tail.start()
        piece = text[s:e]
        if not piece or len(piece.split()) > 10 or not re.fullmatch(r"[\w'’ -]+", piece):
            return None
        return s, e
    return None


# --- duties ----------------------------------------------------------------------------------


def find_duties(text: str, directory: DepartmentDirectory | None = None) -> list[Duty]:
    """Return the obligations and prohibitions of a Chinese or English text, in order.

    Args:
        text: Any text: an article or a whole law.
        directory: Department alias table used to mark bearers that are known bodies; the
            bundled table when None.
    """
    directory = directory or DepartmentDirectory.default()
    out: list[Duty] = []
    modals = [m for m in find_modals(text) if m.kind in DUTY_KINDS]
    for modal in modals:
        start, end = modal.span
        if modal.text.startswith("负有") and text[end : end + 1] == "的":
            continue
        if _ZH_NOT_MODAL.match(text, start):
            continue  # "负有…职责的部门" names a bearer; it does not impose a duty
        if text[end : end + 1] in ("、", "/"):
            continue  # "禁止、限制、控制措施": one word of a list that names a measure
        if out and out[-1].kind == modal.kind and out[-1].span[0] <= start < out[-1].span[1]:
            continue  # "管行业必须管安全、管业务必须管安全": inside the duty just found
        zh = bool(re.search(r"[\u4e00-\u9fff]", modal.text))
        stop = (_ZH_END if zh else _EN_END).search(text, end)
        duty_end = stop.start() if stop else len(text)
        duty_start = end + (len(text[end:duty_end]) - len(text[end:duty_end].lstrip()))
        if duty_start >= duty_end:
            continue
        found = _zh_bearer(text, start) if zh else _en_bearer(text, start)
        bearer = text[found[0] : found[1]] if found else ""
        department = ""
        if bearer:
            mentions = directory.find(bearer)
            if mentions and mentions[-1].department is not None:
                department = mentions[-1].department.id
        out.append(
            Duty(
                bearer=bearer,
                kind=modal.kind,
                modal=modal.text,
                text=text[duty_start:duty_end],
                span=(duty_start, duty_end),
                bearer_span=found,
                department=department,
            )
        )
    return out


def collect_duties(
    articles: Sequence[ArticleText | str], directory: DepartmentDirectory | None = None
) -> list[Duty]:
    """Return the duties of a list of articles, each marked with its article.

    Args:
        articles: The articles, as :class:`~nlp.versions.compare.ArticleText` or plain strings.
        directory: Department alias table; the bundled one when None.
    """
    out: list[Duty] = []
    for index, article in enumerate(articles):
        text, number = (article, "") if isinstance(article, str) else (article.text, article.number)
        for duty in find_duties(text, directory):
            out.append(
                Duty(
                    duty.bearer,
                    duty.kind,
                    duty.modal,
                    duty.text,
                    duty.span,
                    duty.bearer_span,
                    duty.department,
                    index,
                    number,
                )
            )
    return out


def group_by_bearer(duties: Sequence[Duty]) -> dict[str, list[Duty]]:
    """Group duties by bearer, bearers in order of first appearance; "" holds unattributed ones.

    Args:
        duties: Duties from :func:`find_duties` or :func:`collect_duties`.
    """
    groups: dict[str, list[Duty]] = {}
    for duty in duties:
        groups.setdefault(duty.bearer, []).append(duty)
    return groups
