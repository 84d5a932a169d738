"""Words of the exported files: their names, and the review opinion's headings and columns."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # file names (see ui/export/names.py)
    "export.name_review_opinion": ("审查意见", "review-opinion"),
    "export.name_review_findings": ("审查问题清单", "review-findings"),
    "export.name_pack": ("学习材料", "study-pack"),
    "export.name_deck": ("学习卡片", "flashcards"),
    # the Anki deck's note type, its card and its fields (Anki shows them when editing a note)
    "export.anki_deck": ("法规学习::{title}", "PolicyLens::{title}"),
    "export.anki_note_type": ("法规学习试题", "PolicyLens quiz item"),
    "export.anki_card": ("卡片1", "Card 1"),
    "export.anki_default_deck": ("默认", "Default"),
    "export.anki_question": ("问题", "Question"),
    "export.anki_answer": ("答案", "Answer"),
    "export.anki_source": ("出处", "Source"),
    "export.name_bank": ("题库", "question-bank"),
    "export.name_changes": ("修订要点", "what-changed"),
    # the review opinion (审查意见)
    "export.opinion_title": ("关于《{title}》的审查意见", "Review of {title}"),
    "export.opinion_draft": ("（草稿）", " (draft)"),
    "export.opinion_intro": (
        "对照{uppers}，对《{title}》进行了审查，共发现需要研究处理的问题{count}处"
        "（错误{errors}处，警告{warnings}处，提示{notes}处）；照抄上位法的条款约占{verbatim}。",
        "Reviewed {title} against {uppers}: {count} findings to act on ({errors} errors, "
        "{warnings} warnings, {notes} notes); about {verbatim} of the articles copy the upper "
        "law.",
    ),
    # after the count and after the sentence on dismissed findings, before the sections
    "export.opinion_follows": ("具体意见如下：", " In detail:"),
    "export.opinion_none": (
        "对照{uppers}，对《{title}》进行了审查，未发现需要研究处理的问题。",
        "Reviewed {title} against {uppers}: no finding to act on.",
    ),
    "export.opinion_dismissed_count": (
        "另有{count}处经审查不予采纳，列于附件。",
        " {count} more were dismissed; they are listed in the annex.",
    ),
    "export.opinion_item": ("{articles}：{message}", "{articles}: {message}"),
    "export.opinion_this_text": ("本法规{number}规定：", "{number} of this text: "),
    "export.opinion_upper": ("《{title}》{number}规定：", "{title} {number}: "),
    "export.opinion_fix": ("修改建议：", "Suggested fix: "),
    "export.opinion_note": ("审查说明：", "Reviewer's note: "),
    "export.opinion_accepted": ("（已采纳）", " (accepted)"),
    "export.opinion_annex": ("附件：不予采纳的审查发现", "Annex: dismissed findings"),
    "export.opinion_annex_reason": ("不予采纳理由：", "Reason: "),
    "export.opinion_date": ("{date}", "{date}"),
    "export.opinion_articles_more": ("{first}等{count}条", "{first} ({count} articles)"),
    "export.col_id": ("编号", "finding_id"),
    "export.col_type": ("问题类型", "type"),
    "export.col_code": ("规则代码（供程序读取）", "code"),
    "export.col_severity": ("严重程度", "severity"),
    "export.col_local_article": ("本法规条款", "local_article"),
    "export.col_upper_law": ("上位法", "upper_law"),
    "export.col_upper_article": ("上位法条款", "upper_article"),
    "export.col_message": ("问题说明", "message"),
    "export.col_fix": ("修改建议", "fix"),
    "export.col_local_text": ("本法规条文", "local_text"),
    "export.col_upper_text": ("上位法条文", "upper_text"),
    "export.col_decision": ("处理意见", "decision"),
    "export.col_note": ("审查说明", "note"),
    "export.sheet_findings": ("审查问题", "findings"),
}
