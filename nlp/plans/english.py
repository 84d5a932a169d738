"""English plan sentences: which sentences and clauses are directives, and their parts.

A work plan paragraph chains several tasks in one sentence ("Revise the rules on …, tighten
the checks of …, and step by step extend …"), puts a subject in front of some
("The Ministry of Emergency Management should …", "We will …") and frames others ("In accordance
with the requirements of …, we will …"). This module finds every directive clause in a paragraph
and cuts it into action and object, and collects the sentences and notes that only assign bodies
(``nlp.plans.assignments``); the tests at one position of a sentence (does a directive head start
here, does a new clause start after this joint, where does the verb phrase end) are in
``nlp.plans.english_heads``. It returns offsets into the paragraph; resolving bodies, laws and
deadlines is ``nlp.plans.reader``'s job.

A verb lexicon (``nlp.plans.english_words``) decides what a directive verb is; words that are as
often nouns ("use", "design", "report") need context, such as a following determiner, so that
"storage sites, use links" does not start a clause. spaCy's en_core_web_sm tagger was measured as
the judge instead: on the seed and corpus plans it added four wrong splits for two right ones, and
missed imperatives it tagged as nouns ("urge", "close gaps", "transfer cases").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from nlp.plans import english_words as words
from nlp.plans.assignments import (
    BARE_BLOCK,
    Assignment,
    assignment_only,
    find_block,
    parse_fields,
)
from nlp.plans.english_heads import (
    Tok,
    action_end,
    adverb_start,
    find_head,
    is_purpose,
    join,
    next_clause,
    skip_adverbs,
)
from nlp.text import trim

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d+(?:[.,:]\d+)*|\S")


@dataclass(frozen=True, slots=True)
class Clause:
    """One directive clause of a paragraph (offsets into the paragraph).

    Attributes:
        start: Where the clause's text starts (the subject, framing or verb).
        end: Exclusive end, without the closing punctuation.
        action: Span of the directive verb phrase.
        object: Span of what is acted on (empty span when nothing follows the verb).
        subject: Span of an explicit subject ("The Ministry of …" before "should"), or None.
        sentence: Index of the sentence in the paragraph (clauses of one sentence share
            assignments and framing).
        frame: Span of the sentence's fronted framing ("During the flood season"), or None.
        passive: True for "… should be revised" (the object is the subject).
        joined: True when the sentence follows a ";" of the same series: without a subject of
            its own it takes the one before.
    """

    start: int
    end: int
    action: tuple[int, int]
    object: tuple[int, int]
    subject: tuple[int, int] | None
    sentence: int
    frame: tuple[int, int] | None = None
    passive: bool = False
    joined: bool = False  # the sentence continues one ended by ";" ("We will A; B; and C")


@dataclass(frozen=True, slots=True)
class Analysis:
    """What a paragraph holds: its directive clauses and its body assignments."""

    clauses: tuple[Clause, ...]
    assignments: tuple[Assignment, ...]


def tokenize(text: str) -> list[Tok]:
    """Split ``text`` into tokens, marking those inside brackets or quotation marks."""
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    straight_quotes = sum(1 for t, _, _ in raw if t == '"')
    use_straight = straight_quotes % 2 == 0  # an unbalanced quote would swallow the paragraph
    depth = 0
    in_quote = False
    out: list[Tok] = []
    for t, s, e in raw:
        opening = t in "([“‘《"
        closing = t in ")]”’》"
        toggles = t == '"' and use_straight
        nested = depth > 0 or in_quote or opening or closing or toggles
        out.append(Tok(t, s, e, t.lower(), nested))
        if opening:
            depth += 1
        elif closing:
            depth = max(0, depth - 1)
        elif toggles:
            in_quote = not in_quote
    return out


def sentences(toks: list[Tok]) -> list[tuple[int, int]]:
    """Token ranges of the sentences; ";" ends one too (plans chain directives with it)."""
    out: list[tuple[int, int]] = []
    begin = 0
    for i, t in enumerate(toks):
        if t.nested or t.text not in ".;!?":
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.text == ";" or nxt is None or _starts_sentence(nxt, toks[i - 1] if i else None):
            if i + 1 > begin:
                out.append((begin, i + 1))
            begin = i + 1
    if begin < len(toks):
        out.append((begin, len(toks)))
    return out


def _starts_sentence(nxt: Tok, before: Tok | None) -> bool:
    if before is not None and before.low in words.ABBREVIATIONS:
        return False
    if before is not None and len(before.text) == 1 and before.text.isupper():
        return False  # an initial: "U.S. agencies", "D.C. Council", "John F. Kennedy"
    return nxt.text[:1].isupper() or nxt.text[:1] in '"“(['


def analyse(text: str) -> Analysis:
    """Find the directive clauses and body assignments of one paragraph.

    Args:
        text: The paragraph.

    Returns:
        The clauses in text order and the assignments.
    """
    clauses: list[Clause] = []
    assignments: list[Assignment] = []
    bare = BARE_BLOCK.search(text)
    if bare is not None:  # "… . Lead unit: X; cooperating units: Y" closing the paragraph
        closing = parse_fields(text, bare.end(), len(text))
        if closing is not None:
            assignments.append(dataclasses.replace(closing, sentence=len(text), previous=True))
            text = text[: bare.start()]
    toks = tokenize(text)
    for index, (a, b) in enumerate(sentences(toks)):
        sent = toks[a:b]
        while sent and sent[-1].text in ".;!?":
            sent = sent[:-1]
        joined = a > 0 and toks[a - 1].text == ";"
        if joined and len(sent) > 1 and sent[0].low in {"and", "or"}:
            sent = sent[1:]  # "…; and prohibit …": the series' last item
        if not sent:
            continue
        block = find_block(text, sent[0].start, sent[-1].end)
        if block is not None:
            assignment, block_start = block
            alone = block_start == sent[0].start  # a block standing alone: for the tasks before
            assignments.append(dataclasses.replace(assignment, sentence=index, previous=alone))
            if alone:
                continue
            sent = [t for t in sent if t.start < block_start]
        only = assignment_only(text, sent[0].start, sent[-1].end)
        if only is not None:
            assignments.append(Assignment(only[0], only[1], index, previous=True))
            continue
        found, sentence_assignment = _sentence_clauses(text, sent, index)
        if joined:
            found = [dataclasses.replace(c, joined=True) for c in found]
        clauses.extend(found)
        if sentence_assignment is not None and found:
            assignments.append(sentence_assignment)
    return Analysis(tuple(clauses), tuple(assignments))


# -- directive clauses -------------------------------------------------------------------------


# A clause's head: where it starts, its verb, its subject's token span, whether it is passive.
_Head = tuple[int, int, tuple[int, int] | None, bool]


@dataclass(slots=True)
class _Bodies:
    """The spans of the bodies a sentence names as leading and as co-operating."""

    lead: list[tuple[int, int]] = dataclasses.field(default_factory=list)
    cooperating: list[tuple[int, int]] = dataclasses.field(default_factory=list)

    def add(self, text: str, sent: list[Tok], phrase: tuple[str, int, int]) -> int:
        """Note the bodies of a cooperation or leadership phrase; return where it ends."""
        kind, body_start, body_end = phrase
        span = trim(text, sent[body_start].start, sent[body_end - 1].end, " ,;")
        (self.lead if kind == "lead" else self.cooperating).append(span)
        return body_end


def _sentence_clauses(
    text: str, sent: list[Tok], index: int
) -> tuple[list[Clause], Assignment | None]:
    """The directive clauses of one sentence, and the assignment its phrases make, if any."""
    head = find_head(sent)
    if head is None:
        return [], None
    frame = trim(text, sent[0].start, sent[head[0] - 1].end, " ,;") if head[0] > 0 else None
    bodies = _Bodies()
    for i in range(head[0]):  # "Led by X, crack down on …": a fronted assignment
        phrase = _cooperation_phrase(sent, i, head[0])
        if phrase is not None and not sent[i].nested:
            bodies.add(text, sent, phrase)
    starts, cuts, end = _clause_starts(text, sent, head, bodies)
    clauses = []
    for k, start in enumerate(starts):
        nxt = starts[k + 1][0] if k + 1 < len(starts) else end
        clause = _clause(text, sent, index, frame, start, k, nxt, cuts.get(k), bodies)
        if clause is not None:
            clauses.append(clause)
    assignment = None
    if bodies.lead or bodies.cooperating:
        assignment = Assignment(tuple(bodies.lead), tuple(bodies.cooperating), index)
    return clauses, assignment


def _clause_starts(
    text: str, sent: list[Tok], head: _Head, bodies: _Bodies
) -> tuple[list[_Head], dict[int, int], int]:
    """Walk the sentence from its head, finding where each further clause starts.

    Returns:
        The clauses' heads; per clause number, the token index where its object ends (before a
        purpose, a detail or a cooperation phrase); and where the last clause ends (a trailing
        "and no one may …" is not part of it).
    """
    starts = [head]
    cuts: dict[int, int] = {}
    n = end = len(sent)
    lead_in = bool(words.match_phrase(sent, head[0], words.IMPERATIVE_LEAD_INS))
    purpose = False
    i = head[1]
    while i < end:
        t = sent[i]
        current = len(starts) - 1
        if t.nested:
            i += 1
            continue
        if not purpose and is_purpose(sent, i):
            purpose = True
            cuts.setdefault(current, i)
        phrase = _cooperation_phrase(sent, i)
        if phrase is not None:
            if i != starts[-1][1]:  # "work with X to …" as the clause's own verb keeps its object
                cuts.setdefault(current, i)
            i = bodies.add(text, sent, phrase)
            continue
        if t.text == "," and i + 1 < n:
            after = sent[i + 1]
            if after.low in words.ELABORATION or words.is_gerund(after):
                cuts.setdefault(current, i)  # ", focusing on …": detail, not the object
        if not purpose and t.text in {",", "and", ":"}:
            nxt = next_clause(sent, i, starts[-1], lead_in)
            if nxt is not None:
                cuts.setdefault(current, i)
                starts.append(nxt)
                i = nxt[1] + 1
                continue
        if (
            t.text == ","
            and i + 1 < n
            and _other_statement(sent, i + 1 + (sent[i + 1].low == "and"))
        ):
            end = i
            break
        i += 1
    return starts, cuts, end


def _clause(
    text: str,
    sent: list[Tok],
    index: int,
    frame: tuple[int, int] | None,
    head: _Head,
    k: int,
    nxt: int,
    cut: int | None,
    bodies: _Bodies,
) -> Clause | None:
    """The ``k``-th clause of the sentence, from its head to ``nxt``; None for a co-operator's.

    Args:
        text: The plan's text.
        sent: The sentence's tokens.
        index: The sentence's number.
        frame: The span of the sentence's fronted framing, if any.
        head: The clause's head (start, verb, subject, passive).
        k: The clause's number in the sentence.
        nxt: The token index where the next clause starts (or the last one ends).
        cut: The token index where the clause's object ends, if it ends early.
        bodies: Where a clause that only co-operates adds its subject.
    """
    cpos, cverb, csubject, cpassive = head
    cooperates = k > 0 and csubject is not None and sent[cverb].low in words.COOPERATE_VERBS
    if (
        cooperates
        and csubject is not None  # implied by cooperates; spelt out for the type checker
        and (cverb + 1 >= nxt or sent[cverb + 1].low in {"with", "closely", "actively"})
    ):
        # "X will A, and Y should cooperate": Y co-operates on the sentence's tasks
        bodies.cooperating.append((sent[csubject[0]].start, sent[csubject[1] - 1].end))
        return None
    last = nxt - 1
    while last > cverb and (sent[last].text in ",;." or sent[last].low == "and"):
        last -= 1
    verb_end = action_end(sent, cverb, last + 1)
    action = (sent[adverb_start(sent, cverb, cpos)].start, sent[verb_end - 1].end)
    object_end = min(last + 1 if cut is None else cut, last + 1)
    obj = (action[1], action[1])
    if object_end > verb_end:
        obj = trim(text, sent[verb_end].start, sent[object_end - 1].end, " ,;")
    subj = None
    if csubject is not None:
        subj = (sent[csubject[0]].start, sent[csubject[1] - 1].end)
        if cpassive:
            obj = subj  # "Safety standards should be revised": the subject is acted on
    start = sent[0].start if k == 0 else sent[cpos].start
    return Clause(start, sent[last].end, action, obj, subj, index, frame, cpassive)


def _other_statement(sent: list[Tok], j: int) -> bool:
    """ "no organisation or person may …" after a comma: a new statement that is not a task."""
    for i in range(j, min(len(sent), j + 10)):
        t = sent[i]
        if t.nested:
            continue
        if t.text == ",":
            return False
        if t.low in words.PERMISSIVE or (
            words.match_phrase(sent, i, words.MODALS)
            and i + 1 < len(sent)
            and sent[i + 1].low in {"not", "never"}
        ):
            return i > j and not words.is_verb(sent, j, strict=True)
    return False


def _cooperation_phrase(
    sent: list[Tok], i: int, limit: int | None = None
) -> tuple[str, int, int] | None:
    """ ", with the cooperation of A, B and C" -> ("cooperating", start, end) of the bodies.

    The list ends before a verb, a purpose or detail phrase, another such phrase ("Led by X
    with the participation of Y": X leads, Y co-operates) and, for a fronted phrase, at
    ``limit`` (where the sentence's own head starts).
    """
    limit = len(sent) if limit is None else limit
    for kind, phrases in (("cooperating", words.COOPERATION), ("lead", words.LEADERSHIP)):
        m = words.match_phrase(sent, i, phrases)
        if not m:
            continue
        start = i + m
        end = start
        aside = i > 0 and sent[i - 1].text == ","  # "X will evaluate, with Y, the process"
        while end < limit:
            t = sent[end]
            if aside and end > start and t.text == "," and not t.nested and end + 1 < len(sent):
                nxt = sent[end + 1]
                if nxt.low != "and" and not nxt.text[:1].isupper():
                    break  # the aside closes: what follows is the clause's own object
            if end > start and (
                words.match_phrase(sent, end, words.COOPERATION)
                or words.match_phrase(sent, end, words.LEADERSHIP)
            ):
                break
            if not t.nested and t.text in {",", "and"} and end + 1 < len(sent):
                after = end + 1
                if sent[after].low == "and":
                    after += 1
                after = skip_adverbs(sent, after)
                if after < len(sent) and (
                    words.is_verb(sent, after, strict=True)
                    or is_purpose(sent, after)
                    or words.is_gerund(sent[after])
                    or sent[after].low in words.ELABORATION
                ):
                    break
            if not t.nested and (t.text in ".;" or (end > start and _to_verb(sent, end))):
                break  # "work with CISA to develop …": the partner ends before the purpose
            end += 1
        while end > start and sent[end - 1].text in {",", "and"}:
            end -= 1
        if end > start and words.looks_like_body(join(sent[start:end])):
            return kind, start, end
    return None


def _to_verb(sent: list[Tok], i: int) -> bool:
    """ "to develop …" at ``i``: an infinitive (a purpose), never part of a body's name."""
    return (
        sent[i].low == "to"
        and i + 1 < len(sent)
        and (is_purpose(sent, i) or words.is_verb(sent, i + 1, strict=True))
    )
