"""Article-level comparison of two versions of one legal text: what was added, removed, changed.

Owns the alignment of old and new articles (following renumbering), the stripping of article
labels, and the inline old→new difference of an aligned pair. Pure: it works on texts handed in
and never opens files or databases. It feeds the app's "compare two versions" view and the
study "what changed" briefings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from ingest import numbering
from nlp.versions.regroup import bigrams, gaps, monotone_alignment, regroup

DIFF_OPS = frozenset({"equal", "insert", "delete"})
CHANGE_KINDS = ("added", "removed", "changed", "unchanged")

# The ingest grammar of article labels, reused so "label" means the same thing in both layers.
_LABELS = (
    numbering.CN_ARTICLE,
    numbering.EN_ARTICLE,
    numbering.EN_CFR_SECTION,
    numbering.EN_SECTION_SIGN,
)
_LABEL_TAIL = " \t\r\n\u3000.:：．、"
_LATIN = "0-9A-Za-z\u00c0-\u024f"
_IS_LATIN = re.compile(rf"[{_LATIN}]").fullmatch
# Latin words stay whole (a word-level diff); every other character is its own token, so Chinese
# is compared character by character. White space runs are tokens too, so spans join back exactly.
_TOKEN = re.compile(rf"[{_LATIN}]+|\s+|.", re.S)
# A space only matters between two Latin characters ("there in" ≠ "therein"); next to Chinese
# text or punctuation it is layout (PDF extraction, a full-width space after the label).
_LAYOUT_SPACE = re.compile(rf"(?<![{_LATIN}]) | (?![{_LATIN}])")


@dataclass(frozen=True, slots=True)
class ArticleText:
    """One article of one version, as stored (its text may start with its own label)."""

    key: str  # provision id: "示例安全生产法/art-21"
    number: str  # as printed: "第二十一条", "Article 8", "8"
    text: str
    heading: str = ""  # "第二章 生产经营单位的安全生产保障"


@dataclass(frozen=True, slots=True)
class DiffSpan:
    """A run of text that both bodies share ("equal") or only the new/old one has."""

    op: str
    text: str

    def __post_init__(self) -> None:
        if self.op not in DIFF_OPS:
            raise ValueError(f"unknown diff op {self.op!r}")


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """What happened to one article between the versions."""

    kind: str  # "unchanged" | "changed" | "added" | "removed"
    old: ArticleText | None
    new: ArticleText | None
    similarity: float = 0.0  # of the bodies, 0..1
    renumbered: bool = False  # an aligned pair whose article numbers differ
    diff: tuple[DiffSpan, ...] = ()  # old body(ies) → new body; only for "changed"
    # Further old articles whose text went into ``new`` (a merge); they are not "removed", and
    # the diff runs from all the old bodies, in old reading order, to the new one.
    merged_from: tuple[ArticleText, ...] = ()
    # ``new`` was carved out of ``old``, which lives on in another change too (a split).
    split: bool = False

    def __post_init__(self) -> None:
        if self.kind not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {self.kind!r}")
        if (self.old is None, self.new is None) != (self.kind == "added", self.kind == "removed"):
            raise ValueError(f"a {self.kind!r} change has the wrong sides")
        if (self.merged_from or self.split) and self.kind != "changed":
            raise ValueError(f"a {self.kind!r} change cannot be a merge or a split")


@dataclass(frozen=True, slots=True)
class VersionComparison:
    """All changes, in reading order of the new version; removed ones where they stood."""

    changes: tuple[ArticleChange, ...] = ()

    def counts(self) -> dict[str, int]:
        """Return how many articles were added, removed, changed, unchanged and renumbered.

        "added" counts only new text and "removed" only text that is gone. Where articles were
        merged or split, "merged" counts the further old sources named in ``merged_from`` and
        "split" the changes carved out of an old article that another change continues; the two
        keys are there only when non-zero, so a one-to-one comparison reads as it always did.
        """
        out = dict.fromkeys(CHANGE_KINDS, 0)
        for change in self.changes:
            out[change.kind] += 1
        out["renumbered"] = sum(c.renumbered for c in self.changes)
        merged = sum(len(c.merged_from) for c in self.changes)
        split = sum(c.split for c in self.changes)
        return out | ({"merged": merged} if merged else {}) | ({"split": split} if split else {})


def article_body(text: str, number: str) -> str:
    """Return an article's text without its leading label, so renumbering alone is no change.

    The label is the printed ``number`` itself, or a label of the ingest grammar ("第二十一条",
    "Article 8.", "§ 56.1000") naming the same number. A section's own title ("§ 56.1000
    Definitions.") is kept: a new title is a change in content, not in numbering.

    Args:
        text: the article's text as stored.
        number: its number as printed ("第二十一条", "Article 8", "8"); may be empty.
    """
    body = text.strip()
    end = _label_end(body, number.strip())
    return body[end:].lstrip(_LABEL_TAIL) if end else body


def inline_diff(old: str, new: str) -> tuple[DiffSpan, ...]:
    """Return the old→new difference: Chinese by character, Latin text by whole word.

    Joining the "equal" and "delete" spans gives ``old`` exactly, and "equal" and "insert" spans
    give ``new``; within a changed stretch the deletion comes before the insertion.

    Args:
        old: the old text.
        new: the new text.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    spans: list[DiffSpan] = []
    # Indel (insertions and deletions only: a longest common subsequence) rather than Levenshtein,
    # since a substitution is shown as a deletion plus an insertion anyway. Its edits between two
    # equal stretches may interleave; they are merged into one deletion, then one insertion.
    for equal, group in groupby(Indel.opcodes(a, b), key=lambda op: op.tag == "equal"):
        ops = list(group)
        gone = "".join(t for op in ops for t in a[op.src_start : op.src_end])
        came = "".join(t for op in ops for t in b[op.dest_start : op.dest_end])
        if equal:
            spans.append(DiffSpan("equal", gone))
        else:
            spans.extend(DiffSpan(o, t) for o, t in (("delete", gone), ("insert", came)) if t)
    return tuple(spans)


