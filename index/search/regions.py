"""Same topic across regions: for a query or an article, how each region's rule words it.

One ranked search over the local texts, then the best article of each region; a region whose
best article is far weaker than the leader is still shown (that a province says little on a
topic is itself worth seeing), with its score so the reader can judge.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from index.search.engine import Filters, Hit, SearchEngine
from nlp.versions.compare import article_body

LOCAL_LEVELS = ("local_regulation", "local_rule", "local_normative")
POOL = 300


@dataclass(frozen=True, slots=True)
class RegionRow:
    region: str
    hit: Hit


def across_regions(
    engine: SearchEngine,
    query: str,
    *,
    filters: Filters | None = None,
    exclude_document: str | None = None,
) -> list[RegionRow]:
    """The best article per region for ``query``, strongest region first.

    Args:
        engine: an open search engine.
        query: words, or an article's text ("what do the provinces say about this article").
        filters: other filters (status, date); the level defaults to local texts.
        exclude_document: leave out this document (the article's own).

    Returns:
        One row per region that has any matching article.
    """
    filters = filters or Filters(status=("in_force",))
    if not filters.level:
        filters = replace(filters, level=_local_levels(engine))
    best: dict[str, Hit] = {}
    for hit in engine.search(query, POOL, filters):
        if hit.document_id == exclude_document or not hit.region:
            continue
        best.setdefault(hit.region, hit)
    return [RegionRow(region, hit) for region, hit in best.items()]


def article_query(text: str, number: str) -> str:
    """An article's body as a query (its own label left out), cut to what the retrievers
    weigh anyway."""
    return article_body(text, number)[:600]


def _local_levels(engine: SearchEngine) -> tuple[str, ...]:
    """The levels below national that the library holds (local regulations, rules, …)."""
    levels = {r[0] for r in engine.store.db.execute("SELECT DISTINCT level FROM documents") if r[0]}
    local = tuple(sorted(lv for lv in levels if lv.startswith("local") or lv in LOCAL_LEVELS))
    return local or tuple(sorted(levels))
