"""Run every benchmark script and print one JSON document with all their figures.

Usage: .venv/bin/python benchmarks/run_all.py [--quick]
(--quick uses a 200-policy portfolio instead of 1,000.)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(script: str, *args: str) -> object:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True,
                            text=True, cwd=HERE.parent)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:] or ["failed"]}
    try:
        figures = json.loads(result.stdout)
    except json.JSONDecodeError:
        figures = {"output": result.stdout.strip()}
    return {"wall_s": round(time.perf_counter() - started, 1), "figures": figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    portfolio = ["--count", "200" if args.quick else "1000"]
    print(json.dumps({
        "pipeline": run("pipeline_bench.py"),
        "cli": run("cli_bench.py"),
        "assess_5x6": run("assess_bench.py"),
        "lint": run("lint_eval.py"),
        "store": run("store_bench.py"),
        "portfolio": run("portfolio_bench.py", *portfolio),
        "report": run("report_bench.py"),
        "verify_under_writes": run("verify_bench.py"),
        "gui": run("gui_bench.py"),
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
