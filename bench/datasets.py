"""Retrieval test sets in the formats of ../shared/data, turned into PolicyLens documents.

- ``stard``: corpus.jsonl rows {id, law, article, text}; queries.jsonl {query_id, query};
  qrels.tsv (query_id, corpus_id, ...). One document per law, one article per row.
- ``obliqa``: corpus.jsonl rows {id, DocumentID, PassageID, text}; ObliQA_*.json questions with
  their gold passages (the qrels are inside the questions file). One document per DocumentID.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ingest.ids import slugify
from ingest.model import IngestResult
from ingest.records import ArticleRecord, document_from_records


@dataclass(frozen=True, slots=True)
class Query:
    """One question and the corpus ids that answer it."""

    id: str
    text: str
    gold: frozenset[str]


def load_corpus_rows(path: Path, fmt: str) -> list[dict[str, str]]:
    """Rows {id, group, number, text, heading} in file order."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if fmt == "stard":
                rows.append(
                    {
                        "id": r["id"],
                        "group": r["law"],
                        "number": r["article"],
                        "text": f"{r['article']}\u3000{r['text']}",
                        "heading": r["law"],
                    }
                )
            else:
                rows.append(
                    {
                        "id": r["id"],
                        "group": f"ObliQA document {r['DocumentID']}",
                        "number": str(r["PassageID"]),
                        "text": r["text"],
                        "heading": "",
                    }
                )
    return rows


def load_queries(queries: Path, qrels: Path | None, fmt: str) -> list[Query]:
    """Questions with gold ids; questions without any gold are left out."""
    if fmt == "stard":
        if qrels is None:
            raise SystemExit("STARD needs --qrels (qrels.tsv)")
        gold: dict[str, set[str]] = defaultdict(set)
        with qrels.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                gold[str(row["query_id"])].add(row["corpus_id"])
        out = []
        with queries.open(encoding="utf-8") as fh:
            for line in fh:
                q = json.loads(line)
                ident = str(q["query_id"])
                if gold.get(ident):
                    out.append(Query(ident, q["query"], frozenset(gold[ident])))
        return out
    data = json.loads(queries.read_text(encoding="utf-8"))
    return [
        Query(
            q["QuestionID"],
            q["Question"],
            frozenset(f"{p['DocumentID']}|{p['PassageID']}" for p in q["Passages"]),
        )
        for q in data
        if q.get("Passages")
    ]


def to_documents(rows: list[dict[str, str]], language: str) -> list[tuple[IngestResult, list[str]]]:
    """One document per group; returns each result with its rows' corpus ids in order."""
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        groups[r["group"]].append(r)
    out = []
    used: set[str] = set()
    for title, members in groups.items():
        slug = slugify(title) or "doc"
        if slug in used:  # "中华人民共和国民法典" and "民法典" share a slug
            slug = f"{slug}-{hashlib.sha1(title.encode()).hexdigest()[:8]}"
        used.add(slug)
        records = [
            ArticleRecord(f"p-{n}", r["number"], r["text"], (r["heading"],) if r["heading"] else ())
            for n, r in enumerate(members, 1)
        ]
        result = document_from_records(
            work_id=slug,
            version="bench",
            title=title,
            articles=records,
            metadata={"language": language, "level": "benchmark", "status": "in_force"},
            source=f"{title}.jsonl",
        )
        out.append((result, [r["id"] for r in members]))
    return out
