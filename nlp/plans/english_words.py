"""Word lists for reading English work plans: directive verbs, adverbs, modals, framing words.

Plans translated from Chinese use a small, repetitive vocabulary (strengthen, improve, promote,
establish, implement …), so a lexicon tells a directive verb at the start of a clause better
than a statistical tagger does (see ``nlp.plans.english``); words that are as often nouns ("use",
"report", "design", "study") are settled by the words around them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol


def _set(words: str) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a list literal)."""
    return frozenset(words.split())


class _Token(Protocol):
    # read-only members, so that frozen dataclasses (``english_heads.Tok``) match
    @property
    def text(self) -> str: ...
    @property
    def low(self) -> str: ...
    @property
    def nested(self) -> bool: ...


# Verbs that start a directive clause and are (almost) never nouns in plans.
VERBS = _set(
    """
    accelerate accomplish achieve adhere adjust adopt advance advocate allocate analyse analyze
    apply arrange assess assign attach boost build carry circulate clarify clean coordinate
    collect combat compile complete comply conduct connect consolidate construct continue
    convene correct crack create cultivate curb deepen define deliver deploy develop devote
    disseminate draft eliminate employ encourage enforce enhance enlarge ensure enrich equip
    establish evaluate examine expand explore extend facilitate formulate foster fulfil fulfill
    give guarantee halt help hold identify implement improve include incorporate increase
    inspect install institute integrate intensify introduce invest investigate issue launch
    maintain make mobilize mobilise modernize modernise notify optimize optimise organize
    organise oversee pay perform phase popularize popularise prepare prevent prioritize
    prioritise proceed prohibit promote promulgate propel protect provide publicize publicise
    publish punish pursue push raise rationalize rationalise realize realise rectify reduce
    refine reform regulate reinforce relocate rely remove renovate require resolve restructure
    retrofit revise safeguard secure set shut simplify solve speed standardize standardise
    step stimulate streamline strengthen strive submit summarise summarize supervise tackle
    take tighten transform unify upgrade urge utilize utilise verify guide organise deepen
    perfect cancel expedite encourage incentivize regularize regularise deal remediate overhaul
    popularise renew replace revamp scale send spread treat reinforce accept
    circulate enact amend abolish repeal evaluate enlist engage participate organize recruit
    subsidize subsidise compensate reward punish investigate ban prosecute sort contain
    understand publicise inform regard conceal falsify omit
    disclose revoke suspend withdraw keep arrange resettle bar restrict forbid dismantle demolish
    """
)

# Verbs that are as often nouns ("use links", "design, construction"): need context.
AMBIGUOUS = _set(
    """
    audit balance benchmark check close control cover design document focus forecast fund
    guide license licence link list map monitor order pilot plan process record register
    release report research reserve review schedule study support survey target test train
    transfer transport trial upgrade use work regard lead draw exercise finance open place
    complete correct clear handle manage direct delay stop
    """
)

ADVERBS = _set(
    """
    further also then still constantly firmly jointly steadily gradually actively vigorously
    comprehensively strictly earnestly conscientiously thoroughly effectively fully
    continuously resolutely seriously deeply solidly properly promptly timely regularly
    systematically orderly scientifically severely strongly rapidly quickly urgently
    """
)
_NOT_ADVERB = _set(
    "only early family supply apply rely comply reply multiply assembly monopoly july italy "
    "ally fly daily weekly monthly quarterly yearly annually"
)

DETERMINERS = _set(
    "the a an all its their our his her each every any some more key major relevant "
    "this these that those such both various new"
)

ABBREVIATIONS = _set("no art arts e g i etc vs para paras fig cf")

FRAMING = _set(
    """
    in according on based during by to for under with after before within through guided
    following focusing taking starting from as centering centred centered targeting aiming led
    headed supported assisted together
    meanwhile at besides moreover furthermore where when if upon building relying combining
    against around throughout over once while additionally
    """
)

