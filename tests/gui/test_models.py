"""The table models and their filters, over audits read back from a real store."""

from __future__ import annotations

import pytest

from desktop_app.core.status import Level, Status
from desktop_app.gui.models.checklist_model import (
    ChecklistFilter,
    ChecklistModel,
    Col,
    rows_from_snapshot,
)
from desktop_app.gui.models.columns import SORT_ROLE
from desktop_app.gui.models.library_model import (
    LibCol,
    LibraryFilter,
    LibraryModel,
    counts_text,
)
from desktop_app.gui.panels.history_panel import change_text


@pytest.fixture
def snapshot(store):
    return store.audit(store.audits()[0].audit_id)


@pytest.fixture
def checklist(snapshot, qapp):
    model = ChecklistModel()
    model.set_rows(rows_from_snapshot(snapshot))
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    return model, proxy


def test_checklist_model_passes_the_model_tester(checklist, qtmodeltester) -> None:
    model, proxy = checklist
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_checklist_rows_follow_the_checklist_order(checklist, snapshot) -> None:
    model, _ = checklist
    assert model.rowCount() == len(snapshot.checklist.items)
    first = snapshot.checklist.items[0]
    assert model.index(0, Col.ITEM).data() == first.title
    assert model.index(0, Col.STATUS).data() == "· To review"


def test_status_filter_keeps_items_with_that_effective_status(checklist, snapshot) -> None:
    model, proxy = checklist
    for status in Status:
        proxy.set_state(status)
        expected = sum(1 for r in snapshot.reviews if r.effective_status == status)
        assert proxy.rowCount() == expected
    proxy.set_state(ChecklistFilter.UNREVIEWED)
    assert proxy.rowCount() == model.rowCount()


def test_level_and_text_filters_combine(checklist, snapshot) -> None:
    _, proxy = checklist
    proxy.set_level(Level.MUST)
    musts = [i for i in snapshot.checklist.items if i.level == Level.MUST]
    assert proxy.rowCount() == len(musts)
    word = musts[0].title.split()[0].lower()
    proxy.set_text(word)
    expected = [i for i in musts if word in " ".join(
        (i.id, i.title, i.requirement, i.citation, i.topic)).lower()]
    assert 1 <= proxy.rowCount() <= len(expected) + 1
    proxy.set_text("zzz-no-such-word")
    assert proxy.rowCount() == 0


def test_sorting_by_suggestion_puts_missing_first(checklist) -> None:
    _, proxy = checklist
    proxy.sort(Col.SUGGESTED)
    keys = [proxy.index(r, Col.SUGGESTED).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert keys == sorted(keys)


def test_update_reviews_changes_only_the_edited_row(checklist, store, snapshot, qtbot) -> None:
    model, _ = checklist
    item_id = snapshot.checklist.items[1].id
    store.set_status(snapshot.audit_id, item_id, Status.PARTIAL, "tester")
    fresh = store.audit(snapshot.audit_id)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.update_reviews({r.item_id: r for r in fresh.reviews})
    assert blocker.args[0].row() == 1
    assert model.index(1, Col.STATUS).data() == "◐ Partial"


def test_library_model_and_filter(store, qtmodeltester) -> None:
    model = LibraryModel()
    model.set_summaries(store.audits())
    qtmodeltester.check(model)
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == len(store.audits()) == 2
    proxy.set_text("gdpr")
    assert proxy.rowCount() == 1
    assert proxy.index(0, LibCol.CHECKLIST).data() == "gdpr"
    summary = model.summary_at(model.index(0, 0))
    assert model.index(0, LibCol.PROGRESS).data() == f"0/{summary.total}"


def test_counts_text_uses_symbols_in_status_order() -> None:
    assert counts_text({"missing": 2, "satisfied": 5}) == "✓5 ✗2"
    assert counts_text({}) == ""


def test_history_changes_show_statuses_as_the_checklist_does() -> None:
    assert change_text('{"status": null}', '{"status": "partial"}') \
        == "status: · To review → ◐ Partial"
    assert change_text('{"note": ""}', '{"note": "Check annex"}') == "note: (none) → Check annex"
