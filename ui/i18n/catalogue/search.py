"""Words of the search page (ui/views/search.py and ui/views/search_regions.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "search.title": ("法规检索", "Search"),
    "search.box": ("检索条文", "Search articles"),
    "search.placeholder": (
        "输入问题、关键词或条文引用（如 安全生产法第二十一条），中英文均可",
        "A question, words, or a citation (安全生产法第二十一条), in Chinese or English",
    ),
    "search.examples": ("示例", "Try"),
    # the example queries: each language's own, all answered by the sample library
    "search.example.report": ("事故发生后多长时间内报告", "How soon must an accident be reported?"),
    "search.example.training": ("安全生产教育和培训", "safety training for workers"),
    "search.example.citation": ("示例安全生产法第二十一条", "Article 21 of the Work Safety Act"),
    "search.example.refuse": (
        "从业人员可以拒绝违章指挥吗",
        "Who may refuse orders that violate safety rules?",
    ),
    "search.example.fines": ("未按规定报告事故如何处罚", "fines for failing to report an accident"),
    "search.empty_library": (
        "法规库为空。管理员或审查员可在“文件入库”页面添加文件。",
        "The library is empty. An admin or reviewer can add documents on the Ingest page.",
    ),
    "search.any": ("不限", "Any"),
    "search.filters": ("筛选条件", "Filters"),
    "search.level": ("效力级别", "Level"),
    "search.region": ("地区", "Region"),
    "search.status": ("时效性", "Status"),
    "search.status_help": (
        "填写“某日有效”日期时不适用",
        "Ignored when searching the versions in force on a date",
    ),
    "search.status.in_force": ("现行有效", "In force"),
    "search.status.not_yet_in_force": ("尚未生效", "Not yet in force"),
    "search.status.superseded": ("已修改（旧版本）", "Superseded"),
    "search.status.repealed": ("已废止", "Repealed"),
    "search.status.any": ("全部", "Any status"),
    "search.documents": ("限定文件", "Documents"),
    "search.on_date": ("某日有效", "In force on a date"),
    "search.on_date_placeholder": ("如 2020-01-01 或 2020年1月1日", "e.g. 2020-01-01"),
    "search.on_date_help": (
        "检索该日有效的版本（1949年10月1日以后）；留空则不按日期",
        "The versions in force on that day (from 1949-10-01); leave empty for none",
    ),
    "search.bad_date": (
        "“某日有效”的日期无效：{value}。请按 2020-01-01 或 2020年1月1日 的格式"
        "填写 {first} 以后的日期。",
        "The date {value} is not valid: write a day after {first} as 2020-01-01.",
    ),
    "search.language": ("语言", "Language"),
    "search.language.any": ("不限", "any"),
    "search.language.zh": ("中文", "Chinese"),
    "search.language.en": ("英文", "English"),
    "search.results": ("结果数", "Results"),
    "search.hint": (
        "法规库共 {count} 件文件。输入问题或选择示例；可按效力级别、地区、时效性或日期筛选。",
        "{count} documents in the library. Type a question or pick an example; filters narrow "
        "by level, region, status or date.",
    ),
    "search.unavailable": ("检索暂不可用：{error}", "Search is not available: {error}"),
    "search.tab_articles": ("条文", "Articles"),
    "search.tab_regions": ("各地比对", "Across regions"),
    "search.found": ("找到 {count} 条", "{count} articles"),
    "search.version": ("版本 {date}", "version {date}"),
    "search.undated": ("未注明日期", "undated"),
    "search.reference": ("引用直达", "cited article"),
    "search.open": ("在原文中打开", "Open in document"),
    "search.other_regions": ("各地规定", "Other regions"),
    "search.full_article": ("条文全文", "Full article"),
    "search.no_match": (
        "没有匹配的条文。请放宽筛选条件或换个说法。",
        "No article matches. Widen the filters, or try other words.",
    ),
    "search.download_csv": ("下载表格（CSV）", "Download CSV"),
    "search.download_xlsx": ("下载表格（XLSX）", "Download XLSX"),
    "search.regions_article": (
        "各地规章如何规定 **{label}**：",
        "How each region's rule words **{label}**:",
    ),
    "search.regions_query": (
        "各地规章如何规定 **{query}**：",
        "How each region's rule treats **{query}**:",
    ),
    "search.regions_back": ("回到检索词", "Back to the query"),
    "search.regions_none": (
        "法规库中没有匹配的地方性规定。",
        "No local rule in the library matches.",
    ),
    "search.regions_count": ("{count} 个地区", "{count} regions"),
    "search.col.region": ("地区", "region"),
    "search.col.document": ("文件", "document"),
    "search.col.article": ("条文", "article"),
    "search.col.fines": ("罚款", "fines"),
    "search.col.limits": ("时限", "time limits"),
    "search.col.text": ("条文内容", "text"),
    "search.col.open": ("打开", "open"),
    "search.col.rank": ("序号", "rank"),
    "search.col.title": ("标题", "title"),
    "search.col.number": ("条号", "number"),
    "search.col.heading_path": ("章节", "heading path"),
    "search.col.status": ("时效性", "status"),
    "search.col.version_date": ("版本日期", "version date"),
    "search.col.level": ("效力级别", "level"),
    "search.col.document_id": ("文件编号", "document id"),
    "search.col.provision_id": ("条文编号", "provision id"),
    "search.export_name": ("法规检索结果", "search-results"),
    "search.regions_export_name": ("各地规定比对", "regions"),
    "search.none_figure": ("—", "—"),
    "search.dense_partial": (
        "按语义检索的部分目前只覆盖{held}/{units}条条文，其余条文暂时只能按关键词找到，"
        "待其向量生成后即可（导入仍在进行，或由管理员重建索引）。",
        "The meaning-based (dense) side of search covers {held} of {units} articles so far; the "
        "others are found by keywords only until their vectors are added (an ingest still "
        "embedding, or an index rebuild by an admin).",
    ),
}