NON_SUBJECTS = _set(
    "it this that these those there which such what who whose and or but so if when while "
    "as because he she"
)

COLLECTIVE_SUBJECTS = _set("each every all relevant local")

PERMISSIVE = _set("may can")  # directive only when negated: "may not", "no X may"

# Adverbs with which translations turn 进一步明确 into "are further defined": with one of them a
# present passive is a directive, without one it may just describe.
DIRECTIVE_PASSIVE_ADVERBS = _set(
    "further clearly strictly fully effectively comprehensively gradually continuously constantly "
    "actively earnestly firmly steadily resolutely"
)

# "Y should cooperate", "Y will assist": a clause that only names a co-operating body
COOPERATE_VERBS = _set("cooperate co-operate assist participate help support coordinate")

ELABORATION = _set("focusing including completing especially particularly mainly")


class Phrases:
    """A set of word sequences, indexed by first word for fast matching at a token."""

    __slots__ = ("by_first",)

    def __init__(self, *items: str) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for item in items:
            words = tuple(item.split())
            self.by_first.setdefault(words[0], []).append(words)


MODALS = Phrases(
    "should",
    "shall",
    "must",
    "will",
    "is to",
    "are to",
    "need to",
    "needs to",
    "is required to",
    "are required to",
    "will continue to",
    "should continue to",
    "shall continue to",
    "will further",
)

# "NARA plans to digitize …", "The Office is working to publish …": a body stating what it intends
# to do. Only a body's own intention is a commitment ("The campaign aims to …" is not one), so
# these count as modals only after a subject that looks like a body.
INTENTS = Phrases(
    "plans to",
    "plan to",
    "intends to",
    "intend to",
    "aims to",
    "aim to",
    "hopes to",
    "hope to",
    "seeks to",
    "seek to",
    "expects to",
    "expect to",
    "is working to",
    "are working to",
    # present tense: "The Roundtable works to convene …", "NARA commits to publish …"
    "works to",
    "commits to",
)

# "X is responsible for organising …", "X will take the lead in revising …": the -ing word after
# these is the task's verb
GERUND_MODALS = Phrases(
    "is responsible for",
    "are responsible for",
    "shall be responsible for",
    "should be responsible for",
    "will be responsible for",
    "takes the lead in",
    "take the lead in",
    "will take the lead in",
    "shall take the lead in",
    "should take the lead in",
    # "The Federal Government commits to implementing …", "FEMA has committed to developing …"
    "commits to",
    "commit to",
    "is committed to",
    "are committed to",
    "has committed to",
    "have committed to",
)

IMPERATIVE_LEAD_INS = Phrases(
    "it is necessary to",
    "it is required to",
    "it is essential to",
    "it is imperative to",
    "efforts should be made to",
    "efforts will be made to",
    "efforts shall be made to",
    "there is a need to",
    "we need to",
)

PURPOSE = Phrases(
    "so as to",
    "in order to",
    "so that",
    "to ensure",
    "to effectively ensure",
    "with a view to",
    "thereby",
    "to guarantee",
)

COOPERATION = Phrases(
    "with the cooperation of",
    "with the co-operation of",
    "in cooperation with",
    "in co-operation with",
    "with the participation of",
    "with the support of",
    "with the assistance of",
    "assisted by",
    "supported by",
    "together with",
    "jointly with",
    "in conjunction with",
    "in coordination with",
    "in collaboration with",
    "in consultation with",
    "in partnership with",
    "in close coordination with",
    "in close cooperation with",
    # a verb of joint work whose object is the partner: "Agencies must work with CISA to …"
    "work with",
    "work closely with",
    "working with",
    "working closely with",
    "collaborate with",
    "partner with",
    "coordinate with",
    "consult with",
    "liaise with",
)

LEADERSHIP = Phrases(
    "led by",
    "under the leadership of",
    "under the lead of",
    "headed by",
    "with the lead of",
)

