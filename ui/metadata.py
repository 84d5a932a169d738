"""A document's metadata as a legal-database reader expects it: 制定机关, 发文字号, 公布日期,
施行日期, 时效性, 效力级别, 地区, in the interface language, never raw JSON or "None"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from index.library.browse import NATIONAL, document_region
from ui.components import level_label
from ui.i18n import has, t
from ui.i18n.dates import format_date


def region_label(region: str | None, level: str | None) -> str:
    """A document's region for people: 全国 for a national text, one spelling per place."""
    name = document_region(region, level)
    if name == NATIONAL:
        return t("region.national")
    return name or t("region.unknown")


def validity_label(status: str | None) -> str:
    """A validity status's name (现行有效 …), the stored id where the catalogue has none."""
    key = f"validity.{status or 'unknown'}"
    return t(key) if has(key) else str(status)


def media_name(media_type: str | None) -> str:
    """A source file's kind for people (Markdown 文本, Word 文档 …), never its media type."""
    key = f"docs.media.{media_type}"
    return t(key) if has(key) else t("docs.media.other")


def effective_text(meta: Mapping[str, Any]) -> str:
    """施行日期: this version's, or why it is not known (an amended text that keeps its first
    version's clause, e.g. the 2021 安全生产法's "本法自2002年11月1日起施行")."""
    if meta.get("effective"):
        return format_date(meta["effective"])
    if meta.get("first_effective"):
        return t(
            "meta.effective_amended",
            version=format_date(meta.get("version_date")),
            first=format_date(meta["first_effective"]),
        )
    return t("meta.not_stated")


def metadata_rows(meta: Mapping[str, Any], row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The metadata panel's (label, value) rows for a document's metadata and its list row."""
    amended = [format_date(d) for d in str(meta.get("amended") or "").split(",") if d]
    none = t("meta.not_stated")
    return [
        (t("meta.issuer"), str(meta.get("issuer") or none)),
        (t("meta.doc_number"), str(meta.get("doc_number") or none)),
        (t("meta.promulgated"), format_date(meta.get("promulgated")) or none),
        (t("meta.amended"), "、".join(amended) or none),
        (t("meta.effective"), effective_text(meta)),
        (t("meta.validity"), validity_label(row.get("status") or meta.get("status"))),
        (t("meta.level"), level_label(row.get("level") or meta.get("level"))),
        (t("meta.region"), region_label(row.get("region"), row.get("level"))),
        (t("meta.version"), format_date(row.get("version_date")) or none),
    ]
