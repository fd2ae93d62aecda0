"""Verify under load: `verify` run again and again while two programs review the same audit.

Prints JSON: verify runs made during the writes, how many reported a problem (the first few
problems, if any), reviews written, and the time one verify takes on the final database.

Usage: .venv/bin/python benchmarks/verify_bench.py [--runs N] [--reviews N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.cli import main as cli
from desktop_app.paths import EXAMPLE_POLICY
from desktop_app.services import Workspace

PROJECT = Path(__file__).resolve().parents[1]

WRITER = """
import sys
from pathlib import Path
from desktop_app.services import Workspace
path, audit, actor, items, least, stop = sys.argv[1:7]
items, statuses, n = items.split(","), ("satisfied", "partial", "missing"), 0
with Workspace(path) as ws:
    while n < int(least) or not Path(stop).exists():
        ws.review_item(int(audit), items[n % len(items)], actor, status=statuses[n % 3],
                       note=f"{actor} {n}")
        n += 1
print(n)
"""


def _verify(db_path: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli(["verify", "--db", str(db_path)])
    return code, out.getvalue()


def run(runs: int, reviews: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        db_path, stop = Path(folder) / "audits.sqlite", Path(folder) / "stop"
        with Workspace(db_path) as ws:
            audit_id = ws.import_policy(EXAMPLE_POLICY, ["gdpr"], actor="bench").audit_ids[0]
            items = ",".join(r.item_id for r in ws.audit(audit_id).reviews)
        writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(audit_id),
                                     name, items, str(reviews), str(stop)],
                                    cwd=PROJECT, stdout=subprocess.PIPE, text=True)
                   for name in ("alice", "bob")]
        made, failed, problems = 0, 0, []
        while made < runs or any(w.poll() is None for w in writers):
            if made >= runs:
                stop.touch()
            code, out = _verify(db_path)
            made += 1
            if code != 0:
                failed += 1
                problems += [line.strip() for line in out.splitlines() if line.startswith("  ")][:2]
        written = sum(int(w.communicate()[0]) for w in writers)
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            final = _verify(db_path)[0]
            timings.append(time.perf_counter() - started)
    return {"verify_runs_during_writes": made, "runs_reporting_problems": failed,
            "first_problems": problems[:6], "reviews_written": written,
            "final_verify_exit": final, "verify_s_median": round(statistics.median(timings), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--reviews", type=int, default=200, help="at least this many per writer")
    args = parser.parse_args()
    print(json.dumps(run(args.runs, args.reviews), indent=2))


if __name__ == "__main__":
    main()
