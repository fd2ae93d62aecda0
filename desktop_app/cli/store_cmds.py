"""CLI commands: import, audits, show, accept, review, signoff, reopen, history, diff, verify,
backup, settings."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output import emit_json
from desktop_app.core.status import Status
from desktop_app.errors import WorkflowError
from desktop_app.reviewer import REVIEWER_ENV, default_reviewer

if TYPE_CHECKING:
    from desktop_app.core.audit import AuditSnapshot, AuditSummary, ItemReview, TrailEvent
    from desktop_app.services import PolicyDiff, Workspace

_STATUS_WORDS = {**{s.value: s for s in Status}, **{s.label.lower(): s for s in Status},
                 "n/a": Status.NOT_APPLICABLE, "na": Status.NOT_APPLICABLE}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""
    reviewer_help = f"who makes the change (default: ${REVIEWER_ENV} or your user name)"

    def command(name: str, help_text: str, handler: Any, *, audit: bool = True,
                reviewer: bool = False) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=help_text,
                                                         description=help_text)
        if audit:
            parser.add_argument("audit", type=int, metavar="AUDIT", help="audit id (see 'audits')")
        if reviewer:
            parser.add_argument("--reviewer", metavar="NAME", help=reviewer_help)
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.set_defaults(handler=handler)
        return parser

    parser = command("import", "import a policy file, assess it and store the audits",
                     import_policy, audit=False, reviewer=True)
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--checklist", action="append", metavar="ID", dest="checklists",
                        help="assess against this checklist (repeatable; default: the "
                             "jurisdictions detected in the policy)")
    parser.add_argument("--name", metavar="NAME",
                        help="the policy's name in the library (default: the file name); "
                             "importing a changed file under the same name adds a version")
    parser.add_argument("--as-at", metavar="DATE", dest="as_at",
                        help="apply the law as in force on this date, YYYY-MM-DD (default: today)")

    parser = command("audits", "list the stored audits and their review progress", list_audits,
                     audit=False)
    parser.add_argument("--policy", type=int, metavar="POLICY", help="only this policy's audits")
    parser.add_argument("--all", action="store_true", help="archived audits too")
    command("show", "show an audit: every item with its status and evidence", show_audit)

    parser = command("accept", "accept the suggested status of items not reviewed yet in bulk "
                               "('not applicable' suggestions are left: they need a note)",
                     accept, reviewer=True)
    parser.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                        help="only suggestions with at least this confidence (0..1)")

    parser = command("review", "set an item's status, note or evidence", review, reviewer=True)
    parser.add_argument("item", metavar="ITEM", help="checklist item id (see 'show AUDIT')")
    parser.add_argument("--status", metavar="S",
                        help="satisfied, partial, missing or not-applicable")
    parser.add_argument("--note", metavar="TEXT", help="a note for this item")
    parser.add_argument("--evidence", metavar="QUOTE",
                        help="an exact quote of the policy text to attach as evidence")

    parser = command("signoff", "sign off an audit whose items a person decided (locks it)",
                     sign_off, reviewer=True)
    parser.add_argument("--override", metavar="REASON", default="",
                        help="sign off although items lack a person's decision or need "
                             "re-review; the reason is printed on the report's first page")
    parser = command("reopen", "reopen a signed-off audit", reopen, reviewer=True)
    parser.add_argument("--reason", required=True, metavar="TEXT",
                        help="why it is reopened (kept in the audit trail)")
    command("history", "show the audit trail of an audit", history)

    parser = command("diff", "show what changed between two versions of a policy", diff,
                     audit=False)
    parser.add_argument("policy", type=int, metavar="POLICY", help="policy id (see 'audits')")
    parser.add_argument("--from", type=int, dest="from_version", metavar="V",
                        help="older version (default: the one before --to)")
    parser.add_argument("--to", type=int, dest="to_version", metavar="V",
                        help="newer version (default: the latest)")

    command("verify", "check the database and its tamper-evident audit trail", verify,
            audit=False)
    parser = command("backup", "copy the database consistently, even while it is in use",
                     backup, audit=False)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="the new file to write the copy to")

    parser = command("settings", "show or change the workspace settings", workspace_settings,
                     audit=False, reviewer=True)
    parser.add_argument("--four-eyes", choices=("on", "off"),
                        help="on: whoever decided items of an audit cannot also sign it off")


def _workspace(args: argparse.Namespace) -> Workspace:
    """The database named by --db (or the default one); only `import` may create it."""
    from desktop_app.services import Workspace

    return Workspace(args.db, create=args.command == "import")


def _reviewer(args: argparse.Namespace) -> str:
    return (args.reviewer or "").strip() or default_reviewer()


def parse_status(text: str) -> Status:
    try:
        return _STATUS_WORDS[text.strip().lower()]
    except KeyError:
        allowed = ", ".join(s.value for s in Status)
        raise WorkflowError(f"unknown status {text!r}; use one of: {allowed}") from None


def summary_json(summary: AuditSummary) -> dict[str, Any]:
    return {**asdict(summary), "checklist_outdated": summary.checklist_outdated}


def _summary_line(s: AuditSummary) -> str:
    flagged = f", {s.needs_rereview} to re-review" if s.needs_rereview else ""
    older = (f"  [checklist {s.current_checklist_version} available: upgrade {s.audit_id}]"
             if s.checklist_outdated else "")
    return (f"{s.audit_id:>4}  {s.policy_name} v{s.policy_version}  {s.checklist_id} "
            f"{s.checklist_version}  as at {s.as_at}  {s.state}  "
            f"{s.reviewed}/{s.total} reviewed{flagged}{older}"
            f"{'  [archived]' if s.archived else ''}")


def import_policy(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        result = ws.import_policy(args.file, args.checklists, name=args.name,
                                  actor=_reviewer(args), as_at=args.as_at)
        summaries = {s.audit_id: s for s in ws.audits(result.policy_id)}
    audits = [summaries[i] for i in result.audit_ids]
    if args.json:
        emit_json({"policy_id": result.policy_id, "version_id": result.version_id,
                   "version": result.version, "unchanged": result.unchanged,
                   "carried_forward": result.carried_forward, "flagged": result.flagged,
                   "audits": [summary_json(s) for s in audits]})
        return 0
    if result.unchanged:
        print(f"{args.file.name} is unchanged: policy {result.policy_id} stays at version "
              f"{result.version}")
    else:
        print(f"Imported {args.file.name} as policy {result.policy_id} version {result.version}")
    if result.carried_forward or result.flagged:
        print(f"Carried {result.carried_forward} review(s) forward; {result.flagged} flagged "
              "for re-review")
    for summary in audits:
        print(_summary_line(summary))
    return 0


def list_audits(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        summaries = ws.audits(args.policy, include_archived=args.all)
    if args.json:
        emit_json({"audits": [summary_json(s) for s in summaries]})
    elif not summaries:
        print("No audits yet: import a policy with 'policy-auditor import FILE'")
    else:
        for summary in summaries:
            print(_summary_line(summary))
    return 0


def review_json(review: ItemReview, snapshot: AuditSnapshot) -> dict[str, Any]:
    item = snapshot.checklist.item(review.item_id)
    return {
        "item_id": review.item_id, "title": item.title, "level": item.level.value,
        "suggested_status": review.suggested_status.value, "confidence": review.confidence,
        "reason": review.reason, "status": review.status.value if review.status else None,
        "effective_status": review.effective_status.value, "reviewer": review.reviewer,
        "reviewed_at": review.reviewed_at, "note": review.note,
        "needs_rereview": review.needs_rereview,
        "evidence": [asdict(e) for e in review.evidence],
        "decision": review.decision.value if review.decision and review.status else None,
        "decided_by_person": review.decided_by_person,
        "closest": [asdict(passage) for passage in review.closest],
    }


def show_audit(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        snapshot = ws.audit(args.audit)
    checklist = snapshot.checklist
    if args.json:
        emit_json({
            "audit_id": snapshot.audit_id, "state": snapshot.state,
            "created_at": snapshot.created_at, "signed_off_by": snapshot.signed_off_by,
            "signed_off_at": snapshot.signed_off_at, "policy": asdict(snapshot.policy),
            "checklist": {"id": checklist.id, "name": checklist.name,
                          "version": checklist.version, "content_hash": snapshot.checklist_hash,
                          "upgraded_from_version": snapshot.upgraded_from_version},
            "as_at": snapshot.as_at, "engine_version": snapshot.engine_version,
            "reviewers": list(snapshot.reviewers),
            "preparers": list(snapshot.preparers), "override_reason": snapshot.override_reason,
            "items": [review_json(r, snapshot) for r in snapshot.reviews],
            "defects": [asdict(d) for d in snapshot.defects],
        })
        return 0
    policy = snapshot.policy
    upgraded = (f" (upgraded from {snapshot.upgraded_from_version})"
                if snapshot.upgraded_from_version else "")
    print(f"Audit {snapshot.audit_id}: {policy.name} v{policy.version} ({policy.file_name}) "
          f"against {checklist.name} {checklist.version}{upgraded}")
    print(f"Law as at: {snapshot.as_at}   Engine version: {snapshot.engine_version}")
    state = snapshot.state
    if snapshot.signed_off:
        state += f" by {snapshot.signed_off_by} at {snapshot.signed_off_at}"
    print(f"State: {state} ({snapshot.stage})")
    if snapshot.override_reason:
        print(f"Signed off with an override: {snapshot.override_reason}")
    for review in snapshot.reviews:
        mark = review.effective_status.symbol
        if review.decided_by_person:
            how = f"decided by {review.reviewer}"
        elif review.reviewed:
            how = f"{review.decision_label} ({review.reviewer})"
        else:
            how = f"suggested, confidence {review.confidence:.2f}"
        flag = "  [re-review]" if review.needs_rereview else ""
        print(f"{mark} {review.item_id:<44} {review.effective_status.value:<15} {how}{flag}")
        for evidence in review.evidence:
            quote = " ".join(evidence.quote.split())
            quote = quote if len(quote) <= 90 else quote[:87] + "..."
            print(f"      #{evidence.id} [{evidence.ref or '-'}] ({evidence.source}) \"{quote}\"")
        if review.closest:
            print("      closest passages (not evidence; check them):")
        for passage in review.closest:
            quote = " ".join(passage.quote.split())
            quote = quote if len(quote) <= 80 else quote[:77] + "..."
            print(f"        [{passage.ref or '-'}] \"{quote}\"")
        if review.note:
            print(f"      note: {review.note}")
        for link in snapshot.linked_for(review.item_id):
            print(f"      {link.describe()}")
    if snapshot.defects:
        print(f"Drafting defects (make one a finding: plan set {snapshot.audit_id} defect-N ...):")
    for number, defect in enumerate(snapshot.defects, start=1):
        text = " ".join(defect.text.split())
        text = text if len(text) <= 60 else text[:57] + "..."
        print(f"  defect-{number:<4} {defect.kind:<16} \"{text}\" — {defect.message}")
    return 0


def accept(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        changed = list(ws.accept_suggestions(args.audit, _reviewer(args),
                                             min_confidence=args.min_confidence).items)
    if args.json:
        emit_json({"audit_id": args.audit, "accepted": changed})
    else:
        print(f"Accepted {len(changed)} suggestion(s) in audit {args.audit} in bulk; sign-off "
              "still needs a person's decision on each item")
    return 0


def review(args: argparse.Namespace) -> int:
    if args.status is None and args.note is None and args.evidence is None:
        raise WorkflowError("nothing to change: give --status, --note or --evidence")
    status = None if args.status is None else parse_status(args.status)
    with _workspace(args) as ws:
        evidence_id = ws.review_item(args.audit, args.item, _reviewer(args), status=status,
                                     note=args.note, quote=args.evidence)
        current = ws.audit(args.audit).review(args.item)
    if args.json:
        emit_json({"audit_id": args.audit, "item_id": args.item,
                   "status": current.status.value if current.status else None,
                   "note": current.note, "evidence_id": evidence_id})
    else:
        shown = current.status.value if current.status else "not reviewed"
        added = f", evidence #{evidence_id} attached" if evidence_id is not None else ""
        print(f"Audit {args.audit} item {args.item}: {shown}{added}")
    return 0


def sign_off(args: argparse.Namespace) -> int:
    reviewer = _reviewer(args)
    with _workspace(args) as ws:
        result = ws.sign_off(args.audit, reviewer, override=args.override)
    if args.json:
        emit_json({"audit_id": args.audit, "state": "signed-off", "signed_off_by": reviewer,
                   "unreviewed": result.unreviewed, "needs_rereview": result.needs_rereview,
                   "not_decided": list(result.not_decided), "preparers": list(result.preparers),
                   "override": result.override, "four_eyes": result.four_eyes,
                   "fingerprint": result.fingerprint, "digest": result.digest})
        return 0
    print(f"Audit {args.audit} signed off by {reviewer}")
    print(f"Signed with key {result.fingerprint}; digest {result.digest}")
    if result.override:
        print(f"Override: {result.override} ({len(result.not_decided)} item(s) without a "
              f"person's decision, {result.needs_rereview} flagged for re-review)")
    return 0


def reopen(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        ws.reopen(args.audit, _reviewer(args), args.reason)
    if args.json:
        emit_json({"audit_id": args.audit, "state": "open", "reason": args.reason})
    else:
        print(f"Audit {args.audit} reopened")
    return 0


def event_json(event: TrailEvent) -> dict[str, Any]:
    data = asdict(event)
    for key in ("before", "after"):
        data[key] = json.loads(data[key]) if data[key] else None
    return data


def _describe(event: TrailEvent) -> str:
    """A short human summary of what an event changed."""
    after = json.loads(event.after) if event.after else {}
    before = json.loads(event.before) if event.before else {}
    rereview = ", needs re-review" if after.get("needs_rereview") else ""
    details = {
        "status": f"{before.get('status') or 'not reviewed'} -> "
                  f"{after.get('status') or 'not reviewed'}",
        "accept-suggestion": f"accepted {after.get('status')} in bulk",
        "sign-off": f"override: {after.get('override')}" if after.get("override") else "",
        "setting": ", ".join(f"{key} {value}" for key, value in after.items()),
        "note": f"note: {after.get('note', '')!r}",
        "evidence-added": f"#{after.get('evidence_id')} \"{after.get('quote', '')}\"",
        "evidence-removed": f"#{before.get('evidence_id')} \"{before.get('quote', '')}\"",
        "reopen": f"reason: {after.get('reason', '')}",
        "carry-forward": f"{after.get('status')} from audit {before.get('from_audit')}{rereview}",
        "audit-created": f"{after.get('checklist_id')} {after.get('checklist_version')}, "
                         f"{after.get('items')} items",
        "finding": ", ".join(f"{name}: {before.get(name)!r} -> {value!r}"
                             for name, value in after.items() if before.get(name) != value),
        "finding-carried": f"{after.get('state')} from audit {before.get('from_audit')}",
        "finding-cleared": "back to the defaults",
        "checklist-upgrade": f"checklist {before.get('checklist_version')} -> "
                             f"{after.get('checklist_version')}, law as at {after.get('as_at')}, "
                             f"{len(after.get('flagged', []))} flagged",
        "reassess": f"engine {before.get('engine_version')} -> {after.get('engine_version')}, "
                    f"{len(after.get('flagged', []))} flagged",
        "item-added": f"new item, suggested {after.get('suggested_status')}",
        "restore": _restored(before, after),
        "archive": "archived",
        "unarchive": "back in the lists",
    }
    text = " ".join(details.get(event.action, "").split())
    return text if len(text) <= 100 else text[:97] + "..."


def _restored(before: dict[str, Any], after: dict[str, Any]) -> str:
    """An undo: the fields it put back, and the evidence the item holds again."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    fields = [name for name in after if name not in ("evidence", "updated_at")
              and before.get(name) != after.get(name)]
    ids = [row.get("id") for row in after.get("evidence", []) if isinstance(row, dict)]
    return (f"undo: {', '.join(fields) or 'no field'} put back; "
            f"evidence {', '.join(f'#{i}' for i in ids) or 'none'}")


