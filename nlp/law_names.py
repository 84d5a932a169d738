"""English names of Chinese work-safety laws and regulations, as they are cited in English.

One law often has several English names (the seed plan says both "the Law on Work Safety" and
"the Safety Production Law"); each maps to the Chinese short title that documents carry.
"""

from __future__ import annotations

import re

_NAMES: dict[str, tuple[str, ...]] = {
    "安全生产法": (
        "work safety law",
        "law on work safety",
        "safety production law",
        "production safety law",
        "law on safety in production",
        "law on production safety",
    ),
    "矿山安全法": ("mine safety law", "law on safety in mines", "mining safety law"),
    "职业病防治法": (
        "law on prevention and control of occupational diseases",
        "occupational disease prevention and control law",
        "occupational disease prevention law",
    ),
    "特种设备安全法": ("special equipment safety law", "law on special equipment safety"),
    "消防法": ("fire protection law", "fire control law", "law on fire protection"),
    "劳动法": ("labour law", "labor law"),
    "突发事件应对法": ("emergency response law", "law on response to emergencies"),
    "危险化学品安全管理条例": (
        "regulations on the safety management of hazardous chemicals",
        "regulation on the safe management of hazardous chemicals",
        "hazardous chemicals regulations",
    ),
    "生产安全事故报告和调查处理条例": (
        "regulations on the reporting, investigation and handling of work safety accidents",
        "regulation on reporting and investigation of production safety accidents",
    ),
    "生产安全事故应急条例": (
        "regulations on emergency responses to work safety accidents",
        "regulation on emergency response to production safety accidents",
    ),
    "煤矿安全生产条例": ("regulations on coal mine work safety", "coal mine safety regulations"),
}

_INDEX = {english: chinese for chinese, names in _NAMES.items() for english in names}


def _key(name: str) -> str:
    """Lower case, without "the", "of the People's Republic of China" or a year in brackets."""
    name = re.sub(
        r"^the\s+|of the people's republic of china|of china|\(\d{4}\)", " ", name.lower()
    )
    return " ".join(re.sub(r"[^a-z, ]", " ", name).split()).strip(" ,")


def chinese_title(english_name: str) -> str | None:
    """The Chinese short title an English citation names, or None.

    >>> chinese_title("the Law of the People's Republic of China on Work Safety")
    '安全生产法'
    >>> chinese_title("Safety Production Law")
    '安全生产法'
    """
    return _INDEX.get(_key(english_name))
