"""Conditional items: does the policy describe the situation the condition names?"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.checklist import Condition
from desktop_app.core.ranking import DocumentIndex
from desktop_app.core.textnorm import cue_terms


@dataclass(frozen=True)
class ConditionCheck:
    """Whether a condition is triggered, with the cues that show it (or were only denied) and
    the clauses (positions and references) where they are asserted."""

    triggered: bool
    cues: tuple[str, ...]
    refs: tuple[str, ...]
    denied: tuple[str, ...]
    clauses: tuple[int, ...] = ()


def check_condition(index: DocumentIndex, condition: Condition) -> ConditionCheck:
    """A condition is triggered when one of its cues is asserted somewhere in the policy.

    A cue that only appears denied ("we do not sell", "not directed to children") shows the
    policy addresses the situation in order to exclude it, so it does not trigger the condition.
    """
    asserted: list[str] = []
    denied: list[str] = []
    clauses: list[int] = []
    for cue in condition.cues:
        matches = [match for match in index.find(*cue_terms(cue)) if match.ordered]
        positive = [match for match in matches if not match.negated]
        if positive:
            asserted.append(cue)
            clauses.extend(match.clause for match in positive)
        elif matches:
            denied.append(cue)
    clauses = list(dict.fromkeys(clauses))
    refs = tuple(index.document.clauses[number].ref for number in clauses)
    return ConditionCheck(bool(asserted), tuple(asserted), tuple(dict.fromkeys(refs)),
                          tuple(denied), tuple(clauses))

