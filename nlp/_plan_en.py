"""English plan sentences: which sentences and clauses are directives, and their parts.

A work plan paragraph chains several tasks in one sentence ("Revise the rules on …, tighten
the checks of …, and step by step extend …"), puts a subject in front of some
("The Ministry of Emergency Management should …", "We will …") and frames others ("In accordance
with the requirements of …, we will …"). This module finds every directive clause in a paragraph
and cuts it into action and object, and collects the sentences and notes that only assign bodies
(``nlp._plan_assign``). It returns offsets into the paragraph; resolving bodies, laws and
deadlines is ``nlp._plan_reader``'s job.

A verb lexicon (``nlp._plan_words``) decides what a directive verb is; words that are as often
nouns ("use", "design", "report") need context, such as a following determiner, so that "storage
sites, use links" does not start a clause. spaCy's en_core_web_sm tagger was measured as the
judge instead: on the seed and corpus plans it added four wrong splits for two right ones, and
missed imperatives it tagged as nouns ("urge", "close gaps", "transfer cases").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from nlp import _plan_words as words
from nlp._plan_assign import BARE_BLOCK, Assignment, assignment_only, find_block, parse_fields, trim

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d+(?:[.,:]\d+)*|\S")


@dataclass(frozen=True, slots=True)
class Tok:
    """One token of a paragraph: its text, offsets and whether it is inside brackets."""

    text: str
    start: int
    end: int
    low: str
    nested: bool  # inside (), [], or quotation marks: never a clause boundary


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
    """

    start: int
    end: int
    action: tuple[int, int]
    object: tuple[int, int]
    subject: tuple[int, int] | None
    sentence: int
    frame: tuple[int, int] | None = None
    passive: bool = False


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
        found = parse_fields(text, bare.end(), len(text))
        if found is not None:
            assignments.append(dataclasses.replace(found, sentence=len(text), previous=True))
            text = text[: bare.start()]
    toks = tokenize(text)
    for index, (a, b) in enumerate(sentences(toks)):
        sent = toks[a:b]
        while sent and sent[-1].text in ".;!?":
            sent = sent[:-1]
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
        clauses.extend(found)
        if sentence_assignment is not None and found:
            assignments.append(sentence_assignment)
    return Analysis(tuple(clauses), tuple(assignments))


# -- directive clauses -------------------------------------------------------------------------


def _sentence_clauses(
    text: str, sent: list[Tok], index: int
) -> tuple[list[Clause], Assignment | None]:
    head = _find_head(sent)
    if head is None:
        return [], None
    frame = trim(text, sent[0].start, sent[head[0] - 1].end) if head[0] > 0 else None
    lead_spans: list[tuple[int, int]] = []
    coop_spans: list[tuple[int, int]] = []
    starts = [head]
    cuts: dict[int, int] = {}  # clause number -> token index where its object ends
    n = len(sent)
    for i in range(head[0]):  # "Led by X, crack down on …": a fronted assignment
        phrase = _cooperation_phrase(sent, i)
        if phrase is not None and not sent[i].nested:
            kind, body_start, body_end = phrase
            span = trim(text, sent[body_start].start, sent[body_end - 1].end)
            (lead_spans if kind == "lead" else coop_spans).append(span)
    end = n  # where the last clause ends: a trailing "and no one may …" is not part of it
    purpose = False
    i = head[1]
    while i < end:
        t = sent[i]
        current = len(starts) - 1
        if t.nested:
            i += 1
            continue
        if not purpose and _is_purpose(sent, i):
            purpose = True
            cuts.setdefault(current, i)
        phrase = _cooperation_phrase(sent, i)
        if phrase is not None:
            kind, body_start, body_end = phrase
            span = trim(text, sent[body_start].start, sent[body_end - 1].end)
            (lead_spans if kind == "lead" else coop_spans).append(span)
            cuts.setdefault(current, i)
            i = body_end
            continue
        if t.text == "," and i + 1 < n:
            after = sent[i + 1]
            if after.low in words.ELABORATION or words.is_gerund(after):
                cuts.setdefault(current, i)  # ", focusing on …": detail, not the object
        if not purpose and t.text in {",", "and"}:
            nxt = _next_clause(sent, i, starts[-1])
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
    clauses = []
    for k, (cpos, cverb, csubject, cpassive) in enumerate(starts):
        last = (starts[k + 1][0] if k + 1 < len(starts) else end) - 1
        while last > cverb and (sent[last].text in ",;." or sent[last].low == "and"):
            last -= 1
        action_end = _action_end(sent, cverb, last + 1)
        action = (sent[_adverb_start(sent, cverb, cpos)].start, sent[action_end - 1].end)
        object_end = min(cuts.get(k, last + 1), last + 1)
        obj = (action[1], action[1])
        if object_end > action_end:
            obj = trim(text, sent[action_end].start, sent[object_end - 1].end, " ,;")
        subj = None
        if csubject is not None:
            subj = (sent[csubject[0]].start, sent[csubject[1] - 1].end)
            if cpassive:
                obj = subj  # "Safety standards should be revised": the subject is acted on
        start = sent[0].start if k == 0 else sent[cpos].start
        clauses.append(Clause(start, sent[last].end, action, obj, subj, index, frame, cpassive))
    assignment = None
    if lead_spans or coop_spans:
        assignment = Assignment(tuple(lead_spans), tuple(coop_spans), index)
    return clauses, assignment


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


