"""CLI commands: report (PDF for one or more audits) and export (CSV or JSON of one audit,
Word or Excel of one or more)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import InputError, IntegrityCheckFailed, NotFoundError

if TYPE_CHECKING:
    from desktop_app.services import ExportResult, Workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""
    report = sub.add_parser("report", parents=[common],
                            help="write the PDF audit report for one or more audits")
    report.add_argument("audits", metavar="AUDIT", type=int, nargs="*",
                        help="audit ids (several: one policy against several checklists, "
                             "or a portfolio of policies)")
    report.add_argument("--policy", type=int, action="append", default=[], metavar="POLICY",
                        help="add every audit of this policy's latest version (repeatable)")
    report.add_argument("--all", action="store_true",
                        help="a portfolio: every audit of every policy's latest version")
    report.add_argument("--out", type=Path, required=True, metavar="FILE.pdf",
                        help="the PDF file to write")
    report.add_argument("--deterministic", action="store_true",
                        help="repeatable bytes: fixed date and reportlab's invariant mode")
    kind = report.add_mutually_exclusive_group()
    kind.add_argument("--summary", action="store_true",
                      help="the manager summary: verdict, scores, top risks and the "
                           "remediation plan")
    kind.add_argument("--full", action="store_false", dest="summary",
                      help="the full workpaper with the evidence for every item (the default)")
    report.add_argument("--allow-unverified", action="store_true", help=ALLOW_HELP)
    report.set_defaults(handler=write_report)

    export = sub.add_parser("export", parents=[common],
                            help="export one audit as CSV (spreadsheet) or JSON (complete), or "
                                 "one or more as Word (docx) or Excel (xlsx)")
    export.add_argument("audit", metavar="AUDIT", type=int, nargs="+",
                        help="the audit id (several for docx and xlsx)")
    export.add_argument("--format", choices=("csv", "json", "docx", "xlsx"), required=True)
    export.add_argument("--full", action="store_true",
                        help="docx: the full workpaper instead of the manager summary")
    export.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="the file to write")
    export.add_argument("--allow-unverified", action="store_true", help=ALLOW_HELP)
    export.set_defaults(handler=write_export)


def _latest_audits(workspace: Workspace, policy_id: int) -> list[int]:
    summaries = workspace.audits(policy_id)
    if not summaries:
        raise NotFoundError(f"Policy {policy_id} has no audits; run 'policy-auditor audits' "
                            "to list the stored audits.")
    latest = max(summary.policy_version for summary in summaries)
    return [s.audit_id for s in summaries if s.policy_version == latest]


def _selected_audits(workspace: Workspace, args: argparse.Namespace) -> list[int]:
    """Audit ids from AUDIT, --policy and --all, in that order, without repeats."""
    selected = list(args.audits)
    policy_ids = list(args.policy)
    if args.all:
        policy_ids += [policy.policy_id for policy in workspace.policies()]
    for policy_id in policy_ids:
        selected += _latest_audits(workspace, policy_id)
    if not selected:
        raise InputError("Nothing to report on: give audit ids, --policy ID or --all.")
    return list(dict.fromkeys(selected))


ALLOW_HELP = ("write it even if the integrity check fails: a PDF then says INTEGRITY CHECK "
              "FAILED and what failed on page 1 and in every page header (Word: its status "
              "line; JSON: an 'integrity' entry; Excel: its summary, red tabs and page "
              "headers; CSV cannot say so)")


def _export(workspace: Workspace, args: argparse.Namespace, kind: str,
            audit_ids: list[int], **options: bool) -> ExportResult:
    """Verify, then write; a failed check stops here unless --allow-unverified."""
    try:
        result = workspace.export(kind, audit_ids, args.out,
                                  allow_unverified=args.allow_unverified, **options)
    except IntegrityCheckFailed as error:
        raise IntegrityCheckFailed(error.problems, advice=(
            "run `policy-auditor verify` to see every problem, or add --allow-unverified to "
            "write it marked INTEGRITY CHECK FAILED")) from None
    if not result.verification.ok:
        where = ("it is marked INTEGRITY CHECK FAILED" if result.marked
                 else f"{kind.upper()} has no place to say so")
        print(f"warning: the integrity check failed ({len(result.verification.problems)} "
              f"problem(s)); {args.out} was written anyway as asked, and {where}",
              file=sys.stderr)
    return result


def write_report(args: argparse.Namespace) -> int:
    from desktop_app.reports.summary import is_draft
    from desktop_app.services import Workspace

    with Workspace(args.db, create=False) as workspace:
        audit_ids = _selected_audits(workspace, args)
        result = _export(workspace, args, "pdf", audit_ids, summary=args.summary,
                         deterministic=args.deterministic)
    snapshots = result.snapshots
    unconfirmed = sum(1 for s in snapshots for review in s.reviews if not review.reviewed)
    if not result.verification.ok:
        state = "marked INTEGRITY CHECK FAILED"
    elif is_draft(snapshots):
        state = "DRAFT (not every audit is signed off)"
    elif unconfirmed:
        state = f"signed off, with {unconfirmed} unconfirmed item(s) marked as such"
    else:
        state = "final"
    kind = "summary" if args.summary else "report"
    print(f"Wrote {args.out}: {kind} on {len(snapshots)} audit(s), {state}.")
    return 0


def write_export(args: argparse.Namespace) -> int:
    from desktop_app.services import Workspace

    audit_ids = list(dict.fromkeys(args.audit))
    if len(audit_ids) > 1 and args.format in ("csv", "json"):
        raise InputError(f"{args.format.upper()} holds one audit; give one audit id, or use "
                         "--format docx or xlsx for several.")
    if args.full and args.format != "docx":
        raise InputError("--full applies to --format docx only.")
    with Workspace(args.db, create=False) as workspace:
        result = _export(workspace, args, args.format, audit_ids, full=args.full)
    if args.format in ("docx", "xlsx"):
        kind = " (workpaper)" if args.full else " (summary)" if args.format == "docx" else ""
        print(f"Wrote {args.out}: {len(result.snapshots)} audit(s) as "
              f"{args.format.upper()}{kind}.")
    else:
        print(f"Wrote {args.out}: audit {result.snapshots[0].audit_id} as "
              f"{args.format.upper()}.")
    return 0
