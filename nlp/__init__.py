"""Pure analyses of legal texts and work plans: no files, no database, no models downloaded.

The public API, one name per job (each is imported on first use, so ``import nlp`` is cheap):

- plans: :func:`read_plan` (tasks and findings), :func:`extract_tasks`, :func:`tasks_from_rows`,
  :class:`TaskItem`, :func:`find_deadlines`;
- bodies: :class:`Gazetteer` (bodies as named), :class:`DepartmentDirectory` (kinds);
- legal text: :func:`find_citations`, :func:`parse_article_ref`, :func:`find_quantities`,
  :func:`find_modals`, :func:`find_duties`, :func:`find_terms`, :func:`find_old_names`;
- versions: :func:`compare_versions`;
- review: :func:`review_texts`, :class:`ReviewFinding`;
- quiz: :func:`build_quiz`.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "read_plan": "nlp.plans.tasks",
    "extract_tasks": "nlp.plans.tasks",
    "tasks_from_rows": "nlp.plans.tasks",
    "TaskItem": "nlp.plans.tasks",
    "find_deadlines": "nlp.plans.deadlines",
    "Gazetteer": "nlp.bodies.gazetteer",
    "DepartmentDirectory": "nlp.bodies.departments",
    "find_citations": "nlp.legal.citations",
    "parse_article_ref": "nlp.legal.article_refs",
    "find_quantities": "nlp.legal.quantities",
    "find_modals": "nlp.legal.modality",
    "find_duties": "nlp.legal.duties",
    "find_terms": "nlp.legal.terms",
    "find_old_names": "nlp.legal.renamings",
    "compare_versions": "nlp.versions.compare",
    "review_texts": "nlp.review.engine",
    "ReviewFinding": "nlp.review.findings",
    "build_quiz": "nlp.quiz.build",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Import a public name from the module that owns it, on first use."""
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'nlp' has no attribute {name!r}") from None
    return getattr(importlib.import_module(module), name)
