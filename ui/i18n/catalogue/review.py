"""The Review page: choosing the texts, the metrics, filters, finding cards and decisions."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "review.title": ("合法性审查", "Review"),
    "review.caption": (
        "对照上位法审查地方性法规、规章：罚款、期限、数量标准、规范强度、责任主体、机构名称、"
        "引用、授权事项和条文序号，每处问题附说明，两处条文并列对照。",
        "A local rule against its upper law: fines, time limits, thresholds, modality, duties, "
        "renamed authorities, citations, delegations and numbering — each finding explained, "
        "with both articles side by side.",
    ),
    "review.empty_library": ("法规库中还没有文件。", "The library is empty."),
    "review.undated": ("未注明日期", "undated"),
    "review.target": ("被审查文件", "Text to review"),
    "review.against": (
        "对照的上位法（可不选：默认为文件所依据的法律）",
        "Upper law (optional: by default, the basis the text declares)",
    ),
    "review.dense": ("同时按语义对齐条文", "Also align articles by meaning"),
    "review.dense_help": (
        "使用检索的向量模型。在预置冲突测试中，它没有找到关键词对齐遗漏的问题，反而增加了错误的"
        "发现，因此默认关闭。",
        "Uses the search embedder. Measured on planted conflicts, it found none the keyword "
        "alignment missed and added findings that were wrong, so it is off by default.",
    ),
    "review.choose_options": ("请选择", "Choose options"),
    "review.run": ("开始审查", "Run the review"),
    "review.running": ("正在审查……", "Reviewing…"),
    "review.choose": ("请选择文件并开始审查。", "Choose a text and run the review."),
    "review.link_unknown": (
        "链接所指的审查无法恢复：其中的文件已不在法规库中。请重新选择文件并开始审查。",
        "The review this link names cannot be shown again: a text it names is no longer in the "
        "library. Choose a text and run the review.",
    ),
    "review.uppers_chosen": (
        "上位法按上方所选对照。",
        "Reviewed against the upper laws chosen above.",
    ),
    "review.basis_in_force": (
        "对照《{title}》：按本文件第一条所列立法依据选定，取本文件制定时（{made}）已施行的版本"
        "（{version}）。",
        "Against 《{title}》: the legal basis the text's first article declares, in the version "
        "in force when the text was made ({made}): {version}.",
    ),
    "review.basis_newest": (
        "对照《{title}》：按本文件第一条所列立法依据选定；本文件制定时尚无已施行的版本，取最新版本"
        "（{version}）。",
        "Against 《{title}》: the legal basis the text's first article declares; no version was "
        "in force when the text was made, so the newest ({version}).",
    ),
    "review.basis_newer": (
        "库中另有较新版本（{versions}），如需对照，请在“对照的上位法”中选择后重新审查。",
        " The library also holds newer versions ({versions}); to review against one, choose it "
        "under Upper law and run the review again.",
    ),
    "review.metric_findings": ("问题", "Findings"),
    "review.metric_errors": ("错误", "Errors"),
    "review.metric_warnings": ("警告", "Warnings"),
    "review.metric_verbatim": ("照抄上位法", "Verbatim copies"),
    "review.metric_decided": ("已处理", "Decided"),
    "review.against_caption": (
        "对照{uppers} · 用时{seconds}秒",
        "Against {uppers} · took {seconds} s",
    ),
    "review.filter_type": ("问题类型", "Type"),
    "review.filter_severity": ("严重程度", "Severity"),
    "review.filter_decision": ("处理状态", "Decision"),
    "review.by_type": ("按问题类型和严重程度统计", "Findings by type and severity"),
    "review.column_type": ("问题类型", "type"),
    "review.column_severity": ("严重程度", "severity"),
    "review.column_count": ("数量", "findings"),
    "review.shown": (
        "显示{shown}组（{findings}处），共{total}处",
        "{shown} groups ({findings} findings) shown of {total}",
    ),
    "review.group_articles": ("涉及{count}条：{articles}", "{count} articles: {articles}"),
    "review.this_text": ("本法规", "This text"),
    "review.fix": ("**修改建议**：{fix}", "**Suggested fix:** {fix}"),
    "review.note": ("审查说明", "Note"),
    "review.accept": ("采纳", "Accept"),
    "review.dismiss": ("不予采纳", "Dismiss"),
    "review.accept_all": ("全部采纳（{count}处）", "Accept all {count}"),
    "review.dismiss_all": ("全部不予采纳（{count}处）", "Dismiss all {count}"),
    "review.decided_by": ("{user}：{note}", "{user}: {note}"),
    "review.decided_saved": (
        "已记录：{decision}（{count}处，每处分别记入处理日志）",
        "Recorded: {decision} ({count}, each in the decision log)",
    ),
    "review.first_100": (
        "仅显示前100组；请按问题类型或严重程度筛选。",
        "The first 100 are shown; narrow by type or severity.",
    ),
    "review.bulk": ("批量处理待处理问题", "Decide pending findings in bulk"),
    "review.bulk_scope": ("处理范围", "Which findings"),
    "review.bulk_all": ("全部待处理问题（{count}处）", "Every pending finding ({count})"),
    "review.bulk_type": ("本类：{name}（{count}处）", "This type: {name} ({count})"),
    "review.bulk_confirm": (
        "确认对所选范围内的全部待处理问题作出同一决定（每处分别记入处理日志）",
        "Yes, the same decision for every pending finding in this scope (each logged)",
    ),
    "review.bulk_accept": ("全部采纳", "Accept all"),
    "review.bulk_dismiss": ("全部不予采纳", "Dismiss all"),
    "review.bulk_unconfirmed": (
        "未处理：请先勾选确认，再点击“全部采纳”或“全部不予采纳”。",
        "Nothing decided: tick the confirmation first, then accept or dismiss all.",
    ),
    "review.bulk_none": ("没有待处理的问题。", "No finding is pending."),
    "review.download_opinion": ("审查意见（DOCX）", "Review opinion (DOCX)"),
    "review.download_findings": ("问题清单（XLSX）", "Findings (XLSX)"),
}
