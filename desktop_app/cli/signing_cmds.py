"""CLI commands about signatures: whoami (the reviewer's signing key), package, package verify."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.output import emit_json
from desktop_app.errors import InputError
from desktop_app.reviewer import REVIEWER_ENV, default_reviewer


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

    parser = sub.add_parser(
        "package", parents=[common],
        help="write a signed-off audit as one package file (.pap), or check one",
        description="'package AUDIT --out FILE.pap' writes the audit package: policy text, "
                    "checklist, reviews, trail, signatures and the PDF, with a signed "
                    "manifest. 'package verify FILE.pap' checks a package with no database.")
    parser.add_argument("target", nargs="+", metavar="AUDIT | verify FILE.pap",
                        help="the audit id to package, or 'verify' and the package to check")
    parser.add_argument("--out", type=Path, metavar="FILE.pap", help="the package to write")
    parser.add_argument("--reviewer", metavar="NAME",
                        help=f"who packages it and signs the manifest (default: ${REVIEWER_ENV} "
                             "or your user name)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=package)


def whoami(args: argparse.Namespace) -> int:
    from desktop_app import keys

    reviewer = (args.reviewer or "").strip() or default_reviewer()
    fingerprint, path = keys.describe(reviewer)
    if args.json:
        emit_json({"reviewer": reviewer, "fingerprint": fingerprint, "key_file": str(path)})
    else:
        print(f"Reviewer: {reviewer}")
        print(f"Signing key fingerprint: {fingerprint}")
        print(f"Key file: {path}")
    return 0


def package(args: argparse.Namespace) -> int:
    from desktop_app.services import Workspace

    if args.target[0] == "verify":
        if len(args.target) != 2:
            raise InputError("give one package to check: policy-auditor package verify FILE.pap")
        return verify_package(Path(args.target[1]), as_json=args.json)
    if len(args.target) != 1 or not args.target[0].isdigit():
        raise InputError("give one audit id to package (policy-auditor package AUDIT --out "
                         "FILE.pap) or check one (policy-auditor package verify FILE.pap)")
    if args.out is None:
        raise InputError("give the package file to write with --out FILE.pap")
    reviewer = (args.reviewer or "").strip() or default_reviewer()
    with Workspace(args.db, create=False) as workspace:
        path = workspace.package(int(args.target[0]), args.out, reviewer)
    if args.json:
        emit_json({"audit_id": int(args.target[0]), "package": str(path)})
    else:
        print(f"Wrote {path}: audit {args.target[0]} as a package signed by {reviewer}")
    return 0


def verify_package(path: Path, *, as_json: bool) -> int:
    from desktop_app.audit_package.check import check as check_package

    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the package {path}: {error.strerror}") from error
    result = check_package(data)
    if as_json:
        emit_json({"package": str(path), "ok": result.ok, "audit_id": result.audit_id,
                   "trail_events": result.events, "evidence_quotes": result.quotes,
                   "signers": result.signers, "packager": result.packager,
                   "problems": result.problems})
    elif result.ok:
        print(f"{path}: OK ({result.summary}; signed by {', '.join(result.signers)}; "
              f"{result.events} trail events chained; {result.quotes} evidence quotes at their "
              f"offsets; packaged by {result.packager})")
    else:
        print(f"{path}: {len(result.problems)} problem(s) found")
        for problem in result.problems:
            print(f"  {problem}")
    return 0 if result.ok else 1
