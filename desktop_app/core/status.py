"""Review statuses and requirement levels."""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    SATISFIED = "satisfied"
    PARTIAL = "partial"
    MISSING = "missing"
    NOT_APPLICABLE = "not-applicable"

    @property
    def label(self) -> str:
        return {"satisfied": "Satisfied", "partial": "Partial", "missing": "Missing",
                "not-applicable": "Not applicable"}[self.value]

    @property
    def symbol(self) -> str:
        """A glyph that carries the status without relying on colour."""
        return {"satisfied": "✓", "partial": "◐", "missing": "✗", "not-applicable": "–"}[self.value]


class Decision(str, Enum):
    """How a reviewed status came about: only a person's decision lets an audit be signed off."""

    PERSON = "person"
    BULK = "bulk"

    @property
    def label(self) -> str:
        return {"person": "decided by a person",
                "bulk": "suggestion accepted in bulk"}[self.value]


class Level(str, Enum):
    MUST = "must"
    SHOULD = "should"
    GOOD_PRACTICE = "good-practice"

    @property
    def weight(self) -> float:
        """Weight of an item of this level in a checklist score."""
        return {"must": 3.0, "should": 2.0, "good-practice": 1.0}[self.value]
