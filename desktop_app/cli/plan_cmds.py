"""CLI commands: plan (an audit's remediation plan, or the portfolio of open findings) and
plan set (change a finding)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output import emit_json
from desktop_app.reviewer import REVIEWER_ENV, default_reviewer

if TYPE_CHECKING:
    from desktop_app.core.finding import Finding
    from desktop_app.core.plan import PortfolioLine
    from desktop_app.services import Workspace

_FIELD_OPTIONS = ("risk", "owner", "due", "response", "state", "recommendation")
USAGE = ("policy-auditor plan [AUDIT] [--json]\n"
         "       policy-auditor plan set AUDIT ITEM [--risk R] [--owner NAME] [--due DATE] "
         "[--response TEXT] [--state S] [--recommendation TEXT]")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""
    parser = sub.add_parser(
        "plan", parents=[common], usage=USAGE,
        help="the remediation plan: findings with risk, owner, due date and state",
        description="Without AUDIT: the open findings of every policy's latest audits, overdue "
                    "first. With AUDIT: that audit's findings. 'plan set AUDIT ITEM' changes "
                    "one finding; every change is recorded in the audit trail.")
    parser.add_argument("words", nargs="*", metavar="AUDIT | set AUDIT ITEM",
                        help=argparse.SUPPRESS)
    parser.add_argument("--risk", metavar="R", help="high, medium or low")
    parser.add_argument("--owner", metavar="NAME", help="who fixes it")
    parser.add_argument("--due", metavar="DATE", help="by when (YYYY-MM-DD; '' clears it)")
    parser.add_argument("--response", metavar="TEXT",
                        help="the management response (the reason, when a risk is accepted)")
    parser.add_argument("--state", metavar="S",
                        help="open, in-progress, done or risk-accepted")
    parser.add_argument("--recommendation", metavar="TEXT", help="what should change")
    parser.add_argument("--reviewer", metavar="NAME",
                        help=f"who makes the change (default: ${REVIEWER_ENV} or your user name)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=lambda args: run(args, parser))


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    words = list(args.words)
    changes = {name: getattr(args, name) for name in _FIELD_OPTIONS
               if getattr(args, name) is not None}
    if words and words[0] == "set":
        if len(words) != 3 or not words[1].isdigit():
            parser.error("plan set needs an audit id and an item id: plan set AUDIT ITEM ...")
        if not changes:
            parser.error("plan set needs at least one of --risk, --owner, --due, --response, "
                         "--state, --recommendation")
        return set_finding(args, int(words[1]), words[2], changes)
    if changes:
        parser.error("--risk, --owner, ... change a finding: use 'plan set AUDIT ITEM ...'")
    if len(words) > 1 or (words and not words[0].isdigit()):
        parser.error("give one audit id, or none for the open findings of every policy")
    if words:
        return show_plan(args, int(words[0]))
    return show_portfolio(args)


def finding_json(finding: Finding, today: dt.date) -> dict[str, Any]:
    return {
        "item_id": finding.item_id, "title": finding.title, "citation": finding.citation,
        "level": finding.level.value, "status": finding.status.value if finding.status else None,
        "decided_by": finding.decided_by, "risk": finding.risk.value,
        "risk_is_default": finding.risk_is_default, "recommendation": finding.recommendation,
        "recommendation_is_default": finding.recommendation_is_default,
        "response": finding.response, "owner": finding.owner, "due": finding.due,
        "state": finding.state.value, "overdue": finding.overdue(today),
        "closing_evidence": finding.closing_evidence, "closing_offer": finding.closing_offer,
        "carried": finding.carried, "sample_wording": finding.sample_wording,
    }


def _line(finding: Finding, today: dt.date) -> str:
    due = finding.due or "no due date"
    if finding.overdue(today):
        due += " OVERDUE"
    owner = finding.owner or "no owner"
    return (f"{finding.risk.label.upper():<6}  {finding.item_id}  {finding.status_label}  "
            f"[{finding.state.label}]  {owner}, {due}")


def _details(finding: Finding) -> list[str]:
    from desktop_app.core.finding import SAMPLE_WORDING_LABEL

    lines = [f"        {finding.title} ({finding.citation})"]
    if finding.recommendation:
        lines.append(f"        Recommendation: {finding.recommendation}")
    if finding.response:
        lines.append(f"        Response: {finding.response}")
    if finding.sample_wording:
        lines.append(f"        {SAMPLE_WORDING_LABEL}: {finding.sample_wording}")
    if finding.closing_offer:
        lines.append(f"        Can be closed: now satisfied ({finding.decided_by}), evidence "
                     f"{finding.closing_offer}")
    if finding.closing_evidence:
        lines.append(f"        Closed with evidence {finding.closing_evidence}")
    return lines


def _workspace(args: argparse.Namespace) -> Workspace:
    from desktop_app.services import Workspace

    return Workspace(args.db, create=False)


def show_plan(args: argparse.Namespace, audit_id: int) -> int:
    today = dt.date.today()
    with _workspace(args) as workspace:
        plan = workspace.plan(audit_id)
    if args.json:
        emit_json({"audit_id": audit_id, "findings": [finding_json(f, today) for f in plan]})
        return 0
    open_count = sum(f.state.is_open for f in plan)
    print(f"Audit {audit_id}: {len(plan)} finding(s), {open_count} open.")
    for finding in plan:
        print(_line(finding, today))
        for line in _details(finding):
            print(line)
    return 0


def _portfolio_json(line: PortfolioLine, today: dt.date) -> dict[str, Any]:
    return {"policy_name": line.policy_name, "policy_version": line.policy_version,
            "checklist_id": line.checklist_id, "audit_id": line.finding.audit_id,
            **finding_json(line.finding, today)}


def show_portfolio(args: argparse.Namespace) -> int:
    today = dt.date.today()
    with _workspace(args) as workspace:
        lines = workspace.portfolio(today)
    if args.json:
        emit_json({"as_at": today.isoformat(),
                   "findings": [_portfolio_json(line, today) for line in lines]})
        return 0
    overdue = sum(line.overdue for line in lines)
    print(f"{len(lines)} open finding(s) across the latest audits, {overdue} overdue.")
    for line in lines:
        print(f"{line.finding.audit_id:>4}  {line.policy_name} v{line.policy_version}  "
              + _line(line.finding, today))
    return 0


def set_finding(args: argparse.Namespace, audit_id: int, item_id: str,
                changes: dict[str, str]) -> int:
    actor = (args.reviewer or "").strip() or default_reviewer()
    today = dt.date.today()
    with _workspace(args) as workspace:
        finding = workspace.set_finding(audit_id, item_id, actor, **changes)
    if args.json:
        emit_json(finding_json(finding, today))
        return 0
    print(_line(finding, today))
    for line in _details(finding):
        print(line)
    return 0
