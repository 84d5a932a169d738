"""BM25 tokens: jieba words for Chinese, folded English words, no stop words, digits kept."""

from __future__ import annotations

from index.search.tokens import tokens


def test_chinese_text_is_split_into_jieba_words() -> None:
    out = tokens("生产经营单位应当建立事故隐患排查治理制度")
    assert {"生产", "经营", "单位", "事故", "隐患", "排查", "治理", "制度"} <= set(out)
    # search mode also keeps the compound, and no run is left as one unsplit blob
    assert "事故隐患" in out
    assert "生产经营单位应当建立事故隐患排查治理制度" not in out
    assert all(len(w) <= 4 for w in out)


def test_english_is_lower_cased_and_lightly_stemmed() -> None:
    assert tokens("EMPLOYER Employer employers") == ["employer"] * 3
    forms = [tokens(w) for w in ("requires", "required", "requiring", "require")]
    assert all(f == forms[0] for f in forms) and len(forms[0]) == 1
    assert tokens("processes") == tokens("process") == ["process"]
    assert tokens("accidents") == tokens("accident") == ["accident"]
    assert tokens("reporting") == tokens("report") == ["report"]
    # not over-stemmed: "ss" endings and short words survive
    assert tokens("business") == ["business"]
    assert tokens("gas") == ["gas"]


def test_stop_words_are_dropped() -> None:
    assert tokens("the of and is to which") == []
    assert tokens("的 了 是 在 和") == []
    out = tokens("单位的责任和义务")
    assert out == ["单位", "责任", "义务"]
    assert tokens("duties of the operator") == ["duty", "operator"]


def test_digits_are_kept_and_not_stemmed() -> None:
    out = tokens("第21条 2024年 within 24 hours")
    assert {"21", "2024", "24"} <= set(out)
    assert "hour" in out
    assert tokens("Article 21.") == ["articl", "21"]  # edge punctuation stripped


def test_mixed_language_text_keeps_both() -> None:
    out = tokens("示例安全生产法 Work Safety Act 第二十一条")
    assert {"安全", "生产", "work", "safety", "act"} <= set(out)


def test_possessive_matches_the_plain_word() -> None:
    assert tokens("operator")[0] in tokens("the operator's duty")
    assert tokens("employer")[0] in tokens("the employer’s duty")