def history(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        events = ws.history(args.audit)
    if args.json:
        emit_json({"audit_id": args.audit, "events": [event_json(e) for e in events]})
        return 0
    for event in events:
        item = f" {event.item_id}" if event.item_id else ""
        print(f"{event.seq:>6}  {event.at}  {event.actor:<12} {event.action}{item}  "
              f"{_describe(event)}")
    return 0


def diff_json(result: PolicyDiff) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for change in result.changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    return {"policy_id": result.policy_id, "from_version": result.from_version,
            "to_version": result.to_version, "counts": counts,
            "changes": [asdict(c) for c in result.changes]}


def diff(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        result = ws.diff(args.policy, args.from_version, args.to_version)
    if args.json:
        emit_json(diff_json(result))
        return 0
    print(f"Policy {result.policy_id}: version {result.from_version} -> {result.to_version}")
    marks = {"added": "+", "removed": "-", "changed": "~"}
    shown = [c for c in result.changes if c.kind != "unchanged"]
    for change in shown:
        renumbered = change.old_ref not in ("", change.ref)
        ref = f"{change.old_ref} -> {change.ref}" if renumbered else change.ref
        print(f"{marks[change.kind]} {ref} ({change.kind})")
        if change.old_text:
            print(f"    was: {' '.join(change.old_text.split())}")
        if change.new_text:
            print(f"    now: {' '.join(change.new_text.split())}")
    unchanged = len(result.changes) - len(shown)
    print(f"{len(shown)} clause(s) differ, {unchanged} unchanged")
    return 0


def workspace_settings(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        if args.four_eyes is not None:
            ws.set_four_eyes(args.four_eyes == "on", _reviewer(args))
        four_eyes = ws.four_eyes
    if args.json:
        emit_json({"four_eyes": four_eyes})
    else:
        print(f"four-eyes: {'on' if four_eyes else 'off'}")
    return 0


def verify(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        report = ws.verify()
        path = ws.db_path
    if args.json:
        emit_json({"db": str(path), "ok": report.ok, "events_checked": report.events_checked,
                   "problems": list(report.problems), "notes": list(report.notes)})
        return 0 if report.ok else 1
    if report.ok:
        print(f"{path}: OK ({report.events_checked} trail events checked, integrity ok)")
    else:
        print(f"{path}: {len(report.problems)} problem(s) found")
        for problem in report.problems:
            print(f"  {problem}")
    for note in report.notes:
        print(f"Note: {note}")
    return 0 if report.ok else 1


def backup(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        events = ws.backup_to(args.out)
        path = ws.db_path
    if args.json:
        emit_json({"db": str(path), "out": str(args.out), "events": events})
    else:
        print(f"Backed up {path} to {args.out} ({events} trail events)")
    return 0
