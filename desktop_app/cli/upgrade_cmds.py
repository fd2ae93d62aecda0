"""CLI commands: upgrade (to the current checklist version), reassess (with the current engine)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING

from desktop_app.cli.output import emit_json
from desktop_app.reviewer import REVIEWER_ENV, default_reviewer

if TYPE_CHECKING:
    from desktop_app.store.refresh import AuditRefresh


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""
    for name, help_text, handler in (
        ("upgrade", "move an audit to the current version of its checklist, keeping every "
                    "human decision", upgrade),
        ("reassess", "re-run the current engine on an audit's policy version, keeping every "
                     "human decision", reassess),
    ):
        parser = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        parser.add_argument("audit", type=int, metavar="AUDIT", help="audit id (see 'audits')")
        parser.add_argument("--reviewer", metavar="NAME",
                            help=f"who makes the change (default: ${REVIEWER_ENV} or your user "
                                 "name)")
        if name == "upgrade":
            parser.add_argument("--as-at", metavar="DATE", dest="as_at",
                                help="apply the law as in force on this date, YYYY-MM-DD "
                                     "(default: the audit's own as-at date)")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.set_defaults(handler=handler)


def _reviewer(args: argparse.Namespace) -> str:
    return (args.reviewer or "").strip() or default_reviewer()


def upgrade(args: argparse.Namespace) -> int:
    from desktop_app.services import Workspace

    with Workspace(args.db) as ws:
        result = ws.upgrade(args.audit, _reviewer(args), as_at=args.as_at)
    return _print(args, result)


def reassess(args: argparse.Namespace) -> int:
    from desktop_app.services import Workspace

    with Workspace(args.db) as ws:
        result = ws.reassess(args.audit, _reviewer(args))
    return _print(args, result)


def _print(args: argparse.Namespace, result: AuditRefresh) -> int:
    from desktop_app.store.refresh import describe

    if args.json:
        emit_json(asdict(result))
        return 0
    for line in describe(result):
        print(line)
    return 0
