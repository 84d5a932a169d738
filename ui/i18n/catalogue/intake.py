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
}
