"""English names of Chinese work-safety laws and regulations, as they are cited in English.

One law often has several English names (the seed plan says both "the Law on Work Safety" and
"the Safety Production Law"); each maps to the Chinese short title that documents carry. Work plans
also cite policy documents (意见, 规划) by English title; the ones they commonly implement are here
too, so that ``nlp.plans.tasks`` reports one name per document.
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
        "emergency regulations for production safety accidents",
        "emergency regulations on work safety accidents",
    ),
    "煤矿安全生产条例": ("regulations on coal mine work safety", "coal mine safety regulations"),
    "安全生产法实施条例": (
        "regulations for the implementation of the safety production law",
        "regulations for the implementation of the work safety law",
        "regulations on the implementation of the work safety law",
        "implementing regulations of the work safety law",
    ),
    "道路交通安全法": ("road traffic safety law", "law on road traffic safety"),
    "危险化学品安全法": (
        "hazardous chemicals safety law",
        "dangerous chemicals safety law",
        "law on the safety of hazardous chemicals",
        "law on hazardous chemicals safety",
    ),
    # Policy documents that plans implement (a plan cites them as often as laws).
    "关于推进安全生产领域改革发展的意见": (
        "opinions on promoting the reform and development in the field of work safety",
        "opinions on promoting reform and development in the field of work safety",
        "opinions of the central committee of the communist party of china and the state council "
        "on promoting the reform and development in the field of work safety",
        # the seed's translation drops "the Communist Party of China and"
        "opinions of the central committee of the state council on promoting the reform and "
        "development in the field of work safety",
    ),
    "国务院关于加强道路交通安全工作的意见": (
        "opinions on strengthening road traffic safety",
        "opinions on strengthening road traffic safety work",
        "opinions of the state council on strengthening road traffic safety work",
    ),
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
