"""Law-aware ranking, the learned ranker and query normalisation: laws a query names, the law's
score shaping its articles', a LightGBM model trained, saved with the index and used by search
(and refused when it does not fit), traditional and full-width query text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from index.search.embedders import HashEmbedder
from index.search.engine import SearchEngine
from index.search.features import FEATURES
from index.search.laws import LawCatalogue, LawWeights, law_aware, law_stats
from index.search.query_text import normalise_query, to_simplified
from index.search.ranker import RankerError, load_ranker, train
from tests.index.support import LAW_2019, LAW_2024, PROVINCIAL, workspace


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    """The sample corpus, ingested and indexed once (no learned ranker saved)."""
    home = tmp_path_factory.mktemp("ranking")
    store, folder, _ = workspace(home)
    eng = SearchEngine(store, folder, embedder=HashEmbedder())
    yield eng
    eng.close()


# -- query text --------------------------------------------------------------------------------


def test_traditional_and_full_width_queries_are_normalised() -> None:
    assert normalise_query("  勞動合同法　第十條 ＡＢＣ１２ ") == "劳动合同法 第十条 ABC12"
    assert to_simplified("公司不給交社保怎麼辦") == "公司不给交社保怎么办"
    english = "What does the Work Safety Law require?"
    assert normalise_query(english) == english


def test_traditional_query_finds_what_the_simplified_one_finds(engine: SearchEngine) -> None:
    simplified = [h.id for h in engine.search("生产经营单位 事故 报告", k=5)]
    traditional = [h.id for h in engine.search("生產經營單位　事故　報告", k=5)]
    assert simplified and traditional == simplified


# -- laws a query names ------------------------------------------------------------------------

TITLES = {
    "contract": "中华人民共和国劳动合同法",
    "labour": "中华人民共和国劳动法",
    "safety": "中华人民共和国安全生产法(2021修正)",
    "fire": "中华人民共和国消防法",
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("劳动合同法规定试用期最长多久", {"contract"}),  # 劳动法 is inside 劳动合同法: not named
        ("劳动法和《安全生产法》怎么规定加班", {"labour", "safety"}),
        ("What does the Work Safety Law say about training?", {"safety"}),
        ("公司不给交社保怎么办", set()),
    ],
)
def test_catalogue_finds_the_laws_a_query_names(query: str, expected: set[str]) -> None:
    assert LawCatalogue(TITLES).named(query) == expected


def test_law_score_and_named_boost_shape_the_article_ranking() -> None:
    documents = {1: "fire", 2: "safety", 3: "safety", 4: "contract", 5: "safety"}
    fused: list[tuple[int, float, dict[str, int]]] = [
        (1, 1.0, {}),
        (2, 0.9, {}),
        (4, 0.85, {}),
        (3, 0.8, {}),
        (5, 0.5, {}),
    ]
    plain = law_aware(fused, documents, set(), LawWeights(weight=0.0))
    assert [i for i, _, _ in plain] == [1, 2, 4, 3, 5]
    # the mean of each law's two best articles: safety (0.9 + 0.8) / 2 beats fire's 1.0 / 2
    by_law = law_aware(fused, documents, set(), LawWeights(weight=1.0, top=2))
    assert [i for i, _, _ in by_law][:3] == [2, 3, 1]
    # a named law's articles move above the others, in their own order
    named = law_aware(fused, documents, {"contract"}, LawWeights(weight=0.0, named=1.0))
    assert next(i for i, _, _ in named) == 4
    stats = law_stats(fused, documents, {"contract", "missing"}, top=2)
    assert (stats["safety"].count, stats["safety"].rank, stats["fire"].rank) == (3, 2, 1)
    assert stats["missing"].named and stats["missing"].count == 0


def test_a_query_naming_a_law_brings_its_articles_first(engine: SearchEngine) -> None:
    """The wording matches the national law's article best; the query names the provincial
    regulation, and the default (Chinese) weights put its articles first."""
    query = "示例省安全生产条例 从业人员有权向本单位询问"
    assert engine.law_catalogue.named(query) == {PROVINCIAL}

    def first(laws: LawWeights | None) -> str:
        eng = SearchEngine(
            engine.store, engine.folder, embedder=HashEmbedder(), laws=laws, learned=False
        )
        return eng.search(query, k=5)[0].document_id

    assert first(LawWeights(weight=0.3, top=2, named=0.0)) in (LAW_2019, LAW_2024)
    assert first(None) == PROVINCIAL  # the weights chosen for Chinese boost a named law


def test_an_english_name_of_a_law_boosts_it(engine: SearchEngine) -> None:
    rows = engine.store.db.execute("SELECT document_id, title FROM documents").fetchall()
    act = next(r[0] for r in rows if "Work Safety Act" in r[1])
    query = (
        "Under the Illustrative Work Safety Act of the Republic of Exampleland, "
        "从业人员有权向本单位询问"
    )
    assert engine.law_catalogue.named(query) == {act}

    def first(laws: LawWeights) -> str:
        eng = SearchEngine(
            engine.store, engine.folder, embedder=HashEmbedder(), laws=laws, learned=False
        )
        return eng.search(query, k=5)[0].document_id

    assert first(LawWeights(weight=0.3, named=0.0)) != act
    assert first(LawWeights(weight=0.3, named=0.5)) == act


# -- the learned ranker ------------------------------------------------------------------------


def synthetic_rows(queries: int, seed: int) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Rows where the gold candidate is the one with the highest ``text_terms``, while the
    fused rank says nothing about it."""
    rng = np.random.default_rng(seed)
    column = FEATURES.index("text_terms")
    matrices, labels = [], []
    for _ in range(queries):
        m = rng.random((20, len(FEATURES))).astype(np.float32)
        y = np.zeros(20, np.float32)
        y[int(np.argmax(m[:, column]))] = 1.0
        matrices.append(m)
        labels.append(y)
    return np.vstack(matrices), np.concatenate(labels), [20] * queries


