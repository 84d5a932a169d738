"""Chinese plan text: directive sentences and their action and object (notes: ``notes.py``).

A division plan item reads "（一）修订完善……职责清单。（牵头单位：…；配合单位：…；完成时限：…）":
the note assigns the whole item, so the item is one task whatever its commas. Running text without
notes (工作要求, plans that only say 各地要…) is cut at each comma where a new verb phrase starts
("将定期调度通报工作进展，对工作推进不力的单位予以督促" is two tasks). Offsets are into the string
passed in; ``nlp.plans.tasks`` turns them into document offsets and resolves the bodies.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import cast

from nlp.text import trim

Span = tuple[int, int]


def strip_number(text: str, start: int, end: int) -> int:
    """Where an item's text starts after its number ("（一）", "1．", "一、")."""
    m = _NUMBER.match(text, start, end)
    return m.end() if m else start


_NUMBER = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十百\d]+[）)]|\d+[．.、﹒)）]|[一二三四五六七八九十]+、"
    r"|[①-⑳])\s*"
)


def number_level(text: str, start: int, end: int) -> int | None:
    """The depth of an item's number: 一、 1, （一） 2, 1． 3, （1） 4, ① 5; None if unnumbered."""
    m = _NUMBER.match(text, start, end)
    if m is None:
        return None
    mark = m.group().strip()
    if mark[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return 5
    if mark[0] in "（(":
        return 4 if mark[1].isdigit() else 2
    return 3 if mark[0].isdigit() else 1


# -- verbs and heads -----------------------------------------------------------------------------

# a time phrase before the verb: "于2025年6月底前", "在2025年9月30日前", "于每季度末", "于年内"
_TIME_TEXT = (
    r"(?:于|在|到|至|截至|力争于?|确保于?)?"
    r"(?=[\d〇零一二三四五六七八九十每第上下]{0,6}[年月季日])"
    r"(?:[\d〇零一二三四五六七八九十]+|[年月日号季度半上下底末中旬内前每第])+(?:之前|以前|期间)?"
)


def _words(text: str) -> list[str]:
    """A word list written as one string (easier to read and extend than a list literal)."""
    return text.split()


# Directive verbs of work plans; compound actions are runs of these ("修订完善", "组织开展").
_VERBS = sorted(
    _words(
        """
    开展 加强 完善 推进 建立 健全 落实 修订 制定 制订 组织 督促 建设 实施 推行 推动 深化 强化
    提升 提高 加快 加大 做好 抓好 实行 执行 排查 整治 治理 清理 查处 打击 关闭 淘汰 完成 编制
    出台 研究 部署 指导 监督 检查 督查 考核 评估 宣传 培训 建成 构建 优化 规范 统一 明确 压实
    夯实 补齐 提请 报送 印发 发布 公布 举办 召开 组建 配备 保障 确保 严格 坚持 贯彻 推广 引导
    鼓励 支持 探索 创新 整合 改造 更新 升级 开发 普及 收集 汇总 通报 调度 协调 统筹 修改 废止
    制修订 起草 审查 备案 公开 曝光 约谈 问责 追责 惩处 处罚 整改 消除 防范 遏制 防止 杜绝 严防
    开通 畅通 细化 分解 启动 应用 实现 加紧 力争 争取 督导 巡查 抽查 核查 验收 培育 扶持 投入
    安排 筹集 设立 成立 落地 提出 反馈 接入 评定 认定 核定 梳理 摸排 整顿 取缔 关停 搬迁 配合
    加快推进 严厉查处 严厉打击 全面排查 依法查处 补强 筑牢 织密 严把 严查 严控 管控 监测 预警
    指引 开展好 谋划 纳入 列入 增加 减少 降低 扩大 延伸 覆盖 鉴定 调查 处置 报告 上报 签订
    重视 严禁 禁止 不得 压紧 形成 加快建设 营造 凝聚 动员
    吊销 撤销 注销 划定 划设 给予 核发 审批 审核 登记 限制 暂停 停止 责令 惩戒 提交 设置 布设
    配置 安装 更换 维修 演练 疏散 封闭 拆除 清除 清退
    退出 取消 压减 核准 表彰 奖励 追究 移送 移交 查封 扣押 没收 公示 打造 聘请 委托 购买
    补贴 兑现 联网 对接 共享 联动 达到 健全完善 加快推进 增设 配齐 配足 选派 派驻 进驻 走访
    """
    ),
    key=len,
    reverse=True,
)
_VERB = "(?:" + "|".join(_VERBS) + ")"
_ADVERBS = (
    "进一步|全面|切实|认真|深入|持续|不断|大力|积极|严格|着力|扎实|统筹|稳步|有序|依法|定期|及时|"
    "逐步|重点|继续|坚决|广泛|高度|严厉|尽快|抓紧|全力|主动|按时|按期|同步|集中|从严|从重|分级|"
    "分类|常态化|规范|共同|联合|每年|每季度|每月|每半年|每周|年内|年底前|逐一|全部|再|长期|"
    "要(?!求)|应当|应(?![急用对])|必须|须|需要|负责|牵头(?!单位)"
)
_ADVERB_RUN = re.compile(f"(?:{_ADVERBS})*")
_MODAL = "要(?!求)|应当|应(?![急用对])|必须|须|需要|负责|牵头(?!单位)|将|不得|严禁"
# a subject before 要/应/负责 ("各地要", "示例省应急管理厅负责"): short, no punctuation
_SUBJECT = re.compile(rf"(?P<subject>[^，。；：（）()《》“”]{{2,30}}?)(?:{_MODAL})")
_PREDICATE_OPENERS = ("将", "把", "对", "于", "在", "按", "以", "从", "向", "与", "会同", "联合")
_FRAMING = re.compile(
    r"(?:(?:依照|按照|根据|依据|对照|结合|围绕|针对|聚焦|为了?)《[^》]{1,60}》(?:[（(][^）)]{0,20}[）)])?"
    r"(?:的?(?:规定|要求|精神|部署))?)"
)
_OBJECT_END = re.compile("[，。；：,;:]")
_TIME = re.compile(_TIME_TEXT)
# "，并…", "，同时…": a conjunction opening a clause
_CONJUNCTION = re.compile("并且|并|同时|还要|还应|另外")
# a piece that only names the lead ("省应急管理厅牵头", "由市应急局负责") or the co-operating
# bodies ("会同省发展改革委、省工业和信息化厅"): it assigns the sentence's tasks
_LEAD_PIECE = re.compile(
    r"由?(?P<subject>[^，。；：（）()《》“”]{2,40}?)(?:牵头|负责)(?:组织|实施)?"
)
_JOINT_PIECE = re.compile(r"(?:会同|联合|协同)(?P<bodies>[^，。；]{2,80})")
# after 要/应当/必须/负责/牵头 the next word is the verb, in or out of the verb list
_STRONG_MODAL = re.compile("要(?!求)|应当|必须|须|负责|牵头(?!单位)")
_NOT_VERB_WORDS = ("如下", "求", "的", "是", "有", "在于")
# a second verb joins the first only where plans compound them ("修订完善", "组织开展", "调度通报"),
# so that "加强组织领导" is 加强 + 组织领导, not 加强组织 + 领导
_SECOND = (
    "完善|开展|实施|落实|推进|健全|通报|整治|制定|出台|修订|推广|提升|治理|处置|整改|指导|监督|"
    "检查|建设|执行|应用|管控|督促|排查|公布|打击|查处"
)
_VERB_RUN = re.compile(f"{_VERB}(?:{_SECOND})*")
_DUI = re.compile(
    f"对(?P<object>.+?)(?:{_ADVERBS})*(?:进行|予以|开展|实施|作出)?(?P<verb>{_VERB}(?:{_SECOND})*)$"
)
_DUI_OBJECT = re.compile(f"对(?P<target>.+?)(?:{_ADVERBS})*(?P<verb>{_VERB}(?:{_SECOND})*)(?=.)")
# 将/把 + object + verb: "将重点工作推进情况报送…", "把安全生产纳入…"
_BA = re.compile(
    r"[将把](?P<object>[^，。；]{1,40}?)(?P<verb>报送|纳入|列入|作为|落实到|提交|上报|报告|通报|移送"
    r"|移交|抄送|反馈|录入|公布|公开|落实|列为|融入|转化为)"
)
# "会同市公安局、市交通运输局开展…": bodies that join the subject
_JOINT = re.compile(
    rf"(?:会同|联合|协同)(?P<bodies>[^，。；]{{2,40}}?)(?:{_TIME_TEXT})?"
    rf"(?=(?:共同|联合)?{_VERB}(?![厅局部委办署院队站所]))"  # not "省应急管理厅": a name goes on
)
# "由市应急局牵头，会同…": the sentence's lead, stated before its first verb
_SUBJECT_JOINT = re.compile(
    rf"(?P<subject>[^，。；：（）()《》“”]{{2,30}}?)(?:{_MODAL})?(?=会同|联合|协同)"
)
_LED_BY = re.compile(r"由(?P<subject>[^，。；]{2,40}?)(?:牵头|负责)")
# a leading place or means phrase before the verb: "在全省开展…", "通过信息化手段提升…"
_PREPOSED = re.compile(rf"(?:在|通过|依托|利用|以)[^，。；]{{1,20}}?(?={_VERB})")
_NOT_TASK = re.compile(r"如下$|现将|特制定本|本方案自|负责解释|自印发之日起")


@dataclass(frozen=True, slots=True)
class Head:
    """The directive head of a clause: subject, action and object (spans into the text)."""

    action: Span
    object: Span
    subject: Span | None = None
    cooperating: Span | None = None  # "会同市公安局开展…": the bodies joined in


def head(text: str, start: int, end: int) -> Head | None:
    """The subject, action verbs and object at the start of ``text[start:end]``, or None.

    A clause directs when its verb is a known directive verb, or when any word follows a modal
    of obligation (要, 应当, 必须, 负责, 牵头): "省公安厅要在…前划定…" whatever 划定 is. A
    conjunction (并, 同时) and a time phrase (于2025年6月底前, 于每季度末) before the verb are
    passed over.
    """
    pos = start
    m = _FRAMING.match(text, pos, end)
    if m:
        pos = m.end()
    pos = _lead_words(text, pos, end)
    subject = None
    s = _SUBJECT.match(text, pos, end)
    joined = _SUBJECT_JOINT.match(text, pos, end)
    if joined and _JOINT.match(text, joined.end(), end) and not _VERB_RUN.match(text, pos, end):
        subject = trim(text, *joined.span("subject"))  # "市交通运输局会同市公安局加强…"
        pos = joined.end()
    elif s and not _VERB_RUN.match(text, pos, end):
        predicate = _lead_words(text, _after_adverbs(text, s.end(), end), end)
        obliged = _STRONG_MODAL.search(text, s.end("subject"), predicate) is not None
        # a subject only when a predicate follows its modal ("要将…", not "纳入重要议事日程")
        if (
            _VERB_RUN.match(text, predicate, end)
            or text.startswith(_PREDICATE_OPENERS, predicate)
            or (obliged and _word(text, predicate, end))
        ):
            subject = trim(text, *s.span("subject"))
            pos = s.end("subject")
    before_modal = pos
    pos = _lead_words(text, _after_adverbs(text, pos, end), end)
    obliged = _STRONG_MODAL.search(text, before_modal, pos) is not None
    stop = _OBJECT_END.search(text, pos, end)
    clause_end = stop.start() if stop else end
    if text.startswith("将", pos):
        after = _after_adverbs(text, pos + 1, end)
        if _VERB_RUN.match(text, after, end):
            pos = after  # 将 as "will": "办公室将定期调度…"
    if text.startswith(("将", "把"), pos):
        ba = _BA.match(text, pos, clause_end)
        if ba:
            return Head(ba.span("verb"), trim(text, *ba.span("object")), subject)
    if text.startswith("对", pos):
        dui = _DUI.match(text, pos, clause_end)
        if dui:  # "对X进行清理": X is acted on
            return Head(dui.span("verb"), trim(text, *dui.span("object")), subject)
        dui = _DUI_OBJECT.match(text, pos, clause_end)
        if dui:  # "对发现的隐患建立台账": the verb has its own object
            return Head(dui.span("verb"), trim(text, dui.end("verb"), clause_end), subject)
    cooperating = None
    joint = _JOINT.match(text, pos, clause_end)
    if joint:
        cooperating = trim(text, *joint.span("bodies"))
        pos = _lead_words(text, _after_adverbs(text, joint.end(), end), end)
    preposed = _PREPOSED.match(text, pos, clause_end)
    if preposed:
        pos = _after_adverbs(text, preposed.end(), end)
    v = _VERB_RUN.match(text, pos, clause_end)
    if v is not None:
        return Head(v.span(), trim(text, v.end(), clause_end), subject, cooperating)
    if obliged and _word(text, pos, clause_end):
        return Head((pos, pos + 2), trim(text, pos + 2, clause_end), subject, cooperating)
    return None


def _lead_words(text: str, pos: int, end: int) -> int:
    """``pos`` moved past a conjunction and a time phrase ("并于2025年底前…")."""
    m = _CONJUNCTION.match(text, pos, end)
    if m:
        pos = m.end()
    m = _TIME.match(text, pos, end)
    if m and m.end() > pos:
        pos = _after_adverbs(text, m.end(), end)
    return pos


def _after_adverbs(text: str, pos: int, end: int) -> int:
    """``pos`` moved past a run of adverbs (possibly empty, so it matches wherever pos <= end)."""
    return cast("re.Match[str]", _ADVERB_RUN.match(text, pos, end)).end()


def _timed(text: str, start: int, end: int) -> bool:
    m = _TIME.match(text, start, end)
    return m is not None and m.end() > start


def _word(text: str, pos: int, end: int) -> bool:
    """True if a two-character Chinese word that can be a verb starts at ``pos``."""
    if pos + 2 > end or not all("\u4e00" <= c <= "\u9fff" for c in text[pos : pos + 2]):
        return False
    return not text.startswith(_NOT_VERB_WORDS, pos)


def _top_level(text: str, start: int, end: int, marks: str) -> list[int]:
    """Positions of ``marks`` in ``text[start:end]`` outside brackets and quotation marks."""
    depth = 0
    out = []
    for i in range(start, end):
        c = text[i]
        if c in "（(《“‘[【":
            depth += 1
        elif c in "）)》”’]】":
            depth = max(0, depth - 1)
        elif depth == 0 and c in marks:
            out.append(i)
    return out


@dataclass(frozen=True, slots=True)
class Clause:
    """A directive clause of running text (offsets into the text passed)."""

    start: int
    end: int
    head: Head
    sentence: int


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans (ending at 。！？； or a line break), without the closing mark."""
    out = []
    pos = start
    for i in [*_top_level(text, start, end, "。！？；;\n"), end]:
        a, b = trim(text, pos, i)
        if a < b:
            out.append((a, b))
        pos = i + 1
    return out


def clauses(text: str, start: int, end: int, *, skip_title: bool = False) -> list[Clause]:
    """Directive clauses of running text, split where a new verb phrase starts after a comma.

    Args:
        text: The text.
        start: Where to start (after an item's number).
        end: Where to stop (before a responsibility note).
        skip_title: Leave out a short first sentence followed by others ("加强组织领导。各地要…"):
            an item's title, not a task.
    """
    out: list[Clause] = []
    spans = sentences(text, start, end)
    for index, (a, b) in enumerate(spans):
        if skip_title and index == 0 and len(spans) > 1 and b - a <= 16:
            continue
        if _NOT_TASK.search(text, a, b):
            continue
        cuts = [a, *(i + 1 for i in _top_level(text, a, b, "，,：:")), b + 1]
        pieces = [trim(text, cuts[k], cuts[k + 1] - 1) for k in range(len(cuts) - 1)]
        found: list[tuple[int, Head]] = []  # (piece index, head)
        led_by: Span | None = None  # "省应急管理厅牵头", "由市应急局负责": the sentence's lead
        joint: Span | None = None  # "会同省发展改革委、省工业和信息化厅"
        m = _LED_BY.match(text, pieces[0][0], pieces[0][1])
        if m:
            led_by = m.span("subject")
        for k, (p, q) in enumerate(pieces):
            if not found and (m := _LEAD_PIECE.fullmatch(text, p, q)):
                led_by = m.span("subject")
                continue
            if not found and (m := _JOINT_PIECE.fullmatch(text, p, q)) and not head(text, p, q):
                joint = m.span("bodies")
                continue
            h = head(text, p, q) if p < q else None
            if h is not None and found and h.object[0] >= h.object[1] and _timed(text, p, q):
                h = None  # "，2025年底前完成": when the work before is due, not a new task
            if h is not None:
                if led_by and not found and h.subject is None:
                    h = dataclasses.replace(h, subject=led_by)
                if joint and not found and h.cooperating is None:
                    h = dataclasses.replace(h, cooperating=joint)
                found.append((k, h))
        for n, (k, h) in enumerate(found):
            first = pieces[0][0] if n == 0 else pieces[k][0]
            last = pieces[found[n + 1][0] - 1][1] if n + 1 < len(found) else pieces[-1][1]
            out.append(Clause(first, last, h, index))
    return out
