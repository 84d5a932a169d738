"""The Ingest page: uploads, a server folder, new versions waiting for an admin, the jobs."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "intake.caption": (
        "支持 PDF、DOCX、HTML、TXT 和 Markdown，每个文件不超过 {mb} MB。每个文件都有结果——"
        "成功、部分成功或失败——并列出发现的问题。法规库中已有的文件保持不变；内容有变化的文件"
        "作为新版本保存。",
        "PDF, DOCX, HTML, TXT or Markdown, up to {mb} MB each. Every file gets a result — OK, "
        "PARTIAL or FAILED — with what was found. A file already in the library is left as it "
        "is; a changed one becomes a new version.",
    ),
    "intake.caption_confirm": (
        "您上传的新版本须经管理员确认后才生效、才出现在检索结果中。",
        "A new version you send is confirmed by an admin before it comes into force or into "
        "search results.",
    ),
    "intake.files": ("要导入的文件", "Files to add"),
    "intake.send": ("导入文件", "Ingest files"),
    "intake.choose_first": ("请先选择至少一个文件。", "Choose at least one file first."),
    "intake.started": ("正在后台导入{count}个文件", "Ingesting {count} file(s) in the background"),
    "intake.started_one": ("正在后台导入 {name}", "Ingesting {name} in the background"),
    "intake.waiting": (
        "待管理员确认的新版本（{count}）",
        "New versions waiting for an admin ({count})",
    ),
    "intake.waiting_line": (
        "**{title}** · 版本 {version} · {provisions}个条款 · 来自 {file} · {by} 于 {at} 上传",
        "**{title}** · version {version} · {provisions} provisions · from {file} by {by} at {at}",
    ),
    "intake.undated": ("未注明日期", "undated"),
    "intake.waiting_note": (
        "现行版本：{current}。确认之前，它既不生效，也不出现在检索结果中。",
        "In force now: {current}. Until confirmed it is neither in force nor a search result.",
    ),
    "intake.confirm": ("确认", "Confirm"),
    "intake.reject": ("驳回", "Reject"),
    "intake.folder_title": (
        "导入服务器上的文件夹（管理员）",
        "Ingest a folder on the server (admins)",
    ),
    "intake.folder": ("服务器上的文件夹路径", "Folder path on the server"),
    "intake.folder_send": ("导入文件夹", "Ingest folder"),
    "intake.no_folder": ("服务器上没有文件夹 {path}。", "No folder {path} on the server."),
    "intake.recent": ("最近的导入", "Recent ingests"),
    "intake.none_yet": ("应用启动以来尚未导入文件。", "No ingest has run since the app started."),
    "intake.job_line": (
        "{state} **{label}** · {owner} · {at}",
        "{state} **{label}** · by {owner} · {at}",
    ),
    "intake.job.queued": ("排队中", "queued"),
    "intake.job.running": ("进行中", "running"),
    "intake.job.done": ("已完成", "done"),
    "intake.job.failed": ("失败", "failed"),
    "intake.job.partial": ("部分失败", "some files failed"),
    "intake.stage": ("{stage}：{done}/{total}", "{stage}: {done} of {total}"),
    "intake.files_failed": (
        "{count}个文件导入失败——见下表中的问题。",
        "{count} file(s) failed — see the findings below.",
    ),
    "intake.result.OK": ("成功", "OK"),
    "intake.result.PARTIAL": ("部分成功", "PARTIAL"),
    "intake.result.FAILED": ("失败", "FAILED"),
    "intake.column_file": ("文件", "file"),
    "intake.column_status": ("结果", "status"),
    "intake.column_document": ("文件编号", "document"),
    "intake.column_provisions": ("条款数", "provisions"),
    "intake.column_new": ("变化", "new"),
    "intake.column_findings": ("发现的问题", "findings"),
    "intake.pending": ("待确认 #{id}", "pending #{id}"),
    "intake.new": ("新增", "new"),
    "intake.unchanged": ("未变", "unchanged"),
    "intake.waiting_admin": ("待管理员确认", "waiting for an admin"),
    "intake.stage.waiting": ("等待", "waiting"),
    "intake.stage.starting": ("开始", "starting"),
    "intake.stage.ingesting": ("导入", "ingesting"),
    "intake.stage.keyword index": ("关键词索引", "keyword index"),
    "intake.stage.embedding": ("语义向量", "embedding"),
    "intake.stage.vector index": ("向量索引", "vector index"),
    "intake.stage.finished": ("完成", "finished"),
    # the ingest findings (codes of ingest.errors.FINDING_CODES): a name, and what the code
    # means, shown for each finding in Chinese; the English interface shows the code and the
    # stored English message, which names the file and the place
    "finding.INGEST_EMPTY_FILE": ("空文件", "empty file"),
    "ingest_finding.INGEST_EMPTY_FILE": (
        "文件为空或没有可读取的文字。",
        "The file has no bytes or no text at all.",
    ),
    "finding.INGEST_UNSUPPORTED_FORMAT": ("不支持的格式", "unsupported format"),
    "ingest_finding.INGEST_UNSUPPORTED_FORMAT": (
        "不支持此类文件，请使用 PDF、DOCX、HTML、TXT 或 Markdown。",
        "No reader for this file type.",
    ),
    "finding.INGEST_CORRUPT_FILE": ("文件已损坏", "damaged file"),
    "ingest_finding.INGEST_CORRUPT_FILE": (
        "文件已损坏，或与其扩展名所示的格式不符。",
        "The file is damaged or not what its name says.",
    ),
    "finding.INGEST_ENCRYPTED": ("PDF 已加密", "encrypted PDF"),
    "ingest_finding.INGEST_ENCRYPTED": (
        "PDF 已加密，请解密后重新导入。",
        "The PDF is encrypted; decrypt it and ingest again.",
    ),
    "finding.INGEST_NO_TEXT_LAYER": ("无文字层", "no text layer"),
    "ingest_finding.INGEST_NO_TEXT_LAYER": (
        "PDF 有页面没有文字层（扫描图片），本系统不做文字识别，该页内容未导入。",
        "A PDF page has no text layer (scanned image); there is no OCR here.",
    ),
    "finding.INGEST_UNREADABLE_TEXT": ("文字无法读取", "unreadable text"),
    "ingest_finding.INGEST_UNREADABLE_TEXT": (
        "PDF 有页面的文字是字体编码而非可读文字，该页内容未导入。",
        "A PDF page's text is font glyph codes, (cid:N), not readable text; left out.",
    ),
    "finding.INGEST_XML_ENTITIES": ("不安全的 XML", "unsafe XML"),
    "ingest_finding.INGEST_XML_ENTITIES": (
        "文件中的 XML 含有文档类型或实体声明，为安全起见拒绝导入。",
        "XML with a DOCTYPE or entity declarations.",
    ),
    "finding.INGEST_ZIP_BOMB": ("解压后过大", "expands too far"),
    "ingest_finding.INGEST_ZIP_BOMB": (
        "文件解压后超过大小限制，拒绝导入。",
        "The archive expands past the size limit.",
    ),
    "finding.INGEST_TOO_LARGE": ("文件过大", "file too large"),
    "ingest_finding.INGEST_TOO_LARGE": (
        "文件超过大小限制。",
        "The file is larger than the size limit.",
    ),
    "finding.INGEST_TIMEOUT": ("解析超时", "parsing timed out"),
    "ingest_finding.INGEST_TIMEOUT": (
        "解析时间超过限制，已停止。",
        "Parsing took longer than the time limit and was stopped.",
    ),
    "finding.INGEST_MEMORY_LIMIT": ("内存不足", "memory limit"),
    "ingest_finding.INGEST_MEMORY_LIMIT": (
        "解析所需内存超过限制，已停止。",
        "Parsing needed more memory than the limit.",
    ),
    "finding.INGEST_PARSER_CRASHED": ("解析出错", "parser failed"),
    "ingest_finding.INGEST_PARSER_CRASHED": (
        "解析程序意外出错，文件未导入。",
        "The parser failed unexpectedly.",
    ),
    "finding.INGEST_ENCODING_GUESSED": ("编码为推测", "encoding guessed"),
    "ingest_finding.INGEST_ENCODING_GUESSED": (
        "文件未声明文字编码，系统自动识别了编码。",
        "The text encoding was detected, not declared.",
    ),
    "finding.INGEST_DECODE_ERRORS": ("部分字符无法解码", "decode errors"),
    "ingest_finding.INGEST_DECODE_ERRORS": (
        "部分字节无法解码，已用替代字符代替，请核对原文。",
        "Some bytes could not be decoded and were replaced.",
    ),
    "finding.INGEST_NO_STRUCTURE": ("未识别出条文结构", "no structure"),
    "ingest_finding.INGEST_NO_STRUCTURE": (
        "未识别出章、节、条等结构，全文按段落保存。",
        "No chapters, articles or parts were recognised; the text is kept as paragraphs.",
    ),
    "finding.INGEST_DUPLICATE_HEADING": ("标题行重复", "repeated heading"),
    "ingest_finding.INGEST_DUPLICATE_HEADING": (
        "重复上一行的 Markdown 标题行已与之合并。",
        "Markdown heading lines that repeat the line before them were folded into it.",
    ),
    "finding.INGEST_DUPLICATE_NUMBER": ("条文序号重复", "number repeats"),
    "ingest_finding.INGEST_DUPLICATE_NUMBER": (
        "有条文序号重复，后一条的编号加“~2”以示区别。",
        "A number repeats; the later one gets ~2.",
    ),
    "finding.INGEST_NUMBERING_GAP": ("序号不连续", "numbering gap"),
    "ingest_finding.INGEST_NUMBERING_GAP": (
        "条文序号有跳号或倒序。",
        "Numbering skips or goes backwards.",
    ),
    "finding.INGEST_TRAILING_TEXT": ("正文后有附加文字", "trailing text"),
    "ingest_finding.INGEST_TRAILING_TEXT": (
        "正文之后有不属于正文的文字（如网页页脚），已另行保存。",
        "Text after the body that is not part of it (e.g. web boilerplate); kept as trailer.",
    ),
    "finding.INGEST_HEADERS_REMOVED": ("已去除页眉页脚", "headers removed"),
    "ingest_finding.INGEST_HEADERS_REMOVED": (
        "已去除 PDF 页面的页眉、页脚和页码。",
        "Running headers, footers or page numbers were removed from PDF pages.",
    ),
    "finding.INGEST_TABLE_AS_TEXT": ("表格按文字保存", "table as text"),
    "ingest_finding.INGEST_TABLE_AS_TEXT": (
        "表格已按文字行保存，单元格以“|”分隔。",
        "Tables were kept as text rows, cells joined by |.",
    ),
    "finding.INGEST_LONG_LINE": ("单行过长", "very long line"),
    "ingest_finding.INGEST_LONG_LINE": (
        "有一行文字过长，文件可能已损坏。",
        "A single line is very long; the file may be damaged.",
    ),
    "finding.INGEST_METADATA_MISSING": ("缺少元数据", "metadata missing"),
    "ingest_finding.INGEST_METADATA_MISSING": (
        "有元数据项（如发文字号、日期）未能从正文中读出。",
        "A metadata field could not be read from the text.",
    ),
    "finding.INGEST_UNCHANGED": ("文件未变", "unchanged"),
    "ingest_finding.INGEST_UNCHANGED": (
        "此文件此前已导入，内容未变，无需处理。",
        "The same file was ingested before; nothing changed.",
    ),
    "finding.INGEST_NEW_VERSION": ("新版本", "new version"),
    "ingest_finding.INGEST_NEW_VERSION": (
        "这是法规库中已有法规的新版本。",
        "Stored as a new version of a text already ingested.",
    ),
    "intake.list_sep": ("、", ", "),
}
