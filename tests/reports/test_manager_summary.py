"""The manager summary: one-sentence verdict, scores, top risks, then the remediation plan."""

from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.finding import FindingState, Risk, StoredFinding
from desktop_app.core.plan import plan_of
from desktop_app.reports.pdf import build_report
from desktop_app.reports.summary import verdict_sentence
from desktop_app.services import Workspace
from tests.reports.conftest import page_texts


def _summary(audits: list[AuditSnapshot]) -> list[str]:
    out = BytesIO()
    build_report(audits, out, summary=True, deterministic=True)
    return [re.sub(r"\s+", " ", page) for page in page_texts(out.getvalue())]


def test_hong_kong_summary_is_short_and_holds_the_plan(policies_dir: Path,
                                                       tmp_path: Path) -> None:
    with Workspace(tmp_path / "audits.sqlite") as workspace:
        result = workspace.import_policy(policies_dir / "sony-hk.txt", ["pdpo"], actor="ann")
        audit_id = result.audit_ids[0]
        plan = workspace.plan(audit_id)
        workspace.set_finding(audit_id, plan[0].item_id, "ann", owner="Legal Department",
                              due="2027-02-01")
        snapshot = workspace.audit(audit_id)
    pages = _summary([snapshot])
    assert len(pages) <= 5
    assert all(part in pages[0] for part in ("Verdict", "Score", "Top risks"))
    assert "Remediation plan" not in pages[0]
    text = " ".join(pages[1:])
    assert "Remediation plan" in text and "Legal Department" in text
    compact = text.replace(" ", "")
    assert plan and all(finding.item_id in compact for finding in plan)


def test_top_risks_come_from_the_plan(snapshot: AuditSnapshot) -> None:
    plan = plan_of(snapshot)
    lowest = plan[-1]
    raised = replace(snapshot, stored_findings=(StoredFinding(
        1, snapshot.audit_id, lowest.item_id, risk=Risk.HIGH, owner="Dana",
        state=FindingState.IN_PROGRESS),))
    first = _summary([raised])[0]
    top = first[first.index("Top risks"):]
    assert top.index(snapshot.checklist.item(lowest.item_id).title) < 400


def test_each_extra_policy_adds_about_two_pages(three_audits: list[AuditSnapshot]) -> None:
    one = len(_summary(three_audits[:1]))
    three = len(_summary(three_audits))
    assert three <= one + 2 * 2 + 1


def test_verdict_is_one_sentence(snapshot: AuditSnapshot) -> None:
    sentence = verdict_sentence([snapshot])
    assert sentence.endswith(".") and sentence.count(". ") == 0
    assert snapshot.policy.name in sentence and "score" in sentence


def test_verdict_for_several_policies_speaks_of_them_all(
        three_audits: list[AuditSnapshot]) -> None:
    sentence = verdict_sentence(three_audits)
    assert "the 2 policies fall short" in sentence or "the 2 policies meet" in sentence
