"""Time the suggestion engine: every shared policy against every shipped checklist.

Documents are loaded once; the timed part is the assessments, including building each
document's search index on its first assessment. Also times what importing one policy costs
the engine: the example policy (about 2,000 words) against two checklists from a cold index.
Prints JSON (milliseconds).

Usage: .venv/bin/python benchmarks/assess_bench.py [POLICY_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from desktop_app.core import engine
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.ingest import load_document

DEFAULT_POLICIES = Path(__file__).resolve().parents[2] / "shared" / "policies"
EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "example" / "northwind-privacy-policy.md"
# A portfolio import assesses each policy against this many checklists.
_IMPORT_CHECKLISTS = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("policies", nargs="?", type=Path, default=DEFAULT_POLICIES)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs to make; the fastest total is reported")
    args = parser.parse_args()
    documents = {path.name: load_document(path) for path in sorted(args.policies.glob("*.txt"))}
    checklists = ChecklistRegistry.default().all()
    best: dict[str, float] | None = None
    for _ in range(max(1, args.repeat)):
        engine.clear_index_cache()
        timings: dict[str, float] = {}
        for name, document in documents.items():
            for checklist in checklists:
                started = time.perf_counter()
                engine.assess(document, checklist)
                timings[f"{name} × {checklist.id}"] = (time.perf_counter() - started) * 1000
        if best is None or sum(timings.values()) < sum(best.values()):
            best = timings
    assert best is not None
    example = load_document(EXAMPLE)
    example_best = float("inf")
    for _ in range(max(5, args.repeat)):
        engine.clear_index_cache()
        started = time.perf_counter()
        for checklist in checklists[:_IMPORT_CHECKLISTS]:
            engine.assess(example, checklist)
        example_best = min(example_best, (time.perf_counter() - started) * 1000)
    print(json.dumps({
        "example_policy_two_checklists_ms": round(example_best, 2),
        "policies": len(documents),
        "checklists": [checklist.id for checklist in checklists],
        "assessments": len(best),
        "total_ms": round(sum(best.values()), 1),
        "max_pair_ms": round(max(best.values(), default=0.0), 1),
        "per_pair_ms": {pair: round(ms, 2) for pair, ms in best.items()},
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
