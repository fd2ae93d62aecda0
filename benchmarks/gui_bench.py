"""GUI figures as JSON: cold start, opening a 100-policy workspace, filter latency, memory,
and opening the largest policy accepted (time to shown, longest stall of the GUI thread).

Run: .venv/bin/python benchmarks/gui_bench.py [--policies 100]
Builds its workspace in a temporary folder by importing the bundled example under many names.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

START = time.perf_counter()


def build_workspace(db: Path, count: int) -> float:
    from desktop_app.core.engine import assess
    from desktop_app.core.ingest import load_document
    from desktop_app.core.lint import lint
    from desktop_app.paths import EXAMPLE_POLICY
    from desktop_app.services import Workspace
    from desktop_app.store import imports

    began = time.perf_counter()
    document = load_document(EXAMPLE_POLICY)
    defects = lint(document)
    with Workspace(db) as workspace:
        checklists = [workspace.registry.get(cid) for cid in ("gdpr", "ccpa")]
        assessments = [(c, assess(document, c)) for c in checklists]
        for number in range(count):
            # A distinct hash per copy: each is stored as its own policy.
            source = imports.SourceFile(name=f"Policy {number:03d}",
                                        file_name=f"policy-{number:03d}.md",
                                        sha256=f"{number:064x}",
                                        source_path=f"/bench/policy-{number:03d}.md")
            workspace.import_document(document, assessments, source=source, defects=defects,
                                      actor="bench")
    return time.perf_counter() - began


def largest_policy_text() -> str:
    """A policy at the paragraph limit, with a placeholder (a lint defect) in every other one."""
    from desktop_app.core.ingest import MAX_PARAGRAPHS

    words = "we collect use share keep delete your personal data".split()
    paragraphs = [f"{n + 1}. " + " ".join(words[(n + k) % len(words)] for k in range(5))
                  + (" [COMPANY NAME]." if n % 2 else ".") for n in range(MAX_PARAGRAPHS - 10)]
    return "Privacy Policy\n\n" + "\n\n".join(paragraphs) + "\n"


def wait_until_shown(app, window) -> tuple[float, float]:
    """Seconds until the asked-for audit is shown, and the longest the event loop stalled."""
    began = last = time.perf_counter()
    stall = 0.0
    while window.opening or window.runner.running:
        app.processEvents()
        now = time.perf_counter()
        stall, last = max(stall, now - last), now
        time.sleep(0.002)
    return time.perf_counter() - began, stall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--policies", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gui-bench-"))
    os.environ["POLICY_AUDITOR_DATA"] = str(folder / "data")
    try:
        from PySide6.QtWidgets import QApplication

        from desktop_app.gui.app import configure_application, open_window
        from desktop_app.gui.settings import Settings

        app = QApplication(sys.argv[:1])
        configure_application(app, "policy-auditor-bench")

        empty = open_window(folder / "empty.sqlite", Settings(folder / "s0.ini"))
        empty.show()
        app.processEvents()
        cold_start = time.perf_counter() - START
        empty.close()

        db = folder / "big.sqlite"
        build_seconds = build_workspace(db, args.policies)

        began = time.perf_counter()
        window = open_window(db, Settings(folder / "s1.ini"))
        window.resize(1600, 1000)
        window.show()
        app.processEvents()
        open_big = time.perf_counter() - began

        began = time.perf_counter()
        window.open_audit(window.library.model.summaries()[0].audit_id)
        wait_until_shown(app, window)
        open_audit = time.perf_counter() - began

        proxy = window.checklist.proxy
        latencies = []
        for text in ("data", "retention", "right", "children", "zzz", "", "sale", "transfer"):
            began = time.perf_counter()
            proxy.set_text(text)
            app.processEvents()
            latencies.append((time.perf_counter() - began) * 1000)

        proxy.set_text("")
        window.checklist.table.selectRow(0)
        row = window.checklist.current_row()
        began = time.perf_counter()
        window.commands["satisfied"].trigger()
        app.processEvents()
        review_action = time.perf_counter() - began
        stored = window.workspace.audit(window.snapshot.audit_id).review(row.item.id).status
        assert stored is not None, "the status action did not reach the store"

        window.close()
        window.workspace.close()

        from desktop_app.services import Workspace

        large = folder / "largest.txt"
        large.write_text(largest_policy_text(), encoding="utf-8")
        with Workspace(folder / "large.sqlite") as workspace:
            workspace.import_policy(large, ["gdpr"], name="Largest", actor="bench")
            stored = workspace.audit(workspace.audits()[0].audit_id)
        began = time.perf_counter()
        window = open_window(folder / "large.sqlite", Settings(folder / "s2.ini"))
        window.resize(1600, 1000)
        window.show()
        _, largest_stall = wait_until_shown(app, window)
        largest_shown = time.perf_counter() - began
        window.close()
        window.workspace.close()
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({
            "cold_start_to_usable_window_s": round(cold_start, 3),
            "policies": args.policies,
            "audits": args.policies * 2,
            "workspace_build_s": round(build_seconds, 2),
            "open_100_policy_workspace_s": round(open_big, 3),
            "open_one_audit_s": round(open_audit, 3),
            "checklist_filter_latency_ms": {"median": round(statistics.median(latencies), 2),
                                            "max": round(max(latencies), 2)},
            "set_status_round_trip_ms": round(review_action * 1000, 1),
            "largest_policy": {"clauses": len(stored.clauses), "defects_shown": len(stored.defects),
                               "start_to_shown_s": round(largest_shown, 3),
                               "longest_gui_stall_s": round(largest_stall, 3)},
            "peak_rss_mib": round(peak_kib / 1024, 1),
        }, indent=2))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