def compare_versions(
    old: Sequence[ArticleText],
    new: Sequence[ArticleText],
    *,
    threshold: float = 0.5,
    regroup_leftovers: bool = True,
) -> VersionComparison:
    """Align the articles of two versions and classify each one.

    Identical bodies pair first, wherever they stand; then the rest pair by body similarity in an
    order-preserving alignment, each pair scoring at least ``threshold``. A second pass places
    what is left: an old article mostly contained in a new one was merged into it, a new article
    mostly contained in an old one (or holding most of it) was split off it, and a leftover pair
    between the same aligned neighbours that still shares its rarer wording was rewritten; all
    three are "changed". Only what is left after that was added or removed.

    Args:
        old: the old version's articles, in reading order.
        new: the new version's articles, in reading order.
        threshold: the least similarity (0..1] for two different bodies to count as one article.
        regroup_leftovers: run the second pass; off, the alignment is one to one.

    Raises:
        ValueError: if ``threshold`` is outside (0, 1].
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    old_bodies = [article_body(a.text, a.number) for a in old]
    new_bodies = [article_body(a.text, a.number) for a in new]
    old_keys = [_normalise(b) for b in old_bodies]
    new_keys = [_normalise(b) for b in new_bodies]

    pairs = _identical_pairs(old_keys, new_keys)  # old index -> new index
    unchanged = set(pairs.values())
    scored: dict[int, float] = dict.fromkeys(unchanged, 1.0)  # new index -> similarity
    _pair_similar(old_keys, new_keys, threshold, pairs, scored)
    merged: dict[int, list[int]] = {}
    split: dict[int, int] = {}  # new index -> the old one it was carved out of
    if regroup_leftovers and len(pairs) < max(len(old), len(new)):
        merged, split = _regroup(old_bodies, old_keys, new_keys, pairs, unchanged, scored)

    changes_by_new: dict[int, ArticleChange] = {}
    for j, i in (*((j, i) for i, j in pairs.items()), *split.items()):
        sources = sorted([i, *merged.get(j, ())])
        body = "\n".join(old_bodies[k] for k in sources)
        diff = () if j in unchanged else inline_diff(body, new_bodies[j])
        extra = tuple(old[k] for k in merged.get(j, ()))
        changes_by_new[j] = _aligned(old[i], new[j], scored[j], diff, extra, j in split)
    gone = set(range(len(old))) - set(pairs) - {i for s in merged.values() for i in s}
    return VersionComparison(_in_new_order(old, new, pairs, gone, changes_by_new))


def _pair_similar(
    old_keys: list[str],
    new_keys: list[str],
    threshold: float,
    pairs: dict[int, int],
    scored: dict[int, float],
) -> None:
    """Pair the bodies between identical pairs by similarity, in order; add to both dicts."""
    for olds, news in gaps(pairs, len(old_keys), len(new_keys)):
        # fuzz.ratio: normalised Indel similarity, per character, so it suits Chinese text and
        # weighs a changed English word by its length; pairs under the threshold score 0.
        scores = process.cdist(
            [old_keys[i] for i in olds],
            [new_keys[j] for j in news],
            scorer=fuzz.ratio,
            score_cutoff=threshold * 100,
        )
        for r, c in monotone_alignment(scores):
            pairs[olds[r]] = news[c]
            scored[news[c]] = float(scores[r, c]) / 100


def _regroup(
    old_bodies: list[str],
    old_keys: list[str],
    new_keys: list[str],
    pairs: dict[int, int],
    unchanged: set[int],
    scored: dict[int, float],
) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Run the second pass (:func:`regroup`), adding its pairs and their scores.

    Returns:
        The merges (new index -> further old sources) and splits (new index -> old index).
    """
    paragraphs = [
        [bigrams(_normalise(p)) for p in lines] if len(lines := b.splitlines()) > 1 else []
        for b in old_bodies
    ]
    found = regroup(
        [bigrams(k) for k in old_keys],
        [bigrams(k) for k in new_keys],
        pairs,
        unchanged,
        paragraphs,
    )
    pairs |= found.pairs
    for i, j in (*found.pairs.items(), *((i, j) for j, i in found.split.items())):
        scored[j] = fuzz.ratio(old_keys[i], new_keys[j]) / 100
    return found.merged, found.split