_GENERIC_PARTICLES = Phrases("out", "up", "down on", "down", "forward", "off")
_VERB_PARTICLES: dict[str, Phrases] = {
    "focus": Phrases("on"),
    "rely": Phrases("on"),
    "draw": Phrases("on", "up"),
    "deal": Phrases("with"),
    "comply": Phrases("with"),
    "adhere": Phrases("to"),
    "participate": Phrases("in"),
    "engage": Phrases("in"),
    "bring": Phrases("into"),
    "put": Phrases("in place", "into place", "into"),
    "give": Phrases("full play to", "play to", "priority to", "top priority to"),
    "pay": Phrases("close attention to", "more attention to", "attention to"),
    "attach": Phrases("great importance to", "importance to"),
    "take": Phrases(
        "effective measures to",
        "measures to",
        "the lead in",
        "strong measures to",
        "action to",
        "actions to",
    ),
    "make": Phrases("efforts to", "every effort to", "full use of", "good use of", "use of"),
}

NOMINAL_ACTIONS = _set(
    """
    revision revisions formulation construction establishment implementation reform reforms
    integration improvement rectification optimization optimisation inclusion promotion
    standardization standardisation informatization upgrading transformation application
    popularization popularisation supervision investigation elimination research development
    amendment drafting compilation preparation review evaluation assessment building creation
    cultivation introduction enforcement examination inspection management organization
    organisation publicity dissemination publication consolidation coordination overhaul
    renovation relocation reconstruction retrofitting adjustment expansion extension
    identification governance prevention treatment survey clean-up cleanup
    """
)
_NOMINAL_ADJECTIVES = _set(
    "comprehensive general overall full in-depth special systematic graded further"
)

IRREGULAR_PARTICIPLES = _set(
    "built set drawn made taken given done undertaken shut cut put laid held brought sought kept "
    "run written known shown spent understood paid sent"
)

_BODY = re.compile(
    r"\b(?:ministry|ministries|department|departments|bureau|bureaus|office|offices|committee|"
    r"committees|commission|commissions|administration|administrations|government|governments|"
    r"authority|authorities|agency|agencies|council|councils|province|provinces|region|regions|"
    r"city|cities|county|counties|municipality|municipalities|prefecture|prefectures|team|teams|"
    r"corps|federation|union|court|courts|procuratorate|procuratorates|league|association|"
    r"organs?|units|centre|center|station|brigade|detachment|service|mem|samr|ndrc|miit|mps|"
    r"mohurd|mot|mof|moj|mee|mnr|mwr|moe|most|mca|nhc|sasac|caac|nra)\b",
    re.IGNORECASE,
)


# Words that name a body only as part of a proper name ("Research Services", "the Records
# Division", "Presidential Libraries"), never in lower case ("transactional services").
_NAMED_BODY = re.compile(
    r"\b(?:Services|Divisions?|Directorates?|Boards?|Institutes?|Secretariats?|Librar(?:y|ies)|"
    r"Archives|Taskforce|Task Force|Embass(?:y|ies)|Consulates?(?:\s+General)?|Missions?)\b"
)


# An acronym standing as a subject ("OMB will …", "The CDO shall …", "CISA must …") names a body or
# an office: plans define them once ("Chief Data Officer (CDO)") and then use them alone.
_ACRONYM = re.compile(r"(?:[Tt]he\s+)?[A-Z][A-Z&-]{1,7}s?")


# A nation speaking in its own plan ("The United States will deliver …"): its government.
_NATION = re.compile(
    r"(?:the\s+)?(?:United\s+States(?:\s+of\s+America)?|U\.S\.|United\s+Kingdom|UK|Ireland|"
    r"Canada|Australia|New\s+Zealand|Scotland|Wales|Northern\s+Ireland)",
    re.IGNORECASE,
)


