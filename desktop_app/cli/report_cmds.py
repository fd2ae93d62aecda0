"""CLI commands: report (PDF for one or more audits) and export (CSV or JSON of one audit,
Word or Excel of one or more)."""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from desktop_app.errors import InputError, NotFoundError
from desktop_app.reports.csv_export import export_csv
from desktop_app.reports.docx_export import export_docx
from desktop_app.reports.json_export import export_json
from desktop_app.reports.pdf import build_report
from desktop_app.reports.summary import is_draft
from desktop_app.reports.xlsx_export import export_xlsx
from desktop_app.services import Workspace


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
    export.set_defaults(handler=write_export)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file so a failed run never leaves half a report behind."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name for --out.")
    if not path.parent.exists():
        raise InputError(f"The folder {path.parent} does not exist; create it or choose "
                         "another --out.")
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"Cannot write {path}: {error.strerror}. Choose a file you can "
                         "write.") from error


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


def write_report(args: argparse.Namespace) -> int:
    with Workspace(args.db, create=False) as workspace:
        audit_ids = _selected_audits(workspace, args)
        snapshots = [workspace.audit(audit_id) for audit_id in audit_ids]
        verification = workspace.verify()
    if verification.ok:
        trail_check = f"hash chain intact ({verification.events_checked} events checked)"
    else:
        trail_check = "FAILED — " + "; ".join(verification.problems)
        print(f"warning: the audit trail does not verify: {'; '.join(verification.problems)}",
              file=sys.stderr)
    buffer = io.BytesIO()
    build_report(snapshots, buffer, deterministic=args.deterministic, trail_check=trail_check,
                 summary=args.summary)
    _write_atomically(args.out, buffer.getvalue())
    unconfirmed = sum(1 for s in snapshots for review in s.reviews if not review.reviewed)
    if is_draft(snapshots):
        state = "DRAFT (not every audit is signed off)"
    elif unconfirmed:
        state = f"signed off, with {unconfirmed} unconfirmed item(s) marked as such"
    else:
        state = "final"
    kind = "summary" if args.summary else "report"
    print(f"Wrote {args.out}: {kind} on {len(snapshots)} audit(s), {state}.")
    return 0


def write_export(args: argparse.Namespace) -> int:
    audit_ids = list(dict.fromkeys(args.audit))
    if len(audit_ids) > 1 and args.format in ("csv", "json"):
        raise InputError(f"{args.format.upper()} holds one audit; give one audit id, or use "
                         "--format docx or xlsx for several.")
    if args.full and args.format != "docx":
        raise InputError("--full applies to --format docx only.")
    with Workspace(args.db, create=False) as workspace:
        snapshots = [workspace.audit(audit_id) for audit_id in audit_ids]
    snapshot = snapshots[0]
    if args.format in ("docx", "xlsx"):
        buffer = io.BytesIO()
        if args.format == "docx":
            export_docx(snapshots, buffer, full=args.full)
        else:
            export_xlsx(snapshots, buffer)
        _write_atomically(args.out, buffer.getvalue())
        kind = " (workpaper)" if args.full else " (summary)" if args.format == "docx" else ""
        print(f"Wrote {args.out}: {len(snapshots)} audit(s) as {args.format.upper()}{kind}.")
        return 0
    if args.format == "csv":
        text = io.StringIO(newline="")
        export_csv(snapshot, text)
        data = text.getvalue().encode("utf-8-sig")
    else:
        text = io.StringIO()
        export_json(snapshot, text)
        data = text.getvalue().encode("utf-8")
    _write_atomically(args.out, data)
    print(f"Wrote {args.out}: audit {snapshot.audit_id} as {args.format.upper()}.")
    return 0
