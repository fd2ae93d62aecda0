"""CSV and JSON exports of one audit."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.audit import AuditSnapshot
from desktop_app.errors import InputError
from desktop_app.reports.csv_export import COLUMNS, export_csv
from desktop_app.reports.json_export import FORMAT, FORMAT_VERSION, export_json
from desktop_app.reports.json_import import audit_from_dict
from tests.reports.helpers import AWKWARD_NOTE, CJK_NOTE


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_file_starts_with_a_bom_and_has_one_row_per_item(
        tmp_path: Path, snapshot: AuditSnapshot) -> None:
    out = tmp_path / "audit.csv"
    export_csv(snapshot, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(out)
    assert len(rows) == len(snapshot.checklist.items)
    assert tuple(rows[0]) == COLUMNS


def test_csv_marks_unreviewed_items_and_keeps_notes_and_quotes(
        tmp_path: Path, snapshot: AuditSnapshot) -> None:
    out = tmp_path / "audit.csv"
    export_csv(snapshot, out)
    rows = {row["item id"]: row for row in _csv_rows(out)}
    for review in snapshot.reviews:
        row = rows[review.item_id]
        assert row["reviewed"] == ("yes" if review.reviewed else "no")
        assert row["suggested status"] == review.suggested_status.label
        if not review.reviewed:
            assert row["status"] == "not yet reviewed"
        for evidence in review.evidence:
            assert evidence.ref in row["evidence refs"]
            assert evidence.quote in row["evidence quotes"]
    notes = {row["note"] for row in rows.values()}
    assert AWKWARD_NOTE in notes and CJK_NOTE in notes


def test_csv_neutralises_spreadsheet_formulas(snapshot: AuditSnapshot) -> None:
    review = replace(snapshot.reviews[0], note="=HYPERLINK(\"http://x\")")
    audit = replace(snapshot, reviews=(review, *snapshot.reviews[1:]))
    stream = io.StringIO(newline="")
    export_csv(audit, stream)
    row = next(csv.DictReader(io.StringIO(stream.getvalue())))
    assert row["note"] == "'=HYPERLINK(\"http://x\")"


def test_json_is_complete_enough_to_rebuild_the_audit(
        tmp_path: Path, snapshot: AuditSnapshot) -> None:
    out = tmp_path / "audit.json"
    export_json(snapshot, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["format_version"] == FORMAT_VERSION
    assert data["text"] == snapshot.text
    assert len(data["clauses"]) == len(snapshot.clauses)
    assert data["policy"]["sha256"] == snapshot.policy.sha256
    assert [i["id"] for i in data["checklist"]["items"]] == \
        [i.id for i in snapshot.checklist.items]
    assert data["checklist"]["items"][0]["level"] in {"must", "should", "good-practice"}
    assert len(data["trail"]) == len(snapshot.trail)
    by_id = {review["item_id"]: review for review in data["reviews"]}
    for review in snapshot.reviews:
        exported = by_id[review.item_id]
        assert exported["status"] == (review.status.value if review.status else None)
        assert exported["note"] == review.note
        assert [e["quote"] for e in exported["evidence"]] == [e.quote for e in review.evidence]
        for evidence in exported["evidence"]:
            assert data["text"][evidence["start"]:evidence["end"]] == evidence["quote"]


def test_json_export_rebuilds_the_same_audit(snapshot: AuditSnapshot) -> None:
    stream = io.StringIO()
    export_json(snapshot, stream)
    assert audit_from_dict(json.loads(stream.getvalue())) == snapshot


def test_json_of_another_format_is_refused() -> None:
    with pytest.raises(InputError, match="not a policy-auditor-audit"):
        audit_from_dict({"format": "something-else"})
    with pytest.raises(InputError, match="incomplete or damaged"):
        audit_from_dict({"format": FORMAT, "format_version": FORMAT_VERSION, "audit": {}})
