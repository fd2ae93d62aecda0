"""A writer killed at random moments never loses a change it reported as committed."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.core.status import Status
from tests.store.helpers import import_doc, make_checklist, make_document, open_workspace

RUNS = 20
STATUSES = [s.value for s in Status]

# Reviews items one after another; prints each operation once its transaction has committed.
CHILD = """
import sys
from desktop_app.core.status import Status
from desktop_app.services import Workspace
path, audit, actor, first = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
items, statuses = sys.argv[5].split(","), sys.argv[6].split(",")
with Workspace(path) as ws:
    print("ready", flush=True)
    for op in range(first, first + 100000):
        item = items[op % len(items)]
        ws.review_item(audit, item, actor, status=Status(statuses[op % len(statuses)]),
                       note=f"op-{op}")
        print(op, flush=True)
"""


def _expected(op: int, items: list[str]) -> tuple[str, str]:
    return items[op % len(items)], STATUSES[op % len(STATUSES)]


@pytest.mark.slow
def test_killed_writer_keeps_every_reported_commit(tmp_path: Path) -> None:
    db_path = tmp_path / "audits.sqlite"
    with open_workspace(db_path) as ws:
        audit_id = import_doc(ws, make_document()).audit_ids[0]
    items = [item.id for item in make_checklist().items]
    project = Path(__file__).resolve().parents[2]
    rng = random.Random(20261124)
    first = 0
    for run in range(RUNS):
        actor = f"writer-{run}"
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db_path), str(audit_id), actor, str(first),
             ",".join(items), ",".join(STATUSES)],
            stdout=subprocess.PIPE, text=True, cwd=project)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        rest = child.communicate()[0]
        reported = [int(line) for line in rest.split()]
        assert reported == list(range(first, first + len(reported)))

        with open_workspace(db_path) as ws:
            assert ws.verify().ok, ws.verify().problems
            events = [e for e in ws.history(audit_id) if e.actor == actor]
            notes = [e for e in events if e.action == "note"]
            # Every reported operation is stored; at most one more committed before the kill.
            assert len(reported) <= len(notes) <= len(reported) + 1
            applied = first + len(notes)
            snapshot = ws.audit(audit_id)
            for op in range(max(first, applied - len(items)), applied):
                item, status = _expected(op, items)
                review = snapshot.review(item)
                assert review.note == f"op-{op}"
                assert (review.status.value if review.status else None, review.reviewer) == \
                    (status, actor)
        first = applied
    assert first > RUNS  # the writers got real work done between kills
