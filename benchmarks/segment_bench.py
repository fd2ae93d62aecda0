"""Time load + segment of the shared policies; prints JSON (seconds: best of several runs)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from desktop_app.core.ingest import analyse_text, extract_text, load_document

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "policies"


def _best(function, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT_DIR)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    files = sorted(args.folder.glob("*.txt"))
    if not files:
        print(f"no .txt policies in {args.folder}", file=sys.stderr)
        return 1
    results = []
    for path in files:
        document = load_document(path)
        text = extract_text(path).text
        results.append({
            "policy": path.name,
            "characters": len(document.text),
            "clauses": len(document.clauses),
            "removed_spans": len(document.removed),
            "load_and_segment_s": round(_best(lambda p=path: load_document(p), args.repeats), 4),
            "extract_s": round(_best(lambda p=path: extract_text(p), args.repeats), 4),
            "analyse_s": round(_best(lambda t=text: analyse_text(t), args.repeats), 4),
        })
    total = round(sum(row["load_and_segment_s"] for row in results), 4)
    json.dump({"repeats": args.repeats, "policies": results, "total_load_and_segment_s": total},
              sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
