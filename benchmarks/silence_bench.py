"""Silence benchmark: what the engine suggests for an item once the policy no longer states it.

For every labelled item whose label is satisfied or partial, the paragraphs and clauses holding
its evidence quotes are cut from the policy and the item is assessed again ("quotes cut"). The
stronger variant also cuts, up to three rounds, every clause the engine cites instead ("cited
cut"). A silent policy should get "missing"; it must never get "satisfied". Prints, per topic
and overall, the items silenced and the shares suggested satisfied, partial, missing and not
applicable, then the items still suggested satisfied with what the engine cited.

Usage: .venv/bin/python benchmarks/silence_bench.py [LABEL_FILES...] [--worst N]
  (default: ../shared/eval/*.yaml and tests/data/eval/*.yaml)
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from labelled import default_labels, labelled_pairs

from desktop_app.core.assessment import Suggestion
from desktop_app.core.silence import SilencedItem, silence_labels
from desktop_app.core.status import Status


def shares(suggestions: list[Suggestion]) -> str:
    count = len(suggestions) or 1
    tally = [sum(s.status is status for s in suggestions) for status in Status]
    return " ".join(f"{n / count:>6.1%}" for n in tally) + f"  ({'/'.join(map(str, tally))})"


def print_table(results: list[SilencedItem]) -> None:
    by_topic: dict[str, list[SilencedItem]] = defaultdict(list)
    for result in results:
        by_topic[result.topic].append(result)
    columns = "   sat   part   miss    n/a"
    print(f"{'':<28}{'quotes cut':<44}cited cut")
    print(f"{'topic':<22} {'items':>5}{columns}{'':<16}{columns}")
    rows = sorted(by_topic.items()) + [("ALL", results)]
    for topic, group in rows:
        if topic == "ALL":
            print("-" * 118)
        print(f"{topic:<22} {len(group):>5} {shares([r.quoted for r in group]):<43}"
              f"{shares([r.cited for r in group])}")


def print_worst(results: list[SilencedItem], limit: int) -> None:
    for variant in ("quoted", "cited"):
        offenders = [r for r in results if getattr(r, variant).status is Status.SATISFIED]
        print(f"\nStill suggested satisfied ({'quotes cut' if variant == 'quoted' else 'cited cut'}"
              f"): {len(offenders)}")
        for result in offenders[:limit]:
            suggestion: Suggestion = getattr(result, variant)
            print(f"  {result.item_id} [{result.pair}] basis={suggestion.basis} "
                  f"conf={suggestion.confidence:.2f}")
            for hit in suggestion.evidence:
                print(f"      [{hit.ref}] {' '.join(hit.text.split())[:150]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="*", type=Path)
    parser.add_argument("--worst", type=int, default=40, help="offenders listed per variant")
    args = parser.parse_args()
    paths = args.labels or default_labels()
    began = time.perf_counter()
    results: list[SilencedItem] = []
    for _, labels, document in labelled_pairs(paths):
        results += silence_labels(labels, document=document)
    missed = sum(r.missed_quotes for r in results)
    print(f"{len(paths)} label files, {len(results)} items silenced "
          f"({missed} label quotes not found in their policy), "
          f"{time.perf_counter() - began:.0f} s\n")
    print_table(results)
    print_worst(results, args.worst)


if __name__ == "__main__":
    main()
