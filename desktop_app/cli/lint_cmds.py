"""CLI commands: lint."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.output import emit_json

if TYPE_CHECKING:
    from desktop_app.core.document import Defect

QUOTE_CHARS = 70


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""
    parser = sub.add_parser(
        "lint", parents=[common],
        help="list drafting defects in a policy (placeholders, blanks, repeats, numbering, typos)",
        description="List drafting defects in a policy file. Exits 0 even when defects are found.",
    )
    parser.add_argument("file", type=Path, help="policy file to check")
    parser.add_argument("--json", action="store_true", help="print the defects as JSON")
    parser.set_defaults(handler=run_lint)


def run_lint(args: argparse.Namespace) -> int:
    from desktop_app.core.ingest import load_document
    from desktop_app.core.lint import lint

    """Print the defects of one policy file."""
    document = load_document(args.file)
    defects = lint(document)
    if args.json:
        emit_json({"defects": [
            {"kind": d.kind, "start": d.start, "end": d.end, "text": d.text, "message": d.message}
            for d in defects
        ]})
        return 0
    for defect in defects:
        print(format_defect(document.text, defect))
    print(f"{len(defects)} defect{'s' if len(defects) != 1 else ''} in {args.file}")
    return 0


def format_defect(text: str, defect: Defect) -> str:
    """One readable line: line:column, kind, quoted text, message."""
    line = text.count("\n", 0, defect.start) + 1
    column = defect.start - (text.rfind("\n", 0, defect.start) + 1) + 1
    quote = " ".join(defect.text.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1] + "…"
    return f"{line}:{column}: {defect.kind}: \u201c{quote}\u201d {defect.message}"
