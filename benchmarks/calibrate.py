"""Refit the engine's confidence table on expert labels, and measure it cross-validated.

Every labelled pair is assessed; each suggestion's status and basis, with whether the label
agrees, is an outcome. The figures printed come from leave-one-policy-out cross-validation:
each policy's suggestions get the confidence of a table fitted on the other policies' labels
only. With --write, the table fitted on all labels is saved to
desktop_app/core/calibration.json, which the engine ships with.

Usage: .venv/bin/python benchmarks/calibrate.py [LABEL_FILES...] [--write]
  (default: ../shared/eval/*.yaml and tests/data/eval/*.yaml; policies are looked up in
  ../shared/policies and resources/example)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from labelled import default_labels, labelled_pairs

from desktop_app.core.calibration import TABLE_PATH, cross_validated, fit
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.engine import assess
from desktop_app.core.evaluation import RELIABILITY_EDGES, reliability
from desktop_app.core.status import Status

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)


def outcomes(paths: list[Path]) -> dict[str, list[tuple[str, str, bool, float]]]:
    """(status, basis, right, engine's own estimate) per labelled item, grouped by policy."""
    registry = ChecklistRegistry.default()
    groups: dict[str, list[tuple[str, str, bool, float]]] = {}
    for _, labels, document in labelled_pairs(paths):
        checklist = registry.get(labels.checklist)
        known = {item.id for item in checklist.items}
        result = assess(document, checklist, calibrate=False)
        for label in labels.items:
            if label.item_id not in known:
                continue
            suggestion = result.for_item(label.item_id)
            groups.setdefault(labels.policy, []).append(
                (suggestion.status.value, suggestion.basis, suggestion.status == label.status,
                 suggestion.confidence))
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="*", type=Path)
    parser.add_argument("--write", action="store_true",
                        help="save the table fitted on all labels for the engine to ship")
    args = parser.parse_args()
    paths = args.labels or default_labels()
    groups = outcomes(paths)
    scored = cross_validated(groups)
    items = len(scored)
    print(f"{len(paths)} label files, {len(groups)} policies, {items} items "
          "(confidence cross-validated, leave one policy out)")
    print("\nReliability (confidence → items → share right)")
    for row in reliability([(confidence, right) for confidence, right, _ in scored],
                           RELIABILITY_EDGES):
        share = f"{row.share:.3f}" if row.count else "    -"
        print(f"  {row.low:.1f}–{row.high:.1f}  {row.count:>5}  {share}")
    print("\nAccepting every suggestion at or above a threshold")
    print("  threshold  items  coverage  precision  false satisfied")
    for threshold in THRESHOLDS:
        taken = [(right, status) for confidence, right, status in scored
                 if confidence >= threshold]
        right = sum(r for r, _ in taken)
        false_satisfied = sum(not r and s == Status.SATISFIED.value for r, s in taken)
        precision = f"{right / len(taken):.3f}" if taken else "    -"
        print(f"  {threshold:>9.2f}  {len(taken):>5}  {len(taken) / items:>8.3f}  "
              f"{precision:>9}  {false_satisfied:>15}")
    brier = sum((confidence - right) ** 2 for confidence, right, _ in scored) / items
    print(f"\nBrier score {brier:.4f}")
    if args.write:
        table = fit(outcome for group in groups.values() for outcome in group)
        TABLE_PATH.write_text(json.dumps({
            "fitted": dt.date.today().isoformat(),
            "label_files": [path.name for path in paths],
            "items": items,
            "table": table,
        }, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written: {TABLE_PATH}")


if __name__ == "__main__":
    main()