def _in_new_order(
    old: Sequence[ArticleText],
    new: Sequence[ArticleText],
    pairs: dict[int, int],
    gone: set[int],
    changes_by_new: dict[int, ArticleChange],
) -> tuple[ArticleChange, ...]:
    """Every change in the new version's order, an unplaced new article as "added".

    A removed article (an old index in ``gone``) goes right after the new place of the nearest
    paired article before it.
    """
    removed_after: dict[int, list[ArticleChange]] = defaultdict(list)
    anchor = -1
    for i, article in enumerate(old):
        if i in pairs:
            anchor = pairs[i]
        elif i in gone:
            removed_after[anchor].append(ArticleChange("removed", article, None))
    ordered = list(removed_after[-1])
    for j, article in enumerate(new):
        ordered.append(changes_by_new.get(j) or ArticleChange("added", None, article))
        ordered.extend(removed_after[j])
    return tuple(ordered)


def _label_end(body: str, number: str) -> int:
    """Return where the leading label of ``body`` ends, or 0 if it has none."""
    # "8" must not strip the "8" of "80 workers": a label ending in a Latin character must end
    # a word, while "第八条" may run straight into its text.
    rest = body[len(number) : len(number) + 1]
    if number and body.startswith(number) and not (_IS_LATIN(number[-1]) and _IS_LATIN(rest)):
        return len(number)
    for pattern in _LABELS:
        m = pattern.match(body)
        if m and (not number or _number_key(m.group(0)) == _number_key(number)):
            return m.end()
    return 0


def _number_key(number: str) -> str:
    """Return a comparable value of a printed number: "第八条", "Article 8" and "8" give "8"."""
    text = unicodedata.normalize("NFKC", number).strip()
    label = next(filter(None, (pattern.match(text) for pattern in _LABELS)), None)
    # 第十五条之一 is an article of its own, not 第十五条: the 之一 suffix is part of the key.
    head, *rest = label.groups() if label else (text,)
    suffix = "".join(filter(None, rest))
    try:
        return f"{numbering.parse_number(head.rstrip('.'))}{suffix}"
    except ValueError:
        return head.lower() + suffix


def _aligned(
    old: ArticleText,
    new: ArticleText,
    similarity: float,
    diff: tuple[DiffSpan, ...] = (),
    merged_from: tuple[ArticleText, ...] = (),
    split: bool = False,
) -> ArticleChange:
    """Return the change of a paired article: "changed" when it has a diff, else "unchanged"."""
    renumbered = _number_key(old.number) != _number_key(new.number)
    kind = "changed" if diff else "unchanged"
    return ArticleChange(kind, old, new, similarity, renumbered, diff, merged_from, split)


def _normalise(body: str) -> str:
    """Return the form that decides equality: NFKC (full-width ，→ ,), layout spaces dropped."""
    collapsed = " ".join(unicodedata.normalize("NFKC", body).split())
    return _LAYOUT_SPACE.sub("", collapsed)


def _identical_pairs(old_keys: list[str], new_keys: list[str]) -> dict[int, int]:
    """Pair equal bodies wherever they stand; repeated bodies pair in order of occurrence."""
    waiting: dict[str, deque[int]] = defaultdict(deque)
    for j, key in enumerate(new_keys):
        waiting[key].append(j)
    return {i: waiting[key].popleft() for i, key in enumerate(old_keys) if waiting.get(key)}
