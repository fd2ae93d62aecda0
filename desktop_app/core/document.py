"""A policy as the rest of the product sees it: extracted text, clauses, metadata, defects.

Every offset (`start`, `end`) indexes `PolicyDocument.text`, the extracted text that
`policy-auditor text FILE` prints, so `text[start:end]` is always the quoted span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: What the importers put between the cells of a table row, which is one line of the text.
TABLE_CELLS = " | "


@dataclass(frozen=True)
class Clause:
    """One numbered (or heading-addressed) unit of the policy.

    Attributes:
        ref: hierarchical reference, e.g. "2.1.1", "2.1.1(b)", "D", or a heading path.
        heading: the heading the clause sits under ("" when none).
        start, end: span in the extracted text; text == document.text[start:end].
    """

    ref: str
    heading: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RemovedSpan:
    """Text around the policy that is not policy (navigation, cookie banner, survey)."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class JurisdictionHit:
    """A checklist that applies to the policy, with the words that show it."""

    id: str
    reason: str


@dataclass(frozen=True)
class Defect:
    """A drafting defect found by the lint.

    kind is one of DEFECT_KINDS.
    """

    kind: str
    start: int
    end: int
    text: str
    message: str


DEFECT_KINDS = (
    "placeholder",
    "blank-reference",
    "truncated",
    "duplicate",
    "numbering-gap",
    "typo",
    "boilerplate",
    "undecodable",
)


@dataclass
class PolicyDocument:
    """An ingested, cleaned and segmented policy."""

    text: str
    source_format: str
    title: str = ""
    organisation: str = ""
    effective_date: str = ""
    jurisdictions: list[JurisdictionHit] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    removed: list[RemovedSpan] = field(default_factory=list)

    def clause_at(self, offset: int) -> Clause | None:
        """The clause containing `offset`, or None when it falls outside every clause."""
        for clause in self.clauses:
            if clause.start <= offset < clause.end:
                return clause
        return None
