"""Re-importing a policy: unchanged files, new versions, carried and flagged reviews, snapshots."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.core.status import Status
from desktop_app.services import Workspace
from tests.store.helpers import (
    CLAUSES_V1,
    decide_all,
    import_doc,
    make_checklist,
    make_document,
    registry,
)

RETENTION = "test-law.retention"
ACCESS = "test-law.access"
CHILDREN = "test-law.children"


def _changed(replace: dict[str, str] | None = None,
             insert: tuple[int, str, str] | None = None) -> tuple[tuple[str, str], ...]:
    clauses = [(ref, (replace or {}).get(ref, body)) for ref, body in CLAUSES_V1]
    if insert:
        clauses.insert(insert[0], insert[1:])
    return tuple(clauses)


def _review_all(workspace: Workspace, audit_id: int) -> None:
    workspace.accept_suggestions(audit_id, "bob")
    workspace.add_evidence(audit_id, ACCESS, "bob", quote="ask us to correct it", note="fix")
    workspace.add_evidence(audit_id, RETENTION, "bob", quote="seven years")
    workspace.set_note(audit_id, RETENTION, "long", "bob")


def test_same_file_again_is_unchanged(workspace: Workspace, audit_id: int) -> None:
    again = import_doc(workspace, make_document())
    assert again.unchanged and again.version == 1 and again.audit_ids == (audit_id,)
    assert len(workspace.audits()) == 1


def test_changed_file_is_a_new_version_with_reviews_carried(workspace: Workspace,
                                                            audit_id: int) -> None:
    _review_all(workspace, audit_id)
    moved = _changed(insert=(1, "1A", "Our office is open on weekdays."))
    result = import_doc(workspace, make_document(moved))
    assert (result.version, result.unchanged) == (2, False)
    assert result.policy_id == workspace.audits()[0].policy_id
    [new_audit] = result.audit_ids
    assert new_audit != audit_id
    assert result.flagged == 0 and result.carried_forward == len(make_checklist().items)
    snapshot = workspace.audit(new_audit)
    assert all(r.reviewed and not r.needs_rereview for r in snapshot.reviews)
    [manual] = [e for e in snapshot.review(ACCESS).evidence if e.source == "manual"]
    assert snapshot.text[manual.start:manual.end] == "ask us to correct it"
    old = workspace.audit(audit_id)
    [old_manual] = [e for e in old.review(ACCESS).evidence if e.source == "manual"]
    assert manual.start > old_manual.start  # the inserted clause moved it
    assert (manual.note, manual.ref) == ("fix", "5")
    assert snapshot.review(RETENTION).note == "long"
    assert snapshot.review(RETENTION).reviewer == "bob"
    assert workspace.audit(audit_id).review(ACCESS).status is not None  # old audit kept as is


def test_changed_evidence_flags_the_item(workspace: Workspace, audit_id: int) -> None:
    _review_all(workspace, audit_id)
    edited = _changed({"4": "We keep order records for ten years, then delete them."})
    result = import_doc(workspace, make_document(edited))
    [new_audit] = result.audit_ids
    assert result.flagged == 1
    snapshot = workspace.audit(new_audit)
    flagged = [r.item_id for r in snapshot.reviews if r.needs_rereview]
    assert flagged == [RETENTION]
    retention = snapshot.review(RETENTION)
    assert retention.status is Status.SATISFIED  # kept, but to be looked at again
    assert [e.source for e in retention.evidence] == ["auto"]  # the lost quote is not carried
    event = [e for e in workspace.history(new_audit) if e.item_id == RETENTION][-1]
    assert event.action == "carry-forward"
    assert "seven years" in " ".join(json.loads(event.after)["lost_quotes"])
    assert workspace.audits()[-1].needs_rereview == 1


def test_reviewing_a_flagged_item_clears_the_flag(workspace: Workspace, audit_id: int) -> None:
    _review_all(workspace, audit_id)
    edited = _changed({"4": "We keep order records for ten years, then delete them."})
    [new_audit] = import_doc(workspace, make_document(edited)).audit_ids
    workspace.set_status(new_audit, RETENTION, Status.PARTIAL, "carol")
    assert not workspace.audit(new_audit).review(RETENTION).needs_rereview
    decide_all(workspace, new_audit, "carol")
    workspace.sign_off(new_audit, "dora")


def test_review_without_evidence_is_flagged_when_the_suggestion_changes(
        workspace: Workspace, audit_id: int) -> None:
    workspace.review_item(audit_id, CHILDREN, "bob", status=Status.NOT_APPLICABLE,
                          note="the shop sells to adults only")
    edited = _changed(insert=(5, "6", "We do not knowingly collect data from children."))
    [new_audit] = import_doc(workspace, make_document(edited)).audit_ids
    review = workspace.audit(new_audit).review(CHILDREN)
    assert review.status is Status.NOT_APPLICABLE and review.needs_rereview


def test_unreviewed_items_take_the_new_suggestion(workspace: Workspace, audit_id: int) -> None:
    edited = _changed(insert=(5, "6", "We do not knowingly collect data from children."))
    result = import_doc(workspace, make_document(edited))
    review = workspace.audit(result.audit_ids[0]).review(CHILDREN)
    assert review.status is None and review.suggested_status is Status.SATISFIED
    assert result.carried_forward == 0


def test_an_audit_keeps_its_checklist_when_the_file_changes(workspace: Workspace,
                                                            audit_id: int) -> None:
    _review_all(workspace, audit_id)
    before = workspace.audit(audit_id).checklist
    updated = make_checklist(version="1.1", extra_item=True)
    assert updated.content_hash != before.content_hash
    result = import_doc(workspace, make_document(), (updated,))
    assert result.unchanged and result.version == 1
    [new_audit] = result.audit_ids
    assert new_audit != audit_id
    old = workspace.audit(audit_id)
    assert old.checklist == before and old.checklist_hash == before.content_hash
    assert len(old.reviews) == len(before.items)
    new = workspace.audit(new_audit)
    assert new.checklist.version == "1.1" and len(new.reviews) == len(updated.items)
    carried = [r for r in new.reviews if r.reviewed]
    assert len(carried) == len(before.items)
    assert not new.review("test-law.complaints").reviewed


def test_several_checklists_give_one_audit_each(workspace: Workspace) -> None:
    result = import_doc(workspace, make_document(),
                        (make_checklist(), make_checklist("other-law")))
    assert len(result.audit_ids) == 2
    assert {a.checklist_id for a in workspace.audits()} == {"test-law", "other-law"}


def test_policies_are_told_apart_by_name(workspace: Workspace, audit_id: int) -> None:
    other = import_doc(workspace, make_document(_changed({"1": "We are Contoso."})),
                       name="contoso")
    assert other.version == 1 and len(workspace.policies()) == 2


def test_import_policy_file_matches_by_name_then_path(workspace: Workspace,
                                                     tmp_path: Path) -> None:
    policy = tmp_path / "policy.txt"
    policy.write_text("1. We collect your name.\n\n2. We keep it for a year.\n", encoding="utf-8")
    first = workspace.import_policy(policy, ["test-law"], name="Custom name", actor="alice")
    policy.write_text("1. We collect your name.\n\n2. We keep it for two years.\n",
                      encoding="utf-8")
    progress: list[tuple[int, int]] = []
    second = workspace.import_policy(policy, ["test-law"], actor="alice",
                                     progress=lambda done, total, _: progress.append((done, total)))
    assert (second.policy_id, second.version) == (first.policy_id, 2)
    assert progress[-1][0] == progress[-1][1]
    other = workspace.import_policy(policy, ["test-law"], name="Another", actor="alice")
    assert other.policy_id != first.policy_id and other.version == 1
    assert workspace.import_policy(policy, actor="alice").unchanged  # previous checklists reused


def test_versions_lists_every_import(workspace: Workspace, audit_id: int) -> None:
    import_doc(workspace, make_document(_changed({"1": "We are Northwind plc."})))
    policy_id = workspace.audits()[0].policy_id
    versions = workspace.versions(policy_id)
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].sha256 != versions[1].sha256 and versions[1].file_name == "northwind.txt"


def test_reimport_keeps_a_checklist_whose_file_is_gone(db_path: Path, tmp_path: Path) -> None:
    policy = tmp_path / "policy.txt"
    policy.write_text("1. We collect your name.\n\n2. We keep it for a year.\n", encoding="utf-8")
    with Workspace(db_path, registry=registry(make_checklist("gone-law"))) as ws:
        first = ws.import_policy(policy, ["gone-law"], actor="alice")
    policy.write_text("1. We collect your name.\n\n2. We keep it for ten years.\n",
                      encoding="utf-8")
    with Workspace(db_path, registry=registry(make_checklist())) as ws:
        second = ws.import_policy(policy, actor="alice")
        [audit] = [ws.audit(a) for a in second.audit_ids]
    assert second.version == 2 and second.policy_id == first.policy_id
    assert audit.checklist.id == "gone-law"
