"""English plan sentences: where a directive clause starts, its subject, verb and extent.

``nlp.plans.english`` splits a paragraph into sentences and walks each one; this module answers its
questions about a position in a sentence: does a directive head start here (an imperative,
"we will", a subject and a modal, a passive), does a new clause start after this comma, colon
or "and", and where does the verb phrase end. Tokens come from ``nlp.plans.english.tokenize``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.plans import english_words as words


@dataclass(frozen=True, slots=True)
class Tok:
    """One token of a paragraph: its text, offsets and whether it is inside brackets."""

    text: str
    start: int
    end: int
    low: str
    nested: bool  # inside (), [], or quotation marks: never a clause boundary


_Head = tuple[int, int, tuple[int, int] | None, bool]  # clause start, verb, subject, passive


def find_head(sent: list[Tok]) -> _Head | None:
    """The sentence's first directive head, after any fronted framing."""
    head = _head_at(sent, 0, sentence_start=True)
    # a short phrase before the first comma frames the sentence ("In 2024, …"), unless it names
    # a body: "The Department of Energy, in coordination with Y, will …" keeps its subject
    opening = _until_comma(sent, 0)
    framed = sent[0].low in words.FRAMING or (
        len(opening) <= 4 and not words.looks_like_body(join(opening))
    )
    if head is not None and head[2] is not None and framed and sent[0].low != "we":
        # "During the flood season, the Office, in cooperation with Y, will …": the fronted
        # phrase frames the sentence; the subject starts after it
        comma = len(_until_comma(sent, 0))
        if comma < head[2][1]:
            after = _head_at(sent, comma + 1, sentence_start=True)
            if after is not None and after[1] == head[1]:
                return after
    if head is not None:
        return head
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


def skip_adverbs(sent: list[Tok], i: int) -> int:
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
        v = skip_adverbs(sent, pos + lead_in)
        if v < n and words.is_verb(sent, v, strict=False):
            return pos, v, None, False
    v = skip_adverbs(sent, pos)
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
    if sent[pos].low in words.NON_SUBJECTS and not _pronoun_subject(sent, pos):
        return None
    relative = False
    limit = min(n, pos + (16 if short else 30))
    for i in range(pos + 1, limit):
        t = sent[i]
        if t.nested:
            continue
        if t.text in {";", ":"} or (short and t.text == ","):
            return None
        gerund = words.match_phrase(sent, i, words.GERUND_MODALS)
        if gerund:
            j = skip_adverbs(sent, i + gerund)
            if j < n and sent[j].low.endswith("ing") and words.looks_like_body(join(sent[pos:i])):
                return pos, j, (pos, i), False
            return None
        modal = words.match_phrase(sent, i, words.MODALS)
        if modal or t.low in words.PERMISSIVE:
            return _predicate(sent, pos, i, max(modal, 1))
        intent = words.match_phrase(sent, i, words.INTENTS)
        if intent:
            if sent[pos].low == "we" or words.heads_a_body(join(sent[pos:i])):
                return _predicate(sent, pos, i, intent)
            return None
        if t.low in {"is", "are"}:
            k = skip_adverbs(sent, i + 1)
            adverbs = {x.low for x in sent[i + 1 : k]}
            if k < n and adverbs & words.DIRECTIVE_PASSIVE_ADVERBS and words.is_participle(sent[k]):
                return pos, k, (pos, i), True  # "… are further defined": a translated 进一步明确
            return None
        if (
            words.is_third_person(sent, i)
            and words.looks_like_body(join(sent[pos:i]))
            and sent[pos].low in words.COLLECTIVE_SUBJECTS
        ):
            # "Each region, in light of its own reality, formulates …": a translated 要
            return pos, i, _subject_without_aside(sent, pos, i), False
        if t.low in _RELATIVE:
            relative = True  # "Enterprises that conceal …": the verbs are the subject's
        if (
            not relative
            and words.is_verb(sent, i, strict=True)
            and sent[i - 1].low not in {",", "to"}
        ):
            return None  # a finite verb before any modal: a statement, not a directive
    return None


