"""Study packs, quiz items and "what changed" briefings on the LawRefBook safety texts.

Usage::

    python bench/bench_study.py [--seed 0] [--repeat 3] [--sample 30] [--show-changes]

A temporary workspace is built with the project's ingest on the Markdown files of
../shared/data/lawrefbook_safety/docs (the texts with 安全生产 or 生产安全 in their title, and
突发事件应对法 2007 and 2024), with the hash embedder (no download). Printed:

- packs for 安全生产法 (2021), for 生产安全事故报告和调查处理条例 and for the topic "事故报告"
  over the 安全生产 texts: articles, key provisions, terms, duties, figures, and gate-passing quiz
  items per 100 articles by type (all items, ``items=None``);
- the quality gate: the pass rate of the generated candidates, and of the exported items (each
  pack item gated again against its stored article; the goal is 100 %);
- "what changed" for 突发事件应对法 2007 → 2024 and for the two versions of 北京市安全生产条例:
  counts of added, removed, changed and renumbered articles, and the briefing's first lines;
- speed: a pack with 50 quiz items for 100 articles of 安全生产法, beside parsing the law's
  Markdown file (``ingest.load_document``), against the 5 s goal;
- ``--sample N``: N items drawn with the seed across the two document packs, printed in full
  for reading;
- quality of the packs a user gets (20 quiz items, the page's default) for 安全生产法 (2021),
  上海市安全生产条例 and the topic "应急预案": the share of items that only ask a modal word, of
  true/false items that are fragments, and of penalty articles among the key provisions
  (:mod:`nlp.quiz.quality`). ``--quality`` ingests only the texts these need and prints only this.

Where ../shared is absent the script says so and exits with status 0.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.lawref import LAWREF  # noqa: E402
from bench.timing import best_of  # noqa: E402

LAW = "中华人民共和国安全生产法"
REGULATION = "生产安全事故报告和调查处理条例"
TOPIC = "事故报告"
EMERGENCY = "突发事件应对法"
BEIJING = "北京市安全生产条例"
LIMIT_S = 5.0
TYPES = ("single", "multiple", "true_false", "fill_blank")
SHANGHAI = "上海市安全生产条例"
EMERGENCY_TOPIC = "应急预案"
QUALITY_FILES = ("安全生产法(2021", "上海市安全生产条例", "生产安全事故应急条例", REGULATION)


def _files(all_docs: bool = False) -> list[Path]:
    docs = LAWREF / "docs"
    return sorted(
        p
        for p in docs.glob("*/*.md")
        if all_docs or "安全生产" in p.name or "生产安全" in p.name or p.name.startswith(EMERGENCY)
    )


def _versions(store, title_part: str) -> list[str]:  # type: ignore[no-untyped-def]
    rows = store.db.execute(
        "SELECT document_id FROM documents WHERE title LIKE ? "
        "ORDER BY COALESCE(version_date,''), document_id",
        (f"%{title_part}%",),
    ).fetchall()
    return [r[0] for r in rows]


def _print_pack(name: str, pack, store) -> None:  # type: ignore[no-untyped-def]
    from nlp.quiz.gate import gate

    n_articles = sum(len(o.provisions) for o in pack.outline)
    by_type = Counter(i.quiz.type for i in pack.items)
    per_100 = {t: 100 * by_type[t] / n_articles if n_articles else 0.0 for t in TYPES}
    texts = {}
    for item in pack.items:
        key = (item.document_id, item.quiz.source_id)
        if key not in texts:
            row = store.db.execute(
                "SELECT text FROM provisions WHERE document_id=? AND provision_id=?", key
            ).fetchone()
            texts[key] = row["text"] if row else ""
    failed = [i for i in pack.items if gate(i.quiz, texts[(i.document_id, i.quiz.source_id)])]
    exported = len(pack.items)
    rate = (exported - len(failed)) / exported if exported else 1.0
    print(f"\n{name}")
    print(
        f"  articles {n_articles}, key provisions {len(pack.provisions)}, terms {len(pack.terms)}, "
        f"duty bearers {len(pack.duties)}, duties {sum(len(d) for _, d in pack.duties)}, "
        f"figures {len(pack.figures)}"
    )
    print(
        f"  quiz items {exported} = {sum(per_100.values()):.1f} per 100 articles: "
        + ", ".join(f"{t} {per_100[t]:.1f}" for t in TYPES)
    )
    g = pack.gate
    print(
        f"  gate on generated candidates: {g['passed']}/{g['candidates']} "
        f"({g['pass_rate']:.1%}); on exported items: {exported - len(failed)}/{exported} "
        f"({rate:.1%})"
    )


def _print_quality(name: str, pack) -> None:  # type: ignore[no-untyped-def]
    from nlp.quiz.quality import is_fragment, is_modal_only, provision_kind

    items = [i.quiz for i in pack.items]
    modal = sum(is_modal_only(q) for q in items)
    fragments = [q.context for q in items if is_fragment(q)]
    kinds = Counter(provision_kind(p.text, p.heading) for p in pack.provisions)
    n, k = len(items), len(pack.provisions)
    print(f"\nquality: {name}")
    print(
        f"  modal-word-only items {modal}/{n} ({modal / n if n else 0:.0%}); "
        f"fragment true/false items {len(fragments)}/{n}"
        + (f" {fragments[:3]}" if fragments else "")
    )
    print(
        f"  key provisions {k}: penalty {kinds['penalty']} "
        f"({kinds['penalty'] / k if k else 0:.0%}), "
        f"duty {kinds['duty']}, rule {kinds['rule']}, definition {kinds['definition']}"
    )


def quality(args: argparse.Namespace) -> int:
    """Only the quality figures of the packs a user gets (20 items), on a few texts."""
    from index import ingest_paths, open_store
    from index.search.build import sync_indexes
    from index.search.embedders import HashEmbedder
    from index.search.engine import SearchEngine
    from index.search.generations import IndexFolder
    from index.study.packs import pack_for_document, pack_for_query

    files = [p for p in _files(all_docs=True) if p.name.startswith(QUALITY_FILES)]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "workspace"
        store = open_store(home)
        ingest_paths(store, files, sandbox=False)
        folder = IndexFolder(home / "index")
        sync_indexes(store, folder, HashEmbedder())
        print(f"workspace: {', '.join(p.stem for p in files)}")
        for title in (LAW, SHANGHAI):
            document_id = store.resolve_document(title)
            pack = pack_for_document(store, document_id, items=20, seed=args.seed)
            _print_quality(f"{document_id} (20 items, seed {args.seed})", pack)
        engine = SearchEngine(store, folder, embedder=HashEmbedder())
        topic = pack_for_query(engine, EMERGENCY_TOPIC, items=20, seed=args.seed)
        _print_quality(f"topic {EMERGENCY_TOPIC!r} (20 items, seed {args.seed})", topic)
        if args.sample:
            _print_sample([topic], args.sample, args.seed)
        store.close()
    return 0


def _print_changes(name: str, changes, show: bool) -> None:  # type: ignore[no-untyped-def]
    c = changes.counts
    print(f"\n{name}: {changes.old_id} → {changes.new_id}")
    print(
        f"  added {c['added']}, removed {c['removed']}, changed {c['changed']}, "
        f"renumbered {c['renumbered']}, unchanged {c.get('unchanged', '?')}; "
        f"new duties {len(changes.new_duties)}, figure changes {len(changes.figures)}, "
        f"quiz items {len(changes.items)}"
    )
    lines = changes.briefing if show else changes.briefing[:6]
    for line in lines:
        print(f"    {line}")
    if not show and len(changes.briefing) > 6:
        print(f"    … {len(changes.briefing) - 6} more lines")
    if show:
        for ch in changes.changes:
            old = ch.old.number if ch.old else "-"
            new = ch.new.number if ch.new else "-"
            print(f"    [{ch.kind}] {old} → {new}")


def _print_sample(packs: Sequence, n: int, seed: int) -> None:  # type: ignore[type-arg]
    items = [i for p in packs for i in p.items]
    chosen = random.Random(seed).sample(items, min(n, len(items)))
    print(f"\nsample of {len(chosen)} items (seed {seed}) for reading")
    for k, item in enumerate(chosen, 1):
        q = item.quiz
        print(f"\n  [{k}] {q.type}/{q.kind} d{q.difficulty} {item.document_id} {item.number}")
        print(f"    {q.stem}")
        for letter, option in zip("ABCD", q.options, strict=False):
            print(f"      {letter}. {option}")
        print(f"    答案: {q.answer}")
        print(f"    解析: {q.explanation}")


def run(args: argparse.Namespace) -> int:
    """Build, measure and print."""
    if not (LAWREF / "articles.jsonl").is_file():
        print(f"skipped: {LAWREF} is not present (../shared/data is only beside the team's repo)")
        return 0
    from index import ingest_paths, open_store
    from index.search.build import sync_indexes
    from index.search.embedders import HashEmbedder
    from index.search.engine import Filters, SearchEngine
    from index.search.generations import IndexFolder
    from index.study.changes import study_changes
    from index.study.packs import pack_for_document, pack_for_query
    from ingest import load_document

    files = _files()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "workspace"
        started = time.perf_counter()
        store = open_store(home)
        ingest_paths(store, files, sandbox=False)
        folder = IndexFolder(home / "index")
        sync_indexes(store, folder, HashEmbedder())
        print(
            f"workspace: {len(files)} Markdown files ingested and indexed (hash embedder) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        law_id = store.resolve_document(LAW)
        regulation_id = store.resolve_document(REGULATION)
        law_pack = pack_for_document(store, law_id, items=None, seed=args.seed)
        regulation_pack = pack_for_document(store, regulation_id, items=None, seed=args.seed)
        _print_pack(f"pack: {law_id}", law_pack, store)
        _print_pack(f"pack: {regulation_id}", regulation_pack, store)
        engine = SearchEngine(store, folder, embedder=HashEmbedder())
        safety = tuple(
            d
            for d in _versions(store, "")
            if ("安全生产" in d or "生产安全" in d) and not d.startswith(EMERGENCY)
        )
        topic = pack_for_query(
            engine,
            TOPIC,
            k=12,
            filters=Filters(document=safety, status=("in_force",)),
            items=None,
            seed=args.seed,
        )
        _print_pack(f"pack: topic {TOPIC!r} over {len(safety)} 安全生产 texts", topic, store)
        for name, pack in ((law_id, law_pack), (regulation_id, regulation_pack)):
            _print_quality(f"{name} (all items)", pack)

        for name, part in ((EMERGENCY, EMERGENCY), (BEIJING, BEIJING)):
            versions = _versions(store, part)
            if len(versions) < 2:
                print(f"\n{name}: fewer than two versions stored ({versions})")
                continue
            changes = study_changes(store, versions[0], versions[-1], seed=args.seed)
            _print_changes(f"what changed: {name}", changes, args.show_changes)

        ids = [a["provision_id"] for a in _numbered(store, law_id)][:100]
        law_file = next(p for p in files if p.name.startswith("安全生产法"))

        def parse() -> None:
            load_document(law_file)

        def build() -> None:
            pack = pack_for_document(store, law_id, articles=ids, items=50, seed=args.seed)
            assert len(pack.items) == 50, len(pack.items)

        t_parse = best_of(parse, args.repeat)
        t_pack = best_of(build, args.repeat)
        verdict = "within" if t_pack <= LIMIT_S else "OVER"
        print(f"\nspeed ({len(ids)} articles of {law_id}, best of {args.repeat}):")
        print(f"  {'baseline: parse the law (ingest.load_document)':<52}{t_parse:>8.3f} s")
        goal = f"({verdict} the {LIMIT_S:.0f} s goal)"
        print(f"  {'pack with 50 quiz items':<52}{t_pack:>8.3f} s  {goal}")
        if args.sample:
            _print_sample([law_pack, regulation_pack], args.sample, args.seed)
        store.close()
    return 0


def _numbered(store, document_id: str) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    from index.library.browse import articles

    return [a for a in articles(store, document_id) if a["number"]]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=0, help="print N items for reading")
    parser.add_argument("--show-changes", action="store_true", help="the full briefing and list")
    parser.add_argument("--quality", action="store_true", help="only the quality of 20-item packs")
    args = parser.parse_args(argv)
    if args.quality and (LAWREF / "articles.jsonl").is_file():
        return quality(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
