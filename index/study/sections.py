"""The reference sections of a study pack: outline, defined terms, duties by bearer, figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from index.study.sources import SourcedArticle, by_document
from nlp.legal.duties import collect_duties, group_by_bearer
from nlp.legal.quantities import find_quantities
from nlp.legal.terms import collect_terms
from nlp.versions.compare import article_body

# Quantities worth remembering; plain amounts and percentages are usually not rules.
FIGURE_KINDS = (
    "fine",
    "fine_multiple",
    "income_share",
    "time_limit",
    "period",
    "detention",
    "threshold",
)
_SENTENCE_END = "。；;\n"


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One heading (document title, then chapter, section …) and the pack's articles under it."""

    document_id: str
    headings: tuple[str, ...]
    provisions: tuple[tuple[str, str], ...]  # (provision_id, number), in document order

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "headings": list(self.headings),
            "provisions": [{"provision_id": p, "number": n} for p, n in self.provisions],
        }


@dataclass(frozen=True, slots=True)
class SourcedEntry:
    """A defined term, a duty or a figure with its source article.

    ``label`` is the term, the duty's bearer or the figure's kind; ``text`` the definition, the
    duty ("应当" + what) or the figure as written; ``context`` the figure's sentence.
    """

    label: str
    text: str
    document_id: str
    provision_id: str
    number: str
    detail: str = ""  # the duty's kind, or the figure's subject
    context: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "text": self.text,
            "detail": self.detail,
            "context": self.context,
            "document_id": self.document_id,
            "source_id": self.provision_id,
            "number": self.number,
        }


def outline(articles: Sequence[SourcedArticle]) -> list[OutlineEntry]:
    """The heading paths of the articles, in document order, each with its articles."""
    ordered = sorted(articles, key=lambda a: (a.document_id, a.ord))
    out: list[OutlineEntry] = []
    for a in ordered:
        last = out[-1] if out else None
        if last and last.document_id == a.document_id and last.headings == a.heading_path:
            out[-1] = OutlineEntry(
                a.document_id,
                a.heading_path,
                (*last.provisions, (a.provision_id, a.article.number)),
            )
        else:
            out.append(
                OutlineEntry(a.document_id, a.heading_path, ((a.provision_id, a.article.number),))
            )
    return out


def terms_of(articles: Sequence[SourcedArticle]) -> list[SourcedEntry]:
    """The defined terms of the articles, first definition kept, with their articles."""
    out = []
    for group in by_document(articles).values():
        for t in collect_terms([a.article for a in group]):
            a = group[t.article or 0]
            out.append(
                SourcedEntry(t.term, t.definition, a.document_id, a.provision_id, a.article.number)
            )
    return out


def duties_of(articles: Sequence[SourcedArticle]) -> list[tuple[str, tuple[SourcedEntry, ...]]]:
    """The duties with a named bearer, grouped by bearer (unattributed clauses are left out)."""
    entries = []
    for group in by_document(articles).values():
        bodies = [article_body(a.article.text, a.article.number) for a in group]
        for d in collect_duties(bodies):
            a = group[d.article or 0]
            entries.append((d, a))
    lookup = {id(d): a for d, a in entries}
    grouped = group_by_bearer([d for d, _ in entries])
    return [
        (
            bearer,
            tuple(
                SourcedEntry(
                    bearer,
                    f"{d.modal}{d.text}",
                    lookup[id(d)].document_id,
                    lookup[id(d)].provision_id,
                    lookup[id(d)].article.number,
                    detail=d.kind,
                )
                for d in duties
            ),
        )
        for bearer, duties in grouped.items()
        if bearer
    ]


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or clause ending in "；") around ``text[start:end]``."""
    left = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    stops = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0]
    return text[left : min(stops, default=len(text))].strip()


def figures_of(articles: Sequence[SourcedArticle]) -> list[SourcedEntry]:
    """Fines, time limits and thresholds to remember, each with its sentence and article."""
    out = []
    for a in sorted(articles, key=lambda a: (a.document_id, a.ord)):
        text = a.article.text
        for q in find_quantities(text):
            if q.kind in FIGURE_KINDS:
                out.append(
                    SourcedEntry(
                        q.kind,
                        q.text,
                        a.document_id,
                        a.provision_id,
                        a.article.number,
                        detail=q.subject,
                        context=sentence_at(text, *q.span),
                    )
                )
    return out
