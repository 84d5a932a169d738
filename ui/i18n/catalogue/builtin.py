"""Streamlit's own words, which it has no way to translate: the file uploader, the status widget,
the main menu, the "Page not found" dialog, the sidebar and the screen-reader labels of widgets.

Each English text is exactly what Streamlit 1.67 writes (read from its frontend bundle and from
the pages in a browser); ``{value}`` stands for the part Streamlit fills in (a widget's label, a
size limit), ``{number}`` for digits only (a file's size). The app's page script
(:func:`ui.language.builtin_texts`) swaps these texts, and only these, for the Chinese ones
while the interface is Chinese. A Streamlit upgrade that rewords a
text shows as English again and is caught by ``tests/ui/test_browser_shell.py``.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the file uploader
    "builtin.upload": ("上传", "Upload"),
    "builtin.add_files": ("添加文件", "Add files"),
    "builtin.per_file": ("每个文件不超过 {value}", "{value} per file"),
    "builtin.drop_files": ("将文件拖放到此处", "Drag and drop files here"),
    "builtin.drop_file": ("将文件拖放到此处", "Drag and drop a file here"),
    "builtin.drop_file_old": ("将文件拖放到此处", "Drag and drop file here"),
    "builtin.browse_files": ("选择文件", "Browse files"),
    "builtin.limit_per_file": ("每个文件不超过 {value}", "Limit {value} per file"),
    "builtin.file_upload": ("上传文件", "file upload"),
    "builtin.remove_file": ("移除文件", "Remove file"),
    "builtin.uploading": ("正在上传…", "Uploading..."),
    "builtin.file_too_large": ("文件不能超过 {value}。", "File must be {value} or smaller."),
    "builtin.file_type": ("不支持的文件类型：{value}", "{value} files are not allowed."),
    "builtin.upload_failed": ("上传失败", "Upload failed"),
    "builtin.retry_upload": ("点击重新上传", "Click to retry upload"),
    "builtin.cancel_upload": ("取消上传{value}", "Cancel upload of {value}"),
    # a file's size on its chip ("38.0B", "1.0KB"): {number} is filled with digits only
    "builtin.size_b": ("{number} 字节", "{number}B"),
    "builtin.size_kb": ("{number} KB", "{number}KB"),
    "builtin.size_mb": ("{number} MB", "{number}MB"),
    "builtin.size_gb": ("{number} GB", "{number}GB"),
    # a chosen file's screen-reader label: its name ({value}, the user's) and its size
    "builtin.file_size_b": ("{value}，{number} 字节", "{value}, {number}B"),
    "builtin.file_size_kb": ("{value}，{number} KB", "{value}, {number}KB"),
    "builtin.file_size_mb": ("{value}，{number} MB", "{value}, {number}MB"),
    "builtin.file_size_gb": ("{value}，{number} GB", "{value}, {number}GB"),
    # the "+" button beside the chosen files: its hidden label is its Material icon's name
    "builtin.add_icon": ("添加文件", "add icon"),
    # the kinds of file an uploader takes, as Streamlit lists them after the size limit: the
    # library's (index.library.changes.ACCEPTED_SUFFIXES) and the task list's import
    "builtin.types_library": ("• PDF、DOCX、HTML、TXT、MD", "• PDF, DOCX, HTML, TXT, MD"),
    "builtin.types_task_import": ("• XLSX、CSV、DOCX", "• XLSX, CSV, DOCX"),
    # the status widget while a page runs
    "builtin.running": ("正在运行…", "Running..."),
    "builtin.stop": ("停止", "Stop"),
    "builtin.stopping": ("正在停止…", "Stopping..."),
    "builtin.rerun": ("重新运行", "Rerun"),
    "builtin.always_rerun": ("总是重新运行", "Always rerun"),
    "builtin.file_change": ("文件已更改。", "File change."),
    "builtin.connecting": ("正在连接", "Connecting"),
    "builtin.please_wait": ("请稍候…", "Please wait..."),
    "builtin.connection_error": ("连接错误", "Connection error"),
    # the main menu (hidden by client.toolbarMode = "minimal"; kept in case it shows)
    "builtin.main_menu": ("主菜单", "Main menu"),
    "builtin.settings": ("设置", "Settings"),
    "builtin.print": ("打印", "Print"),
    "builtin.screencast": ("录制屏幕", "Record a screencast"),
    "builtin.about": ("关于", "About"),
    "builtin.clear_cache": ("清除缓存", "Clear cache"),
    "builtin.clear_caches": ("清除缓存", "Clear caches"),
    "builtin.get_help": ("获取帮助", "Get help"),
    "builtin.report_bug": ("报告问题", "Report a bug"),
    "builtin.cancel": ("取消", "Cancel"),
    # "Page not found" and other dialogs
    "builtin.page_not_found": ("页面不存在", "Page not found"),
    "builtin.page_not_found_text": (
        "您要打开的页面不存在，已转到应用首页。",
        "The page that you have requested does not seem to exist. Running the app's main page.",
    ),
    "builtin.close": ("关闭", "Close"),
    "builtin.dismiss": ("关闭", "Dismiss"),
    # the shell: skip link, sidebar, navigation, headings
    "builtin.skip": ("跳到正文", "Skip to main content"),
    "builtin.sidebar": ("侧边栏", "Sidebar"),
    "builtin.collapse_sidebar": ("收起侧边栏", "Collapse sidebar"),
    "builtin.expand_sidebar": ("展开侧边栏", "Expand sidebar"),
    "builtin.app_pages": ("应用页面", "App pages"),
    "builtin.view_less": ("收起", "View less"),
    "builtin.view_more": ("再显示{value}项", "View {value} more"),
    "builtin.link_to_heading": ("链接到此标题", "Link to heading"),
    "builtin.notifications": ("通知", "Notifications"),
    "builtin.scroll_tabs_left": ("向左滚动标签", "Scroll tabs left"),
    "builtin.scroll_tabs_right": ("向右滚动标签", "Scroll tabs right"),
    # widgets' screen-reader labels and placeholders
    "builtin.help": ("说明", "Help"),
    "builtin.help_for": ("{value}的说明", "Help for {value}"),
    "builtin.choose_option": ("请选择", "Choose an option"),
    "builtin.choose_options": ("请选择", "Choose options"),
    "builtin.no_results": ("无匹配结果", "No results"),
    # a select box that takes a typed option (the users page's 单位): the typed text offered
    "builtin.add_option": ("添加：{value}", "Add: {value}"),
    "builtin.clear_all": ("全部清除", "Clear all"),
    "builtin.clear_value": ("清除", "Clear value"),
    "builtin.selected_values": ("已选项", "Selected values"),
    "builtin.remove": ("移除{value}", "Remove {value}"),
    "builtin.open": ("展开", "Open"),
    "builtin.increment": ("增加", "Increment"),
    "builtin.decrement": ("减少", "Decrement"),
    "builtin.show_password": ("显示密码", "Show password"),
    "builtin.hide_password": ("隐藏密码", "Hide password"),
    "builtin.range_start": ("{value}——起", "{value} — start"),
    "builtin.range_end": ("{value}——止", "{value} — end"),
    # what a select box says to a screen reader as it opens or a choice is made (React Aria's
    # combobox texts, read out from its live region) and the progress bar's label
    "builtin.options_available": ("共有{value}个选项。", "{value} options available."),
    "builtin.option_available": ("共有{value}个选项。", "{value} option available."),
    "builtin.option_selected": ("{value}，已选中", "{value}, selected"),
    "builtin.show_suggestions": ("显示选项", "Show suggestions"),
    "builtin.suggestions": ("选项", "Suggestions"),
    "builtin.progress": ("进度", "progress"),
    # the hint under a text field being typed in (one text each: Streamlit writes it whole)
    "builtin.enter_submit": ("按回车键提交", "Press Enter to submit form"),
    "builtin.enter_apply": ("按回车键确认", "Press Enter to apply"),
    "builtin.cmd_enter_submit": ("按 ⌘+回车键提交", "Press ⌘+Enter to submit form"),
    "builtin.cmd_enter_apply": ("按 ⌘+回车键确认", "Press ⌘+Enter to apply"),
    "builtin.ctrl_enter_submit": ("按 Ctrl+回车键提交", "Press Ctrl+Enter to submit form"),
    "builtin.ctrl_enter_apply": ("按 Ctrl+回车键确认", "Press Ctrl+Enter to apply"),
    # the date field: its calendar button and popup, and its year/month/day parts, which
    # Streamlit names in English ("year, 统计日期": the part's name, then the field's label)
    "builtin.choose_date": ("选择日期", "Choose date"),
    "builtin.choose_date_range": ("选择日期范围", "Choose date range"),
    "builtin.clear_date": ("清除日期", "Clear date"),
    "builtin.clear_dates": ("清除日期", "Clear dates"),
    "builtin.calendar_keys": (
        "用方向键选择日期，按回车键确定，按退出键关闭。",
        "Use arrow keys to navigate dates. Enter to select. Escape to close.",
    ),
    "builtin.date_year": ("年，{value}", "year, {value}"),
    "builtin.date_month": ("月，{value}", "month, {value}"),
    "builtin.date_day": ("日，{value}", "day, {value}"),
    # the calendar's grid and heading ("Choose date, 2026年12月": the month as the browser
    # writes it) and the live text after a day is picked
    "builtin.choose_date_month": ("选择日期，{value}", "Choose date, {value}"),
    "builtin.choose_date_range_month": ("选择日期范围，{value}", "Choose date range, {value}"),
    # (the day picked, in a hidden description that en-US writes "December 08, 2026")
    "builtin.selected_date": ("已选日期：{value}", "Selected Date: {value}"),
    "builtin.selected_date_01": (
        "已选日期：{number}年1月{value}日",
        "Selected Date: January {value}, {number}",
    ),
    "builtin.selected_date_02": (
        "已选日期：{number}年2月{value}日",
        "Selected Date: February {value}, {number}",
    ),
    "builtin.selected_date_03": (
        "已选日期：{number}年3月{value}日",
        "Selected Date: March {value}, {number}",
    ),
    "builtin.selected_date_04": (
        "已选日期：{number}年4月{value}日",
        "Selected Date: April {value}, {number}",
    ),
    "builtin.selected_date_05": (
        "已选日期：{number}年5月{value}日",
        "Selected Date: May {value}, {number}",
    ),
    "builtin.selected_date_06": (
        "已选日期：{number}年6月{value}日",
        "Selected Date: June {value}, {number}",
    ),
    "builtin.selected_date_07": (
        "已选日期：{number}年7月{value}日",
        "Selected Date: July {value}, {number}",
    ),
    "builtin.selected_date_08": (
        "已选日期：{number}年8月{value}日",
        "Selected Date: August {value}, {number}",
    ),
    "builtin.selected_date_09": (
        "已选日期：{number}年9月{value}日",
        "Selected Date: September {value}, {number}",
    ),
    "builtin.selected_date_10": (
        "已选日期：{number}年10月{value}日",
        "Selected Date: October {value}, {number}",
    ),
    "builtin.selected_date_11": (
        "已选日期：{number}年11月{value}日",
        "Selected Date: November {value}, {number}",
    ),
    "builtin.selected_date_12": (
        "已选日期：{number}年12月{value}日",
        "Selected Date: December {value}, {number}",
    ),
    "builtin.next_month": ("下个月", "Next month"),
    "builtin.previous_month": ("上个月", "Previous month"),
    # the toolbar of tables and charts
    "builtin.download_csv": ("下载 CSV", "Download as CSV"),
    "builtin.search": ("搜索", "Search"),
    "builtin.fullscreen": ("全屏", "Fullscreen"),
    "builtin.close_fullscreen": ("退出全屏", "Close fullscreen"),
    "builtin.show_hide_columns": ("显示/隐藏列", "Show/hide columns"),
    "builtin.copy": ("复制", "Copy"),
    "builtin.show_data": ("显示数据", "Show data"),
    "builtin.show_chart": ("显示图表", "Show chart"),
    "builtin.download_png": ("下载为图片", "Download as PNG"),
    "builtin.copy_chart_spec": ("复制图表定义", "Copy Vega-Lite spec"),
    "builtin.copied": ("已复制", "Copied!"),
    "builtin.chart": ("图表", "Vega visualization"),
    # what a screen reader calls every Vega chart (its root's aria-roledescription)
    "builtin.chart_role": ("图表", "visualization"),
    # ... and its parts' (Vega writes "symbol mark container" even with aria off)
    "builtin.chart_axis": ("坐标轴", "axis"),
    "builtin.chart_legend": ("图例", "legend"),
    "builtin.chart_title": ("标题", "title"),
    "builtin.chart_subtitle": ("副标题", "subtitle"),
    "builtin.mark_arc": ("扇形标记", "arc mark"),
    "builtin.mark_arc_container": ("扇形标记组", "arc mark container"),
    "builtin.mark_area": ("面积标记", "area mark"),
    "builtin.mark_area_container": ("面积标记组", "area mark container"),
    "builtin.mark_group": ("图层标记", "group mark"),
    "builtin.mark_group_container": ("图层标记组", "group mark container"),
    "builtin.mark_image": ("图片标记", "image mark"),
    "builtin.mark_image_container": ("图片标记组", "image mark container"),
    "builtin.mark_line": ("折线标记", "line mark"),
    "builtin.mark_line_container": ("折线标记组", "line mark container"),
    "builtin.mark_path": ("路径标记", "path mark"),
    "builtin.mark_path_container": ("路径标记组", "path mark container"),
    "builtin.mark_rect": ("矩形标记", "rect mark"),
    "builtin.mark_rect_container": ("矩形标记组", "rect mark container"),
    "builtin.mark_rule": ("参考线标记", "rule mark"),
    "builtin.mark_rule_container": ("参考线标记组", "rule mark container"),
    "builtin.mark_shape": ("形状标记", "shape mark"),
    "builtin.mark_shape_container": ("形状标记组", "shape mark container"),
    "builtin.mark_symbol": ("数据点标记", "symbol mark"),
    "builtin.mark_symbol_container": ("数据点标记组", "symbol mark container"),
    "builtin.mark_text": ("文字标记", "text mark"),
    "builtin.mark_text_container": ("文字标记组", "text mark container"),
    "builtin.mark_trail": ("轨迹标记", "trail mark"),
    "builtin.mark_trail_container": ("轨迹标记组", "trail mark container"),
}
