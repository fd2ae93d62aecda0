"""CLI commands on one policy file: `text` (extracted text) and `segment` (clauses and metadata)."""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output import emit_json

if TYPE_CHECKING:
    from desktop_app.core.document import PolicyDocument


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""
    text = sub.add_parser(
        "text", parents=[common], help="print the extracted text of a policy file",
        description="Print the extracted text of a policy (.txt, .md, .html, .pdf, .docx): "
                    "decoded, re-flowed and normalised. Every clause offset refers to this text.",
    )
    text.add_argument("file", type=Path, help="policy file")
    text.set_defaults(handler=run_text)

    segment = sub.add_parser(
        "segment", parents=[common], help="split a policy into clauses and show its metadata",
        description="Clean and split a policy into clauses; show title, organisation, date, "
                    "applicable checklists and the text removed as page furniture.",
    )
    segment.add_argument("file", type=Path, help="policy file")
    segment.add_argument("--json", action="store_true", help="print JSON instead of readable text")
    segment.set_defaults(handler=run_segment)


def run_text(args: argparse.Namespace) -> int:
    from desktop_app.core.ingest import extract_text

    sys.stdout.write(extract_text(args.file).text + "\n")
    return 0


def segment_payload(document: PolicyDocument) -> dict[str, Any]:
    """The JSON shape of `policy-auditor segment --json`."""
    return {
        "title": document.title,
        "organisation": document.organisation,
        "effective_date": document.effective_date,
        "jurisdictions": [asdict(hit) for hit in document.jurisdictions],
        "clauses": [
            {"ref": c.ref, "heading": c.heading, "start": c.start, "end": c.end, "text": c.text}
            for c in document.clauses
        ],
        "removed": [asdict(span) for span in document.removed],
    }


def _readable(document: PolicyDocument) -> str:
    lines = [
        f"Title:          {document.title or '(none found)'}",
        f"Organisation:   {document.organisation or '(none found)'}",
        f"Effective date: {document.effective_date or '(none found)'}",
        "Checklists:     " + (", ".join(hit.id for hit in document.jurisdictions) or "(none)"),
    ]
    lines += [f"  {hit.id}: {hit.reason}" for hit in document.jurisdictions]
    lines.append("")
    for clause in document.clauses:
        heading = f"  [{clause.heading}]" if clause.heading else ""
        lines.append(f"{clause.ref}{heading}")
        lines += textwrap.wrap(clause.text, 100, initial_indent="    ", subsequent_indent="    ")
    lines.append("")
    for span in document.removed:
        shown = span.text if len(span.text) <= 80 else span.text[:77] + "..."
        lines.append(f"removed ({span.reason}) {span.start}-{span.end}: {shown}")
    lines.append(f"{len(document.clauses)} clauses, {len(document.removed)} removed spans, "
                 f"{len(document.text)} characters")
    return "\n".join(lines)


def run_segment(args: argparse.Namespace) -> int:
    from desktop_app.core.ingest import load_document

    document = load_document(args.file)
    if args.json:
        emit_json(segment_payload(document))
    else:
        sys.stdout.write(_readable(document) + "\n")
    return 0
