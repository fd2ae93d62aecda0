"""Checklist data: a jurisdiction's requirements as plain, immutable dataclasses.

Loading and validation of the YAML files lives in `checklist_loader`; this module only
describes the shape every other part of the product relies on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.status import Level

#: The shared topic set, so that regimes can be compared side by side.
TOPICS: dict[str, str] = {
    "controller-identity": "Who is responsible",
    "dpo-contact": "Data protection officer",
    "contact": "Contact and questions",
    "purposes": "Purposes of use",
    "legal-basis": "Legal basis and consent",
    "data-categories": "Data collected",
    "sources": "Sources of data",
    "recipients": "Recipients and sharing",
    "sale-of-data": "Sale and sharing for advertising",
    "transfers": "Cross-border transfers",
    "retention": "Retention and deletion",
    "rights-access": "Access and correction",
    "rights-deletion": "Erasure",
    "rights-objection": "Objection, restriction and opt-out",
    "rights-other": "Other rights",
    "requests": "Handling requests",
    "security": "Security and breaches",
    "children": "Children",
    "sensitive-data": "Sensitive data",
    "marketing": "Direct marketing",
    "cookies-tracking": "Cookies and tracking",
    "automated-decisions": "Automated decisions and profiling",
    "complaints": "Complaints",
    "changes": "Changes and dates",
    "transparency": "Presentation and accessibility",
}


@dataclass(frozen=True)
class Source:
    url: str
    note: str = ""


@dataclass(frozen=True)
class Deadline:
    """A time limit the law sets (printed in reports, shown in the item detail)."""

    subject: str
    period: str
    citation: str
    note: str = ""


@dataclass(frozen=True)
class ChildAgeRule:
    summary: str
    age: int | None = None


@dataclass(frozen=True)
class Condition:
    """When a conditional ("If ...") item applies, and the cues that show it does."""

    description: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class Aspect:
    """One element an item needs for `satisfied`; finding only some of them means `partial`."""

    name: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistItem:
    """One requirement. Dates are ISO text; "" means no limit.

    Attributes:
        effective: the first day the item applies.
        until: the first day it no longer applies.
        level_from: (date, level) changes in date order; from each date on, the level is that one.
    """

    id: str
    title: str
    citation: str
    requirement: str
    level: Level
    topic: str
    cues: tuple[str, ...]
    guidance: str = ""
    condition: Condition | None = None
    aspects: tuple[Aspect, ...] = ()
    #: The reviewer's note on the item: why it reads as it does, doubts, disagreements with a review.
    notes: str = ""
    #: The primary texts consulted for this item, beyond the checklist's own sources.
    sources: tuple[Source, ...] = ()
    #: "<checklist>.<item>" of another checklist that states the same requirement, so a finding
    #: on one can be shown on the other.
    same_as: str = ""
    effective: str = ""
    until: str = ""
    level_from: tuple[tuple[str, Level], ...] = ()
    #: Model wording a policy could use to meet the item: a starting point for counsel to
    #: adapt, not legal advice.
    sample_wording: str = ""


#: What a detection cue names; shown with the cue, not used to weigh it.
CUE_KINDS = ("jurisdiction", "regulator", "statute", "address", "term")


@dataclass(frozen=True)
class DetectionCue:
    """Words that show a policy falls under a checklist, and how much they weigh.

    Exactly one of `phrase` (literal words, matched as whole words) and `regex` is set.

    Attributes:
        min_count: how often the words must occur to count.
    """

    phrase: str = ""
    regex: str = ""
    weight: float = 1.0
    min_count: int = 1
    case_sensitive: bool = False
    kind: str = "term"

    @property
    def pattern(self) -> str:
        if self.regex:
            return self.regex
        words = r"\s+".join(re.escape(word) for word in self.phrase.split())
        return rf"(?<!\w){words}(?!\w)"


@dataclass(frozen=True)
class Checklist:
    """A validated checklist; `content_hash` identifies exactly what an audit was assessed against.

    Attributes:
        origin: "shipped" or "user".
    """

    id: str
    name: str
    jurisdiction: str
    law: str
    law_version: str
    regulator: str
    version: str
    last_reviewed: str
    items: tuple[ChecklistItem, ...]
    sources: tuple[Source, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    child_age: ChildAgeRule | None = None
    applicability_cues: tuple[DetectionCue, ...] = ()
    content_hash: str = ""
    origin: str = "shipped"
    path: str = ""
    notes: str = ""
    based_on: str = ""

    def item(self, item_id: str) -> ChecklistItem:
        for candidate in self.items:
            if candidate.id == item_id:
                return candidate
        raise KeyError(item_id)
