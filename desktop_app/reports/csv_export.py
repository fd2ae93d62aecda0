"""CSV export of one audit: one row per checklist item, ready for a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.checklist import TOPICS
from desktop_app.reports.summary import paired_items

COLUMNS = (
    "checklist", "checklist version", "item id", "title", "level", "topic", "citation",
    "status", "reviewed", "suggested status", "confidence", "evidence refs", "evidence quotes",
    "note", "reviewer", "reviewed at", "needs re-review", "decision",
)
#: Spreadsheets run cells starting with these as formulas; a leading apostrophe keeps them text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_csv(snapshot: AuditSnapshot, out: Path | TextIO) -> None:
    """Write the audit as CSV; a path gets UTF-8 with a BOM so Excel detects the encoding."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8-sig", newline="") as stream:
            export_csv(snapshot, stream)
        return
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    checklist = snapshot.checklist
    for item, review in paired_items(snapshot):
        writer.writerow([_cell(text) for text in (
            checklist.name,
            checklist.version,
            item.id,
            item.title,
            item.level.value,
            TOPICS.get(item.topic, item.topic),
            item.citation,
            review.status.label if review.status is not None else "not yet reviewed",
            "yes" if review.reviewed else "no",
            review.suggested_status.label,
            f"{review.confidence:.2f}",
            "; ".join(evidence.ref for evidence in review.evidence),
            "\n".join(f"[{evidence.ref}] {evidence.quote}" for evidence in review.evidence),
            review.note,
            review.reviewer,
            review.reviewed_at,
            "yes" if review.needs_rereview else "no",
            review.decision_label,
        )])
