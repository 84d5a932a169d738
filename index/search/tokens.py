"""Keyword tokens for BM25: jieba words for Chinese, lower-cased words for English."""

from __future__ import annotations

import logging
import re
from functools import cache
from types import ModuleType

# Change this whenever tokens() would split any text differently: cached tokens carry it.
TOKENIZER_VERSION = "1"

_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9][A-Za-z0-9'’.]*")
_EDGE = re.compile(r"^[.'’]+|(?:['’]s)?[.'’]*$")

# Function words that match everywhere and only add noise to BM25 scores.
_ZH_WORDS = (
    "的 了 是 在 和 与 或 及 等 对 中 为 以 由 将 把 被 其 之 于 并 而 也 都 就 吗 呢 吧 啊 "
    "我 你 他 她 它 我们 什么 怎么 怎样 如何 可以 是否 有 没有 这 那 哪些 一个 这个 会 要 能"
)
_EN_WORDS = (
    "a an the and or of to in on at by for with from as is are was were be been being it "
    "its this that these those which who whom what when where how why do does did can could "
    "should would will shall may might must not no any all if then than there their they "
    "them he she his her we our you your i me my so such into about under over"
)
_ZH_STOP = frozenset(_ZH_WORDS.split())
_EN_STOP = frozenset(_EN_WORDS.split())


@cache
def _jieba() -> ModuleType:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokens(text: str) -> list[str]:
    """Split text into BM25 tokens: jieba search-mode words and lower-cased English words.

    >>> tokens("Fines under Article 21")
    ['fin', 'articl', '21']
    """
    out: list[str] = []
    for run in _RUN.findall(text):
        if run[0] >= "\u3400":
            out.extend(w for w in _jieba().lcut_for_search(run) if w not in _ZH_STOP)
        else:
            word = english_token(run)
            if word:
                out.append(word)
    return out


def english_token(word: str) -> str | None:
    """The BM25 token of one English word (None for a stop word)."""
    word = _EDGE.sub("", word.lower())
    if not word or word in _EN_STOP:
        return None
    return _stem(word)


def _stem(word: str) -> str:
    """A light English suffix fold: "requires", "required", "requiring" all become "requir"."""
    if word.isdigit():
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + keep
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word
