"""Sample wording on checklist items: loaded, kept in stored snapshots, shown with findings."""

from __future__ import annotations

import pytest

from desktop_app.core.checklist_loader import (
    checklist_from_dict,
    checklist_to_dict,
    load_checklist,
)
from desktop_app.core.status import Level
from desktop_app.errors import ChecklistError
from desktop_app.paths import SHIPPED_CHECKLISTS


@pytest.mark.parametrize("checklist_id", ["pdpo", "gdpr", "ccpa"])
def test_every_must_item_has_sample_wording(checklist_id: str) -> None:
    checklist = load_checklist(SHIPPED_CHECKLISTS / f"{checklist_id}.yaml")
    lacking = [item.id for item in checklist.items
               if item.level is Level.MUST and not item.sample_wording]
    assert lacking == []


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
