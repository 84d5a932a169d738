"""Names of the legal levels (效力级别) and validity statuses (时效性) as the pages show them.

The keys are ``level.<id>`` and ``validity.<status>`` for the ids the store keeps
(``ingest.metadata.LEVELS``, a document's ``status``); :func:`ui.components.level_label` and
:func:`ui.components.status_badge` look them up.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "level.national_law": ("法律", "national law"),
    "level.administrative_regulation": ("行政法规", "administrative regulation"),
    "level.departmental_rule": ("部门规章", "departmental rule"),
    "level.local_regulation": ("地方性法规", "local regulation"),
    "level.local_government_rule": ("地方政府规章", "local government rule"),
    "level.judicial_interpretation": ("司法解释", "judicial interpretation"),
    "level.standard": ("标准", "standard"),
    "level.normative_document": ("规范性文件", "normative document"),
    "level.work_plan": ("工作方案", "work plan"),
    "level.unknown": ("未标明效力级别", "unknown level"),
    "validity.in_force": ("现行有效", "in force"),
    "validity.superseded": ("已被修订", "superseded"),
    "validity.repealed": ("已废止", "repealed"),
    "validity.draft": ("草案", "draft"),
    "validity.not_yet_in_force": ("尚未施行", "not yet in force"),
    "validity.unknown": ("时效性不明", "unknown"),
    "region.national": ("全国", "national"),
    "region.unknown": ("地区不明", "unknown region"),
}
