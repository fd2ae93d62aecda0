"""Per-policy pipeline figures: extract + segment, lint, and assess against the detected checklists.

Prints JSON (milliseconds, best of N runs). Usage:
.venv/bin/python benchmarks/pipeline_bench.py [POLICY_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from desktop_app.core import engine
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.ingest import load_document
from desktop_app.core.lint import lint

DEFAULT_POLICIES = Path(__file__).resolve().parents[2] / "shared" / "policies"


def _best_ms(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        engine.clear_index_cache()
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("policies", nargs="?", type=Path, default=DEFAULT_POLICIES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    registry = ChecklistRegistry.default()
    figures = {}
    for path in sorted(args.policies.glob("*.txt")):
        document = load_document(path)
        checklists = [registry.get(hit.id) for hit in document.jurisdictions]
        figures[path.name] = {
            "clauses": len(document.clauses),
            "checklists": [c.id for c in checklists],
            "segment_ms": _best_ms(lambda p=path: load_document(p), args.repeat),
            "lint_ms": _best_ms(lambda d=document: lint(d), args.repeat),
            "assess_detected_ms": _best_ms(
                lambda d=document, cs=checklists: [engine.assess(d, c) for c in cs], args.repeat),
        }
    print(json.dumps({"pipeline_per_policy": figures}, indent=2))


if __name__ == "__main__":
    main()
