"""Why an edited quiz item was not saved, as the study page shows it (issue 18).

The quality gate (:func:`nlp.quiz.gate.gate`) words its problems in English; each English
text here is the exact template it appends, with ``{name}`` where it puts a value, and the app
writes it in the interface's language with :func:`ui.i18n.errors.said`.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "errors.quiz.fact_missing": ("原文中没有 {fact}", "the fact {fact} is not in the source"),
    "errors.quiz.no_quote": (
        "解析没有引用原文（请用“”引出原文）",
        "the explanation does not quote the source",
    ),
    "errors.quiz.true_false_form": (
        "判断题的选项和答案须为“正确”“错误”",
        "a true/false item needs the options and answer true/false",
    ),
    "errors.quiz.true_not_stated": (
        "标为“正确”的说法原文中没有",
        "the statement marked true is not stated by the source",
    ),
    "errors.quiz.false_supported": (
        "标为“错误”的说法原文中有依据",
        "the statement marked false is supported by the source",
    ),
    "errors.quiz.blank_not_stated": (
        "填空的答案原文中没有",
        "the blank's answer is not stated by the source",
    ),
    "errors.quiz.stem_gives_answer": ("题干泄露了答案", "the stem gives the answer away"),
    "errors.quiz.blank_function_word": ("填空处是虚词", "the blank holds a function word"),
    "errors.quiz.blank_no_content": (
        "填空处既不是数字也不是术语",
        "the blank holds neither a figure nor a term",
    ),
    "errors.quiz.four_options": (
        "选择题须有四个互不相同的选项",
        "a choice item needs four distinct options",
    ),
    "errors.quiz.answer_no_option": (
        "答案 {answer} 不对应任何选项",
        "answer {answer} names no option",
    ),
    "errors.quiz.answer_count": (
        "单选题只有一个答案，多选题有多个答案",
        "a single choice has one answer, a multiple choice more",
    ),
    "errors.quiz.answer_unsupported": (
        "选项{letter}（答案）原文中没有依据",
        "option {letter} (the answer) is not supported by the source",
    ),
    "errors.quiz.stem_gives_option": (
        "题干泄露了答案（选项{letter}）",
        "the stem gives the answer away (option {letter})",
    ),
    "errors.quiz.distractor_supported": (
        "选项{letter}（干扰项）原文中有依据",
        "option {letter} (a distractor) is supported by the source",
    ),
}