_Head = tuple[int, int, tuple[int, int] | None, bool]  # clause start, verb, subject, passive


def _find_head(sent: list[Tok]) -> _Head | None:
    """The sentence's first directive head, after any fronted framing."""
    head = _head_at(sent, 0, sentence_start=True)
    if head is not None:
        return head
    framed = sent[0].low in words.FRAMING or len(_until_comma(sent, 0)) <= 4
    if not framed:
        return None
    for i, t in enumerate(sent):
        if t.text == "," and not t.nested and i + 1 < len(sent):
            head = _head_at(sent, i + 1, sentence_start=True)
            if head is not None:
                return head
    return None


def _until_comma(sent: list[Tok], start: int) -> list[Tok]:
    out = []
    for t in sent[start:]:
        if t.text == "," and not t.nested:
            break
        out.append(t)
    return out


def _skip_adverbs(sent: list[Tok], i: int) -> int:
    while i < len(sent) and words.is_adverb(sent[i]):
        i += 1
    return i


def _head_at(sent: list[Tok], pos: int, *, sentence_start: bool) -> _Head | None:
    """A directive starting at ``pos``: imperative, "we will", or subject + modal."""
    n = len(sent)
    if pos >= n or sent[pos].nested:
        return None
    # "It is necessary to …", "Efforts should be made to …": imperative in disguise
    lead_in = words.match_phrase(sent, pos, words.IMPERATIVE_LEAD_INS)
    if lead_in:
        v = _skip_adverbs(sent, pos + lead_in)
        if v < n and words.is_verb(sent, v, strict=False):
            return pos, v, None, False
    v = _skip_adverbs(sent, pos)
    if v < n and words.is_verb(sent, v, strict=True, initial=sentence_start and v == pos):
        return pos, v, None, False
    if v < n and v > pos and words.is_verb(sent, v, strict=False):
        # "Further optimize …", "Continuously optimize …": an adverb announces the verb
        return pos, v, None, False
    return _subject_head(sent, pos)


def _subject_head(sent: list[Tok], pos: int, *, short: bool = False) -> _Head | None:
    """A subject and a directive predicate: "X should …", "We will …", "X should be revised",
    "X may not …", "no X may …", "the duties … are further defined"."""
    n = len(sent)
    if sent[pos].low in words.NON_SUBJECTS:
        return None
    limit = min(n, pos + (16 if short else 30))
    for i in range(pos + 1, limit):
        t = sent[i]
        if t.nested:
            continue
        if t.text in {";", ":"} or (short and t.text == ","):
            return None
        gerund = words.match_phrase(sent, i, words.GERUND_MODALS)
        if gerund:
            j = _skip_adverbs(sent, i + gerund)
            if j < n and sent[j].low.endswith("ing") and words.looks_like_body(_join(sent[pos:i])):
                return pos, j, (pos, i), False
            return None
        modal = words.match_phrase(sent, i, words.MODALS)
        if modal or t.low in words.PERMISSIVE:
            return _predicate(sent, pos, i, max(modal, 1))
        if t.low in {"is", "are"}:
            k = _skip_adverbs(sent, i + 1)
            adverbs = {x.low for x in sent[i + 1 : k]}
            if k < n and adverbs & words.DIRECTIVE_PASSIVE_ADVERBS and words.is_participle(sent[k]):
                return pos, k, (pos, i), True  # "… are further defined": a translated 进一步明确
            return None
        if (
            words.is_third_person(sent, i)
            and words.looks_like_body(_join(sent[pos:i]))
            and sent[pos].low in words.COLLECTIVE_SUBJECTS
        ):
            # "Each region, in light of its own reality, formulates …": a translated 要
            return pos, i, _subject_without_aside(sent, pos, i), False
        if words.is_verb(sent, i, strict=True) and sent[i - 1].low not in {",", "to"}:
            return None  # a finite verb before any modal: a statement, not a directive
    return None


