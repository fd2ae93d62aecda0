"""Two programs writing to one database at once: both wait their turn, nothing is lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.helpers import import_doc, make_checklist, make_document, open_workspace

WRITES = 25

WRITER = """
import sys
from desktop_app.services import Workspace
path, audit, actor, items = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4].split(",")
with Workspace(path) as ws:
    for n in range(int(sys.argv[5])):
        ws.set_note(audit, items[n % len(items)], f"{actor}-{n}", actor)
"""


@pytest.mark.slow
def test_concurrent_writers_are_serialised(tmp_path: Path) -> None:
    db_path = tmp_path / "audits.sqlite"
    with open_workspace(db_path) as ws:
        audit_id = import_doc(ws, make_document()).audit_ids[0]
    items = ",".join(item.id for item in make_checklist().items)
    project = Path(__file__).resolve().parents[2]
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(audit_id),
                                 f"writer-{n}", items, str(WRITES)],
                                cwd=project, stderr=subprocess.PIPE, text=True)
               for n in range(2)]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    with open_workspace(db_path) as ws:
        report = ws.verify()
        assert report.ok, report.problems
        events = ws.history(audit_id)
        for n in range(2):
            notes = [e for e in events if e.actor == f"writer-{n}"]
            assert len(notes) == WRITES


REVIEWER = """
import sys
from desktop_app.services import Workspace
path, audit, actor, items = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4].split(",")
statuses = ("satisfied", "partial", "missing")
with Workspace(path) as ws:
    for n in range(int(sys.argv[5])):
        ws.review_item(audit, items[n % len(items)], actor, status=statuses[n % 3],
                       note=f"{actor} {n}")
"""


@pytest.mark.slow
def test_verify_during_concurrent_reviews_raises_no_false_alarm(tmp_path: Path) -> None:
    db_path = tmp_path / "audits.sqlite"
    with open_workspace(db_path) as ws:
        audit_id = import_doc(ws, make_document()).audit_ids[0]
    items = ",".join(item.id for item in make_checklist().items)
    project = Path(__file__).resolve().parents[2]
    writers = [subprocess.Popen([sys.executable, "-c", REVIEWER, str(db_path), str(audit_id),
                                 name, items, str(WRITES * 2)],
                                cwd=project, stderr=subprocess.PIPE, text=True)
               for name in ("alice", "bob")]
    runs, alarms = 0, []
    while any(writer.poll() is None for writer in writers):
        with open_workspace(db_path) as ws:
            report = ws.verify()
        runs += 1
        if not report.ok:
            alarms.append(report.problems)
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    assert alarms == []
    assert runs >= 5  # the check really ran while both were writing
    with open_workspace(db_path) as ws:
        assert ws.verify().ok


OPENER = """
import sys
from desktop_app.services import Workspace
with Workspace(sys.argv[1]) as ws:
    print(len(ws.audits()))
"""


@pytest.mark.slow
def test_programs_opening_a_new_database_together(tmp_path: Path) -> None:
    db_path = tmp_path / "new.sqlite"
    project = Path(__file__).resolve().parents[2]
    openers = [subprocess.Popen([sys.executable, "-c", OPENER, str(db_path)], cwd=project,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(4)]
    for opener in openers:
        out, err = opener.communicate(timeout=120)
        assert opener.returncode == 0 and out.strip() == "0", err
    with open_workspace(db_path) as ws:
        assert ws.verify().ok and ws.backup is None
