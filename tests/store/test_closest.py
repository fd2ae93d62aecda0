"""Closest passages: stored with a suggestion apart from its evidence, never turned into evidence.

The toy engine (tests.store.helpers.assess) suggests `test-law.children` missing, with the first
clause as its closest passage and no evidence.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.assessment import ChecklistAssessment, EvidenceHit
from desktop_app.core.audit import ClosestPassage
from desktop_app.core.canonical import canonical
from desktop_app.core.checklist import Checklist
from desktop_app.core.document import PolicyDocument
from desktop_app.core.status import Status
from desktop_app.services import Workspace
from desktop_app.store import refresh
from tests.store.helpers import (
    assess,
    import_doc,
    make_checklist,
    make_document,
    open_workspace,
    rechain,
    registry,
    shell,
)

MISSING = "test-law.children"


def _first_clause(document: PolicyDocument) -> ClosestPassage:
    clause = document.clauses[0]
    return ClosestPassage(clause.ref, clause.start, clause.end, clause.text)


def _stored_evidence_quotes(db_path: Path) -> list[str]:
    conn = sqlite3.connect(str(db_path))
    quotes = [row[0] for row in conn.execute("SELECT quote FROM evidence")]
    conn.close()
    return quotes


def test_a_missing_item_keeps_its_closest_passages_apart_from_evidence(
        workspace: Workspace, audit_id: int, db_path: Path) -> None:
    document = make_document()
    reviews = {r.item_id: r for r in workspace.audit(audit_id).reviews}
    missing = reviews[MISSING]
    assert missing.suggested_status is Status.MISSING
    assert missing.closest == (_first_clause(document),)
    assert missing.evidence == ()
    assert all(r.closest == () for r in reviews.values() if r.evidence)
    conn = sqlite3.connect(str(db_path))
    (stored,) = conn.execute("SELECT closest FROM assessments WHERE item_id = ?",
                             [MISSING]).fetchone()
    conn.close()
    clause = document.clauses[0]
    assert json.loads(stored) == [{"ref": clause.ref, "start": clause.start, "end": clause.end,
                                   "quote": clause.text}]
    assert workspace.verify().ok


def test_accepting_a_suggestion_keeps_only_the_engines_evidence(
        workspace: Workspace, audit_id: int, db_path: Path) -> None:
    before = {r.item_id: r for r in workspace.audit(audit_id).reviews}
    workspace.accept_suggestions(audit_id, "alice", item_ids=[MISSING])
    accepted = workspace.audit(audit_id).review(MISSING)
    assert accepted.status is Status.MISSING
    assert accepted.evidence == ()
    assert accepted.closest == before[MISSING].closest != ()
    # Accepting everything else too: each item keeps exactly the evidence it had.
    workspace.accept_suggestions(audit_id, "alice")
    after = {r.item_id: r for r in workspace.audit(audit_id).reviews}
    assert {i: r.evidence for i, r in after.items()} == {i: r.evidence for i, r in before.items()}
    first_clause = make_document().clauses[0].text
    assert _stored_evidence_quotes(db_path).count(first_clause) == sum(
        e.quote == first_clause for r in before.values() for e in r.evidence)
    # A person deciding the item, with or without a note, does not attach them either.
    workspace.review_item(audit_id, MISSING, "bob", status=Status.PARTIAL, note="see clause 1")
    decided = workspace.audit(audit_id).review(MISSING)
    assert decided.evidence == () and decided.closest == before[MISSING].closest
    assert workspace.verify().ok


def _engine_closest_to_the_last_clause(document: PolicyDocument,
                                       checklist: Checklist) -> ChecklistAssessment:
    last = document.clauses[-1]
    base = assess(document, checklist)
    return replace(base, suggestions=tuple(
        replace(s, closest=(EvidenceHit(last.ref, last.start, last.end, last.text, 0.3),))
        if s.closest else s for s in base.suggestions))


def test_reassess_stores_the_new_engines_closest_passages(
        workspace: Workspace, audit_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.set_status(audit_id, MISSING, Status.MISSING, "alice")
    monkeypatch.setattr("desktop_app.services.assess", _engine_closest_to_the_last_clause)
    monkeypatch.setattr(refresh, "ENGINE_VERSION", "99")
    workspace.reassess(audit_id, "bob")
    review = workspace.audit(audit_id).review(MISSING)
    last = make_document().clauses[-1]
    assert review.closest == (ClosestPassage(last.ref, last.start, last.end, last.text),)
    assert review.status is Status.MISSING and review.evidence == ()
    assert workspace.verify().ok


def test_upgrade_stores_closest_passages_of_kept_and_added_items(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop_app.services.assess", _engine_closest_to_the_last_clause)
    document = make_document()
    with Workspace(db_path, registry=registry(make_checklist())) as workspace:
        audit_id = import_doc(workspace, document).audit_ids[0]
    with Workspace(db_path, registry=registry(make_checklist(version="2.0", extra_item=True))) \
            as workspace:
        result = workspace.upgrade(audit_id, "bob")
        reviews = {r.item_id: r for r in workspace.audit(audit_id).reviews}
        assert workspace.verify().ok
    last = document.clauses[-1]
    expected = (ClosestPassage(last.ref, last.start, last.end, last.text),)
    assert result.added == ("test-law.complaints",)
    assert reviews["test-law.complaints"].closest == expected
    assert reviews[MISSING].closest == expected
    assert all(r.evidence == () for i, r in reviews.items() if r.closest)


def _as_schema_7(path: Path) -> None:
    """Turn a current database into one as schema 7 left it: assessments without `closest`,
    and seals that never recorded it (the chain rehashed, as the app had written it)."""
    def without_closest(row: dict[str, Any]) -> None:
        if row["seals"]:
            seals = json.loads(row["seals"])
            for seal in seals.get("assessments", {}).values():
                if seal is not None:
                    seal["fields"].pop("closest")
            row["seals"] = canonical(seals)

    conn = shell(path)
    rechain(conn, without_closest)
    conn.execute("ALTER TABLE assessments DROP COLUMN closest")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_closest_passages'")
    conn.execute("PRAGMA user_version = 7")
    conn.close()


def test_an_audit_stored_before_closest_passages_verifies_and_has_none(
        workspace: Workspace, audit_id: int, db_path: Path) -> None:
    workspace.set_status(audit_id, MISSING, Status.MISSING, "bob")
    workspace.close()
    _as_schema_7(db_path)
    with open_workspace(db_path) as upgraded:
        assert upgraded.backup is not None
        report = upgraded.verify()
        assert report.ok, report.problems
        assert all(r.closest == () for r in upgraded.audit(audit_id).reviews)
    conn = sqlite3.connect(str(db_path))
    conn.execute("UPDATE assessments SET closest = '[{\"end\":5,\"quote\":\"We ar\","
                 "\"ref\":\"1\",\"start\":0}]' WHERE item_id = ?", [MISSING])
    conn.commit()
    conn.close()
    with open_workspace(db_path) as again:
        problems = again.verify().problems
    assert any(f"item {MISSING}" in p and "'closest'" in p for p in problems), problems