def _predicate(sent: list[Tok], pos: int, i: int, modal: int) -> _Head | None:
    """What follows the modal at ``i`` of a subject starting at ``pos``, if it directs."""
    n = len(sent)
    subject = (pos, i)
    j = _skip_adverbs(sent, i + modal)
    if j < n and sent[j].text == ",":  # "shall, in accordance with their duties, strengthen …"
        aside = next((k for k in range(j + 1, n) if sent[k].text == "," and not sent[k].nested), n)
        j = _skip_adverbs(sent, aside + 1)
    negated = j < n and sent[j].low in {"not", "never"}
    if negated:
        j = _skip_adverbs(sent, j + 1)
    elif sent[pos].low == "no":
        negated = True  # "No unit or individual may obstruct …"
    elif sent[i].low in words.PERMISSIVE:
        return None  # "X may …" permits; only "X may not" and "no X may" direct
    if j >= n:
        return None
    if sent[j].low == "be":
        k = _skip_adverbs(sent, j + 1)
        if k < n and words.is_participle(sent[k]):
            return pos, k, subject, True
        return None
    known = sent[pos].low == "we" or words.looks_like_body(_join(sent[pos:i]))
    if sent[i].low == "will" and not known:
        return None  # "The campaign will cover …": a forecast, not a commitment
    if sent[j].low in words.VERBS or sent[j].low in words.AMBIGUOUS:
        return pos, j, subject, False
    if (known or negated) and words.is_base_form(sent[j]):
        return pos, j, subject, False  # after a modal, a plain word is the verb ("may obstruct")
    return None


def _subject_without_aside(sent: list[Tok], pos: int, end: int) -> tuple[int, int]:
    for i in range(pos, end):
        if sent[i].text == "," and not sent[i].nested:
            return pos, i
    return pos, end


def _join(toks: list[Tok]) -> str:
    return " ".join(t.text for t in toks)


def _is_purpose(sent: list[Tok], i: int) -> bool:
    return bool(words.match_phrase(sent, i, words.PURPOSE))


def _cooperation_phrase(sent: list[Tok], i: int) -> tuple[str, int, int] | None:
    """ ", with the cooperation of A, B and C" -> ("cooperating", start, end) of the bodies."""
    for kind, phrases in (("cooperating", words.COOPERATION), ("lead", words.LEADERSHIP)):
        m = words.match_phrase(sent, i, phrases)
        if not m:
            continue
        start = i + m
        end = start
        while end < len(sent):
            t = sent[end]
            if not t.nested and t.text in {",", "and"} and end + 1 < len(sent):
                after = end + 1
                if sent[after].low == "and":
                    after += 1
                after = _skip_adverbs(sent, after)
                if after < len(sent) and (
                    words.is_verb(sent, after, strict=True)
                    or _is_purpose(sent, after)
                    or words.is_gerund(sent[after])
                    or sent[after].low in words.ELABORATION
                ):
                    break
            if not t.nested and t.text in ".;":
                break
            end += 1
        if end > start and words.looks_like_body(_join(sent[start:end])):
            return kind, start, end
    return None


def _next_clause(sent: list[Tok], i: int, current: _Head) -> _Head | None:
    """A new directive clause starting after the comma or "and" at ``i``, if any."""
    n = len(sent)
    comma = sent[i].text == ","
    j = i + 1
    if comma and j < n and sent[j].low == "and":
        j += 1
    if j >= n or not (current[3] or _has_object(sent, current[1], i)):
        return None  # "actively develop, reserve and transform …": verbs sharing one object
    v = _skip_adverbs(sent, j)
    if v < n and words.is_verb(sent, v, strict=True):
        if not comma and _inside_infinitive(sent, current[1], i):
            return None  # "urge enterprises to make … and effectively control …"
        return j, v, None, False
    if comma or j > i + 1:
        head = _subject_head(sent, j, short=True)
        if head is not None:
            return head
    return None


def _has_object(sent: list[Tok], verb: int, end: int) -> bool:
    k = _action_end(sent, verb, end)
    return any(not words.is_adverb(t) and t.low not in {"and", ","} for t in sent[k:end])


def _inside_infinitive(sent: list[Tok], verb: int, end: int) -> bool:
    for k in range(verb + 1, end):
        if sent[k].low == "to":
            v = _skip_adverbs(sent, k + 1)
            if v < end and words.is_verb(sent, v, strict=False):
                return True
    return False


def _adverb_start(sent: list[Tok], verb: int, floor: int) -> int:
    """Where the verb phrase starts: its adverbs, and a negation ("may not delay")."""
    k = verb
    while k > floor and (words.is_adverb(sent[k - 1]) or sent[k - 1].low in {"not", "never"}):
        k -= 1
    if k < verb and sent[k].low in {"not", "never"} and k > floor:
        k -= 1  # the modal of "shall not", so that the action reads as a prohibition
    return k


def _action_end(sent: list[Tok], verb: int, limit: int) -> int:
    """Token index after the verb phrase: verbs, particles, "the revision of"."""
    k = verb + 1 + words.particles(sent, verb)
    while k + 1 < limit:
        if sent[k - 1].low == "to" or (sent[k].low == "to" and sent[verb].low in _CATENATIVE):
            # "continue to promote", "take measures to reduce": the second verb is the action
            v = _skip_adverbs(sent, k + (sent[k].low == "to"))
        elif sent[k].low in {"and", "or", ","}:
            v = _skip_adverbs(sent, k + 1)
        else:
            break
        if v < limit and words.is_verb(sent, v, strict=False):
            verb = v
            k = v + 1 + words.particles(sent, v)
        else:
            break
    return min(limit, k + words.nominal_action(sent, k))


_CATENATIVE = frozenset({"continue", "strive", "endeavour", "endeavor", "seek", "try", "work"})
