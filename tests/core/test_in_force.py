"""Law by date: items with effective/until dates and dated level changes, validated and resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.checklist_loader import checklist_from_dict, checklist_to_dict, load_checklist
from desktop_app.core.in_force import all_in_force, in_force, parse_as_at
from desktop_app.core.status import Level
from desktop_app.errors import ChecklistError, InputError
from tests.core.test_checklist_loader import VALID, write

DATED = VALID.replace(
    "    cues: [unsubscribe]\n",
    "    cues: [unsubscribe]\n    effective: 2025-01-01\n    until: 2030-01-01\n"
    "    level_from:\n      2027-01-01: must\n      2028-06-01: good-practice\n")


def test_dates_and_level_changes_load_and_round_trip(tmp_path: Path) -> None:
    checklist = load_checklist(write(tmp_path, DATED))
    item = checklist.item("internal.marketing-opt-out")
    assert (item.effective, item.until) == ("2025-01-01", "2030-01-01")
    assert item.level_from == (("2027-01-01", Level.MUST), ("2028-06-01", Level.GOOD_PRACTICE))
    assert checklist_from_dict(checklist_to_dict(checklist)).content_hash == checklist.content_hash


@pytest.mark.parametrize(("as_at", "present", "level"), [
    ("2024-12-31", False, None),
    ("2025-01-01", True, Level.SHOULD),
    ("2026-12-31", True, Level.SHOULD),
    ("2027-01-01", True, Level.MUST),
    ("2028-06-01", True, Level.GOOD_PRACTICE),
    ("2030-01-01", False, None),
])
def test_the_checklist_in_force_on_a_date(tmp_path: Path, as_at: str, present: bool,
                                          level: Level | None) -> None:
    resolved = in_force(load_checklist(write(tmp_path, DATED)), as_at)
    ids = [item.id for item in resolved.items]
    assert ("internal.marketing-opt-out" in ids) is present
    assert "internal.purposes" in ids
    if present:
        item = resolved.item("internal.marketing-opt-out")
        assert item.level is level and item.level_from == ()
    assert checklist_from_dict(checklist_to_dict(resolved)).content_hash == resolved.content_hash


def test_an_undated_checklist_is_its_own_resolution(tmp_path: Path) -> None:
    checklist = load_checklist(write(tmp_path, VALID))
    assert in_force(checklist, "2000-01-01") is checklist


@pytest.mark.parametrize(("extra", "where", "message"), [
    ("    effective: 2027-02-30\n", r"items\[1\]\.effective", "not a date"),
    ("    effective: 2027-01-01\n    until: 2026-01-01\n", r"items\[1\]\.until", "after"),
    ("    level_from:\n      2027-01-01: required\n", r"items\[1\]\.level_from\.2027-01-01",
     "not one of"),
    ("    level_from:\n      soon: must\n", r"items\[1\]\.level_from\.soon", "not a date"),
    ("    level_from: must\n", r"items\[1\]\.level_from", "mapping of dates to levels"),
    ("    until: 2026-01-01\n    level_from:\n      2027-01-01: must\n",
     r"items\[1\]\.level_from\.2027-01-01", "outside"),
    ("    in_force: yes\n", r"items\[1\]\.in_force", "unknown key"),
])
def test_bad_dates_are_located(tmp_path: Path, extra: str, where: str, message: str) -> None:
    text = VALID.replace("    cues: [unsubscribe]\n", "    cues: [unsubscribe]\n" + extra)
    with pytest.raises(ChecklistError, match=rf"c\.yaml, line \d+ \(key '{where}'\).*{message}"):
        load_checklist(write(tmp_path, text))


def test_a_date_with_nothing_in_force_says_so(tmp_path: Path) -> None:
    text = VALID.replace("    cues: [purpose, we use your data to]\n",
                         "    cues: [purpose, we use your data to]\n    effective: 2030-01-01\n")
    text = text.replace("    cues: [unsubscribe]\n",
                        "    cues: [unsubscribe]\n    effective: 2030-01-01\n")
    future = load_checklist(write(tmp_path, text))
    with pytest.raises(ChecklistError, match="no item of checklist 'internal' is in force"):
        in_force(future, "2029-12-31")
    current = load_checklist(write(tmp_path, VALID, "current.yaml"))
    assert all_in_force([future, current], "2029-12-31") == (current,)


def test_as_at_input() -> None:
    assert parse_as_at(" 2027-01-01 ") == "2027-01-01"
    assert len(parse_as_at(None)) == 10
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_as_at("1 Jan 2027")


def test_ccpa_admt_items_become_must_in_2027() -> None:
    ccpa = load_checklist(paths.SHIPPED_CHECKLISTS / "ccpa.yaml")
    admt = [item.id for item in ccpa.items if item.level_from]
    assert "ccpa.admt" in admt
    for as_at, level in (("2026-12-31", Level.GOOD_PRACTICE), ("2027-01-01", Level.MUST)):
        resolved = in_force(ccpa, as_at)
        assert {resolved.item(i).level for i in admt} == {level}
