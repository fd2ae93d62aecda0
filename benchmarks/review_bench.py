"""Per-review-keypress time in the window on a 1,000-item audit, as JSON.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/review_bench.py [--items 1000]
Builds a checklist of that many items (the GDPR items repeated under new ids), imports the
bundled example against it, opens the audit in the main window and times status keys,
accepting a suggestion, undo and redo, each from the key to the refreshed view, then status
keys again with the Findings panel in front (each key may add or remove a finding).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def big_checklist(size: int):
    from desktop_app.core.checklist_loader import ChecklistRegistry

    base = ChecklistRegistry.default().get("gdpr")
    items = tuple(dataclasses.replace(base.items[n % len(base.items)], id=f"big.item-{n:04d}",
                                      same_as="")
                  for n in range(size))
    return dataclasses.replace(base, id="big", name=f"{size}-item checklist", items=items,
                               content_hash="")


def build(db: Path, size: int) -> int:
    from desktop_app.core.engine import assess
    from desktop_app.core.ingest import load_document
    from desktop_app.core.lint import lint
    from desktop_app.paths import EXAMPLE_POLICY
    from desktop_app.services import Workspace
    from desktop_app.store import imports

    document = load_document(EXAMPLE_POLICY)
    checklist = big_checklist(size)
    with Workspace(db) as workspace:
        source = imports.SourceFile(name="Big audit", file_name="big.md", sha256="b" * 64,
                                    source_path="/bench/big.md")
        result = workspace.import_document(document, [(checklist, assess(document, checklist))],
                                           source=source, defects=lint(document), actor="bench")
    return result.audit_ids[0]


def timed(app, action, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        action()
        app.processEvents()
        times.append((time.perf_counter() - began) * 1000)
    return times


def figures(times: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="review-bench-"))
    os.environ["POLICY_AUDITOR_DATA"] = str(folder / "data")
    try:
        from PySide6.QtWidgets import QApplication

        from desktop_app.gui.app import configure_application, open_window
        from desktop_app.gui.settings import Settings

        app = QApplication(sys.argv[:1])
        configure_application(app, "policy-auditor-bench")
        db = folder / "big.sqlite"
        audit_id = build(db, args.items)
        window = open_window(db, Settings(folder / "s.ini"))
        window.resize(1600, 1000)
        window.show()
        window.open_audit(audit_id)
        while window.opening or window.runner.running:  # audits open on a worker thread
            app.processEvents()
            time.sleep(0.002)
        assert window.snapshot is not None and window.snapshot.audit_id == audit_id
        table = window.checklist.table
        position = iter(range(10**6))

        def status_key() -> None:
            table.selectRow(next(position) % args.items)
            window.commands["satisfied" if next(position) % 2 else "missing"].trigger()

        def accept_key() -> None:
            table.selectRow(args.items - 1 - next(position) % args.items)
            window.commands["accept"].trigger()

        results = {
            "items": args.items,
            "set_status": figures(timed(app, status_key, args.rounds)),
            "accept_suggestion": figures(timed(app, accept_key, args.rounds)),
            "undo": figures(timed(app, window.commands["undo"].trigger, args.rounds)),
            "redo": figures(timed(app, window.commands["redo"].trigger, args.rounds)),
        }
        window.docks["findings"].raise_()
        app.processEvents()
        results["set_status_findings_shown"] = figures(timed(app, status_key, args.rounds))
        stored = window.workspace.audit(audit_id)
        assert sum(r.status is not None for r in stored.reviews) > 0, "no key reached the store"
        window.runner.wait(30_000)  # a refresh still running must not outlive the app
        window.close()
        window.workspace.close()
        print(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
