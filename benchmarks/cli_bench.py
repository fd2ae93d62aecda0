"""Time the command line as a user meets it: `policy-auditor --help`, and `assess` of one policy
against one checklist, each in a fresh process (so the figures include Python's start-up and every
import the command makes).

Prints JSON: the median wall time and the median user+system CPU time of the child process over
N runs, in seconds. On a busy machine the wall time includes waiting for a core; the CPU time
does not, so compare CPU times between runs made under different load.

Usage: .venv/bin/python benchmarks/cli_bench.py [--runs N] [--policy FILE] [--checklist ID]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_POLICY = Path(__file__).resolve().parents[2] / "shared" / "policies" / "sony-hk.txt"


# As installed: with the byte-code cache written (the warm-up run writes it), not compiling every
# module from source on each start.
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _time_run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of the command in a child process."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=_ENV)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user
           + after.children_system - before.children_system)
    return wall, cpu


def _median_of(command: list[str], runs: int) -> dict[str, float]:
    _time_run(command)  # warms the file cache and the byte-code cache
    samples = [_time_run(command) for _ in range(runs)]
    return {"wall_s": round(statistics.median(s[0] for s in samples), 3),
            "cpu_s": round(statistics.median(s[1] for s in samples), 3),
            "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median reported)")
    parser.add_argument("--policy", type=Path, default=DEFAULT_POLICY)
    parser.add_argument("--checklist", default="pdpo")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("policy-auditor")
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "desktop_app"]
    figures = {
        "python_start": _median_of([sys.executable, "-c", "pass"], args.runs),
        "help": _median_of([*cli, "--help"], args.runs),
        "assess": _median_of([*cli, "assess", str(args.policy), "--checklist", args.checklist],
                             args.runs),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
