"""The quality gate: an item passes only when its cited article states its answer and no other."""

from __future__ import annotations

import re

from nlp.legal.quantities import Quantity, find_quantities
from nlp.quiz.facts import is_stated, normalise
from nlp.quiz.items import BLANK, FILL, LETTERS, TRUE_FALSE, QuizItem

_STOP_WORDS = {"的", "和", "或者", "以及", "应当", "可以", "不得", "the", "and", "or", "of"}


def gate(item: QuizItem, source_text: str) -> list[str]:
    """Return the item's problems against its cited article text; empty when it passes.

    Checks: the answer is stated by the source (numerals normalised, 一 = 1); no wrong option or
    false statement is; the stem does not contain the answer; options are four and distinct;
    a blank holds a figure or a term, not a function word; the explanation's quote is in the
    source.

    Args:
        item: The item.
        source_text: The text of the article ``item.source_id`` names.
    """
    problems: list[str] = []
    source = normalise(source_text)
    stem = normalise(item.stem)
    if normalise(item.fact) not in source:
        problems.append(f"the fact {item.fact!r} is not in the source")
    quotes = re.findall("“([^“”]+)”", item.explanation)
    if not quotes or any(normalise(q) not in source for q in quotes):
        problems.append("the explanation does not quote the source")
    if item.type in ("single", "multiple"):
        problems += _gate_choice(item, source_text, source, stem)
    elif item.type == "true_false":
        right, wrong = TRUE_FALSE[item.language]
        stated = normalise(item.context) in source
        if item.answer not in (right, wrong) or tuple(item.options) != (right, wrong):
            problems.append("a true/false item needs the options and answer true/false")
        elif item.answer == right and not stated:
            problems.append("the statement marked true is not stated by the source")
        elif item.answer == wrong and (
            stated or not item.changed or _is_supported(item, item.changed, source_text, source)
        ):
            problems.append("the statement marked false is supported by the source")
    else:
        answer = normalise(item.answer)
        if answer not in source or not _fills(item, item.answer, source):
            problems.append("the blank's answer is not stated by the source")
        if answer in stem:
            problems.append("the stem gives the answer away")
        if len(answer) < 2 or answer in _STOP_WORDS:
            problems.append("the blank holds a function word")
        if item.kind != "term" and not find_quantities(item.answer):
            problems.append("the blank holds neither a figure nor a term")
    return problems


def _gate_choice(item: QuizItem, source_text: str, source: str, stem: str) -> list[str]:
    problems = []
    if len(item.options) != 4 or len({normalise(o) for o in item.options}) != 4:
        problems.append("a choice item needs four distinct options")
    letters = set(item.answer)
    if not letters or not letters <= set(LETTERS[: len(item.options)]):
        return [*problems, f"answer {item.answer!r} names no option"]
    if (item.type == "single") != (len(letters) == 1):
        problems.append("a single choice has one answer, a multiple choice more")
    for letter, option in zip(LETTERS, item.options, strict=False):
        supported = _is_supported(item, option, source_text, source)
        if letter in letters and not supported:
            problems.append(f"option {letter} (the answer) is not supported by the source")
        if letter in letters and normalise(option) in stem:
            problems.append(f"the stem gives the answer away (option {letter})")
        if letter not in letters and supported:
            problems.append(f"option {letter} (a distractor) is supported by the source")
    return problems


def _fills(item: QuizItem, words: str, source: str) -> bool:
    blank = BLANK[item.language] if item.type != "fill_blank" else FILL
    return blank in item.context and normalise(item.context.replace(blank, words)) in source


def _is_supported(item: QuizItem, option: str, source_text: str, source: str) -> bool:
    """True when the source states ``option`` for this item's fact."""
    if item.type == "multiple" or item.kind == "list":
        return normalise(option) in source
    if _fills(item, option, source):
        return True
    if item.type == "true_false" and normalise(option) == normalise(item.fact):
        return True
    if item.kind in ("body", "bearer"):
        return normalise(option) in source
    if item.kind in ("fine", "time_limit", "threshold"):
        stated = find_quantities(source_text)
        kinds = {q.kind for q in stated if q.text == item.fact} or {"fine"}
        for q in find_quantities(option):
            for kind in kinds:
                candidate = Quantity(kind, q.low, q.high, q.unit, q.text, q.span)
                if is_stated(candidate, stated):
                    return True
    return False
