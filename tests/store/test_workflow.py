"""Review actions: statuses, suggestions, notes, evidence, sign-off and reopen."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop_app.core.status import Status
from desktop_app.errors import NotFoundError, WorkflowError
from desktop_app.services import ImportResult, Workspace
from desktop_app.store import trail
from tests.store.helpers import decide_all, make_checklist, make_document

ITEM = "test-law.retention"


def test_import_creates_policy_version_audit_and_suggestions(workspace: Workspace,
                                                             imported: ImportResult) -> None:
    assert (imported.version, imported.unchanged) == (1, False)
    [summary] = workspace.audits()
    assert summary.audit_id == imported.audit_ids[0]
    assert (summary.total, summary.reviewed) == (len(make_checklist().items), 0)
    snapshot = workspace.audit(summary.audit_id)
    assert snapshot.policy.version == 1 and snapshot.state == "open"
    assert snapshot.text == make_document().text
    assert [c.ref for c in snapshot.clauses] == [c.ref for c in make_document().clauses]
    assert snapshot.defects and snapshot.defects[0].kind == "typo"
    review = snapshot.review(ITEM)
    assert review.status is None and review.suggested_status is Status.SATISFIED
    assert [e.source for e in review.evidence] == ["auto"]
    first = review.evidence[0]
    assert snapshot.text[first.start:first.end] == first.quote
    [policy] = workspace.policies()
    assert policy.audit_ids == imported.audit_ids and policy.organisation == "Northwind Ltd"


def test_document_round_trips(workspace: Workspace, imported: ImportResult) -> None:
    assert workspace.document(imported.version_id) == make_document()


def test_set_status_is_stored_and_can_be_undone(workspace: Workspace, audit_id: int) -> None:
    workspace.set_status(audit_id, ITEM, Status.PARTIAL, "bob")
    review = workspace.audit(audit_id).review(ITEM)
    assert (review.status, review.reviewer) == (Status.PARTIAL, "bob") and review.reviewed_at
    workspace.set_status(audit_id, ITEM, None, "bob")
    review = workspace.audit(audit_id).review(ITEM)
    assert (review.status, review.reviewer, review.reviewed_at) == (None, "", "")
    last = workspace.history(audit_id)[-1]
    assert json.loads(last.before)["status"] == "partial"
    assert json.loads(last.after)["status"] is None


def test_changes_are_committed_without_a_save_step(db_path, workspace: Workspace,
                                                    audit_id: int) -> None:
    workspace.set_status(audit_id, ITEM, Status.MISSING, "bob")
    with Workspace(db_path, registry=workspace.registry) as other:
        assert other.audit(audit_id).review(ITEM).status is Status.MISSING


def test_accept_suggestions_above_a_confidence_only_touches_unreviewed(
        workspace: Workspace, audit_id: int) -> None:
    workspace.set_status(audit_id, ITEM, Status.PARTIAL, "bob")
    changed = list(workspace.accept_suggestions(audit_id, "carol", min_confidence=0.5).items)
    snapshot = workspace.audit(audit_id)
    expected = [r.item_id for r in snapshot.reviews if r.confidence >= 0.5 and r.item_id != ITEM]
    assert changed == expected
    assert snapshot.review(ITEM).status is Status.PARTIAL
    low = [r for r in snapshot.reviews if r.confidence < 0.5]
    assert low and all(r.status is None for r in low)
    assert all(snapshot.review(i).status == snapshot.review(i).suggested_status for i in changed)


def test_accept_named_items(workspace: Workspace, audit_id: int) -> None:
    assert workspace.accept_suggestions(audit_id, "bob", item_ids=[ITEM]).items == (ITEM,)
    with pytest.raises(NotFoundError, match="no-such"):
        workspace.accept_suggestions(audit_id, "bob", item_ids=["test-law.no-such"])


def test_bad_confidence_is_a_user_error(workspace: Workspace, audit_id: int) -> None:
    with pytest.raises(WorkflowError, match="between 0 and 1"):
        workspace.accept_suggestions(audit_id, "bob", min_confidence=2)


def test_blank_actor_is_the_default_reviewer(workspace: Workspace, audit_id: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_AUDITOR_REVIEWER", "dana")
    workspace.set_status(audit_id, ITEM, Status.MISSING, "  ")
    assert workspace.audit(audit_id).review(ITEM).reviewer == "dana"
    assert workspace.history(audit_id)[-1].actor == "dana"


def test_unknown_ids_raise_not_found(workspace: Workspace, audit_id: int) -> None:
    with pytest.raises(NotFoundError, match="no audit with id 99"):
        workspace.audit(99)
    with pytest.raises(NotFoundError, match="no checklist item 'nope'"):
        workspace.set_status(audit_id, "nope", Status.MISSING, "bob")
    with pytest.raises(NotFoundError):
        workspace.remove_evidence(audit_id, 12345, "bob")
    with pytest.raises(NotFoundError):
        workspace.history(99)


def test_note(workspace: Workspace, audit_id: int) -> None:
    workspace.set_note(audit_id, ITEM, "Seven years seems long.", "bob")
    assert workspace.audit(audit_id).review(ITEM).note == "Seven years seems long."
    assert workspace.history(audit_id)[-1].action == "note"


def test_evidence_by_quote_is_located_in_the_text(workspace: Workspace, audit_id: int) -> None:
    evidence_id = workspace.add_evidence(audit_id, ITEM, "bob", quote="seven  years,\nthen",
                                         note="period").evidence_id
    snapshot = workspace.audit(audit_id)
    [record] = [e for e in snapshot.review(ITEM).evidence if e.id == evidence_id]
    assert record.quote == snapshot.text[record.start:record.end] == "seven years, then"
    assert (record.source, record.ref, record.note) == ("manual", "4", "period")


def test_evidence_by_span(workspace: Workspace, audit_id: int) -> None:
    text = workspace.audit(audit_id).text
    start = text.index("order history")
    evidence_id = workspace.add_evidence(audit_id, "test-law.data", "bob", start=start,
                                         end=start + len("order history")).evidence_id
    [record] = [e for e in workspace.audit(audit_id).review("test-law.data").evidence
                if e.id == evidence_id]
    assert (record.quote, record.ref) == ("order history", "2")


@pytest.mark.parametrize("kwargs, message", [
    ({"quote": "we sell your data"}, "not in the policy text"),
    ({"start": 5, "end": 5}, "outside the policy text"),
    ({"start": 0, "end": 10**6}, "outside the policy text"),
    ({"start": 3}, "both a start and an end"),
    ({"quote": "We", "start": 0, "end": 2}, "not both"),
])
def test_bad_evidence_is_refused(workspace: Workspace, audit_id: int, kwargs: dict,
                                 message: str) -> None:
    with pytest.raises(WorkflowError, match=message):
        workspace.add_evidence(audit_id, ITEM, "bob", **kwargs)


def test_remove_evidence(workspace: Workspace, audit_id: int) -> None:
    evidence_id = workspace.add_evidence(audit_id, ITEM, "bob", quote="seven years").evidence_id
    assert evidence_id is not None
    workspace.remove_evidence(audit_id, evidence_id, "bob")
    assert evidence_id not in [e.id for e in workspace.audit(audit_id).review(ITEM).evidence]
    event = workspace.history(audit_id)[-1]
    assert event.action == "evidence-removed" and json.loads(event.before)["quote"] == "seven years"


def test_override_records_what_was_left_unconfirmed(workspace: Workspace, audit_id: int) -> None:
    workspace.set_status(audit_id, ITEM, Status.PARTIAL, "bob")
    workspace.sign_off(audit_id, "carol", override="client deadline; rest reviewed on paper")
    snapshot = workspace.audit(audit_id)
    assert snapshot.signed_off
    assert snapshot.override_reason == "client deadline; rest reviewed on paper"
    event = workspace.history(audit_id)[-1]
    assert event.action == "sign-off"
    after = json.loads(event.after)
    assert after["unreviewed"] == len(snapshot.reviews) - 1
    assert after["override"] == snapshot.override_reason
    assert ITEM not in after["not_decided"] and len(after["not_decided"]) == after["unreviewed"]
    assert snapshot.review("test-law.data").effective_status is Status.SATISFIED


def test_sign_off_locks_until_reopened(workspace: Workspace, audit_id: int) -> None:
    decide_all(workspace, audit_id, "bob")
    workspace.sign_off(audit_id, "carol")
    snapshot = workspace.audit(audit_id)
    assert snapshot.signed_off and snapshot.signed_off_by == "carol"
    locked = f"audit {audit_id} is signed off; reopen it first"
    for change in (lambda: workspace.set_status(audit_id, ITEM, Status.MISSING, "bob"),
                   lambda: workspace.set_note(audit_id, ITEM, "x", "bob"),
                   lambda: workspace.add_evidence(audit_id, ITEM, "bob", quote="seven years"),
                   lambda: workspace.accept_suggestions(audit_id, "bob"),
                   lambda: workspace.sign_off(audit_id, "bob")):
        with pytest.raises(WorkflowError, match=locked):
            change()
    with pytest.raises(WorkflowError, match="reason"):
        workspace.reopen(audit_id, "carol", " ")
    workspace.reopen(audit_id, "carol", "retention period disputed")
    assert workspace.audit(audit_id).state == "open"
    event = workspace.history(audit_id)[-1]
    assert (event.action, event.actor) == ("reopen", "carol")
    assert json.loads(event.after)["reason"] == "retention period disputed"
    with pytest.raises(WorkflowError, match="not signed off"):
        workspace.reopen(audit_id, "carol", "again")
    workspace.set_status(audit_id, ITEM, Status.PARTIAL, "bob")


def test_history_and_reviewers_record_who_did_what(workspace: Workspace, audit_id: int) -> None:
    workspace.set_status(audit_id, ITEM, Status.PARTIAL, "bob")
    workspace.set_note(audit_id, ITEM, "why", "carol")
    actions = [(e.action, e.actor) for e in workspace.history(audit_id)]
    assert actions == [("audit-created", "alice"), ("status", "bob"), ("note", "carol")]
    assert workspace.audit(audit_id).reviewers == ("alice", "bob", "carol")
    assert workspace.reviewers() == ["alice", "bob", "carol"]


def test_review_item_is_one_transaction(workspace: Workspace, audit_id: int,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    real_append = trail.append
    calls = []

    def failing_append(*args: Any, **kwargs: Any) -> Any:  # the second of three changes fails
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("simulated failure")
        return real_append(*args, **kwargs)

    monkeypatch.setattr(trail, "append", failing_append)
    events = len(workspace.history(audit_id))
    with pytest.raises(RuntimeError):
        workspace.review_item(audit_id, ITEM, "bob", status=Status.MISSING, note="n",
                              quote="seven years")
    monkeypatch.setattr(trail, "append", real_append)
    review = workspace.audit(audit_id).review(ITEM)
    assert (review.status, review.note) == (None, "")
    assert [e.source for e in review.evidence] == ["auto"]
    assert len(workspace.history(audit_id)) == events and workspace.verify().ok


def test_review_item_sets_all_parts(workspace: Workspace, audit_id: int) -> None:
    evidence_id = workspace.review_item(audit_id, ITEM, "bob", status=Status.PARTIAL,
                                        note="n", quote="seven years")
    review = workspace.audit(audit_id).review(ITEM)
    assert (review.status, review.note) == (Status.PARTIAL, "n")
    assert evidence_id in [e.id for e in review.evidence]
    assert workspace.review_item(audit_id, ITEM, "bob", note="only the note") is None
    assert workspace.audit(audit_id).review(ITEM).status is Status.PARTIAL
