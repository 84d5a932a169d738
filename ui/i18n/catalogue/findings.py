"""Finding codes, severities and reviewers' decisions by name (the codes stay the stable ids).

``finding.<CODE>`` for every code of :data:`nlp.review.findings.CODES` (a test checks that each
has a name), ``severity.<level>`` and ``decision.<word>`` for the stored words.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "finding.CHECK_FINE_RANGE": ("罚款幅度不一致", "Fine range differs"),
    "finding.CHECK_FINE_MULTIPLE": ("罚款倍数不一致", "Fine multiple differs"),
    "finding.CHECK_FINE_INCOME_SHARE": ("按收入比例罚款不一致", "Income-share fine differs"),
    "finding.CHECK_FINE_VALUE_SHARE": ("按价值比例罚款不一致", "Value-share fine differs"),
    "finding.CHECK_FINE_MANDATORY": ("可以处罚改为应当处罚", "Permitted fine made mandatory"),
    "finding.CHECK_TIME_LIMIT": ("期限不一致", "Time limit differs"),
    "finding.CHECK_THRESHOLD": ("数量标准不一致", "Threshold differs"),
    "finding.CHECK_FIGURE": ("数值不一致", "Figure differs"),
    "finding.CHECK_MODALITY": ("规范强度不一致（应当/可以）", "Force of the rule changed"),
    "finding.CHECK_DUTY_BODY": ("责任主体不一致", "Duty given to another body"),
    "finding.CHECK_RENAMED_AUTHORITY": ("机构名称已变更", "Authority renamed"),
    "finding.CHECK_CITES_REPEALED": ("引用已废止的法律", "Cites a repealed law"),
    "finding.CHECK_CITES_SUPERSEDED": ("引用已修订的旧版本", "Cites a superseded version"),
    "finding.CHECK_CITES_MISSING_ARTICLE": ("引用的条文不存在", "Cites a missing article"),
    "finding.CHECK_DELEGATION_UNMET": ("上位法授权事项未作规定", "Delegated matter not provided"),
    "finding.CHECK_VERBATIM_COPY": ("照抄上位法", "Copies the upper law"),
    "finding.CHECK_XREF_MISSING": ("援引的本法条文不存在", "Cross-reference to a missing article"),
    "finding.CHECK_XREF_TOPIC": (
        "援引的本法条文与所述行为不符",
        "Cross-reference to an unrelated article",
    ),
    "finding.CHECK_BAN_EXCEPTION": (
        "为上位法的禁止性规定设立例外",
        "Exception to an upper-law ban",
    ),
    "finding.CHECK_SCOPE_NARROWED": ("适用范围窄于上位法", "Scope narrower than the upper law"),
    "finding.CHECK_NUMBERING_GAP": ("条文序号缺漏", "Article numbers skip"),
    "finding.CHECK_NUMBERING_REPEAT": ("条文序号重复", "Article number repeats"),
    "finding.CHECK_TERM_REDEFINED": ("术语定义不一致", "Term defined differently"),
    "finding.CHECK_BASIS_MISMATCH": ("与所对照的上位法不对应", "Not based on this upper law"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
    "decision.open": ("待处理", "open"),
    "decision.all": ("全部", "all"),
    "decision.accepted": ("已采纳", "accepted"),
    "decision.dismissed": ("不予采纳", "dismissed"),
}
