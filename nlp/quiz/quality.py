"""What makes a quiz item or a key provision worth a trainee's time (issue 18, problem 10).

Three measures, used both to build a quiz and to report on one (``bench/bench_study.py``):

- an item that only asks which modal word an article uses (应当 or 可以) tests wording, not
  content; items on figures, bodies, terms, lists and conditions come first;
- a true/false statement must be a self-contained sentence: an enumerated item cut from its
  lead-in ("其他应当修订的情形") or a bare condition ("…的") says nothing true or false;
- an article is a penalty, a definition, a duty or another core rule, so key provisions can be
  balanced by kind instead of being mostly penalty articles (they carry the most figures).
"""

from __future__ import annotations

import re

from nlp.quiz.items import QuizItem

# Kinds of fact that test what a rule says rather than how it is worded.
CONTENT_KINDS = ("fine", "time_limit", "threshold", "body", "bearer", "term", "list")
PROVISION_KINDS = ("duty", "rule", "definition", "penalty")

_PENALTY = re.compile(
    r"罚款|处分|拘留|吊销|没收违法所得|追究刑事责任|责令停产停业|责令停止|依法给予|"
    r"fine of|penalt|be fined|criminal liability|revoke"
)
_DEFINITION = re.compile(r"是指|本(?:法|条例|规定|办法)所称|下列用语的含义|means\b|refers to")
_DUTY = re.compile(r"应当|必须|不得|禁止|严禁|\bshall\b|\bmust\b")
# Words a self-contained Chinese statement may not start with: a continuation or a list tail.
_DEPENDENT_START = re.compile(r"^(?:以及|或者|并且|并|且|但|但是|和|及|等|上述|前款|该)")
# A predicate outside a noun phrase: a modal word or a verb of a rule, not followed by 的.
_PREDICATE = re.compile(
    r"(?:应当|必须|不得|禁止|严禁|可以|是指|负责|承担|由|实行|建立|依照|按照|报告|处|给予)"
)
MIN_STATEMENT = 10


def is_modal_only(item: QuizItem) -> bool:
    """True when the item asks which modal word (应当/可以/不得) an article uses: a choice or
    a blank of modal words, or a statement made false by changing the modal word. A true
    statement of a duty asks the whole rule and is not counted."""
    if item.kind != "modality":
        return False
    return not (item.type == "true_false" and not item.changed)


def is_self_contained(statement: str) -> bool:
    """True when a Chinese statement can be judged true or false on its own.

    Not a fragment: at least :data:`MIN_STATEMENT` characters, not opening with a word that
    continues something before it (以及, 前款 …), and with a predicate outside a noun
    phrase (``其他应当修订的情形`` has 应当 only inside "…修订的情形"). English statements are
    taken as they are.

    Args:
        statement: The statement a true/false item asks the trainee to judge.
    """
    text = statement.strip().rstrip("。；;，,.")
    if not re.search(r"[\u4e00-\u9fff]", text):
        return len(text.split()) >= 4
    if len(text) < MIN_STATEMENT or _DEPENDENT_START.match(text):
        return False
    return any(_is_predicate(text, m.end()) for m in _PREDICATE.finditer(text))


def _is_predicate(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` heads a predicate rather than a short relative clause
    before a final noun ("应当修订的情形": 修订的 modifies 情形, nothing is said of anything)."""
    clause = re.split(r"[，,；;：:]", text[end:], maxsplit=1)[0]
    if not clause:
        return False
    modifier, _, noun = clause.rpartition("的")
    return not (modifier and len(modifier) <= 6 and len(noun) <= 4)


def is_fragment(item: QuizItem) -> bool:
    """True for a true/false item whose statement is not self-contained (see above)."""
    return item.type == "true_false" and not is_self_contained(item.context)


def provision_kind(text: str, heading: str = "") -> str:
    """What an article mainly is: "penalty", "definition", "duty" or "rule".

    A penalty article sits in a 法律责任 chapter or imposes a sanction (罚款, 处分, 吊销 …);
    a definition says what a term means; a duty binds someone (应当, 必须, 不得); anything
    else is a rule (scope, principles, powers).

    Args:
        text: The article's text.
        heading: Its heading path ("第六章 法律责任").
    """
    if "法律责任" in heading or "Legal Liabilit" in heading or _PENALTY.search(text):
        return "penalty"
    if _DEFINITION.search(text):
        return "definition"
    if _DUTY.search(text):
        return "duty"
    return "rule"