def looks_like_body(text: str) -> bool:
    """True if ``text`` names a government body ("Each province", "the Ministry of …", "OMB"),
    or is a nation as the subject of its own plan ("The United States will …")."""
    words = text.strip()
    return bool(
        _BODY.search(words)
        or _NAMED_BODY.search(words)
        or _ACRONYM.fullmatch(words)
        or _NATION.fullmatch(words)
    )


def names_a_body(text: str) -> bool:
    """A subject that is a body's name ("The Administration", "Federal agencies"), not a phrase
    that only mentions one ("Improvements to FOIA administration", "every Federal employee",
    "Expanding the amount of open data")."""
    words = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE).split()
    return (
        0 < len(words) <= _BODY_NAME_WORDS
        and not words[0].lower().endswith("ing")
        and words[0].lower() not in _NOT_A_BODY_START
        and not re.search(r"[—–]", text)
    )


# quantifiers that open a phrase about people or things, never a body's name
_NOT_A_BODY_START = frozenset({"every", "more", "most", "many", "some", "such", "any"})
_BODY_NAME_WORDS = 10  # "Office of the Director of National Intelligence" and longer are rare


def heads_a_body(text: str) -> bool:
    """True if the noun phrase ``text`` is itself a body, read from its head word ("The Office of
    the Chief Records Officer", "Research Services", "NARA"), not a thing of one ("Agency
    authorization systems", "activities of all departments")."""
    whole = text.strip()
    core = re.split(r"\s+(?:of|for|in|at|on|to|from|within|under)\s+", whole, maxsplit=1)[0]
    toks = [w.strip(",.;:()") for w in core.split()]
    toks = [w for w in toks if w]
    if not toks:
        return False
    head = re.sub(r"['’]s$", "", toks[-1])
    named = [w for w in toks if w.lower() not in {"the", "and", "of", "&"}]
    return bool(
        _BODY.fullmatch(head)
        or _NAMED_BODY.fullmatch(head)
        or _ACRONYM.fullmatch(head)
        or head.lower() in {"officer", "officers"}
        or _NATION.fullmatch(whole)
        or (named and all(w[:1].isupper() for w in named))
    )


def match_phrase(sent: Sequence[_Token], i: int, phrases: Phrases) -> int:
    """Length in tokens of the longest of ``phrases`` starting at ``sent[i]``, or 0."""
    if i >= len(sent):
        return 0
    best = 0
    for phrase in phrases.by_first.get(sent[i].low, ()):
        n = len(phrase)
        if (
            n > best
            and i + n <= len(sent)
            and all(not sent[i + k].nested and sent[i + k].low == phrase[k] for k in range(n))
        ):
            best = n
    return best


def particles(sent: Sequence[_Token], verb: int) -> int:
    """Tokens after the verb at ``verb`` that belong to it ("carry out", "give full play to")."""
    own = _VERB_PARTICLES.get(sent[verb].low)
    found = match_phrase(sent, verb + 1, own) if own else 0
    return found or match_phrase(sent, verb + 1, _GENERIC_PARTICLES)


def is_adverb(tok: _Token) -> bool:
    """True for a manner adverb that may stand before a directive verb ("strictly implement")."""
    if tok.nested:
        return False
    low = tok.low
    if low in ADVERBS:
        return True
    return low.endswith("ly") and len(low) > 4 and low not in _NOT_ADVERB and low not in VERBS


