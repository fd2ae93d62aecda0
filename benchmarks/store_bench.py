"""Store benchmark: import and assess the shared policies, review every item, report JSON figures.

Usage: .venv/bin/python benchmarks/store_bench.py [POLICIES_DIR]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.core.status import Status
from desktop_app.services import Workspace

DEFAULT_POLICIES = Path(__file__).resolve().parents[2] / "shared" / "policies"
STATUSES = list(Status)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def run(policies: Path, db_path: Path) -> dict[str, object]:
    files = sorted(p for p in policies.iterdir() if p.is_file())
    with Workspace(db_path) as ws:
        started = time.perf_counter()
        audit_ids = [a for f in files for a in ws.import_policy(f, actor="bench").audit_ids]
        imported = time.perf_counter() - started

        items = [(a, r.item_id) for a in audit_ids for r in ws.audit(a).reviews]
        started = time.perf_counter()
        for index, (audit_id, item_id) in enumerate(items):
            ws.set_status(audit_id, item_id, STATUSES[index % len(STATUSES)], "bench")
        reviewed = time.perf_counter() - started

        started = time.perf_counter()
        for audit_id in audit_ids:
            ws.audit(audit_id)
        loaded = time.perf_counter() - started

        started = time.perf_counter()
        report = ws.verify()
        verified = time.perf_counter() - started
    size = _size(db_path)

    # Worst case for the diff: a version whose every clause was rewritten.
    with Workspace(db_path) as ws:
        first, second = files[0], files[-1]
        policy_id = ws.import_policy(first, name="rewritten", actor="bench").policy_id
        ws.import_policy(second, name="rewritten", actor="bench")
        started = time.perf_counter()
        changes = ws.diff(policy_id).changes
        diffed = time.perf_counter() - started
    return {
        "policies": len(files),
        "audits": len(audit_ids),
        "items_reviewed": len(items),
        "import_and_assess_s": round(imported, 3),
        "review_all_items_s": round(reviewed, 3),
        "ms_per_review": round(1000 * reviewed / max(len(items), 1), 2),
        "load_all_audits_s": round(loaded, 3),
        "verify_s": round(verified, 3),
        "trail_events": report.events_checked,
        "verify_ok": report.ok,
        "diff_rewritten_s": round(diffed, 3),
        "diff_rewritten_clauses": len(changes),
        "db_bytes": size,
    }


def main() -> int:
    policies = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_POLICIES
    with tempfile.TemporaryDirectory() as folder:
        figures = run(policies, Path(folder) / "bench.sqlite")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
