"""The Tasks page: the ledger of a plan's task-division items, updates, evidence, the report."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # statuses (index.tasks.workflow.STATUSES) and urgency
    "task.status.not_started": ("未启动", "not started"),
    "task.status.in_progress": ("推进中", "in progress"),
    "task.status.completed": ("已完成", "completed"),
    "task.status.suspended": ("暂停", "suspended"),
    "task.urgency.overdue": ("已逾期", "overdue"),
    "task.urgency.due_soon": ("即将到期", "due soon"),
    # tracking a plan (admins)
    "tasks.track": ("跟踪工作方案（管理员）", "Track a plan (admins)"),
    "tasks.extract_label": (
        "提取法规库中工作方案的任务",
        "Extract the tasks of a work plan in the library",
    ),
    "tasks.extract_placeholder": ("选择工作方案或规范性文件", "Choose a work plan or document"),
    "tasks.extract_help": (
        "先列工作方案，再列其他规范性文件（意见、通知等，其条目常注明牵头单位）。",
        "Work plans first, then other normative documents (opinions, notices: their items often "
        "name who leads them).",
    ),
    "tasks.group_work_plan": ("工作方案", "Work plan"),
    "tasks.group_other": ("其他规范性文件", "Other normative document"),
    "tasks.extract_option": ("【{group}】{title}", "[{group}] {title}"),
    "tasks.extract_none": (
        "未从《{title}》中提取到任务：文中没有找到写明牵头或责任单位、可以分工落实的条目。"
        "未添加工作方案。",
        "No task found in “{title}”: no item names a body that leads or is responsible for it. "
        "No plan was added.",
    ),
    "tasks.extract": ("提取任务", "Extract tasks"),
    "tasks.extracted": (
        "共{total}项任务：新增{added}项，更新{updated}项，未变{unchanged}项。",
        "{total} tasks: {added} added, {updated} updated, {unchanged} unchanged.",
    ),
    "tasks.import_label": (
        "或导入分工表（XLSX、CSV 或 DOCX）",
        "Or import a division table (XLSX, CSV or DOCX)",
    ),
    "tasks.import": ("导入", "Import"),
    "tasks.imported": (
        "{plan}：新增{added}项，更新{updated}项。",
        "{plan}: {added} added, {updated} updated.",
    ),
    "tasks.no_plan_admin": (
        "尚未跟踪任何工作方案。请在上方“跟踪工作方案”中选择法规库中的工作方案后点击“提取任务”，"
        "或导入分工表（XLSX、CSV 或 DOCX）。",
        "No plan is tracked yet. Above, under “Track a plan”, choose a work plan in the library "
        "and press “Extract tasks”, or import a division table (XLSX, CSV or DOCX).",
    ),
    "tasks.no_plan_ask": (
        "尚未跟踪任何工作方案。请联系管理员提取或导入。",
        "No plan is tracked yet. Ask an admin to extract or import a plan.",
    ),
    # filters and figures
    "tasks.plan": ("工作方案", "Plan"),
    "tasks.plan_option": ("{title}（{count}项任务）", "{title} ({count} tasks)"),
    "tasks.part": ("部分", "Part"),
    "tasks.all_parts": ("全部", "all parts"),
    "tasks.department": ("单位", "Department"),
    "tasks.department_help": ("牵头或配合的任务", "Tasks it leads or co-operates on"),
    "tasks.all_departments": ("全部单位", "all departments"),
    "tasks.on": ("统计日期", "On"),
    "tasks.only_mine": ("只看本单位牵头的任务", "Only the tasks my body leads"),
    "tasks.metric_tasks": ("任务", "Tasks"),
    "tasks.metric_completed": ("已完成", "Completed"),
    "tasks.metric_overdue": ("已逾期", "Overdue"),
    "tasks.metric_due_soon": ("14日内到期", "Due within 14 days"),
    # tabs
    "tasks.tab_list": ("任务清单（{count}）", "Tasks ({count})"),
    "tasks.tab_matrix": ("单位 × 状态", "Departments × status"),
    "tasks.tab_time": ("完成进度", "Completion over time"),
    "tasks.tab_report": ("通报", "Report"),
    # the matrix
    "tasks.column_department": ("牵头单位", "department"),
    "tasks.column_overdue": ("逾期", "overdue"),
    "tasks.no_lead": ("（未明确牵头单位）", "(no lead)"),
    "tasks.matrix_note": (
        "按牵头单位统计；有两个牵头单位的任务各计一次。",
        "Counted by lead department; a task with two leads counts for both.",
    ),
    # the list and a card
    "tasks.order": ("排序", "Show first"),
    "tasks.order_urgent": ("逾期和即将到期的优先", "overdue and due soon"),
    "tasks.order_plan": ("按方案顺序", "plan order"),
    "tasks.first_200": (
        "仅显示前200项（共{count}项），请用上方条件缩小范围。",
        "The first 200 of {count}; narrow with the filters above.",
    ),
    "tasks.no_deadline": ("未定时限", "no deadline"),
    "tasks.lead_line": (
        "牵头单位：{lead} · 配合单位：{cooperating} · {part}",
        "Lead: {lead} · Co-operating: {cooperating} · {part}",
    ),
    "tasks.unknown_bodies": ("不在单位名录中：{names}", "Not in the department table: {names}"),
    "tasks.note_line": ("备注：{note}", "Note: {note}"),
    "tasks.source": ("原文", "Source"),
    "tasks.update_and_evidence": ("更新进展与佐证材料", "Update and evidence"),
    "tasks.linked": ("链接中的任务", "The linked task"),
    "tasks.link_missing": (
        "链接中的任务{number}不在此工作方案中。",
        "T-{number} is not in this plan.",
    ),
    "tasks.link": ("本任务链接", "Link to this task"),
    # the update form
    "tasks.status": ("状态", "Status"),
    "tasks.progress": ("进度（%）", "Progress (%)"),
    "tasks.progress_help": (
        "状态选“已完成”时，进度按 100% 保存；进度 100% 的任务请把状态设为“已完成”。",
        "A task saved as completed is saved at 100 %; a task at 100 % should be set to completed.",
    ),
    "tasks.note": ("备注", "Note"),
    "tasks.save": ("保存", "Save"),
    "tasks.saved": ("任务{number}已保存", "T-{number} saved"),
    "tasks.save_failed": ("未保存：{reason}", "Not saved: {reason}"),
    # evidence
    "tasks.evidence": ("佐证材料", "Evidence"),
    "tasks.evidence_by": (
        "{title}{article} · {name}添加 {note}",
        "{title}{article} · by {name} {note}",
    ),
    "tasks.evidence_document": ("法规库中的文件", "A document in the library"),
    "tasks.evidence_document_version": ("{title}（{day}版）", "{title} ({day} version)"),
    "tasks.evidence_document_placeholder": (
        "选择能证明工作已完成的文件",
        "Choose the document that shows the work done",
    ),
    "tasks.evidence_article": ("条文编号（可选）", "Article number (optional)"),
    "tasks.evidence_article_placeholder": (
        "如 第十六条 或 16",
        "e.g. 第十六条, 16 or art-16",
    ),
    "tasks.evidence_pick": (
        "或从该文件的条文中选择（可输入查找）",
        "Or choose one of its articles (type to search)",
    ),
    "tasks.evidence_pick_placeholder": ("选择条文", "Choose an article"),
    "tasks.evidence_file": (
        "或上传附件（随任务保存，不加入法规库；不超过{mb} MB）",
        "Or attach a file (kept with the task, not added to the library; up to {mb} MB)",
    ),
    "tasks.evidence_note": ("说明", "What it shows"),
    "tasks.attach": ("添加佐证", "Attach"),
    "tasks.attached": ("已为任务{number}添加佐证材料。", "Evidence added to T-{number}."),
    "tasks.evidence_nothing": (
        "请选择文件或上传附件。",
        "Choose a document or attach a file first.",
    ),
    "tasks.evidence_no_article": (
        "《{title}》中没有“{typed}”。请按原文写条文编号（第十六条）、只写数字（16），"
        "或从条文列表中选择。",
        "{title} has no article “{typed}”. Give its number as printed (第十六条), a number (16), "
        "or choose it from the list of its articles.",
    ),
    "tasks.evidence_article_needs_document": (
        "请先选择条文所在的文件。",
        "Choose the document the article is in first.",
    ),
    "tasks.attachment_line": (
        ":material/attach_file: {name}（{size}）· {by} {day} 上传 {note}",
        ":material/attach_file: {name} ({size}) · by {by} {day} {note}",
    ),
    "tasks.download": ("下载", "Download"),
    # completion over time and suggestions
    "tasks.none_completed": (
        "此工作方案尚无已完成的任务。",
        "No task of this plan is completed yet.",
    ),
    "tasks.axis_completed_on": ("完成日期", "completed on"),
    "tasks.axis_completed": ("已完成任务数（共{total}项）", "tasks completed (of {total})"),
    "tasks.chart_date_format": ("%Y年%-m月%-d日", "%Y-%m-%d"),
    "tasks.chart_description": (
        "已完成任务数随时间的变化：共{total}项任务，截至{day}已完成{completed}项。",
        "Tasks completed over time: {completed} of {total} completed by {day}.",
    ),
    # a task's number as shown on the page and in exports (the stored id is unchanged)
    "tasks.number": ("任务{number}", "T-{number}"),
    "tasks.suggested": ("推荐的佐证材料", "Suggested evidence"),
    "tasks.suggested_note": (
        "新入库的文件可能证明任务已完成。您单位牵头的任务请逐项确认或驳回；其他任务由其牵头单位处理。",
        "New documents that may show a task done: confirm or reject each for the tasks your "
        "body leads; the other tasks' lead bodies decide theirs.",
    ),
    "tasks.suggested_note_others": (
        "新入库的文件可能证明任务已完成，由各任务的牵头单位逐项确认或驳回。",
        "New documents that may show a task done; each task's lead body confirms or rejects them.",
    ),
    "tasks.suggestion_lead_decides": (
        "由牵头单位（{lead}）确认或驳回。",
        "To be confirmed or rejected by the lead body ({lead}).",
    ),
    "tasks.suggestion_admin_decides": (
        "此任务没有牵头单位，由管理员确认或驳回。",
        "This task has no lead body; an admin confirms or rejects it.",
    ),
    "tasks.suggestion_confirmed": (
        "已确认：{title}已添加为任务{number}的佐证材料。",
        "Confirmed: {title} is now evidence of T-{number}.",
    ),
    "tasks.suggestion_rejected": (
        "已驳回：{title}不再推荐为任务{number}的佐证材料。",
        "Rejected: {title} is no longer suggested as evidence of T-{number}.",
    ),
    "tasks.suggestion_score": ("相关度 {score}", "score {score}"),
    "tasks.confirm": ("确认", "Confirm"),
    "tasks.reject": ("驳回", "Reject"),
    # the report
    "tasks.report_summary": (
        "截至{on}：共{total}项任务，已完成{completed}项（{rate}），逾期{overdue}项，"
        "{since}以来完成{recent}项。",
        "On {on}: {total} tasks, {completed} completed ({rate}), {overdue} overdue, "
        "{recent} completed since {since}.",
    ),
    "tasks.report_since_start": ("开始", "the start"),
    "tasks.report_docx": ("通报（DOCX）", "Report (DOCX)"),
    "tasks.report_xlsx": ("通报（XLSX）", "Report (XLSX)"),
    "tasks.report_file": ("任务进展通报", "progress-report"),
    "tasks.size_bytes": ("{n} 字节", "{n} B"),
}