_RELATIVE = frozenset({"that", "which", "who", "whose", "whom", "where"})


def _pronoun_subject(sent: list[Tok], pos: int) -> bool:
    """ "those assessed as …", "those that …": a demonstrative heading its own subject."""
    if sent[pos].low not in {"those", "these"} or pos + 1 >= len(sent):
        return False
    nxt = sent[pos + 1]
    return nxt.low in _RELATIVE or nxt.low in {"with", "found"} or words.is_participle(nxt)


def _predicate(sent: list[Tok], pos: int, i: int, modal: int) -> _Head | None:
    """What follows the modal at ``i`` of a subject starting at ``pos``, if it directs."""
    n = len(sent)
    subject = _without_aside(sent, pos, i)
    j = skip_adverbs(sent, i + modal)
    if j < n and sent[j].text == ",":  # "shall, in accordance with their duties, strengthen …"
        aside = next((k for k in range(j + 1, n) if sent[k].text == "," and not sent[k].nested), n)
        j = skip_adverbs(sent, aside + 1)
    negated = j < n and sent[j].low in {"not", "never"}
    if negated:
        j = skip_adverbs(sent, j + 1)
    elif sent[pos].low == "no":
        negated = True  # "No unit or individual may obstruct …"
    elif sent[i].low in words.PERMISSIVE:
        return None  # "X may …" permits; only "X may not" and "no X may" direct
    if j >= n:
        return None
    named = _subject_without_aside(sent, subject[0], subject[1])  # "OMB, in coordination with …"
    known = sent[pos].low == "we" or any(
        words.looks_like_body(join(sent[a:b])) for a, b in (subject, named)
    )
    if sent[j].low == "be":
        k = skip_adverbs(sent, j + 1)
        if k < n and words.is_participle(sent[k]):
            return pos, k, subject, True
        active = sent[i].low == "will" and k < n and words.is_gerund(sent[k])
        if active and (sent[pos].low == "we" or words.heads_a_body(join(sent[pos:i]))):
            return pos, k, subject, False  # "The Office will be developing guidance …"
        return None
    if sent[i].low == "will" and not known:
        return None  # "The campaign will cover …": a forecast, not a commitment
    if sent[j].low in words.VERBS or sent[j].low in words.AMBIGUOUS:
        return pos, j, subject, False
    obliging = sent[i].low in {"shall", "should", "must"}
    if (known or negated or obliging) and words.is_base_form(sent[j]):
        # after a modal, a plain word is the verb ("may not obstruct", "must pass")
        return pos, j, subject, False
    return None


# Words that open an aside between a subject and its modal ("FEMA, through its OpenFEMA
# initiative, will …"); a co-operation aside ("in coordination with Y") stays in the subject,
# where the reader finds its co-operating bodies.
_ASIDE_OPENERS = frozenset({"through", "via", "under", "as", "using", "which", "who", "within"})
_ASIDE_OPENERS |= {"in", "with", "building", "drawing", "led", "acting"}
_CO_OPERATION_ASIDE = re.compile(
    r"^(?:in (?:co-?ordination|co-?operation|collaboration|conjunction|partnership|consultation)"
    r"|together with|jointly with|working with|with the (?:co-?operation|participation|support))\b"
)


def _without_aside(sent: list[Tok], pos: int, modal: int) -> tuple[int, int]:
    """The subject before a modal, without an aside closed by a comma just before it."""
    if modal - 1 <= pos or sent[modal - 1].text != ",":
        return pos, modal
    first = next(k for k in range(pos, modal) if sent[k].text == "," and not sent[k].nested)
    if first == pos or first >= modal - 1 or sent[first + 1].low not in _ASIDE_OPENERS:
        return pos, modal
    if _CO_OPERATION_ASIDE.match(join(sent[first + 1 : modal]).lower()):
        return pos, modal
    return pos, first


def _subject_without_aside(sent: list[Tok], pos: int, end: int) -> tuple[int, int]:
    for i in range(pos, end):
        if sent[i].text == "," and not sent[i].nested:
            return pos, i
    return pos, end


