"""Checklists 2026.3 against the legal review of 2026.2: every row it raises is answered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.checklist import Checklist, ChecklistItem
from desktop_app.core.checklist_loader import checklist_to_dict, load_checklist
from tests.conftest import PROJECT_ROOT

BASELINE = PROJECT_ROOT / "tests" / "data" / "checklists-2026.2"
ADDENDUM = paths.SHIPPED_CHECKLISTS / "catalog-2026.3.md"
REVIEW_ROW = re.compile(r"^\| (\d+) \| ([^|]+) \|", re.M)
ANSWER_ROW = re.compile(r"^\| (\d+) \| ([a-z]+\.[a-z0-9-]+(?:, [a-z]+\.[a-z0-9-]+)*) \|$", re.M)
# What the answer to a review row may not consist of: bookkeeping that every item got.
_BOOKKEEPING = ("notes", "sources")


def review_rows(shared_dir: Path) -> dict[int, str]:
    """Row number -> the "Item(s)" cell of the review's section 1 table."""
    text = (shared_dir / "spec" / "legal-review-2026-12.md").read_text(encoding="utf-8")
    section = text.split("## 1.", 1)[1].split("\n## ", 1)[0]
    return {int(number): names for number, names in REVIEW_ROW.findall(section)}


def named_items(names: str, known: set[str]) -> set[str]:
    """The items a row names, written as full ids or as slugs after a checklist prefix
    ("gdpr.right-rectification, right-erasure"; "idpdp rights items (rectify, access-copy)").
    A word that qualifies a group ("rights items", "notice-at-collection items") names none."""
    prefix = re.match(r"\s*([a-z]+)[. ]", names).group(1)
    found = set()
    for match in re.finditer(r"\b[a-z0-9][a-z0-9.-]*\b(?! items)", names.lower()):
        token = match.group(0).rstrip(".")
        slug = token.split(".", 1)[1] if token.startswith(prefix + ".") else token
        for item_id in known:
            own = item_id.split(".", 1)[1]
            if item_id.startswith(prefix + ".") and (
                    own == slug or own.endswith("-" + slug) or own.startswith(slug + "-")):
                found.add(item_id)
    return found


def answers() -> dict[int, list[str]]:
    text = ADDENDUM.read_text(encoding="utf-8")
    return {int(row): ids.split(", ") for row, ids in ANSWER_ROW.findall(text)}


def load_items(directory: Path) -> dict[str, ChecklistItem]:
    return {item.id: item for path in sorted(directory.glob("*.yaml"))
            for item in load_checklist(path).items}


def substance(item: ChecklistItem) -> dict:
    """The item as stored, without the notes and sources that record the review itself."""
    holder = Checklist(id="x", name="x", jurisdiction="x", law="x", law_version="x",
                       regulator="x", version="x", last_reviewed="2026-01-01", items=(item,))
    (data,) = checklist_to_dict(holder)["items"]
    return {key: value for key, value in data.items() if key not in _BOOKKEEPING}


@pytest.fixture(scope="module")
def baseline() -> dict[str, ChecklistItem]:
    return load_items(BASELINE)


@pytest.fixture(scope="module")
def current() -> dict[str, ChecklistItem]:
    return load_items(paths.SHIPPED_CHECKLISTS)


def test_the_review_names_items_the_parser_finds(shared_dir: Path, baseline) -> None:
    rows = review_rows(shared_dir)
    assert sorted(rows) == list(range(1, 26))
    named = {row: named_items(names, set(baseline)) for row, names in rows.items()}
    assert named[2] >= {"idpdp.legal-basis", "idpdp.change-notice"} and len(named[2]) == 8
    assert named[5] == {"idpdp.right-rectify", "idpdp.right-access-copy", "idpdp.withdraw-consent",
                        "idpdp.restrict", "idpdp.breach-notification"}
    assert named[12] == {"gdpr.right-rectification", "gdpr.right-erasure", "gdpr.right-restriction"}
    assert named[10] == {"ccpa.sensitive-pi-use"} and named[23] == set()


def test_every_review_row_is_answered_by_a_changed_or_annotated_item(
        shared_dir: Path, baseline, current) -> None:
    answered = answers()
    unanswered = []
    for row, names in review_rows(shared_dir).items():
        named = named_items(names, set(baseline))
        listed = set(answered.get(row, ()))
        assert named <= listed, f"row {row}: the addendum omits {sorted(named - listed)}"
        assert listed, f"row {row} has no answer in {ADDENDUM.name}"
        for item_id in sorted(listed):
            item = current[item_id]
            old = baseline.get(item_id)
            changed = old is None or substance(old) != substance(item)
            if not changed and f"row {row}" not in item.notes:
                unanswered.append(f"row {row}: {item_id}")
    assert unanswered == []


def test_every_checklist_moved_to_2026_3_and_says_what_it_leaves_to_the_auditor() -> None:
    for path in sorted(paths.SHIPPED_CHECKLISTS.glob("*.yaml")):
        checklist = load_checklist(path)
        assert checklist.version in {"2026.3", "2026.4"}, path.name
        assert "Covers" in checklist.notes and "Left to the auditor" in checklist.notes, path.name


def test_ukgdpr_has_sourced_items_linked_to_gdpr_where_the_same(current) -> None:
    uk = [item for item in current.values() if item.id.startswith("ukgdpr.")]
    assert len(uk) >= 25
    assert all(item.citation and item.sources for item in uk)
    linked = [item for item in uk if item.same_as]
    assert len(linked) >= 15
    assert all(current[item.same_as].topic == item.topic for item in linked)
    for uk_only in ("complaint-to-controller", "recognised-legitimate-interests",
                    "automated-decisions", "complaint-to-ico", "third-country-transfers"):
        assert not current[f"ukgdpr.{uk_only}"].same_as


def test_nevada_health_data_items_apply_only_with_health_data(current) -> None:
    health = [item for item in current.values() if item.id.startswith("nevada.health-")]
    cited = {item.citation.split(";")[0] for item in health}
    assert {f"603A.495(1)({letter})" for letter in "abcdefghijk"} | {"603A.495(2)"} == cited
    assert all(item.condition and "consumer health data" in item.condition.cues for item in health)
