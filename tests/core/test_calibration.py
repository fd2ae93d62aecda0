"""Calibrated confidence: fitted shares per status and basis, measured without their own group."""

from __future__ import annotations

import pytest

from desktop_app.core.assessment import Suggestion
from desktop_app.core.calibration import (
    calibrated,
    confidence_from,
    cross_validated,
    fit,
    shipped_table,
)
from desktop_app.core.status import Status


def test_a_basis_gets_its_own_share_pulled_towards_its_status() -> None:
    outcomes = [("satisfied", "many-cues", True, 0.9)] * 18
    outcomes += [("satisfied", "many-cues", False, 0.9)] * 2
    outcomes += [("satisfied", "cues-faint", True, 0.7)] * 2
    outcomes += [("satisfied", "cues-faint", False, 0.7)] * 2
    table = fit(outcomes)
    assert table["satisfied"]["many-cues"] > table["satisfied"]["*"] > \
        table["satisfied"]["cues-faint"]
    # Four outcomes cannot claim one half on their own: the status's share pulls them up.
    assert 0.5 < table["satisfied"]["cues-faint"] < table["satisfied"]["*"]
    # An unseen kind of finding earns no more than the status's share, nor than the engine says.
    assert confidence_from(table, "satisfied", "never-seen", 0.99) == \
        round(table["satisfied"]["*"], 2)
    assert confidence_from(table, "satisfied", "never-seen", 0.3) == 0.3
    assert confidence_from(table, "missing", "no-cue", 0.3) == 0.3


def test_cross_validation_never_uses_a_groups_own_outcomes() -> None:
    groups = {"a": [("missing", "no-cue", True, 0.9)] * 10,
              "b": [("missing", "no-cue", False, 0.9)] * 10}
    scored = cross_validated(groups)
    # Each group is scored by the other's table alone: a (right) gets b's low share, b
    # (wrong) gets a's high one.
    assert all(confidence < 0.2 for confidence, right, _ in scored if right)
    assert all(confidence > 0.8 for confidence, right, _ in scored if not right)


def test_the_shipped_table_is_used_and_bounded() -> None:
    table = shipped_table()
    assert {"satisfied", "partial", "missing", "not-applicable"} <= set(table)
    suggestion = calibrated(Suggestion("x.y", Status.SATISFIED, 0.1, "r", basis="many-cues"))
    assert suggestion.confidence == round(table["satisfied"]["many-cues"], 2)
    for shares in table.values():
        assert all(0.0 < share < 1.0 for share in shares.values())


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_a_share(status: Status) -> None:
    assert "*" in shipped_table()[status.value]
