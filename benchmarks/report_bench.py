"""Time the PDF report: the shared policies against their checklists, and a 1,000-item audit.

The policies are imported into a temporary database first (not timed); a policy whose
jurisdiction is not detected is audited against every shipped checklist. The synthetic audit
repeats realistic items (every status, evidence, notes) until it holds 1,000 or more.
Prints JSON (seconds, pages, bytes).

Usage: .venv/bin/python benchmarks/report_bench.py [POLICY_DIR] [--items N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the synthetic audit builder lives with the tests

from pypdf import PdfReader  # noqa: E402

from desktop_app.core.audit import AuditSnapshot  # noqa: E402
from desktop_app.errors import InputError  # noqa: E402
from desktop_app.reports.pdf import build_report  # noqa: E402
from desktop_app.services import Workspace  # noqa: E402
from tests.reports.helpers import ITEM_TEMPLATES, make_checklist, make_snapshot  # noqa: E402

DEFAULT_POLICIES = ROOT.parent / "shared" / "policies"


def _policy_audits(policies: Path, database: Path) -> tuple[list[AuditSnapshot], dict[str, list]]:
    checklists_by_policy: dict[str, list[str]] = {}
    audit_ids: list[int] = []
    with Workspace(database) as workspace:
        every = [checklist.id for checklist in workspace.checklists()]
        for path in sorted(policies.glob("*.txt")):
            try:
                result = workspace.import_policy(path, actor="benchmark")
            except InputError:
                result = workspace.import_policy(path, every, actor="benchmark")
            audit_ids += result.audit_ids
            checklists_by_policy[path.name] = [workspace.audit(audit_id).checklist.id
                                               for audit_id in result.audit_ids]
        return [workspace.audit(audit_id) for audit_id in audit_ids], checklists_by_policy


def _timed(audits: list[AuditSnapshot], keep: Path | None, name: str) -> dict[str, object]:
    out = BytesIO()
    started = time.perf_counter()
    build_report(audits, out)
    seconds = time.perf_counter() - started
    data = out.getvalue()
    if keep is not None:
        (keep / name).write_bytes(data)
    return {"seconds": round(seconds, 2), "pages": len(PdfReader(BytesIO(data)).pages),
            "bytes": len(data), "audits": len(audits),
            "items": sum(len(audit.reviews) for audit in audits)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("policies", nargs="?", type=Path, default=DEFAULT_POLICIES)
    parser.add_argument("--items", type=int, default=1000, help="size of the synthetic audit")
    parser.add_argument("--keep", type=Path, help="also write the PDFs into this folder")
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        audits, by_policy = _policy_audits(args.policies, Path(folder) / "bench.sqlite")
        results["policies"] = _timed(audits, args.keep, "policies.pdf")
        results["policies"]["checklists_by_policy"] = by_policy  # type: ignore[index]
    copies = -(-args.items // len(ITEM_TEMPLATES))
    large = make_snapshot(checklist=make_checklist(copies=copies))
    results["synthetic"] = _timed([large], args.keep, "synthetic.pdf")
    results["targets_seconds"] = {"policies": 5, "synthetic_1000_items": 15}
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