def is_verb(sent: Sequence[_Token], i: int, *, strict: bool, initial: bool = False) -> bool:
    """Whether ``sent[i]`` is a directive verb in base form.

    Args:
        sent: The sentence's tokens.
        i: The token to test.
        strict: True at a clause boundary, where an ambiguous word needs evidence that it is
            a verb; False after a modal or "to", where a base form must be a verb.
        initial: True at the start of a sentence (capitals are expected there).
    """
    tok = sent[i]
    if tok.nested or not tok.text[:1].isalpha():
        return False
    if tok.text[:1].isupper() and not initial:
        return False  # "the Law on Work Safety": title words
    low = tok.low
    nxt = sent[i + 1] if i + 1 < len(sent) else None
    if low in VERBS:
        return not (nxt is not None and nxt.low in {"of", "is", "are", "was", "has"} and initial)
    if low in AMBIGUOUS:
        if not strict:
            return True
        if (
            initial
            and nxt is not None
            and nxt.text == ","
            and i + 2 < len(sent)
            and sent[i + 2].low in _ASIDE_OPENERS
        ):
            return True  # "Close, by the end of 2025, the pits that …": an aside before the object
        if nxt is None or nxt.text in {",", ".", ";", ")", "）"} or nxt.low == "of":
            return False  # a noun: "design, construction and operation", "use of funds"
        own = _VERB_PARTICLES.get(low)
        if (own and match_phrase(sent, i + 1, own)) or (
            nxt.low in DETERMINERS or match_phrase(sent, i + 1, _GENERIC_PARTICLES)
        ):
            return True
        if nxt.low.endswith(_ADJECTIVE_ENDINGS) and len(nxt.low) > 4:
            return True  # "close unlicensed pits", "review local regulations"
        if nxt.low in {"and", "or"} and i + 2 < len(sent) and sent[i + 2].low in VERBS:
            return True  # "study and establish …": coordinated with a sure verb
        if i > 1 and sent[i - 1].low == "and" and sent[i - 2].text == "," and low in AMBIGUOUS:
            return nxt.low not in {"and", "or"}  # ", and close gaps in …": a new clause's verb
        return initial and nxt.low in {"and", "or"}
    return False


# Words that open an aside between a verb and its object ("Close, by the end of 2025, the …")
_ASIDE_OPENERS = _set("by before in within during according under through after no not")

_NOT_VERBS_AFTER_MODAL = _set(
    "be have has been the a an also not all any some more further only still be"
)


_ADJECTIVE_ENDINGS = ("ed", "al", "ous", "ive", "ic", "ful", "less", "able", "ible", "ary")


def is_base_form(tok: _Token) -> bool:
    """True for a lower-case word that can be the verb right after a modal."""
    if tok.nested or not tok.text.isalpha() or not tok.text.islower():
        return False
    return tok.low not in _NOT_VERBS_AFTER_MODAL


def is_gerund(tok: _Token) -> bool:
    """True for an "-ing" word of a directive verb ("focusing", "completing")."""
    low = tok.low
    if tok.nested or not low.endswith("ing") or len(low) < 6:
        return False
    stem = low[:-3]
    return any(v in VERBS or v in AMBIGUOUS for v in (stem, stem + "e", stem[:-1]))


def is_participle(tok: _Token) -> bool:
    """True for a past participle ("revised", "set up", "built")."""
    return tok.low.endswith("ed") or tok.low in IRREGULAR_PARTICIPLES


def is_third_person(sent: Sequence[_Token], i: int) -> bool:
    """True for a present-tense directive verb ("formulates") after a collective subject."""
    tok = sent[i]
    if tok.nested:
        return False
    low = tok.low
    stems = [low[:-1], low[:-2], low[:-3] + "y"] if low.endswith("s") else []
    return any(stem in VERBS for stem in stems)


def nominal_action(sent: Sequence[_Token], k: int) -> int:
    """Length of "the (adjective) revision (and formulation) of" at ``k``, or 0."""
    i = k
    if i < len(sent) and sent[i].low == "the":
        i += 1
    if i < len(sent) and sent[i].low in _NOMINAL_ADJECTIVES:
        i += 1
    if i >= len(sent) or sent[i].low not in NOMINAL_ACTIONS:
        return 0
    i += 1
    if i + 1 < len(sent) and sent[i].low == "and" and sent[i + 1].low in NOMINAL_ACTIONS:
        i += 2
    if i < len(sent) and sent[i].low == "of" and not sent[i].nested:
        return i + 1 - k
    return 0
