"""Edits made behind the app's back with plain sqlite: `verify` exits 1 and names what changed.

One test per kind of edit an attacker holding the file can make; the database holds a signed-off
audit (bulk-accepted items signed off with an override, a decided item with a note and manual
evidence) and an open one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop_app.cli import main
from desktop_app.core.status import Status
from desktop_app.store import trail
from desktop_app.store.verify import ACTORS_NOT_PROVEN
from tests.store.helpers import (
    import_doc,
    make_checklist,
    make_document,
    open_workspace,
    shell,
)

ITEM = "test-law.retention"
OTHER = "other-law.data"


@pytest.fixture
def reviewed_db(db_path: Path) -> Path:
    """Audit 1 (test-law) reviewed and signed off; audit 2 (other-law) open with one decision."""
    with open_workspace(db_path) as ws:
        audits = import_doc(ws, make_document(),
                            (make_checklist(), make_checklist("other-law"))).audit_ids
        assert audits == (1, 2)
        ws.review_item(1, ITEM, "bob", status=Status.PARTIAL, note="no period given",
                       quote="seven years")
        ws.accept_suggestions(1, "alice")
        ws.sign_off(1, "carol", override="bulk-accepted items signed off as they stand")
        ws.set_status(2, OTHER, Status.PARTIAL, "bob")
        assert ws.verify().ok
    return db_path


def _shell(db_path: Path, *statements: str, drop_triggers: bool = False) -> None:
    """Run statements as the sqlite3 shell would: no foreign keys, no app triggers."""
    conn = shell(db_path) if drop_triggers else sqlite3.connect(str(db_path),
                                                                 isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()


def _verify(capsys: pytest.CaptureFixture[str], db_path: Path) -> tuple[int, str]:
    code = main(["verify", "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def _row_id(db_path: Path, sql: str) -> int:
    conn = sqlite3.connect(str(db_path))
    value = conn.execute(sql).fetchone()[0]
    conn.close()
    return int(value)


def _assessment(db_path: Path, audit_id: int, item_id: str) -> int:
    return _row_id(db_path, f"SELECT id FROM assessments WHERE audit_id = {audit_id} "
                            f"AND item_id = '{item_id}'")


def test_untouched_database_passes_and_says_actors_are_not_proven(
        capsys: pytest.CaptureFixture[str], reviewed_db: Path) -> None:
    code, out = _verify(capsys, reviewed_db)
    assert code == 0 and ": OK (" in out
    assert f"Note: {ACTORS_NOT_PROVEN}" in out


def _delete_reviewed_assessment(db: Path) -> list[str]:
    row = _assessment(db, 1, ITEM)
    _shell(db, f"DELETE FROM evidence WHERE assessment_id = {row}",
           f"DELETE FROM assessments WHERE id = {row}")
    return [f"audit 1 item {ITEM} (assessments row {row}): deleted outside Policy Auditor",
            "evidence #", f"of audit 1 item {ITEM}", "deleted outside Policy Auditor"]


def _change_suggestion(db: Path) -> list[str]:
    row = _assessment(db, 2, "other-law.children")
    _shell(db, f"UPDATE assessments SET suggested_status = 'satisfied', confidence = 0.99 "
               f"WHERE id = {row}")
    return [f"audit 2 item other-law.children (assessments row {row}): fields "
            "'suggested_status', 'confidence' changed outside Policy Auditor"]


def _rewrite_closest_passages(db: Path) -> list[str]:
    row = _assessment(db, 2, "other-law.children")
    _shell(db, "UPDATE assessments SET closest = '[{\"end\":9,\"quote\":\"We keep\","
               f"\"ref\":\"4\",\"start\":2}}]' WHERE id = {row}")
    return [f"audit 2 item other-law.children (assessments row {row}): field 'closest' changed "
            "outside Policy Auditor"]


def _rewrite_quote_and_delete_auto_evidence(db: Path) -> list[str]:
    manual = _row_id(db, "SELECT id FROM evidence WHERE source = 'manual'")
    auto = _row_id(db, "SELECT min(id) FROM evidence WHERE source = 'auto'")
    _shell(db, f"UPDATE evidence SET quote = 'ten years' WHERE id = {manual}",
           "DELETE FROM evidence WHERE source = 'auto'")
    return [f"evidence #{manual} of audit 1 item {ITEM} (evidence row {manual}): field 'quote' "
            "changed outside Policy Auditor",
            f"(evidence row {auto}): deleted outside Policy Auditor"]


def _rewrite_policy_text(db: Path) -> list[str]:
    _shell(db, "UPDATE policy_versions SET text = replace(text, 'seven', 'two')")
    return ["policy 1 version 1 (policy_versions row 1): field 'text' changed outside"]


def _rewrite_checklist_requirement(db: Path) -> list[str]:
    _shell(db, "UPDATE checklist_snapshots SET body = replace(body, 'State the retention.', "
               "'State anything.') WHERE checklist_id = 'test-law'")
    return ["checklist snapshot 1 (test-law 1.0) (checklist_snapshots row 1): field 'body' "
            "changed outside Policy Auditor"]


def _change_signer_and_reviewer(db: Path) -> list[str]:
    row = _assessment(db, 1, ITEM)
    _shell(db, "UPDATE audits SET signed_off_by = 'dave', "
               "signed_off_at = '2026-01-01T00:00:00.000+00:00' WHERE id = 1",
           f"UPDATE assessments SET reviewer = 'dave' WHERE id = {row}")
    return ["audit 1 (audits row 1): fields 'signed_off_by', 'signed_off_at' changed outside",
            f"audit 1 item {ITEM} (assessments row {row}): field 'reviewer' changed outside"]


def _delete_whole_audit(db: Path) -> list[str]:
    _shell(db, "DELETE FROM evidence WHERE assessment_id IN "
               "(SELECT id FROM assessments WHERE audit_id = 2)",
           "DELETE FROM assessments WHERE audit_id = 2", "DELETE FROM audits WHERE id = 2")
    return ["audit 2 (audits row 2): deleted outside Policy Auditor",
            "audit 2 item other-law.identity", "deleted outside Policy Auditor"]


def _forge_reopen(db: Path) -> list[str]:
    """A correctly chained event written by a script, with the app's triggers in place."""
    conn = sqlite3.connect(str(db))
    store = Database(conn)
    trail.append(store, "mallory", "reopen", audit_id=1,
                 before={"state": "signed-off"}, after={"state": "open", "reason": "typo"})
    conn.execute("UPDATE audits SET state = 'open', signed_off_by = '', signed_off_at = '' "
                 "WHERE id = 1")
    conn.commit()
    conn.close()
    return ["audit 1 (audits row 1): fields 'state', 'signed_off_by', 'signed_off_at' changed "
            "outside Policy Auditor"]


