"""Regenerate the binary sample documents of the PolicyLens corpus.

Usage (from the repository root):

    /work/main/.venv/bin/python corpus/build.py

Writes, next to this script:

* ``zh_provincial_rule.docx`` -- illustrative provincial regulation (python-docx)
* ``en_work_safety_act.pdf``  -- illustrative English act (reportlab)

All wording below was written for PolicyLens as illustrative sample text; it is
not real law and reproduces no third-party text.  The output is byte-for-byte
reproducible: document metadata dates are fixed, reportlab runs in invariant
mode and the DOCX zip container is rewritten with fixed member timestamps.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_DATE = _dt.datetime(2024, 1, 1, 0, 0, 0)
NOTE_ZH = "（示例文本，非真实法规，仅供演示。）"
NOTE_EN = "(Illustrative sample written for PolicyLens; not real law.)"

# ---------------------------------------------------------------------------
# 1. Illustrative provincial regulation (DOCX)
# ---------------------------------------------------------------------------
# Format of PROVINCIAL_RULE: one block per line.
#   "# 标题"          -> Title paragraph
#   "## 第一章　总则"  -> Heading 2 paragraph
#   "[TABLE]"         -> the fine table (PROVINCIAL_TABLE) is inserted here
#   anything else     -> normal paragraph (articles, article paragraphs, items)

PROVINCIAL_RULE = """\
# 示例省安全生产条例
（2020年11月27日示例省第十三届人民代表大会常务委员会第二十五次会议通过）
（示例文本，非真实法规，仅供演示。）
## 第一章　总则
第一条　为了加强本省安全生产工作，防止和减少生产安全事故，保障人民群众生命和财产安全，根据《示例安全生产法》等法律、行政法规，结合本省实际，制定本条例。
第二条　本省行政区域内生产经营单位的安全生产及其监督管理，适用本条例。
第三条　县级以上人民政府应当加强对安全生产工作的领导，将安全生产纳入国民经济和社会发展规划，建立健全安全生产工作协调机制。
乡镇人民政府和街道办事处应当明确负责安全生产工作的机构和人员，协助上级人民政府有关部门做好辖区内的安全生产工作。
第四条　县级以上人民政府安全生产监督管理部门对本行政区域内安全生产工作实施综合监督管理。
县级以上人民政府其他有关部门在各自职责范围内，对有关行业、领域的安全生产工作实施监督管理。
第五条　本条例所称小微型生产经营单位，是指从业人员不足三十人且上一年度营业收入不超过五百万元的生产经营单位。
本条例所称安全服务机构，是指依法为生产经营单位提供安全评价、检测检验、咨询和培训等服务的机构。
## 第二章　生产经营单位的安全生产保障
第六条　生产经营单位应当建立全员安全生产责任制，明确主要负责人、其他负责人、职能部门负责人和岗位人员的安全生产责任，并每年至少进行一次考核。
第七条　矿山、金属冶炼、建筑施工、危险物品生产储存和道路运输单位，应当设置安全生产管理机构或者配备专职安全生产管理人员。
前款规定以外的生产经营单位，从业人员超过一百五十人的，应当设置安全生产管理机构或者配备专职安全生产管理人员；从业人员在一百五十人以下的，应当配备专职或者兼职的安全生产管理人员，也可以委托安全服务机构提供安全管理服务。
第八条　生产经营单位应当对新上岗的从业人员进行岗前安全培训，培训时间不得少于十六学时。
从业人员调整工作岗位或者离岗一年以上重新上岗的，生产经营单位应当重新对其进行岗位安全培训。
第九条　生产经营单位对重大危险源应当登记建档，并自登记建档之日起二十日内，报所在地县级以上人民政府安全生产监督管理部门备案。
第十条　生产经营单位应当每月至少开展一次事故隐患排查，并建立事故隐患排查治理台账。台账应当载明下列事项：
（一）事故隐患的部位、类别和等级；
（二）治理措施、责任人员和完成时限；
（三）治理验收情况。
对重大事故隐患，生产经营单位应当自发现之日起三十日内制定治理方案，并报县级以上人民政府安全生产监督管理部门。
第十一条　生产经营单位进行下列危险作业，应当执行作业审批制度，并安排专人进行现场安全管理：
（一）爆破、吊装作业；
（二）动火、临时用电作业；
（三）有限空间作业、高处作业；
（四）省人民政府安全生产监督管理部门确定的其他危险作业。
第十二条　生产经营单位应当按照规定提取安全生产费用，实行专户核算，不得挪作他用。
第十三条　生产经营单位使用劳务派遣人员或者与其他单位在同一作业区域内作业的，应当签订安全生产管理协议，明确各自的安全生产管理职责和应当采取的安全措施。
## 第三章　监督管理与应急救援
第十四条　县级以上人民政府安全生产监督管理部门应当会同有关部门编制年度监督检查计划，报本级人民政府批准后组织实施。
第十五条　县级以上人民政府应当组织制定本行政区域的生产安全事故应急预案，并每三年至少组织一次综合应急演练。
第十六条　生产经营单位发生生产安全事故后，单位负责人应当在事故发生后二小时内，向事故发生地县级人民政府安全生产监督管理部门和其他有关部门报告。
情况紧急时，事故现场有关人员可以直接向事故发生地县级以上人民政府安全生产监督管理部门报告。
第十七条　县级以上人民政府安全生产监督管理部门应当公布举报电话和举报信箱，对受理的举报，应当自受理之日起六十日内调查处理完毕。
第十八条　县级以上人民政府应当支持安全服务机构规范发展，鼓励小微型生产经营单位委托安全服务机构提供安全评价、检测检验、教育培训等服务。
第十九条　省人民政府安全生产监督管理部门应当建立全省安全生产信息化监管平台，推动重大危险源和重点生产经营单位接入在线监测系统。
## 第四章　法律责任
第二十条　违反本条例第七条规定，未设置安全生产管理机构或者配备安全生产管理人员的，由县级以上人民政府安全生产监督管理部门责令限期改正，可以处二万元以下的罚款；逾期未改正的，处二万元以上五万元以下的罚款。
第二十一条　违反本条例第八条规定，未对从业人员进行岗前安全培训的，由县级以上人民政府安全生产监督管理部门责令限期改正，可以处三万元以下的罚款。
第二十二条　违反本条例第十条规定，未按照规定治理事故隐患的，由县级以上人民政府安全生产监督管理部门责令限期治理，处一万元以上五万元以下的罚款；逾期未治理的，责令停产停业整顿。
第二十三条　生产经营单位主要负责人迟报、漏报生产安全事故的，由县级以上人民政府安全生产监督管理部门处其上一年年收入百分之三十至百分之六十的罚款。
第二十四条　本章规定的主要罚款标准汇总如下表。本表与本章条文规定不一致的，以条文规定为准。
[TABLE]
第二十五条　安全生产监督管理部门和其他有关部门的工作人员在安全生产监督管理工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分。
## 第五章　附则
第二十六条　本条例自2021年1月1日起施行。
"""

PROVINCIAL_TABLE = [
    ("违法行为", "罚款金额"),
    ("未按照规定治理事故隐患", "一万元以上五万元以下"),
    ("未设置安全生产管理机构或者配备安全生产管理人员，逾期未改正", "二万元以上五万元以下"),
    ("主要负责人迟报、漏报生产安全事故", "上一年年收入百分之三十至百分之六十"),
]


def _normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip container with fixed member timestamps and order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def build_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    # East-Asian font hint so Word renders the Chinese text with a CJK font.
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), "SimSun")

    for line in PROVINCIAL_RULE.splitlines():
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("# "):
            doc.add_paragraph(line[2:], style="Title")
        elif line.startswith("## "):
            doc.add_paragraph(line[3:], style="Heading 2")
        elif line == "[TABLE]":
            table = doc.add_table(rows=len(PROVINCIAL_TABLE), cols=2)
            table.style = "Table Grid"
            for r, row in enumerate(PROVINCIAL_TABLE):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = value
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
        else:
            p = doc.add_paragraph(line)
            if line.startswith("（") and line.endswith("）") and "通过" in line:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif line == NOTE_ZH:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    cp = doc.core_properties
    cp.title = "示例省安全生产条例"
    cp.subject = "Illustrative sample written for PolicyLens; not real law."
    cp.author = "PolicyLens sample corpus"
    cp.last_modified_by = "PolicyLens sample corpus"
    cp.comments = "Illustrative sample written for PolicyLens; not real law."
    cp.keywords = "illustrative; sample; work safety"
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE
    cp.revision = 1

    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalize_zip(buf.getvalue()))


# ---------------------------------------------------------------------------
# 2. Illustrative English act (PDF)
# ---------------------------------------------------------------------------
# Format of EN_ACT: one block per line.
#   "T: ..."  title line           "S: ..."  centred subtitle line
#   "C: ..."  chapter heading      "A: n|text"  article n, first paragraph
#   "P: ..."  further paragraph    "I: ..."  item (a), (b), ...
#   "J: ..."  nested item (1), (2) ...

EN_ACT = """\
T: Illustrative Work Safety Act of the Republic of Exampleland
S: (Adopted at the Third Session of the Ninth National Assembly of Exampleland on 15 March 2021)
S: (Illustrative sample written for PolicyLens; not real law.)
C: Chapter I General Provisions
A: 1|This Act is enacted for the purposes of strengthening the management of work safety, preventing and reducing workplace accidents, protecting the lives and property of workers and the public, and supporting the steady development of the economy of Exampleland.
A: 2|This Act applies to the work safety of every enterprise, individual business and other organisation that carries out production or business activities within the territory of Exampleland (hereinafter referred to as "operators").
P: Where other laws of Exampleland contain specific provisions on the safety of nuclear installations, maritime transport or civil aviation, those provisions shall prevail.
A: 3|For the purposes of this Act:
I: (a) “hazardous chemical” means a chemical substance or mixture that, because of its flammable, explosive, toxic or corrosive properties, may cause injury to persons or damage to property or the environment when it is produced, stored, transported or used;
I: (b) “major hazard installation” means a site or facility at which the quantity of hazardous chemicals that is produced, stored or used reaches or exceeds the threshold quantity published by the Ministry of Emergency Management;
I: (c) “accident hazard” means a defect in equipment, in the working environment or in management, or an unsafe act of a worker, that may lead to a workplace accident;
I: (d) “principal person in charge” means the legal representative of an operator or any other person who actually exercises overall control over its production and business activities.
A: 4|The Ministry of Emergency Management shall exercise comprehensive supervision over work safety throughout Exampleland. The emergency management departments of local governments at or above the county level shall exercise comprehensive supervision over work safety within their administrative areas.
P: The ministries responsible for transport, construction, water resources and other sectors shall supervise work safety in their respective sectors within the scope of their duties.
C: Chapter II Work Safety Obligations of Operators
A: 5|An operator shall meet the work safety conditions laid down in this Act, in other laws and regulations and in national and sectoral standards. An operator that does not meet those conditions shall not carry out production or business activities.
A: 6|The principal person in charge of an operator shall be fully responsible for the work safety of the operator and shall in particular:
I: (a) assign work safety responsibilities to every post and review their performance at least once a year;
I: (b) approve the work safety rules and the operating procedures for each post;
I: (c) ensure that sufficient funds are made available for work safety and supervise their use;
I: (d) organise work safety training and emergency drills;
I: (e) organise the identification and elimination of accident hazards; and
I: (f) organise rescue operations and report accidents without delay when an accident occurs.
A: 7|Operators engaged in mining, metal smelting, building construction, road transport or the production and storage of hazardous chemicals shall establish a work safety management department or appoint full-time work safety managers.
P: Any other operator that employs more than 100 workers shall establish a work safety management department; an operator that employs 100 workers or fewer shall appoint at least one full-time or part-time work safety manager.
A: 8|An operator shall provide work safety training to its workers before they take up their posts. The initial training shall last not less than 24 class hours, and no worker who has failed to pass the training may be assigned to work.
P: Workers performing special operations, including electrical work, welding and work at height, shall obtain a qualification certificate after specialised training before taking up such operations.
A: 9|An operator that runs a major hazard installation shall:
I: (a) register the installation and carry out regular testing, assessment and monitoring;
I: (b) prepare a specific emergency plan and inform workers and neighbouring units of the measures to be taken in an emergency;
I: (c) install monitoring and early-warning equipment, in particular:
J: (1) continuous monitoring of level, temperature and pressure for every storage tank;
J: (2) gas detectors with audible alarms in every area where toxic or flammable gases may accumulate; and
J: (3) a data logging system that keeps monitoring records for not less than 90 days;
I: (d) file the registration record, together with the safety and emergency measures, with the local emergency management department within 15 days after the registration.
A: 10|Where blasting, hoisting, hot work, temporary electrical work, work in confined spaces or other dangerous operations designated by the Ministry of Emergency Management are carried out, the operator shall assign a dedicated person to manage safety on site and ensure that operating procedures and safety measures are observed.
A: 11|An operator shall supply its workers, free of charge, with personal protective equipment that complies with national or sectoral standards, and shall supervise and instruct them to wear and use it correctly. Cash or other goods shall not be given in place of such equipment.
C: Chapter III Rights and Duties of Workers
A: 12|A worker has the right:
I: (a) to be informed of the hazards present at the workplace, the preventive measures in place and the actions to be taken in an emergency;
I: (b) to criticise, report and lodge complaints about problems in the work safety of the operator;
I: (c) to refuse instructions that violate safety rules and orders to undertake dangerous work without adequate protection; and
I: (d) to stop work and leave the workplace, after taking such emergency measures as are possible, when a situation directly endangering personal safety arises.
P: An operator shall not reduce the wages or welfare benefits of a worker, or terminate the employment contract of a worker, because the worker has exercised any of the rights listed in the preceding paragraph.
A: 13|A worker shall observe the work safety rules and operating procedures of the operator, use personal protective equipment correctly, take part in work safety training, and report any accident hazard or other unsafe factor to the person in charge of safety on site without delay.
C: Chapter IV Supervision and Accident Response
A: 14|In carrying out supervisory inspections, the emergency management departments and other departments with work safety duties may:
I: (a) enter the premises of an operator, inspect them and examine and copy relevant documents and records;
I: (b) require an operator to correct a violation on the spot or within a set period;
I: (c) order the withdrawal of workers and the suspension of operations where a major accident hazard cannot be kept under control before it is eliminated; and
I: (d) seal up or seize facilities, equipment and materials that do not comply with national or sectoral standards.
P: Inspections shall be carried out by not fewer than two inspectors, who shall show their law enforcement certificates.
A: 15|Local governments at or above the county level shall prepare emergency plans for workplace accidents in their administrative areas and shall organise a comprehensive drill at least once every two years. Operators shall prepare their own emergency plans, which shall be consistent with the plans of the local government.
A: 16|After an accident occurs, the persons on site shall immediately report it to the person in charge of the operator. The person in charge shall immediately organise rescue operations and shall, within one hour, report the time, place, number of casualties and preliminary cause of the accident to the emergency management department of the local government at or above the county level.
P: No organisation or person may delay, omit, falsify or conceal the report of an accident, or damage the accident site or destroy evidence.
A: 17|Accidents shall be investigated by the government of the place where the accident occurred, according to the grade of the accident. The investigation team shall submit its report within 60 days from the date on which it was established; in complex cases the period may be extended once, by not more than 30 days, with the approval of the government that organised the investigation.
C: Chapter V Legal Liability
A: 18|Where the principal person in charge of an operator fails to perform the duties set out in Article 6, the emergency management department shall order correction within a set period and impose a fine of not less than 20,000 yuan but not more than 100,000 yuan; where the failure is not corrected within that period, the department may order the operator to suspend production and business activities for rectification.
A: 19|Where an operator fails to eliminate an accident hazard within the period set by the emergency management department, a fine of not less than 50,000 yuan but not more than 200,000 yuan shall be imposed, and the persons directly responsible shall be fined not less than 10,000 yuan but not more than 30,000 yuan.
P: Where an accident occurs for which the operator is responsible, the operator shall, in addition to any liability for compensation, be fined:
I: (a) not less than 200,000 yuan but not more than 500,000 yuan for an ordinary accident;
I: (b) not less than 500,000 yuan but not more than 1,500,000 yuan for a serious accident; and
I: (c) not less than 1,500,000 yuan but not more than 5,000,000 yuan for a major or particularly serious accident.
A: 20|Officials of the emergency management departments and other departments with work safety duties who abuse their powers, neglect their duties or practise favouritism shall be subject to disciplinary sanctions according to law; where a crime is constituted, criminal liability shall be pursued.
C: Chapter VI Supplementary Provisions
A: 21|The provinces of Exampleland may, in accordance with this Act and in the light of local conditions, adopt specific rules on the work safety of small and micro operators. Such rules shall be adopted by the standing committees of the provincial assemblies.
A: 22|This Act shall enter into force on 1 July 2021.
"""

PDF_HEADER = "Illustrative Work Safety Act"


def build_pdf(path: Path) -> None:
    from reportlab import rl_config

    rl_config.invariant = 1  # fixed document ID and dates -> reproducible bytes

    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from xml.sax.saxutils import escape

    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10.5, leading=14.5,
                          alignment=TA_JUSTIFY, spaceAfter=5)
    title = ParagraphStyle("title", parent=base, fontName="Helvetica-Bold", fontSize=15,
                           leading=19, alignment=TA_CENTER, spaceAfter=8)
    sub = ParagraphStyle("sub", parent=base, alignment=TA_CENTER, fontSize=10, spaceAfter=3)
    chap = ParagraphStyle("chap", parent=base, fontName="Helvetica-Bold", fontSize=12,
                          leading=16, alignment=TA_CENTER, spaceBefore=10, spaceAfter=8)
    item = ParagraphStyle("item", parent=base, leftIndent=8 * mm, spaceAfter=3)
    sub_item = ParagraphStyle("subitem", parent=base, leftIndent=16 * mm, spaceAfter=3)

    story = []
    for line in EN_ACT.splitlines():
        if not line.strip():
            continue
        tag, text = line[:2], line[3:].strip()
        if tag == "T:":
            story.append(Paragraph(escape(text), title))
        elif tag == "S:":
            story.append(Paragraph(escape(text), sub))
        elif tag == "C:":
            story.append(Paragraph(escape(text), chap))
        elif tag == "A:":
            num, body = text.split("|", 1)
            story.append(Paragraph(f"<b>Article {num}</b> {escape(body)}", base))
        elif tag == "P:":
            story.append(Paragraph(escape(text), base))
        elif tag == "I:":
            story.append(Paragraph(escape(text), item))
        elif tag == "J:":
            story.append(Paragraph(escape(text), sub_item))
        else:
            raise ValueError(f"bad line tag: {line!r}")
        if tag == "S:" and text == NOTE_EN:
            story.append(Spacer(1, 4 * mm))

    width, height = A4

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica-Oblique", 9)
        canvas.drawString(25 * mm, height - 15 * mm, PDF_HEADER)
        canvas.setLineWidth(0.4)
        canvas.line(25 * mm, height - 17 * mm, width - 25 * mm, height - 17 * mm)
        canvas.setFont("Helvetica", 9)
        canvas.drawCentredString(width / 2, 12 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path), pagesize=A4,
        leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm, bottomMargin=22 * mm,
        title="Illustrative Work Safety Act of the Republic of Exampleland",
        author="PolicyLens sample corpus",
        subject="Illustrative sample written for PolicyLens; not real law.",
        creator="PolicyLens corpus/build.py", invariant=1,
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)


def main() -> None:
    docx_path = HERE / "zh_provincial_rule.docx"
    pdf_path = HERE / "en_work_safety_act.pdf"
    build_docx(docx_path)
    build_pdf(pdf_path)
    for p in (docx_path, pdf_path):
        print(f"wrote {p.relative_to(HERE.parent)} ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
