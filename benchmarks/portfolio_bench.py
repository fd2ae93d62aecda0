"""Portfolio benchmark: import and assess N policies (varied from the bundled example) into one DB.

Prints JSON: total and per-policy import time, database size, peak memory.
Usage: .venv/bin/python benchmarks/portfolio_bench.py [--count 1000] [--keep DB]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import tempfile
import time
from pathlib import Path

from desktop_app import paths
from desktop_app.services import Workspace

ORGANISATIONS = ("Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Adatum")


def variant(text: str, index: int, rng: random.Random) -> str:
    """A policy that differs from the example in name, dates and which paragraphs it keeps."""
    text = text.replace("Northwind", f"{rng.choice(ORGANISATIONS)} {index}")
    text = re.sub(r"\b20\d\d\b", str(2015 + index % 11), text)
    paragraphs = text.split("\n\n")
    keep = [p for p in paragraphs if p.startswith("#") or rng.random() > 0.15]
    return "\n\n".join(keep)


def run(count: int, folder: Path, db_path: Path) -> dict[str, object]:
    rng = random.Random(20261124)
    source = paths.EXAMPLE_POLICY.read_text(encoding="utf-8")
    files = []
    for index in range(count):
        path = folder / f"policy-{index:04d}.md"
        path.write_text(variant(source, index, rng), encoding="utf-8")
        files.append(path)
    audits = 0
    with Workspace(db_path) as workspace:
        started = time.perf_counter()
        for result in workspace.import_policies(files, ["gdpr", "pdpo"], actor="bench"):
            audits += len(result.audit_ids)  # type: ignore[union-attr]
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        summaries = workspace.audits()
        list_seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*"))
    return {
        "policies": count,
        "audits": audits,
        "import_and_assess_s": round(elapsed, 2),
        "per_policy_ms": round(1000 * elapsed / count, 1),
        "list_audits_ms": round(1000 * list_seconds, 1),
        "audits_listed": len(summaries),
        "db_mb": round(size / 1024 / 1024, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep the database at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = args.keep or Path(folder) / "portfolio.sqlite"
        figures = run(args.count, Path(folder), db_path)
    print(json.dumps({"portfolio": figures}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
