"""CLI commands about signatures: whoami (the reviewer's signing key)."""

from __future__ import annotations

import argparse

from desktop_app import keys
from desktop_app.cli.output import emit_json
from desktop_app.services import REVIEWER_ENV, default_reviewer


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""
    parser = sub.add_parser("whoami", parents=[common],
                            help="show the reviewer name and the fingerprint of their signing "
                                 "key (made on first use)",
                            description="Show the reviewer name and the fingerprint of their "
                                        "signing key; give the fingerprint to whoever checks "
                                        "your sign-offs.")
    parser.add_argument("--reviewer", metavar="NAME",
                        help=f"whose key (default: ${REVIEWER_ENV} or your user name)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=whoami)


def whoami(args: argparse.Namespace) -> int:
    reviewer = (args.reviewer or "").strip() or default_reviewer()
    fingerprint, path = keys.describe(reviewer)
    if args.json:
        emit_json({"reviewer": reviewer, "fingerprint": fingerprint, "key_file": str(path)})
    else:
        print(f"Reviewer: {reviewer}")
        print(f"Signing key fingerprint: {fingerprint}")
        print(f"Key file: {path}")
    return 0
