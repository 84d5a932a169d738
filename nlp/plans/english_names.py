"""How English plans write a body's name around a list: a name whose acronym spells it across
"and", a name behind a preposition ("led by the Office of …"), and one body named twice.

The reader splits a list of bodies at "and"; these rules keep the names the plan means whole,
and record each body once, in the form first written (bench/plans-real/CONVENTIONS.md).
"""

from __future__ import annotations

import dataclasses
import re

from nlp.bodies.departments import DepartmentDirectory, DepartmentMention

# Words a name's acronym skips: "National Archives and Records Administration (NARA)".
_SKIPPED = {"and", "&", "of", "for", "the", "on", "in", "to"}
_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z]{1,9})\)")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*|&")


def spelled_spans(words: str) -> list[tuple[int, int]]:
    """Spans of names that an acronym in brackets after them spells across "and" or "&":
    "Government Accountability and Transparency Board (GATB)" is one body, not two.

    The span runs from the first word the acronym's letters start to its closing bracket.
    """
    out: list[tuple[int, int]] = []
    for m in _ACRONYM_AFTER.finditer(words):
        letters = m["acr"].upper()
        tokens = list(_WORD.finditer(words, 0, m.start()))
        initials = ""
        for k in range(len(tokens) - 1, -1, -1):
            token = tokens[k][0]
            if token.lower() in _SKIPPED:
                continue
            if not token[0].isupper():
                break
            initials = token[0] + initials
            if initials == letters:
                inside = words[tokens[k].start() : m.start()]
                if re.search(r"\s(?:and|&)\s", inside):
                    out.append((tokens[k].start(), m.end()))
                break
            if not letters.endswith(initials):
                break
    return out


# "led by the Office of Management and Budget", "through the work of the GATB": the body is the
# name after the preposition
_LEADING_PREPOSITION = re.compile(
    r"^(?:(?:led|chaired|coordinated|overseen|supported|run)\s+by|through|via|under)\s+"
    r"(?:the\s+(?:work|leadership|efforts?)\s+of\s+)?(?:the\s+)?(?=[A-Z])"
)


def after_preposition(name: str) -> int:
    """Where the body's own name starts in a name written behind a preposition, else 0."""
    m = _LEADING_PREPOSITION.match(name)
    return m.end() if m else 0


_LOWER_LEAD_IN = re.compile(r"^(?:[Tt]he\s+)?(?:[a-z][\w-]*\s+){1,4}(?=[A-Z])")


def proper_start(name: str) -> int:
    """Where a capitalised name starts after a few lower-case words before it ("interagency
    Classification Review Committee", "staff at the Library of Congress"), else 0. The caller
    keeps the cut only when the rest names a body."""
    m = _LOWER_LEAD_IN.match(name)
    return m.end() if m else 0


def _acronym_of(name: str) -> str:
    m = re.search(r"\(([A-Z][A-Za-z]{1,9})\)\s*$", name)
    return m[1] if m else ""


def _inverted(name: str) -> str:
    """ "Justice Department" -> "department of justice"; other names lower-cased."""
    m = re.fullmatch(r"(?:the\s+)?(\w+)\s+(Department|Ministry|Agency)", name.strip(), re.I)
    if m:
        return f"{m[2]} of {m[1]}".lower()
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I).lower()


def named_again(name: str, earlier: list[str]) -> bool:
    """Whether ``name`` is a body already named in ``earlier``, by its acronym ("NASA" after
    "National Aeronautics and Space Administration (NASA)"), by the head of its name ("Agencies"
    after "Federal agencies") or inverted ("Justice Department" after "Department of Justice")."""
    if has_no_letters(name):
        return False
    key = _inverted(name)
    for other in earlier:
        if name == _acronym_of(other) or key == _inverted(other):
            return True
        # "Federal agencies" then "Agencies": a common noun's head, not a proper name's
        # ("Administration" after "Small Business Administration" is another body)
        common = other.split()[-1].islower() if other.split() else False
        if common and " " not in key and _inverted(other).endswith(" " + key):
            return True
    return False


_SPEAKER = {"we", "i", "us"}


def is_speaker(name: str) -> bool:
    """ "We will …": the plan's speaker, no body by name (the item may not name it)."""
    return name.strip().lower() in _SPEAKER


def has_no_letters(name: str) -> bool:
    return not re.search(r"[A-Za-z]", name)


def resolve_names(directory: DepartmentDirectory, words: str) -> list[DepartmentMention]:
    """``directory.resolve_list`` that keeps whole a name its acronym spells across "and"."""
    out: list[DepartmentMention] = []
    pos = 0
    for a, b in [*spelled_spans(words), (len(words), len(words))]:
        for m in directory.resolve_list(words[pos:a]):
            out.append(dataclasses.replace(m, span=(m.span[0] + pos, m.span[1] + pos)))
        if a < b:
            m = directory.resolve(words[a:b])
            out.append(dataclasses.replace(m, span=(m.span[0] + a, m.span[1] + a)))
        pos = b
    return out
