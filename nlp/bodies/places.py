"""Where a body's name says its place: region and level prefixes, unknown bodies' shapes, list
separators (Chinese and English), for :mod:`nlp.bodies.departments`."""

from __future__ import annotations

import re

PROVINCES = (
    *("北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省"),
    *("江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省"),
    *("广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省"),
    *("内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区"),
    *("新疆生产建设兵团", "香港特别行政区", "澳门特别行政区"),
)
# A place name is mostly two characters before its level (示例省, 杭州市); taking exactly two keeps
# the verb before it out of the region in running text ("督促示例省…" gives "示例省").
# Function words that never stand in a place name: "办法由市人民政府…" has no place "法由市".
NOT_PLACE = "由和的在向对经及或与并将按从于为被等把给以其该各全本此所要应是内外设到"
# Two-character verbs that often precede a bare level ("报请市人民政府", "委托区应急管理部门").
NOT_PLACE_WORDS = (
    "根据|依据|按照|依照|报请|提请|报告|报送|报经|委托|依托|授权|告知|通过|符合|出具|有关|相关|调查|"
    "会同|组织|督促|指导|协调|配合|牵头|负责|经过|责成|要求|发生|所在|设立|提交|提供|送交|移送|抄送|"
    "交由|商请|请求|申请|建议|同意|批准|公布|通知|确定|规定|决定|明确|接受|接到|上级|下级|同级|当地|"
    "属地|辖区|统筹|省辖"
)
ZH_PLACE = (
    "(?:"
    + "|".join(PROVINCES)
    + rf"|(?!{NOT_PLACE_WORDS})(?:(?![{NOT_PLACE}])[\u4e00-\u9fff]){{2}}(?<!地)"
    + "(?:自治区|自治州|省|市|县|区|州|盟|旗))"
)
ZH_LEVEL = (
    r"(?:国务院|中央|国家|全国|县级以上(?:地方)?(?:各级)?|各级|各?设区的?市级?|省级|市级|县级|"
    r"乡镇|乡级|地方各级|地方|本级|本行政区域|省辖市|地级市|县级市|[各该]地区|本[省市县区]|直辖市|自治[区州县]|全省|全市|全县|[省市县区])"
)
ZH_REGION = rf"(?:各|全)?(?:{ZH_PLACE}|{ZH_LEVEL})委?(?:{ZH_PLACE}委?)*"
EN_REGION_WORDS = (
    r"(?:state\s+council|provincial|municipal|prefectural|city|county(?:-level)?|township|local|"
    r"national|central|regional|district|state)"
)
# A capitalised name before a body ("Exampleland Safety Committee"), but not a sentence's first
# word or a word that is part of the body's own name.
EN_STOP = (
    "The|A|An|And|Or|Of|With|By|For|To|In|On|At|All|Each|Every|Its|Their|This|That|These|Those|"
    "General|Relevant|Other|Such|Both|Any|Ministry|Department|Office|Bureau|Committee|"
    "Commission|Administration|We|It|Our"
)
EN_CAPITAL = rf"(?-i:(?!(?:{EN_STOP})\b)[A-Z][A-Za-z'’-]+)"
EN_REGION = (
    rf"(?:{EN_CAPITAL}\s+(?:{EN_CAPITAL}\s+)?(?:{EN_REGION_WORDS}\s+)?|{EN_REGION_WORDS}\s+)"
)
EN_REGION_INNER = rf"(?:{EN_CAPITAL}(?:\s+{EN_CAPITAL})?|{EN_REGION_WORDS})"

# Unknown bodies: a named place, then a name ending in a word for an office; in English a
# capitalised name around Ministry, Bureau, Commission ...
ZH_UNKNOWN = re.compile(
    rf"(?P<region>(?:{ZH_PLACE})委?)(?P<name>[\u4e00-\u9fff]{{1,12}}?"
    r"(?:委员会|管委会|办公室|总队|支队|厅|局))"
)
EN_HEAD = (
    "(?:Ministry|Department|Bureau|Office|Administration|Commission|Committee|Agency|"
    "Authority|Council|Congress)"
)
EN_WORD = r"(?!(?:The|A|An)\s)[A-Z][A-Za-z'’-]+"
# either "X Y Bureau" (a name before the head word) or "Bureau of X" (a name after it)
EN_UNKNOWN = re.compile(
    rf"(?:\bthe\s+)?(?:(?:{EN_WORD}\s+){{1,4}}{EN_HEAD}|{EN_HEAD}\s+(?:of|for|on)\s+"
    rf"(?:the\s+)?{EN_WORD}(?:\s+(?:and\s+|of\s+|for\s+|the\s+)?{EN_WORD})*)"
)
# A document number after 安委办 ("示安委办〔2024〕3号") names the issuer's code, not a body.
NOT_DOC_NUMBER = r"(?![〔\[［(（]\s*\d{4})"

# "Agency/ies" is one name written with its plural, not two
SEPARATORS = re.compile(r"(?:[、，,；;／\n|]|/(?![a-z]{1,3}\b))+")
# the words after a body's name in a note: 等有关部门, 牵头, and the official answering for it
# ("责任单位及责任人：东川区政府主要领导")
ZH_TAIL = re.compile(
    r"(?:等(?:有关|相关)?(?:部门|单位|机构)?|牵头|配合|负责|"
    r"(?:主要|分管)(?:领导|负责人|负责同志)(?:同志)?)$"
)
EN_LEAD_WORD = re.compile(r"^(?:and|or|&)\s+", re.I)
EN_TRAIL_WORD = re.compile(r"\s+(?:etc\.?|et al\.?)$", re.I)
BRACKETED_TAIL = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
# "… at all levels", "… at or above the county level": the level is not part of the name
EN_LEVEL_TAIL = re.compile(
    r"\s+at\s+(?:(?:all|various|different|every)\s+levels?|(?:or\s+above\s+)?the\s+"
    r"[\w-]+\s+level|(?:the\s+)?(?:provincial|municipal|county|city|national)\s+levels?)$",
    re.I,
)
