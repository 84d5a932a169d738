"""The Study page: building a pack, its preview and quiz editing, what changed between versions."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "study.title": ("学习培训", "Study"),
    "study.caption": (
        "培训材料直接取自条文：每个条款、数字和试题答案都注明出自哪一条。",
        "Training material taken from the articles themselves: every provision, figure and quiz "
        "answer says which article it comes from.",
    ),
    "study.empty_library": ("法规库中还没有文件。", "The library is empty."),
    "study.undated": ("未注明日期", "undated"),
    "study.tab_pack": ("学习资料", "Study pack"),
    "study.tab_changes": ("修订对照", "What changed"),
    "study.link_unknown": (
        "链接所指的学习资料无法重新生成：其中的文件或条款已不在法规库中，或参数有误。请重新选择后生成。",
        "The study pack this link names cannot be built again: a text or article it names is no "
        "longer in the library, or a setting is wrong. Choose again and build the pack.",
    ),
    "study.changes_link_unknown": (
        "链接所指的两个版本已不在法规库中，或不是同一文件的版本。请重新选择。",
        "The two versions this link names are no longer in the library, or are not versions of "
        "one text. Choose again.",
    ),
    "study.source": ("资料来源", "Build it from"),
    "study.source_document": ("一部文件", "A document"),
    "study.source_articles": ("文件中的部分条款", "Chosen articles of a document"),
    "study.source_topic": ("一个主题", "A topic"),
    "study.document": ("文件", "Document"),
    "study.topic": ("主题", "Topic"),
    "study.topic_help": (
        "学习资料涵盖检索这些词语找到的现行有效条款。",
        "The pack covers the articles in force that a search for these words finds.",
    ),
    "study.articles": ("条款", "Articles"),
    "study.articles_placeholder": ("选择要学习的条款", "Choose the articles to teach"),
    "study.items": ("试题数量", "Quiz items"),
    "study.types": ("题型", "Question types"),
    "study.seed": (
        "出题批次（相同数字得到相同题目）",
        "Question set (the same number, the same questions)",
    ),
    "study.seed_help": (
        "同一批次号总是出同一组试题，便于多人使用同一套题；换一个数字即得到另一组试题。",
        "The same number always gives the same questions, so a group can share one set; "
        "another number gives another set.",
    ),
    "study.build": ("生成学习资料", "Build the pack"),
    "study.need_topic": ("请先输入主题。", "Type a topic first."),
    "study.need_articles": ("请至少选择一条。", "Choose at least one article."),
    "study.choose": (
        "选择学习内容后生成学习资料，约需一两秒。",
        "Choose what to study and build the pack; it takes a second or two.",
    ),
    "study.type_single": ("单选题", "single choice"),
    "study.type_multiple": ("多选题", "multiple choice"),
    "study.type_true_false": ("判断题", "true / false"),
    "study.type_fill_blank": ("填空题", "fill in the blank"),
    "study.figure_fine": ("罚款", "fine"),
    "study.figure_fine_multiple": ("罚款（倍数）", "fine (multiple)"),
    "study.figure_income_share": ("罚款（收入比例）", "fine (share of income)"),
    "study.figure_time_limit": ("期限", "time limit"),
    "study.figure_period": ("期间", "period"),
    "study.figure_detention": ("拘留", "detention"),
    "study.figure_threshold": ("数量标准", "threshold"),
    "study.scope_document": ("整部文件", "whole document"),
    "study.scope_articles": ("所选条款", "chosen articles"),
    "study.scope_topic": ("主题", "topic"),
    "study.summary": (
        "{scope} · 出题批次{seed} · 生成试题{built}道，修改{edited}道，删除{dropped}道",
        "{scope} · question set {seed} · {built} questions built, {edited} edited, "
        "{dropped} dropped",
    ),
    "study.metric_items": ("试题", "Quiz items"),
    "study.metric_provisions": ("重点条款", "Key provisions"),
    "study.metric_terms": ("术语", "Defined terms"),
    "study.metric_duties": ("义务", "Duties"),
    "study.metric_figures": ("数字要点", "Figures"),
    "study.gate": (
        "质量检查：生成的{candidates}道试题中{passed}道通过（答案由所引条文明确规定，干扰项均非"
        "条文所述，题干不泄露答案），仅提供通过的试题。",
        "Quality check: {passed} of {candidates} generated questions passed (the answer is "
        "stated by the cited article, no wrong option is, the question does not give the answer "
        "away); only those are offered.",
    ),
    "study.download": ("**下载**（含修改和删除）", "**Download** (edits and drops included)"),
    "study.download_docx": ("讲义（DOCX）", "Handout (DOCX)"),
    "study.download_md": ("讲义（Markdown）", "Handout (Markdown)"),
    "study.download_apkg": ("Anki 卡片（.apkg）", "Anki deck (.apkg)"),
    "study.download_xlsx": ("题库（XLSX）", "Question bank (XLSX)"),
    "study.tab_quiz": ("试题（{count}）", "Quiz ({count})"),
    "study.tab_provisions": ("重点条款", "Key provisions"),
    "study.tab_outline": ("提纲", "Outline"),
    "study.tab_terms": ("术语定义", "Defined terms"),
    "study.tab_duties": ("主体义务", "Duties by bearer"),
    "study.tab_figures": ("数字要点", "Figures to remember"),
    "study.no_items": (
        "这些条款无法生成所选题型的试题。",
        "No question of the chosen types could be made from these articles.",
    ),
    "study.no_items_no_types": (
        "未选择题型，本学习资料不含试题。如需试题，请在“题型”中至少选择一种，再生成。",
        "No question type was chosen, so this pack has no quiz. Choose at least one type under "
        "Question types and build again.",
    ),
    "study.no_items_no_count": (
        "试题数量为0，本学习资料不含试题。如需试题，请填写试题数量，再生成。",
        "The number of quiz items is 0, so this pack has no quiz. Enter a number and build again.",
    ),
    "study.check_items": (
        "请逐题检查；可以修改，或从下载中删除。",
        "Check each question; edit it, or drop it from the downloads.",
    ),
    "study.edited": ("已修改", "edited"),
    "study.dropped": ("已删除", "dropped"),
    "study.item_head": (
        "**{n}. {type}**{tags} · 难度{difficulty}/3 · 出处：{source}",
        "**{n}. {type}**{tags} · difficulty {difficulty} of 3 · source {source}",
    ),
    "study.left_out": ("不计入下载。", "Left out of the downloads."),
    "study.restore": ("恢复", "Restore"),
    "study.saved_restored": (
        "已恢复您上次对本试题包保存的修改：修改{edited}道，删除{dropped}道。",
        "Your last saved changes to this pack are back: {edited} edited, {dropped} dropped.",
    ),
    "study.start_over": ("从原题开始", "Start from the original items"),
    "study.drop": ("删除", "Drop"),
    "study.edit": ("修改此题", "Edit this item"),
    "study.not_saved": ("未保存：{problem}", "Not saved: {problem}"),
    "study.answer_badge": ("答案", "answer"),
    "study.answer_line": ("答案：**{answer}**", "Answer: **{answer}**"),
    "study.question": ("题干", "Question"),
    "study.option": ("选项{letter}", "Option {letter}"),
    "study.answer": ("答案", "Answer"),
    "study.answer_fill": ("答案（填入{blank}处的文字）", "Answer (the words for {blank})"),
    "study.explanation": ("解析", "Explanation"),
    "study.explanation_help": (
        "请保留“……”中对条文的引用：检查时据此核对。",
        "Keep the quotation of the article in “…”: the check looks for it there.",
    ),
    "study.edit_rule": (
        "修改只有在答案仍由条文明确规定、干扰项均非条文所述、题干不泄露答案时才会保存。",
        "The change is kept only if the answer is still stated by the article, no wrong option "
        "is, and the question does not give the answer away.",
    ),
    "study.save_edit": ("保存修改", "Save the change"),
    "study.provisions_caption": (
        "最值得学习的条款（义务、核心规则和罚则兼顾），不含近似重复。",
        "The articles with the most to learn (duties, core rules and penalties balanced), "
        "without near-duplicates.",
    ),
    "study.outline_caption": (
        "按章节和条文顺序排列的学习条款。",
        "The pack's articles under their chapters, in the text's order.",
    ),
    "study.no_terms": ("这些条款没有定义术语。", "These articles define no terms."),
    "study.col_term": ("术语", "term"),
    "study.col_means": ("含义", "means"),
    "study.col_source": ("出处", "source"),
    "study.no_duties": (
        "这些条款中没有注明义务主体的义务。",
        "No duty with a named bearer in these articles.",
    ),
    "study.duties_caption": (
        "谁应当、不得或可以做什么；展开主体查看其义务。",
        "Who must, must not or may do what; open a bearer to see its duties.",
    ),
    "study.figures_caption": (
        "罚款、期限和数量标准，各附所在语句。",
        "Fines, time limits and thresholds, each with its sentence.",
    ),
    "study.col_figure": ("数字", "figure"),
    "study.col_kind": ("类别", "kind"),
    "study.col_sentence": ("语句", "sentence"),
    # what changed
    "study.no_versions": ("法规库中还没有两个版本的文件。", "No text has two versions yet."),
    "study.changes_caption": (
        "比较一部文件的两个版本：逐条列出培训需要更新的内容。",
        "Compare two versions of a text: what a course must update, article by article.",
    ),
    "study.text": ("文件", "Text"),
    "study.old_version": ("旧版本", "Old version"),
    "study.new_version": ("新版本", "New version"),
    "study.same_versions": ("请选择两个不同的版本。", "Choose two different versions."),
    "study.count_changed": ("修改", "Changed"),
    "study.count_added": ("新增", "Added"),
    "study.count_removed": ("删除", "Removed"),
    "study.count_renumbered": ("条号变化", "Renumbered"),
    "study.count_unchanged": ("未变", "Unchanged"),
    "study.counts_caption": (
        "条文按内容对应，条号变化但条文未变的计为未变。",
        "Articles are matched across renumbering; a renumbered article with the same text "
        "counts as unchanged.",
    ),
    "study.briefing": ("修订要点", "Briefing"),
    "study.briefing_caption": (
        "实质性修改：数字变化、新增义务、新增和删除的条款。",
        "The substantive changes: changed figures, new duties, added and removed articles.",
    ),
    "study.no_change": ("没有实质性修改。", "No substantive change."),
    "study.download_briefing_docx": ("修订要点（DOCX）", "Briefing (DOCX)"),
    "study.download_briefing_md": ("修订要点（Markdown）", "Briefing (Markdown)"),
    "study.change_questions": ("修订内容试题（{count}）", "Questions about the changes ({count})"),
    "study.no_change_questions": (
        "没有可以出题的数字变化。",
        "No changed figure could be asked about.",
    ),
    "study.change_item_head": (
        "**{n}. {type}** · 出处：{source}",
        "**{n}. {type}** · source {source}",
    ),
    "study.word_diffs": (
        "逐条逐字对照（{count}条）",
        "Every changed article, word by word ({count})",
    ),
    "study.diff_caption": (
        "红色删除线：删去的文字；绿色：新增的文字。",
        "Struck through in red: taken out; in green: put in.",
    ),
}
