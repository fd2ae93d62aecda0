"""Findings: defaults, changes recorded in the trail, carrying to a new version, closing."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.finding import FindingState, Risk
from desktop_app.core.status import Status
from desktop_app.errors import NotFoundError, WorkflowError
from desktop_app.reports.json_export import audit_to_dict
from desktop_app.reports.json_import import audit_from_dict
from desktop_app.services import Workspace
from tests.store.helpers import CLAUSES_V1, import_doc, make_document

CHILDREN = "test-law.children"
RETENTION = "test-law.retention"


def test_missing_items_have_default_findings(workspace: Workspace, audit_id: int) -> None:
    [finding] = workspace.plan(audit_id)
    assert finding.item_id == CHILDREN and finding.status == Status.MISSING
    assert finding.risk == Risk.HIGH and finding.risk_is_default
    assert finding.state == FindingState.OPEN and finding.owner == "" and finding.due == ""
    assert finding.recommendation == "Revise the policy: State the children."


def test_every_field_is_stored_and_traced(workspace: Workspace, audit_id: int) -> None:
    workspace.set_finding(audit_id, CHILDREN, "bob", risk="low", owner="Legal",
                          due="2027-01-31", response="Agreed", state="in progress",
                          recommendation="Add a children section.")
    [finding] = workspace.plan(audit_id)
    assert (finding.risk, finding.owner, finding.due, finding.response, finding.state,
            finding.recommendation) == (Risk.LOW, "Legal", "2027-01-31", "Agreed",
                                        FindingState.IN_PROGRESS, "Add a children section.")
    assert not finding.risk_is_default and not finding.recommendation_is_default
    [event] = [e for e in workspace.history(audit_id) if e.action == "finding"]
    assert event.actor == "bob" and event.item_id == CHILDREN
    assert json.loads(event.after)["owner"] == "Legal" and event.before == ""
    assert workspace.verify().ok


def test_restore_and_clear_undo_changes(workspace: Workspace, audit_id: int) -> None:
    assert workspace.stored_finding_fields(audit_id, CHILDREN) is None
    workspace.set_finding(audit_id, CHILDREN, "bob", risk="low", owner="Legal")
    before = workspace.stored_finding_fields(audit_id, CHILDREN)
    workspace.set_finding(audit_id, CHILDREN, "bob", risk=None, owner="Compliance")
    workspace.set_finding(audit_id, CHILDREN, "bob", restore=before)
    [finding] = workspace.plan(audit_id)
    assert finding.risk == Risk.LOW and finding.owner == "Legal"
    workspace.clear_finding(audit_id, CHILDREN, "bob")
    [finding] = workspace.plan(audit_id)
    assert finding.risk == Risk.HIGH and finding.risk_is_default and finding.owner == ""
    actions = [e.action for e in workspace.history(audit_id)]
    assert actions.count("finding") == 3 and actions.count("finding-cleared") == 1
    assert workspace.verify().ok


def test_accepting_a_risk_needs_a_reason(workspace: Workspace, audit_id: int) -> None:
    with pytest.raises(WorkflowError, match="needs a reason"):
        workspace.set_finding(audit_id, CHILDREN, "bob", state="risk-accepted")
    workspace.set_finding(audit_id, CHILDREN, "bob", state="risk-accepted",
                          response="No children use the service.")
    assert workspace.plan(audit_id)[0].state == FindingState.RISK_ACCEPTED


@pytest.mark.parametrize("changes, message", [
    ({"risk": "severe"}, "unknown risk"), ({"state": "closed"}, "unknown finding state"),
    ({"due": "31/01/2027"}, "YYYY-MM-DD")])
def test_bad_values_are_refused(workspace: Workspace, audit_id: int,
                                changes: dict[str, str], message: str) -> None:
    with pytest.raises(WorkflowError, match=message):
        workspace.set_finding(audit_id, CHILDREN, "bob", **changes)
    assert workspace.stored_finding_fields(audit_id, CHILDREN) is None


def test_a_reviewer_can_promote_a_satisfied_item(workspace: Workspace, audit_id: int) -> None:
    workspace.set_finding(audit_id, RETENTION, "bob", response="Drafting is unclear")
    promoted = [f for f in workspace.plan(audit_id) if f.item_id == RETENTION]
    assert promoted and promoted[0].status == Status.SATISFIED
    assert promoted[0].risk == Risk.LOW


def test_open_findings_move_to_the_new_version(workspace: Workspace, audit_id: int) -> None:
    workspace.set_finding(audit_id, CHILDREN, "bob", owner="Legal", due="2027-01-31")
    workspace.set_finding(audit_id, RETENTION, "bob", response="fixed", state="done")
    changed = make_document((*CLAUSES_V1, ("6", "We do not knowingly collect data of minors.")))
    result = import_doc(workspace, changed)
    [new_audit] = result.audit_ids
    assert new_audit != audit_id
    plan = {f.item_id: f for f in workspace.plan(new_audit)}
    assert plan[CHILDREN].owner == "Legal" and plan[CHILDREN].due == "2027-01-31"
    assert plan[CHILDREN].carried
    assert RETENTION not in plan  # done findings stay with the audit they were closed in
    assert any(e.action == "finding-carried" for e in workspace.history(new_audit))
    assert workspace.verify().ok


def test_a_person_satisfying_the_item_offers_closing(workspace: Workspace,
                                                     audit_id: int) -> None:
    workspace.set_finding(audit_id, CHILDREN, "bob", owner="Legal")
    changed = make_document((*CLAUSES_V1, ("6", "Children under 13 may not use the service.")))
    new_audit = import_doc(workspace, changed).audit_ids[0]
    [carried] = [f for f in workspace.plan(new_audit) if f.item_id == CHILDREN]
    assert not carried.closable  # the engine alone does not close a finding
    workspace.set_status(new_audit, CHILDREN, Status.SATISFIED, "carol")
    [offered] = [f for f in workspace.plan(new_audit) if f.item_id == CHILDREN]
    assert offered.closable and offered.closing_offer.startswith("§6:")
    closed = workspace.set_finding(new_audit, CHILDREN, "carol", state="done")
    assert closed.state == FindingState.DONE and closed.closing_evidence.startswith("§6:")
    assert not closed.closable


def test_bulk_accepted_satisfaction_does_not_offer_closing(workspace: Workspace,
                                                           audit_id: int) -> None:
    workspace.set_finding(audit_id, CHILDREN, "bob", owner="Legal")
    changed = make_document((*CLAUSES_V1, ("6", "Children under 13 may not use the service.")))
    new_audit = import_doc(workspace, changed).audit_ids[0]
    workspace.accept_suggestions(new_audit, "carol")
    [finding] = [f for f in workspace.plan(new_audit) if f.item_id == CHILDREN]
    assert finding.status == Status.SATISFIED and not finding.closable


def test_portfolio_lists_overdue_first(workspace: Workspace, audit_id: int) -> None:
    other = import_doc(workspace, make_document(), name="contoso").audit_ids[0]
    workspace.set_finding(audit_id, CHILDREN, "bob", owner="Zed", due="2027-03-01")
    workspace.set_finding(other, CHILDREN, "bob", owner="Amy", due="2026-01-01")
    lines = workspace.portfolio(dt.date(2026, 6, 1))
    assert [(line.policy_name, line.overdue) for line in lines] == [
        ("contoso", True), ("northwind", False)]
    workspace.set_finding(other, CHILDREN, "bob", state="done")
    assert [line.policy_name for line in workspace.portfolio(dt.date(2026, 6, 1))] == [
        "northwind"]


def test_a_finding_changed_outside_the_app_fails_verify(workspace: Workspace, audit_id: int,
                                                        db_path: Path) -> None:
    workspace.set_finding(audit_id, CHILDREN, "bob", owner="Legal")
    assert workspace.verify().ok
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE findings SET owner = 'Nobody'")
    report = workspace.verify()
    assert not report.ok and any("finding" in problem for problem in report.problems)


def test_the_json_export_carries_the_plan(workspace: Workspace, audit_id: int) -> None:
    workspace.set_finding(audit_id, CHILDREN, "bob", owner="Legal", due="2027-01-31",
                          risk="medium", response="Agreed", state="in-progress")
    snapshot = workspace.audit(audit_id)
    data = json.loads(json.dumps(audit_to_dict(snapshot)))
    [exported] = data["findings"]
    assert exported["owner"] == "Legal" and exported["risk"] == "medium"
    assert audit_from_dict(data) == snapshot


def test_a_drafting_defect_can_be_promoted_to_a_finding(workspace: Workspace,
                                                        audit_id: int) -> None:
    finding = workspace.set_finding(audit_id, "defect-1", "bob", owner="Editor",
                                    due="2027-01-15")
    assert finding.status is None and finding.status_label == "Drafting defect"
    assert finding.risk == Risk.LOW and finding.recommendation.startswith("Correct the drafting")
    assert finding.citation == "clause 1" and finding.owner == "Editor"
    assert any(f.item_id == "defect-1" for f in workspace.plan(audit_id))
    with pytest.raises(NotFoundError, match="no drafting defect 2"):
        workspace.set_finding(audit_id, "defect-2", "bob", owner="Editor")
    assert workspace.verify().ok
