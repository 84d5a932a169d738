"""The `policylens` command's own words for the commands Chinese users run most (search, review
and decide, tasks list and update): help texts and messages. Their language is the CLI's own
setting, ``POLICYLENS_LANG`` (``zh`` unless ``en``), see :func:`ui.cli.common.say`; JSON output
and error messages from the knowledge base are not translated.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.app": (
        "安全生产法规的文件智能与政策跟踪：解析法规和工作方案，检索、跟踪、审查和学习。",
        "Document intelligence and policy tracking for work-safety regulation.",
    ),
    "cli.debug": (
        "出错时显示完整的调用栈，而不是一行说明。",
        "Show tracebacks instead of one-line errors.",
    ),
    "cli.home": (
        "工作区文件夹（默认 $POLICYLENS_HOME 或 ./workspace）。",
        "Workspace folder (default: $POLICYLENS_HOME or ./workspace).",
    ),
    "cli.json": ("以 JSON 输出（稳定的接口）。", "Print JSON (a stable interface)."),
    # search
    "cli.search": (
        "按条检索：关键词检索与语义检索融合，先按条件筛选再排序。",
        "Search articles: keyword and dense retrieval fused, filters applied before ranking.",
    ),
    "cli.search.query": (
        "检索词、问题，或“安全生产法第二十一条”这样的引用。",
        "Words, a question, or a citation such as 安全生产法第二十一条.",
    ),
    "cli.search.top": ("返回的条数。", "Hits to return."),
    "cli.search.level": ("只保留此效力级别（可重复）。", "Keep this level (repeatable)."),
    "cli.search.region": ("只保留此地区（可重复）。", "Keep this region (repeatable)."),
    "cli.search.doc": (
        "只保留此文件或法规（可重复）。",
        "Keep this document or work (repeatable).",
    ),
    "cli.search.status": (
        "时效性：in_force（现行有效，默认）、superseded（已被修订）、repealed（已废止）、"
        "draft（草案）或 any（不限）；与 --as-of 同用时不起作用。",
        "in_force (default), superseded, repealed, draft or any; ignored with --as-of.",
    ),
    "cli.search.as_of": ("检索在此日期有效的版本。", "Search the versions in force on this date."),
    "cli.search.lang": ("只保留此语言（zh、en）。", "Keep this language (zh, en)."),
    "cli.search.mode": (
        "hybrid（融合，默认）、keyword（关键词）或 dense（语义）。",
        "hybrid, keyword or dense.",
    ),
    "cli.search.none": (
        "没有找到条文。请换用其他检索词，或减少筛选条件。",
        "No articles found. Try other words, or fewer filters.",
    ),
    "cli.search.match.keyword": ("关键词", "keyword"),
    "cli.search.match.dense": ("语义", "dense"),
    "cli.search.match.hybrid": ("融合", "hybrid"),
    "cli.search.match.citation": ("引用", "citation"),
    "cli.search.score": ("{match} 得分 {score}", "{match} {score}"),
    "cli.warning": ("警告：{text}", "Warning: {text}"),
    "cli.note": ("注意：{text}", "Note: {text}"),
    "cli.dense_partial": (
        "注意：按语义检索的部分目前只覆盖{held}/{units}条条文，其余条文暂时只能按关键词找到，"
        "待其向量生成后（导入仍在进行，或运行 policylens rebuild）即可。",
        "Note: the meaning-based (dense) side of search covers {held} of {units} articles so far; "
        "the others are found by keywords only until their vectors are added (an ingest still "
        "embedding, or `policylens rebuild`)",
    ),
    # review and decide
    "cli.review": (
        "将地方性法规与上位法逐条对照审查。\n\n"
        "罚款、期限、数量标准、规范强度、责任主体、机构更名、引用、授权事项和条文序号；"
        "即使发现问题也以 0 退出。",
        "Check a local rule against its upper law, finding by finding.\n\n"
        "Fines, time limits, thresholds, modality, bodies, renamed authorities, citations, "
        "delegations and numbering; exit 0 even with findings.",
    ),
    "cli.review.ref": (
        "要审查的文件：文件编号或法规编号。",
        "The text to review: a document id or work id.",
    ),
    "cli.review.against": (
        "对照的上位法（可重复；默认为其声明的制定依据）。",
        "The upper law to review against (repeatable; default: its declared basis).",
    ),
    "cli.review.out": (
        "同时写出审查结果：.docx（审查意见）或 .xlsx（问题清单）。",
        "Also write the review: .docx (opinion) or .xlsx.",
    ),
    "cli.review.dense": (
        "同时按语义对齐条文（使用检索的向量模型；实测会增加误报，见 README）。",
        "Also align articles by meaning (the search embedder; measured to add noise, see the "
        "README).",
    ),
    "cli.review.summary": (
        "《{title}》对照《{against}》：发现{count}处问题",
        "{title} against {against}: {count} finding(s)",
    ),
    "cli.review.against_join": ("》《", ", "),
    "cli.review.took": (
        "照抄上位法的条文占 {rate}。用时 {total} 秒（{parts}）。",
        "Verbatim copies: {rate} of articles. Took {total} s ({parts}).",
    ),
    "cli.decide": (
        "采纳或不予采纳一条审查意见；重新审查时处理意见随之保留。",
        "Accept or dismiss a review finding; the decision stays with it across re-runs.",
    ),
    "cli.decide.finding": (
        "`policylens review` 列出的问题编号。",
        "A finding id from `policylens review`.",
    ),
    "cli.decide.decision": (
        "accepted（采纳）或 dismissed（不予采纳）。",
        "accepted or dismissed.",
    ),
    "cli.decide.note": ("理由。", "Why."),
    "cli.decide.as": ("以此账户的身份处理。", "Decide as this account."),
    "cli.decide.done": ("{finding}：{decision}。", "{finding}: {decision}."),
    # tasks list and update
    "cli.tasks": (
        "任务台账：提取、导入、导出、列出、更新、通报、核验审计链。",
        "The task ledger: extract, import, export, list, update, report, verify-audit.",
    ),
    "cli.tasks.date": (
        "判断期限所依据的日期（默认今天）。",
        "The day to judge deadlines on (default today).",
    ),
    "cli.tasks.list": (
        "列出任务，逾期的期限标红，临近的标黄。",
        "List tasks, with overdue (red) and due-soon (yellow) deadlines.",
    ),
    "cli.tasks.plan": ("只看此方案。", "Only this plan."),
    "cli.tasks.department": ("牵头或配合的单位。", "Led or co-operated by."),
    "cli.tasks.status": ("只保留此状态（可重复）。", "Keep this status (repeatable)."),
    "cli.tasks.overdue": ("只看逾期任务。", "Only overdue tasks."),
    "cli.tasks.due_soon": ("只看 14 天内到期的任务。", "Only tasks due within 14 days."),
    "cli.tasks.none": (
        "没有任务；请先用 `policylens tasks extract DOC` 从工作方案中提取任务。",
        "No tasks; extract a plan with `policylens tasks extract DOC`.",
    ),
    "cli.tasks.column_task": ("任务", "task"),
    "cli.tasks.column_status": ("状态", "status"),
    "cli.tasks.column_deadline": ("期限", "deadline"),
    "cli.tasks.column_lead": ("牵头单位", "lead"),
    "cli.tasks.column_text": ("任务内容", "text"),
    "cli.tasks.update": (
        "更改任务的状态、进度或备注（每次更改记入审计链）。",
        "Change a task's status, progress or note (each change is an audit row).",
    ),
    "cli.tasks.task": ("T-12、12 或完整的任务编号。", "T-12, 12 or a full task id."),
    "cli.tasks.new_status": (
        "not_started（未开始）、in_progress（进行中）、completed（已完成）或 suspended（已暂停）。",
        "not_started, in_progress, completed or suspended.",
    ),
    "cli.tasks.progress": ("完成百分比，0-100。", "Percent done, 0-100."),
    "cli.tasks.note": ("进展备注。", "A progress note."),
    "cli.tasks.completed_on": (
        "完成日期（与 --status completed 同用），如 2025-06-28。",
        "The day the work was done (with --status completed), e.g. 2025-06-28.",
    ),
    "cli.tasks.as": (
        "以此账户的身份操作（适用其所在单位）。",
        "Act as this account (its department applies).",
    ),
    "cli.tasks.expect_version": (
        "如任务在你读取此版本后已被更改，则拒绝操作。",
        "Refuse if the task changed since you read this version.",
    ),
    "cli.tasks.updated": (
        "T-{number}：{status} {progress}%（第{version}版）",
        "T-{number}: {status} {progress}% (version {version})",
    ),
}
