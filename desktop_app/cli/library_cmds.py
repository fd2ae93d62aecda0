"""CLI commands that keep the library tidy: rename a policy, archive, unarchive, delete an audit."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.cli.output import emit_json
from desktop_app.cli.store_cmds import _reviewer, _workspace
from desktop_app.errors import WorkflowError
from desktop_app.reviewer import REVIEWER_ENV


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""

    def command(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=help_text,
                                                         description=help_text)
        parser.add_argument("--reviewer", metavar="NAME", help="who makes the change (default: "
                            f"${REVIEWER_ENV} or your user name)")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.set_defaults(handler=handler)
        return parser

    parser = command("rename", "rename a policy in the library", rename)
    parser.add_argument("policy", type=int, metavar="POLICY", help="policy id (see 'audits')")
    parser.add_argument("name", metavar="NAME", help="the new name")
    for name, help_text in (("archive", "archive an audit: 'audits' lists it only with --all"),
                            ("unarchive", "bring an archived audit back into the lists")):
        parser = command(name, help_text, archive)
        parser.add_argument("audit", type=int, metavar="AUDIT", help="audit id (see 'audits')")
    parser = command("delete", "delete an open audit for good (recorded in the trail; a "
                               "signed-off audit cannot be deleted)", delete)
    parser.add_argument("audit", type=int, metavar="AUDIT", help="audit id (see 'audits')")
    parser.add_argument("--yes", action="store_true",
                        help="confirm the deletion (required: it cannot be undone)")


def rename(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        ws.rename_policy(args.policy, args.name, _reviewer(args))
        name = next(p.name for p in ws.policies() if p.policy_id == args.policy)
    if args.json:
        emit_json({"policy_id": args.policy, "name": name})
    else:
        print(f"Policy {args.policy} is now named {name!r}")
    return 0


def archive(args: argparse.Namespace) -> int:
    archived = args.command == "archive"
    with _workspace(args) as ws:
        changed = ws.set_archived(args.audit, archived, _reviewer(args))
    if args.json:
        emit_json({"audit_id": args.audit, "archived": archived, "changed": changed})
    elif not changed:
        print(f"Audit {args.audit} was already {'archived' if archived else 'not archived'}")
    else:
        print(f"Audit {args.audit} {'archived' if archived else 'is back in the lists'}")
    return 0


def delete(args: argparse.Namespace) -> int:
    if not args.yes:
        raise WorkflowError(f"deleting audit {args.audit} cannot be undone; add --yes to "
                            "confirm, or archive it instead (policy-auditor archive "
                            f"{args.audit})")
    with _workspace(args) as ws:
        record = ws.delete_audit(args.audit, _reviewer(args))
    if args.json:
        emit_json({"audit_id": args.audit, "deleted": record})
    else:
        print(f"Deleted audit {args.audit} ({record['policy']} v{record['policy_version']}, "
              f"{record['checklist']} {record['checklist_version']}); the trail records it")
    return 0
