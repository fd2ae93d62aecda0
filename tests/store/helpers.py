"""Hand-built documents, checklists and assessments, so store tests need no ingest or engine."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.core.assessment import ChecklistAssessment, EvidenceHit, Suggestion
from desktop_app.core.checklist import Checklist
from desktop_app.core.checklist_loader import ChecklistRegistry, checklist_from_dict
from desktop_app.core.document import Clause, Defect, JurisdictionHit, PolicyDocument
from desktop_app.core.status import Status
from desktop_app.services import ImportResult, Workspace
from desktop_app.store.imports import SourceFile, sha256_of
from desktop_app.store.trail import field_digests, row_hash

CLAUSES_V1 = (
    ("1", "We are Northwind Ltd, 1 Harbour Road. Contact privacy@northwind.example."),
    ("2", "We collect your name, email address and order history."),
    ("3", "We use your data to deliver orders and to answer questions."),
    ("4", "We keep order records for seven years, then delete them."),
    ("5", "You may ask for a copy of your data and ask us to correct it."),
)


def make_checklist(checklist_id: str = "test-law", version: str = "1.0",
                   extra_item: bool = False) -> Checklist:
    """A small valid checklist; `extra_item` gives a changed file with another item."""
    items = [
        _item(checklist_id, "identity", "controller-identity", ["northwind", "harbour"]),
        _item(checklist_id, "data", "data-categories", ["collect"]),
        _item(checklist_id, "purposes", "purposes", ["use your data"]),
        _item(checklist_id, "retention", "retention", ["keep"]),
        _item(checklist_id, "access", "rights-access", ["copy of your data"]),
        _item(checklist_id, "children", "children", ["children"]),
    ]
    if extra_item:
        items.append(_item(checklist_id, "complaints", "complaints", ["complain"]))
    return checklist_from_dict({
        "id": checklist_id, "name": f"Test law {checklist_id}", "jurisdiction": "Testland",
        "law": "Test Data Act", "law_version": "2024", "regulator": "Test Commissioner",
        "version": version, "last_reviewed": "2026-01-01", "items": items,
    })


def _item(checklist_id: str, slug: str, topic: str, cues: list[str]) -> dict[str, object]:
    return {"id": f"{checklist_id}.{slug}", "title": slug.title(), "citation": f"s. {slug}",
            "level": "must", "topic": topic, "requirement": f"State the {slug}.",
            "guidance": f"Look for the {slug}.", "cues": cues}


def make_document(clauses: tuple[tuple[str, str], ...] = CLAUSES_V1,
                  jurisdictions: tuple[str, ...] = ("test-law",)) -> PolicyDocument:
    parts, built, offset = [], [], 0
    for ref, body in clauses:
        text = f"{ref}. {body}"
        built.append(Clause(ref=ref, heading="", start=offset, end=offset + len(text), text=text))
        parts.append(text)
        offset += len(text) + 2
    return PolicyDocument(text="\n\n".join(parts), source_format="txt", title="Privacy Policy",
                          organisation="Northwind Ltd",
                          jurisdictions=[JurisdictionHit(j, "test") for j in jurisdictions],
                          clauses=built)


def assess(document: PolicyDocument, checklist: Checklist) -> ChecklistAssessment:
    """A toy engine: an item is satisfied where one of its cues occurs in a clause; otherwise it
    is missing, with the first clause as its closest passage (not evidence)."""
    suggestions = []
    for item in checklist.items:
        hits = tuple(EvidenceHit(c.ref, c.start, c.end, c.text, 0.9) for c in document.clauses
                     if any(re.search(re.escape(cue), c.text, re.I) for cue in item.cues))
        status = Status.SATISFIED if hits else Status.MISSING
        confidence = 0.9 if hits else 0.4
        closest = () if hits else tuple(EvidenceHit(c.ref, c.start, c.end, c.text, 0.2)
                                        for c in document.clauses[:1])
        suggestions.append(Suggestion(item.id, status, confidence, f"{len(hits)} clause(s)", hits,
                                      closest))
    return ChecklistAssessment(checklist.id, checklist.version, tuple(suggestions))


def defects_of(document: PolicyDocument) -> list[Defect]:
    return [Defect("typo", 0, 2, document.text[:2], "test defect")]


def import_doc(workspace: Workspace, document: PolicyDocument,
               checklists: tuple[Checklist, ...] | None = None, *, name: str = "northwind",
               actor: str = "alice") -> ImportResult:
    checklists = checklists or (make_checklist(),)
    source = SourceFile(name=name, file_name=f"{name}.txt",
                        sha256=sha256_of(document.text.encode("utf-8")))
    return workspace.import_document(document, [(c, assess(document, c)) for c in checklists],
                                     source=source, defects=defects_of(document), actor=actor)


def registry(*checklists: Checklist) -> ChecklistRegistry:
    return ChecklistRegistry(checklists={c.id: c for c in checklists or (make_checklist(),)})


def open_workspace(path: Path) -> Workspace:
    return Workspace(path, registry=registry())


def decide_all(workspace: Workspace, audit_id: int, actor: str) -> None:
    """A person goes through every item still lacking a person's decision and decides it.

    They agree with the suggestion; marking an item not applicable comes with a note.
    """
    for review in workspace.audit(audit_id).reviews:
        if review.decided_by_person and not review.needs_rereview:
            continue
        status = review.effective_status
        note = (review.note or f"{actor}: nothing in the policy calls for this item"
                if status is Status.NOT_APPLICABLE else None)
        workspace.review_item(audit_id, review.item_id, actor, status=status, note=note)


TRAIL_GUARDS = ("trail_no_update", "trail_no_delete", "trail_in_sequence")


def shell(db_path: Path) -> sqlite3.Connection:
    """A connection as the sqlite3 shell gives one to whoever holds the file, with the trail's
    guard triggers dropped; rows come back as `sqlite3.Row`."""
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    conn.row_factory = sqlite3.Row
    for name in TRAIL_GUARDS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    return conn


def rechain(conn: sqlite3.Connection, rewrite: Callable[[dict[str, Any]], None],
            start: int = 1) -> None:
    """Rewrite every trail event from `start` on with `rewrite`, then hash each again and link
    it to the one before, head included: a chain as consistent as the app would have written."""
    before = conn.execute("SELECT hash FROM trail WHERE seq < ? ORDER BY seq DESC LIMIT 1",
                          [start]).fetchone()
    previous = before[0] if before else ""
    for row in [dict(r) for r in conn.execute("SELECT * FROM trail WHERE seq >= ? ORDER BY seq",
                                              [start])]:
        rewrite(row)
        row["prev_hash"] = previous
        row["digests"] = field_digests(row)
        row["hash"] = previous = row_hash(row)
        columns = [name for name in row if name != "seq"]
        conn.execute(f"UPDATE trail SET {', '.join(f'{name} = ?' for name in columns)} "
                     "WHERE seq = ?", [*(row[name] for name in columns), row["seq"]])
    conn.execute("UPDATE trail_head SET hash = ? WHERE id = 1", [previous])