def _change_status(db: Path) -> list[str]:
    row = _assessment(db, 1, ITEM)
    _shell(db, f"UPDATE assessments SET status = 'satisfied' WHERE id = {row}")
    return [f"audit 1 item {ITEM}: status is 'satisfied' but trail event",
            f"audit 1 item {ITEM} (assessments row {row}): field 'status' changed outside"]


def _edit_event(db: Path) -> list[str]:
    _shell(db, "UPDATE trail SET actor = 'mallory' WHERE seq = 3", drop_triggers=True)
    return ["trail event 3: hash mismatch: field 'actor' was changed"]


def _truncate_tail(db: Path) -> list[str]:
    _shell(db, "DELETE FROM trail WHERE seq > (SELECT max(seq) - 2 FROM trail)",
           drop_triggers=True)
    return ["trail head records event"]


def _add_evidence_row(db: Path) -> list[str]:
    row = _assessment(db, 2, OTHER)
    _shell(db, 'INSERT INTO evidence (assessment_id, ref, start, "end", quote, source, '
               f"created_at) VALUES ({row}, '4', 0, 5, 'We ke', 'manual', 'now')")
    return [f"of audit 2 item {OTHER}", "not recorded in the audit trail; it was added outside"]


def _strip_seals(db: Path) -> list[str]:
    _shell(db, "UPDATE trail SET seals = '' WHERE seq = (SELECT max(seq) FROM trail)",
           drop_triggers=True)
    return ["field 'seals' was changed"]


EDITS: dict[str, Callable[[Path], list[str]]] = {
    "delete a reviewed item's assessment and its evidence": _delete_reviewed_assessment,
    "change an engine suggestion and its confidence": _change_suggestion,
    "rewrite an item's closest passages": _rewrite_closest_passages,
    "rewrite a manual quote, delete auto evidence": _rewrite_quote_and_delete_auto_evidence,
    "rewrite the stored policy text": _rewrite_policy_text,
    "rewrite a requirement in the checklist snapshot": _rewrite_checklist_requirement,
    "change who signed off and when, and an item's reviewer": _change_signer_and_reviewer,
    "delete a whole audit with its assessments": _delete_whole_audit,
    "append a forged reopen and set the state open": _forge_reopen,
    "change a status": _change_status,
    "drop a trigger and edit an event": _edit_event,
    "truncate the tail": _truncate_tail,
    "insert an evidence row": _add_evidence_row,
    "strip an event's seals": _strip_seals,
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_edit_behind_the_apps_back_is_named(capsys: pytest.CaptureFixture[str],
                                            reviewed_db: Path, edit: str) -> None:
    expected = EDITS[edit](reviewed_db)
    code, out = _verify(capsys, reviewed_db)
    assert code == 1, out
    assert "problem(s) found" in out
    for words in expected:
        assert words in out, f"{words!r} not in:\n{out}"


def test_many_deleted_rows_are_counted_after_the_first_ones(capsys: pytest.CaptureFixture[str],
                                                            reviewed_db: Path) -> None:
    _shell(reviewed_db, "DELETE FROM evidence")
    code, out = _verify(capsys, reviewed_db)
    deleted = [line for line in out.splitlines() if "(evidence row" in line]
    assert code == 1 and len(deleted) == 10
    assert "more evidence rows deleted outside Policy Auditor" in out