def test_ranker_learns_saves_and_loads(tmp_path: Path) -> None:
    matrix, labels, groups = synthetic_rows(150, 1)
    model = train(matrix, labels, groups, rounds=60, embedder="hash", meta={"what": "test"})
    test_matrix, test_labels, _ = synthetic_rows(40, 2)
    scores = model.score(test_matrix)
    top1 = np.mean(
        [test_labels[q * 20 + int(np.argmax(scores[q * 20 : (q + 1) * 20]))] for q in range(40)]
    )
    assert top1 > 0.6  # chance is 0.05
    target = model.save(tmp_path)
    loaded = load_ranker(tmp_path, embedder="hash")
    assert np.allclose(loaded.score(test_matrix), scores)
    assert loaded.meta["what"] == "test" and target == tmp_path / "ranker"
    with pytest.raises(RankerError, match="'hash' scores"):
        load_ranker(tmp_path, embedder="e5")
    meta_path = target / "ranker.json"
    meta = json.loads(meta_path.read_text())
    meta["features"] = meta["features"][:-1]
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(RankerError, match="another feature list"):
        load_ranker(tmp_path)
    with pytest.raises(RankerError, match="no learned ranker"):
        load_ranker(tmp_path / "elsewhere")
    with pytest.raises(ValueError):
        train(matrix[:, :5], labels, groups)


def test_engine_uses_the_ranker_saved_with_the_index(home: Path) -> None:
    store, folder, _ = workspace(home)
    query = "生产经营单位 事故 报告"
    plain = SearchEngine(store, folder, embedder=HashEmbedder())
    assert plain.ranker is None and "no learned ranker" in (plain.ranker_note or "")
    before = [i for i, _, _ in plain.rank(query, 20)]
    lists = plain.retrieve(query, 200)
    aware = plain.law_aware(query, lists)
    ids, matrix = plain.features(query, lists, aware)
    assert matrix.shape == (len(aware[:100]), len(FEATURES)) and ids.tolist()[:3] == before[:3]
    # a model that prefers short articles late in their law: the order must change
    labels = np.zeros(len(ids), np.float32)
    labels[-3:] = 1.0
    model = train(np.vstack([matrix] * 5), np.concatenate([labels] * 5), [len(ids)] * 5, rounds=30)
    model.embedder = "hash"
    model.save(folder.root)
    served = SearchEngine(store, folder, embedder=HashEmbedder())
    assert served.ranker is not None
    after = [i for i, _, _ in served.rank(query, 20)]
    assert after != before and set(after[:3]) & set(ids.tolist()[-3:])
    hits = served.search(query, k=5)
    assert [h.id for h in hits] == after[:5]
    # learned=False, and a model for another embedder, fall back to the law-aware fusion
    assert [i for i, _, _ in SearchEngine(store, folder, learned=False).rank(query, 20)] == before
    model.embedder = "e5"
    model.save(folder.root)
    other = SearchEngine(store, folder, embedder=HashEmbedder())
    assert other.ranker is None and "'e5' scores" in (other.ranker_note or "")
    assert [i for i, _, _ in other.rank(query, 20)] == before
    for eng in (plain, served, other):
        eng.close()


def test_sample_versions_are_both_indexed(engine: SearchEngine) -> None:
    """The fixture holds both versions of the national law, so law scores see two laws."""
    assert {LAW_2019, LAW_2024} <= set(engine.law_sizes)


@pytest.mark.parametrize("zero_as_missing", [False, True])
def test_forest_scores_as_lightgbm_does(zero_as_missing: bool) -> None:
    """Search reads the saved trees with numpy; the scores are LightGBM's, zeros and missing
    values included."""
    import lightgbm

    from index.search.ranker import Forest

    rng = np.random.default_rng(3)
    x = rng.random((1500, 6))
    x[x < 0.3] = 0.0
    x[rng.random(x.shape) < 0.05] = np.nan
    y = ((x[:, 0] > 0.5) | (x[:, 3] == 0)).astype(float)
    params = {"objective": "lambdarank", "verbose": -1, "num_leaves": 15, "min_data_in_leaf": 5}
    booster = lightgbm.train(
        {**params, "zero_as_missing": zero_as_missing},
        lightgbm.Dataset(x, label=y, group=[20] * 75),
        num_boost_round=30,
    )
    forest = Forest.parse(booster.model_to_string())
    z = rng.random((400, 6))
    z[z < 0.3] = 0.0
    z[rng.random(z.shape) < 0.05] = np.nan
    assert forest.num_feature() == 6
    assert np.allclose(forest.predict(z), booster.predict(z), rtol=0, atol=1e-12)
    with pytest.raises(ValueError):
        Forest.parse("not a model")
