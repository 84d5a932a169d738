"""The words Typer (and the Click it ships) writes itself in the `policylens` command: the
usage line, panel titles, the help option, usage errors and type names, for
:mod:`ui.cli.words`.

Typer 0.29 ships its own copy of Click with these texts written in, not asked of ``gettext``.
Each English text here is exactly Typer's, with ``{name}`` where Typer puts a value, so that
:func:`ui.cli.words.in_language` recognises a message by its English and writes it in Chinese
(values kept); ``cli.click.type.*`` are the type names Typer shows between ``<`` and ``>``.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # help pages
    "cli.click.usage": ("用法： ", "Usage: "),
    "cli.click.options": ("选项", "Options"),
    "cli.click.arguments": ("参数", "Arguments"),
    "cli.click.commands": ("命令", "Commands"),
    "cli.click.help_option": ("显示本帮助并退出。", "Show this message and exit."),
    "cli.click.default": ("[默认：{}]", "[default: {}]"),
    "cli.click.env_var": ("[环境变量：{}]", "[env var: {}]"),
    "cli.click.required": ("[必填]", "[required]"),
    "cli.click.deprecated": ("（已弃用）", "(deprecated) "),
    "cli.click.options_metavar": ("[选项]", "[OPTIONS]"),
    "cli.click.command_metavar": ("命令 [参数]...", "COMMAND [ARGS]..."),
    # errors
    "cli.click.error": ("错误", "Error"),
    "cli.click.aborted": ("已中止。", "Aborted."),
    "cli.click.try_rich": (
        "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
        "Try [blue]'{command_path} {help_option}'[/] for help.",
    ),
    "cli.click.missing_argument": ("缺少参数 {hint}。", "Missing argument {hint}."),
    "cli.click.missing_option": ("缺少选项 {hint}。", "Missing option {hint}."),
    "cli.click.missing_command": ("缺少命令。", "Missing command."),
    "cli.click.no_such_option": ("没有此选项：{name}", "No such option: {name}"),
    "cli.click.possible_options": (
        "{message}（可用的选项：{options}）",
        "{message} (Possible options: {options})",
    ),
    "cli.click.no_such_command": ("没有此命令 {name}。", "No such command {name}."),
    "cli.click.invalid_value_for": (
        "{hint} 的值无效：{message}",
        "Invalid value for {hint}: {message}",
    ),
    "cli.click.invalid_value": ("值无效：{message}", "Invalid value: {message}"),
    "cli.click.extra_arguments": (
        "多出了参数（{args}）",
        "Got unexpected extra argument(s) ({args})",
    ),
    "cli.click.no_value": ("选项 {name} 不接受取值。", "Option {name} does not take a value."),
    "cli.click.needs_value": ("选项 {name} 需要一个取值。", "Option {name} requires an argument."),
    "cli.click.needs_values": (
        "选项 {name} 需要 {nargs} 个取值。",
        "Option {name} requires {nargs} arguments.",
    ),
    "cli.click.argument_values": (
        "参数 {name} 需要 {nargs} 个取值。",
        "Argument {name} takes {nargs} values.",
    ),
    "cli.click.not_valid": ("{value} 不是有效的{label}。", "Value {value} is not a valid {label}."),
    "cli.click.not_integer": (
        "应为整数，无法把输入的文字读作整数",
        "Input should be a valid integer, unable to parse string as an integer",
    ),
    "cli.click.not_number": (
        "应为数字，无法把输入的文字读作数字",
        "Input should be a valid number, unable to parse string as a number",
    ),
    "cli.click.at_least": (
        "应大于或等于 {limit}",
        "Input should be greater than or equal to {limit}",
    ),
    "cli.click.at_most": ("应小于或等于 {limit}", "Input should be less than or equal to {limit}"),
    "cli.click.not_boolean": (
        "应为是否值，无法读作是或否",
        "Input should be a valid boolean, unable to interpret input",
    ),
    "cli.click.repeat": ("请再输入一次", "Repeat for confirmation"),
    "cli.click.mismatch": (
        "错误：两次输入的内容不一致。",
        "Error: The two entered values do not match.",
    ),
    # the type names Typer shows as <str>, <int range>, <list[Path]>
    "cli.click.type.str": ("文本", "str"),
    "cli.click.type.int": ("整数", "int"),
    "cli.click.type.float": ("小数", "float"),
    "cli.click.type.bool": ("开关", "bool"),
    "cli.click.type.path": ("路径", "path"),
    "cli.click.type.Path": ("路径", "Path"),
    "cli.click.type.list": ("列表", "list"),
    "cli.click.type.range": ("范围", "range"),
    "cli.click.type.file": ("文件", "file"),
    "cli.click.type.dir": ("文件夹", "dir"),
    "cli.click.type.datetime": ("日期时间", "datetime"),
}
