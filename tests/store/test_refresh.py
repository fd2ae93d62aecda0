"""Upgrading an audit to a newer checklist and reassessing it with a newer engine.

Both keep every human decision, give fresh suggestions, flag what changed and record the move.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.assessment import ChecklistAssessment
from desktop_app.core.checklist import Checklist
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.status import Status
from desktop_app.errors import WorkflowError
from desktop_app.services import Workspace
from desktop_app.store import refresh
from tests.store.helpers import (
    assess,
    decide_all,
    import_doc,
    make_checklist,
    make_document,
    registry,
)

BASELINE = paths.PROJECT_ROOT / "tests" / "data" / "checklists-2026.2"


def _event(workspace: Workspace, audit_id: int, action: str) -> tuple[dict, dict]:
    (event,) = [e for e in workspace.history(audit_id) if e.action == action]
    return json.loads(event.before), json.loads(event.after)


def test_an_audit_on_2026_2_upgrades_to_the_current_checklist(tmp_path: Path) -> None:
    db = tmp_path / "audits.sqlite"
    with Workspace(db, registry=ChecklistRegistry.load(BASELINE, None)) as old:
        audit_id = old.import_policy(paths.EXAMPLE_POLICY, ["pdpo"], actor="alice",
                                     as_at="2026-12-01").audit_ids[0]
        baseline = old.audit(audit_id).checklist
        old.review_item(audit_id, "pdpo.collection-purpose", "alice", status=Status.PARTIAL,
                        note="Purposes listed, not tied to the data",
                        quote="We use your personal data for the following purposes")
        old.set_status(audit_id, "pdpo.dm-provision-to-third-parties", Status.SATISFIED, "alice")
        before = {r.item_id: r for r in old.audit(audit_id).reviews}
    with Workspace(db) as current:
        (summary,) = current.audits()
        assert summary.checklist_outdated and summary.checklist_version == "2026.2"
        new = current.registry.get("pdpo")
        result = current.upgrade(audit_id, "bob")
        snapshot = current.audit(audit_id)
        (after_summary,) = current.audits()
        trail_before, trail_after = _event(current, audit_id, "checklist-upgrade")
        assert current.verify().ok

    assert result.from_version == "2026.2" and result.to_version == new.version != "2026.2"
    assert snapshot.checklist.version == new.version and snapshot.upgraded_from_version == "2026.2"
    assert snapshot.as_at == "2026-12-01" and not after_summary.checklist_outdated
    old_items = {item.id: item for item in baseline.items}
    changed = {item.id for item in new.items if item.id in old_items
               and refresh.law_changed(old_items[item.id], item)}
    added = {item.id for item in new.items} - set(old_items)
    assert changed and set(result.law_changed) == changed
    assert set(result.added) == added and result.kept == 2
    reviews = {r.item_id: r for r in snapshot.reviews}
    assert [r.item_id for r in snapshot.reviews] == [item.id for item in new.items]
    kept = reviews["pdpo.collection-purpose"]
    assert "pdpo.collection-purpose" not in changed
    assert (kept.status, kept.reviewer, kept.note) == (Status.PARTIAL, "alice",
                                                       "Purposes listed, not tied to the data")
    assert [e.quote for e in kept.evidence if e.source == "manual"] == \
        [e.quote for e in before["pdpo.collection-purpose"].evidence if e.source == "manual"]
    decided = reviews["pdpo.dm-provision-to-third-parties"]
    assert decided.status is Status.SATISFIED and decided.needs_rereview
    for item_id in added:
        assert reviews[item_id].status is None
    for item_id in set(reviews) - changed - added - set(result.suggestion_changed):
        assert not reviews[item_id].needs_rereview
    assert (trail_before["checklist_version"], trail_after["checklist_version"]) == \
        ("2026.2", new.version)
    assert set(trail_after["added"]) == added


@pytest.mark.parametrize("checklist_id", sorted(p.stem for p in BASELINE.glob("*.yaml")))
def test_every_2026_2_checklist_upgrades_keeping_unchanged_decisions(
        tmp_path: Path, checklist_id: str) -> None:
    db = tmp_path / "audits.sqlite"
    with Workspace(db, registry=ChecklistRegistry.load(BASELINE, None)) as old:
        audit_id = old.import_policy(paths.EXAMPLE_POLICY, [checklist_id], actor="alice",
                                     as_at="2026-12-01").audit_ids[0]
        decide_all(old, audit_id, "alice")
        baseline = old.audit(audit_id)
    with Workspace(db) as current:
        result = current.upgrade(audit_id, "bob")
        upgraded = current.audit(audit_id)
        assert current.verify().ok
    decided = {r.item_id: r.status for r in baseline.reviews}
    unchanged = set(decided) - set(result.law_changed) - set(result.suggestion_changed)
    assert unchanged
    for review in upgraded.reviews:
        if review.item_id in unchanged:
            assert review.status is decided[review.item_id] and not review.needs_rereview
        elif review.item_id in result.added:
            assert review.status is None
        else:
            assert review.status is decided[review.item_id] and review.needs_rereview
    reviewed = {item_id for item_id, status in decided.items() if status is not None}
    assert reviewed and result.kept == len(reviewed - set(result.removed))
    assert upgraded.upgraded_from_version == "2026.2" != upgraded.checklist.version


def test_upgrade_can_move_the_as_at_date(tmp_path: Path) -> None:
    with Workspace(tmp_path / "a.sqlite") as workspace:
        audit_id = workspace.import_policy(paths.EXAMPLE_POLICY, ["ccpa"], actor="alice",
                                           as_at="2026-12-01").audit_ids[0]
        assert workspace.audit(audit_id).checklist.item("ccpa.admt").level.value == \
            "good-practice"
        result = workspace.upgrade(audit_id, "alice", as_at="2027-02-01")
        snapshot = workspace.audit(audit_id)
    assert (result.from_as_at, result.to_as_at, snapshot.as_at) == ("2026-12-01",) + \
        ("2027-02-01",) * 2
    assert snapshot.checklist.item("ccpa.admt").level.value == "must"
    assert "ccpa.admt" in result.law_changed and "ccpa.admt" in result.flagged


def test_items_no_longer_in_the_checklist_are_removed_and_kept_in_the_trail(
        db_path: Path) -> None:
    longer = make_checklist(version="1.0", extra_item=True)
    with Workspace(db_path, registry=registry(longer)) as workspace:
        audit_id = import_doc(workspace, make_document(), (longer,)).audit_ids[0]
        workspace.review_item(audit_id, "test-law.complaints", "alice", status=Status.MISSING,
                              note="No complaint route")
    with Workspace(db_path, registry=registry(make_checklist(version="2.0"))) as workspace:
        result = workspace.upgrade(audit_id, "bob")
        assert "test-law.complaints" not in {r.item_id for r in workspace.audit(audit_id).reviews}
        before, _ = _event(workspace, audit_id, "checklist-upgrade")
        assert workspace.verify().ok
    assert result.removed == ("test-law.complaints",)
    assert before["removed"][0]["status"] == "missing"
    assert before["removed"][0]["note"] == "No complaint route"
    with Workspace(db_path, registry=registry(make_checklist(version="3.0", extra_item=True))) \
            as workspace:
        assert workspace.upgrade(audit_id, "bob").added == ("test-law.complaints",)
        back = workspace.audit(audit_id).review("test-law.complaints")
        assert back.status is None and back.note == ""
        assert workspace.verify().ok


def test_reassess_keeps_decisions_and_flags_changed_suggestions(
        workspace: Workspace, audit_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.set_status(audit_id, "test-law.identity", Status.SATISFIED, "alice")
    workspace.set_note(audit_id, "test-law.data", "checked", "alice")
    original = {r.item_id: r for r in workspace.audit(audit_id).reviews}
    flips = {"test-law.identity": Status.PARTIAL, "test-law.children": Status.PARTIAL}

    def newer_engine(document, checklist: Checklist) -> ChecklistAssessment:
        base = assess(document, checklist)
        return replace(base, suggestions=tuple(
            replace(s, status=flips.get(s.item_id, s.status), evidence=())
            if s.item_id in flips else s for s in base.suggestions))

    monkeypatch.setattr("desktop_app.services.assess", newer_engine)
    monkeypatch.setattr(refresh, "ENGINE_VERSION", "99")
    result = workspace.reassess(audit_id, "bob")
    snapshot = workspace.audit(audit_id)
    reviews = {r.item_id: r for r in snapshot.reviews}

    assert snapshot.engine_version == "99" and result.to_engine == "99"
    assert result.suggestion_changed == ("test-law.identity", "test-law.children")
    assert result.flagged == result.suggestion_changed and result.law_changed == ()
    identity = reviews["test-law.identity"]
    assert identity.status is Status.SATISFIED and identity.suggested_status is Status.PARTIAL
    assert identity.needs_rereview
    assert identity.evidence == original["test-law.identity"].evidence  # the decision's basis
    assert reviews["test-law.children"].evidence == ()  # unreviewed: the new engine's evidence
    data = reviews["test-law.data"]
    assert data.note == "checked" and not data.needs_rereview
    _, after = _event(workspace, audit_id, "reassess")
    assert after["engine_version"] == "99" and after["flagged"] == list(result.flagged)
    assert workspace.verify().ok


def test_a_signed_off_audit_is_not_refreshed(workspace: Workspace, audit_id: int) -> None:
    decide_all(workspace, audit_id, "alice")
    workspace.sign_off(audit_id, "bob")
    with pytest.raises(WorkflowError, match="signed off; reopen it first"):
        workspace.reassess(audit_id, "carol")
