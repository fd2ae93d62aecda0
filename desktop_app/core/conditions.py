"""Conditional items: does the policy describe the situation the condition names?"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.checklist import Condition
from desktop_app.core.ranking import DocumentIndex, PhraseMatch
from desktop_app.core.textnorm import cue_terms


@dataclass(frozen=True)
class ConditionCheck:
    """Whether a condition is triggered, with the cues that show it (or were only denied)."""

    triggered: bool
    cues: tuple[str, ...]
    refs: tuple[str, ...]
    denied: tuple[str, ...]


def check_condition(index: DocumentIndex, condition: Condition) -> ConditionCheck:
    """A condition is triggered when one of its cues is asserted somewhere in the policy.

    A cue that only appears denied ("we do not sell", "not directed to children") shows the
    policy addresses the situation in order to exclude it, so it does not trigger the condition.
    """
    asserted: list[str] = []
    denied: list[str] = []
    refs: list[str] = []
    for cue in condition.cues:
        matches = [match for match in index.find(*cue_terms(cue)) if match.ordered]
        positive = [match for match in matches if not match.negated]
        if positive:
            asserted.append(cue)
            refs.extend(_refs(index, positive))
        elif matches:
            denied.append(cue)
    return ConditionCheck(bool(asserted), tuple(asserted), tuple(dict.fromkeys(refs)),
                          tuple(denied))


def _refs(index: DocumentIndex, matches: list[PhraseMatch]) -> list[str]:
    return [index.document.clauses[match.clause].ref for match in matches]
