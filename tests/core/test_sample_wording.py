"""Sample wording on checklist items: loaded, kept in stored snapshots, shown with findings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.core.checklist import TOPICS, Checklist, ChecklistItem
from desktop_app.core.checklist_loader import (
    checklist_from_dict,
    checklist_to_dict,
    load_checklist,
)
from desktop_app.core.document import Clause, PolicyDocument
from desktop_app.core.engine import assess
from desktop_app.core.status import Level, Status
from desktop_app.errors import ChecklistError
from desktop_app.paths import SHIPPED_CHECKLISTS

SHIPPED = {path.stem: load_checklist(path) for path in sorted(SHIPPED_CHECKLISTS.glob("*.yaml"))}
WORDED = [(checklist, item) for checklist in SHIPPED.values()
          for item in checklist.items if item.sample_wording]


@pytest.mark.parametrize("checklist_id", sorted(SHIPPED))
def test_every_must_item_has_sample_wording(checklist_id: str) -> None:
    lacking = [item.id for item in SHIPPED[checklist_id].items
               if item.level is Level.MUST and not item.sample_wording]
    assert lacking == []


def policy_of(heading: str, paragraph: str) -> PolicyDocument:
    """A one-clause policy: the paragraph under its heading."""
    text = f"{heading}\n{paragraph}\n"
    start = len(heading) + 1
    return PolicyDocument(text=text, source_format="txt", clauses=[
        Clause("1", heading, start, start + len(paragraph), paragraph)])


@pytest.mark.parametrize(("checklist", "item"), WORDED, ids=[item.id for _, item in WORDED])
def test_sample_wording_is_found_by_the_engine(checklist: Checklist, item: ChecklistItem) -> None:
    # A policy that adopts the sample must not be told the item is missing: placeholders
    # still to be filled may leave it partial, which is what the auditor should see.
    paragraph = " ".join(item.sample_wording.split())
    only_item = replace(checklist, items=(item,))
    suggestion = assess(policy_of(TOPICS[item.topic], paragraph), only_item).for_item(item.id)
    assert suggestion.status is not Status.MISSING, suggestion.reason


def test_sample_wording_survives_the_stored_snapshot() -> None:
    checklist = load_checklist(SHIPPED_CHECKLISTS / "pdpo.yaml")
    again = checklist_from_dict(checklist_to_dict(checklist))
    assert again.content_hash == checklist.content_hash
    item = again.item("pdpo.dm-opt-out")
    assert item.sample_wording == checklist.item("pdpo.dm-opt-out").sample_wording
    assert "free of charge" in item.sample_wording


def test_items_without_sample_wording_keep_their_hash() -> None:
    checklist = load_checklist(SHIPPED_CHECKLISTS / "pdpa.yaml")
    data = checklist_to_dict(checklist)
    assert all("sample_wording" not in item for item in data["items"]
               if not checklist.item(item["id"]).sample_wording)


def test_sample_wording_must_be_text() -> None:
    data = checklist_to_dict(load_checklist(SHIPPED_CHECKLISTS / "pdpo.yaml"))
    data["items"][0]["sample_wording"] = ["a", "list"]
    with pytest.raises(ChecklistError, match=r"items\[0\]\.sample_wording.*expected text"):
        checklist_from_dict(data)
