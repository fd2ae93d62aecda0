"""Print the drafting lint's recall and precision on the labelled policies, and its speed, as JSON.

Usage: .venv/bin/python benchmarks/lint_eval.py [EVAL_DIR [POLICIES_DIR]]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from desktop_app.core.ingest import load_document
from desktop_app.core.lint import lint
from desktop_app.core.lint_eval import evaluate_defects

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
REPEATS = 5


def lint_seconds(policies_dir: Path) -> dict[str, float]:
    """Best-of-N wall time to lint each policy in the folder."""
    timings = {}
    for path in sorted(policies_dir.glob("*.txt")):
        document = load_document(path)
        best = float("inf")
        for _ in range(REPEATS):
            started = time.perf_counter()
            lint(document)
            best = min(best, time.perf_counter() - started)
        timings[path.name] = round(best, 4)
    return timings


def main(argv: list[str]) -> int:
    eval_dir = Path(argv[0]) if argv else SHARED / "eval"
    policies_dir = Path(argv[1]) if len(argv) > 1 else SHARED / "policies"
    evaluation = evaluate_defects(sorted(eval_dir.glob("*.defects.yaml")), policies_dir)
    report = evaluation.as_dict()
    report["lint_seconds"] = lint_seconds(policies_dir)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
