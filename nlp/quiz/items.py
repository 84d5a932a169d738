"""A quiz item with its answer key, a quiz of them, and the question types and wording they use."""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_TYPES = ("single", "multiple", "true_false", "fill_blank")
FACT_KINDS = ("fine", "time_limit", "threshold", "body", "bearer", "modality", "term", "list")
LETTERS = "ABCD"
BLANK = {"zh": "（　　）", "en": "(    )"}
FILL = "______"
TRUE_FALSE = {"zh": ("正确", "错误"), "en": ("True", "False")}
# Difficulty by question type, one step up for figures asked without options.


@dataclass(frozen=True, slots=True)
class QuizItem:
    """One question with its key.

    Attributes:
        type: "single", "multiple", "true_false" or "fill_blank".
        stem: The question as shown.
        options: Option texts A–D for choice questions; ("正确", "错误") or ("True", "False")
            for true/false; () for fill-in-the-blank.
        answer: Letters ("B", "ACD"), "正确"/"错误" (True/False), or the words that fill the
            blank.
        explanation: Why, quoting the source article.
        source_id: The article's id.
        difficulty: 1 (easy) to 3 (hard).
        kind: The kind of fact tested: one of :data:`FACT_KINDS`.
        fact: The fact as the source states it.
        context: The source sentence with the fact blanked ("…处（　　）的罚款"), or the statement
            judged for true/false, or the list's lead-in for a multiple choice.
        changed: For a false statement, the words put in place of ``fact``.
        language: "zh" or "en".
    """

    type: str
    stem: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    source_id: str
    difficulty: int
    kind: str
    fact: str
    context: str = ""
    changed: str = ""
    language: str = "zh"

    def __post_init__(self) -> None:
        if self.type not in QUESTION_TYPES:
            raise ValueError(f"question type must be one of {QUESTION_TYPES}, not {self.type!r}")
        if self.kind not in FACT_KINDS:
            raise ValueError(f"fact kind must be one of {FACT_KINDS}, not {self.kind!r}")
        if not 1 <= self.difficulty <= 3:
            raise ValueError(f"difficulty must be 1..3, not {self.difficulty}")

    @property
    def correct_options(self) -> tuple[str, ...]:
        """The option texts the answer letters name (choice questions only)."""
        if self.type not in ("single", "multiple"):
            return ()
        return tuple(self.options[LETTERS.index(c)] for c in self.answer if c in LETTERS)


@dataclass(frozen=True, slots=True)
class Quiz:
    """Items that passed the gate, and the ones dropped with their problems."""

    items: tuple[QuizItem, ...]
    rejected: tuple[tuple[QuizItem, tuple[str, ...]], ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
