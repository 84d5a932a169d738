"""Helpers shared by the index tests: workspaces built with the hash embedder, counting
embedders, and synthetic documents for a store too big to type by hand."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index import ingest_paths, open_store
from index.search.build import BuildReport, sync_indexes
from index.search.embedders import HashEmbedder
from index.search.generations import IndexFolder
from index.store.database import Store
from ingest.model import IngestResult
from ingest.records import ArticleRecord, document_from_records

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"

LAW_2019 = "示例安全生产法@2019-06-10"
LAW_2024 = "示例安全生产法@2024-04-20"
PROVINCIAL = "示例省安全生产条例@2020-11-27"


class CountingEmbedder(HashEmbedder):
    """The hash embedder, counting the passages it is asked to embed (same name, same vectors)."""

    def __init__(self, dim: int = 256) -> None:
        super().__init__(dim)
        self.texts: list[str] = []
        self.calls = 0

    def passages(self, texts: Sequence[str], progress=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        self.calls += 1
        self.texts.extend(texts)
        return super().passages(texts, progress)


class FailingEmbedder(CountingEmbedder):
    """Embeds ``good_calls`` batches, then raises (a build killed part-way)."""

    def __init__(self, good_calls: int) -> None:
        super().__init__()
        self.good_calls = good_calls

    def passages(self, texts: Sequence[str], progress=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        if self.calls >= self.good_calls:
            raise RuntimeError("embedder crashed")
        return super().passages(texts, progress)


def workspace(
    home: Path, paths: Sequence[Path] = (CORPUS,), embedder: HashEmbedder | None = None
) -> tuple[Store, IndexFolder, BuildReport]:
    """A store with ``paths`` ingested (in process) and its indexes built."""
    store = open_store(home)
    ingest_paths(store, list(paths), sandbox=False)
    folder = IndexFolder(home / "index")
    report = sync_indexes(store, folder, embedder or HashEmbedder())
    return store, folder, report


def unit_ids_of(store: Store, document_id: str) -> set[int]:
    """The numeric ids of one document's search units."""
    return set(store.select_units("d.document_id = ?", (document_id,)))


# Words for synthetic articles: each article draws six of them.
_POOL = [
    "安全",
    "生产",
    "单位",
    "应当",
    "建立",
    "制度",
    "检查",
    "记录",
    "人员",
    "培训",
    "设备",
    "维护",
    "管理",
    "责任",
    "部门",
    "监督",
    "应急",
    "预案",
    "演练",
    "隐患",
    "排查",
    "治理",
    "作业",
    "审批",
    "防护",
    "装备",
    "消防",
    "通道",
    "仓库",
    "车辆",
    "运输",
    "储存",
]


def synthetic_results(documents: int, articles: int, *, seed: int = 7) -> list[IngestResult]:
    """``documents`` documents of ``articles`` articles each, region "R<n>", ready for
    :meth:`Store.write` (no parsing, so a store of thousands of articles builds in seconds)."""
    rng = random.Random(seed)
    out = []
    for d in range(documents):
        title = f"合成测试规定{d:03d}号"
        records = [
            ArticleRecord(
                f"art-{a}",
                f"第{a}条",
                f"第{a}条 {title}第{a}条要求" + "，".join(rng.sample(_POOL, 6)) + "。",
                (title,),
            )
            for a in range(1, articles + 1)
        ]
        out.append(
            document_from_records(
                work_id=f"synthetic-{d:03d}",
                version="2020-01-01",
                title=title,
                articles=records,
                metadata={
                    "language": "zh",
                    "level": "departmental_rule",
                    "region": f"R{d}",
                    "status": "in_force",
                    "version_date": "2020-01-01",
                },
                source=f"synthetic-{d:03d}.txt",
            )
        )
    return out
