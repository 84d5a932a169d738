"""Findings that say the same thing, grouped, and one decision for a whole group.

A text that still uses an authority's old name in 33 articles gets 33 findings with one message
and one fix (issue 18); a reviewer reads them once and decides once. Each member keeps its own
id, and a group decision is recorded for every member, each in the decision log, so the audit
shows who decided what on which finding exactly as for single decisions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from index.accounts import Permission, User, require
from index.review.stored_texts import DECISIONS, record_decision
from index.store.database import NotFoundError, Store, StoreError
from index.store.transactions import transaction
from nlp.legal.article_refs import article_number
from nlp.review.findings import ReviewFinding

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """Findings with the same code, severity, message, fix and upper law.

    Attributes:
        group_id: Stable for the same members' shared words ("g-" and 12 hex digits).
        members: The findings, in article order.
    """

    group_id: str
    members: tuple[ReviewFinding, ...]

    @property
    def first(self) -> ReviewFinding:
        """The member shown as the group's example."""
        return self.members[0]

    @property
    def ids(self) -> list[str]:
        """The members' finding ids."""
        return [f.finding_id for f in self.members]

    @property
    def articles(self) -> list[str]:
        """Every local article the members are about, as printed, once each, in order."""
        seen: dict[str, None] = {}
        for f in self.members:
            for number in (f.local_number, *(n for _, n in f.also)):
                if number:
                    seen.setdefault(number, None)
        return list(seen)


def _key(f: ReviewFinding) -> tuple[str, ...]:
    return (f.code, f.severity, f.message, f.fix, f.upper_title)


def article_order(number: str | None) -> tuple[int, float, int]:
    """A sort key putting printed article numbers in their order (第九条 before 第十条); a
    finding about no article last."""
    found = article_number(number or "")
    if found is None:
        return (1, 0.0, 0)
    head = found[0].split(".")[0]
    return (0, float(head) if head.isdigit() else 0.0, found[1])


def group_findings(findings: Sequence[ReviewFinding]) -> list[FindingGroup]:
    """The findings grouped by what they say, groups ordered by severity, then code, then the
    first article; a finding unlike any other is a group of one.

    Args:
        findings: A review's findings.
    """
    groups: dict[tuple[str, ...], list[ReviewFinding]] = {}
    for f in findings:
        groups.setdefault(_key(f), []).append(f)
    out = []
    for key, members in groups.items():
        ordered = tuple(sorted(members, key=lambda f: article_order(f.local_number)))
        digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:12]
        out.append(FindingGroup(f"g-{digest}", ordered))
    return sorted(
        out,
        key=lambda g: (
            SEVERITY_ORDER.get(g.first.severity, 3),
            g.first.code,
            article_order(g.first.local_number),
        ),
    )


def decide_all(
    store: Store, actor: User, finding_ids: Sequence[str], decision: str, note: str = ""
) -> int:
    """Accept or dismiss every finding of ``finding_ids`` with one note, each recorded and
    logged on its own as :func:`index.review.stored_texts.decide` does, all in one transaction.

    Returns:
        How many findings were decided.

    Raises:
        PermissionDenied: unless the actor may review.
        NotFoundError: when a finding is not stored (nothing is decided then).
        StoreError: for another decision word.
    """
    require(actor, Permission.REVIEW)
    if decision not in DECISIONS:
        raise StoreError(f"decision {decision!r}: use accepted or dismissed")
    ids = list(dict.fromkeys(finding_ids))
    with transaction(store.db):
        for finding in ids:
            if not store.db.execute(
                "SELECT 1 FROM review_findings WHERE finding_id=?", (finding,)
            ).fetchone():
                raise NotFoundError(f"no finding {finding!r}; run `policylens review DOC` first")
            record_decision(store, actor, finding, decision, note)
    return len(ids)
