"""Calibrated confidence: the share of suggestions of the same kind that expert labels confirm.

The engine names the kind of finding each status rests on (its `basis`: "cues", "one-cue",
"blank", "no-cue", ...). Fitting counts, over labelled pairs, how often a suggestion of each
status and basis had the label's status, and shrinks that share towards the status's own share
when the basis is rare. The table lives in `calibration.json` beside this module and is refitted
by `benchmarks/calibrate.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from desktop_app.core.assessment import Suggestion

TABLE_PATH = Path(__file__).with_name("calibration.json")
# Pseudo-counts pulling a basis towards its status's share, and a status towards one half.
_BASIS_PRIOR = 4.0
_STATUS_PRIOR = 2.0
# Confidence is shown with two decimals and never claims certainty.
_CEILING = 0.97
_FLOOR = 0.05


def fit(outcomes: Iterable[tuple[str, str, bool, float]]) -> dict[str, dict[str, float]]:
    """The table from (status, basis, was the status right, engine's own estimate) outcomes.

    Returns {status: {"*": share for the status, basis: share for the basis, ...}}.
    """
    counts: dict[str, dict[str, list[int]]] = {}
    for status, basis, right, _ in outcomes:
        for key in ("*", basis):
            tally = counts.setdefault(status, {}).setdefault(key, [0, 0])
            tally[0] += int(right)
            tally[1] += 1
    table: dict[str, dict[str, float]] = {}
    for status, by_basis in counts.items():
        rights, total = by_basis["*"]
        overall = (rights + _STATUS_PRIOR * 0.5) / (total + _STATUS_PRIOR)
        table[status] = {"*": _bounded(overall)}
        for basis, (rights, total) in by_basis.items():
            if basis != "*":
                table[status][basis] = _bounded(
                    (rights + _BASIS_PRIOR * overall) / (total + _BASIS_PRIOR))
    return table


def cross_validated(groups: dict[str, list[tuple[str, str, bool, float]]]
                    ) -> list[tuple[float, bool, str]]:
    """Each outcome's confidence from a table fitted without its own group (one policy, say),
    with whether it was right and its status: figures that were not fitted on what they
    measure."""
    scored = []
    for held_out, outcomes in groups.items():
        table = fit(outcome for name, rest in groups.items() if name != held_out
                    for outcome in rest)
        scored += [(confidence_from(table, status, basis, raw), right, status)
                   for status, basis, right, raw in outcomes]
    return scored


def confidence_from(table: dict[str, dict[str, float]], status: str, basis: str,
                    raw: float) -> float:
    """The fitted share for the status and basis; for a basis never seen in fitting, the
    lower of the status's share and the engine's own estimate (a kind of finding nobody has
    checked earns no more trust than the engine claims); the engine's own estimate for a
    status never seen."""
    shares = table.get(status)
    if not shares:
        return raw
    if basis not in shares:
        return round(min(shares["*"], raw), 2)
    return round(shares[basis], 2)


def calibrated(suggestion: Suggestion) -> Suggestion:
    """The suggestion with its confidence taken from the shipped table."""
    value = confidence_from(shipped_table(), suggestion.status.value, suggestion.basis,
                            suggestion.confidence)
    return replace(suggestion, confidence=value)


@lru_cache(maxsize=1)
def shipped_table() -> dict[str, dict[str, float]]:
    """The fitted table shipped with the package (empty when it is absent or unreadable, so
    the engine's own estimates stand)."""
    try:
        data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    table = data.get("table") if isinstance(data, dict) else None
    return table if isinstance(table, dict) else {}


def _bounded(value: float) -> float:
    return round(min(_CEILING, max(_FLOOR, value)), 4)