def join(toks: list[Tok]) -> str:
    return " ".join(t.text for t in toks)


def is_purpose(sent: list[Tok], i: int) -> bool:
    return bool(words.match_phrase(sent, i, words.PURPOSE))


def next_clause(sent: list[Tok], i: int, current: _Head, lead_in: bool = False) -> _Head | None:
    """A new directive clause starting after the comma, colon or "and" at ``i``, if any.

    Args:
        sent: The sentence's tokens.
        i: The joint.
        current: The clause before it.
        lead_in: The sentence opens "It is necessary to …", so ", and to urge …" is a second
            directive, not a purpose.
    """
    n = len(sent)
    comma = sent[i].text in {",", ":"}
    j = i + 1
    if comma and j < n and sent[j].low == "and":
        j += 1
    if j >= n or not (current[3] or _has_object(sent, current[1], i)):
        return None  # "actively develop, reserve and transform …": verbs sharing one object
    v = skip_adverbs(sent, j)
    if lead_in and j > i + 1 and v < n and sent[v].low == "to" and not is_purpose(sent, v):
        v = skip_adverbs(sent, v + 1)  # "It is necessary to A, and to B"
        if v < n and words.is_verb(sent, v, strict=False):
            return j, v, None, False
    if v < n and words.is_verb(sent, v, strict=True):
        if not comma and _inside_infinitive(sent, current[1], i):
            return None  # "urge enterprises to make … and effectively control …"
        return j, v, None, False
    modal = words.match_phrase(sent, v, words.MODALS) if j > i + 1 else 0
    if modal:  # ", and must stop supply …": the sentence's subject goes on
        k = skip_adverbs(sent, v + modal)
        negated = k < n and sent[k].low in {"not", "never"}
        k = skip_adverbs(sent, k + negated)
        if k < n and sent[k].low == "be" and k + 1 < n and words.is_participle(sent[k + 1]):
            return j, k + 1, None, True
        if k < n and (words.is_verb(sent, k, strict=False) or words.is_base_form(sent[k])):
            return j, k, None, False
    if comma or j > i + 1:
        head = _subject_head(sent, j, short=True)
        if head is not None:
            return head
    return None


def _has_object(sent: list[Tok], verb: int, end: int) -> bool:
    k = action_end(sent, verb, end)
    return any(not words.is_adverb(t) and t.low not in {"and", ","} for t in sent[k:end])


def _inside_infinitive(sent: list[Tok], verb: int, end: int) -> bool:
    for k in range(verb + 1, end):
        if sent[k].low == "to":
            v = skip_adverbs(sent, k + 1)
            if v < end and words.is_verb(sent, v, strict=False):
                return True
    return False


def adverb_start(sent: list[Tok], verb: int, floor: int) -> int:
    """Where the verb phrase starts: its adverbs, and a negation ("may not delay")."""
    k = verb
    while k > floor and (words.is_adverb(sent[k - 1]) or sent[k - 1].low in {"not", "never"}):
        k -= 1
    if k < verb and sent[k].low in {"not", "never"} and k > floor:
        k -= 1  # the modal of "shall not", so that the action reads as a prohibition
    return k


def action_end(sent: list[Tok], verb: int, limit: int) -> int:
    """Token index after the verb phrase: verbs, particles, "the revision of"."""
    k = verb + 1 + words.particles(sent, verb)
    while k + 1 < limit:
        if sent[k - 1].low == "to" or (sent[k].low == "to" and sent[verb].low in _CATENATIVE):
            # "continue to promote", "take measures to reduce": the second verb is the action
            v = skip_adverbs(sent, k + (sent[k].low == "to"))
        elif sent[k].low in {"and", "or", ","}:
            v = skip_adverbs(sent, k + 1)
        else:
            break
        if v < limit and words.is_verb(sent, v, strict=False):
            verb = v
            k = v + 1 + words.particles(sent, v)
        else:
            break
    return min(limit, k + words.nominal_action(sent, k))


_CATENATIVE = frozenset({"continue", "strive", "endeavour", "endeavor", "seek", "try", "work"})
