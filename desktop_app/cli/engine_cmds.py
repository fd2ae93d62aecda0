"""CLI commands: assess a policy against a checklist; evaluate the engine against expert labels."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output import emit_json
from desktop_app.core.status import Status

if TYPE_CHECKING:
    from desktop_app.core.assessment import ChecklistAssessment, EvidenceHit
    from desktop_app.core.checklist import Checklist
    from desktop_app.core.evaluation import PairResult, Summary

_DEFECT_SUFFIX = ".defects.yaml"
# Rows and columns of the confusion matrix.
STATUS_ORDER = (Status.SATISFIED, Status.PARTIAL, Status.MISSING, Status.NOT_APPLICABLE)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""
    run = sub.add_parser("assess", parents=[common],
                         help="suggest a status and evidence for every item of a checklist")
    run.add_argument("file", metavar="FILE", type=Path, help="the policy to assess")
    run.add_argument("--checklist", required=True, metavar="ID", action="append",
                     help="the checklist to assess against (see 'policy-auditor checklists'); "
                          "repeat it for several (JSON then holds a list, one object each)")
    run.add_argument("--as-at", metavar="DATE",
                     help="apply the law as in force on this date, YYYY-MM-DD (default: today), "
                          "as an import on that date would")
    run.add_argument("--json", action="store_true", help="print JSON")
    run.set_defaults(handler=assess_command)

    evaluate = sub.add_parser("evaluate", parents=[common],
                              help="measure the suggestions against expert label files")
    evaluate.add_argument("labels", metavar="LABELS.yaml", nargs="+", type=Path,
                          help="<policy>.<checklist>.yaml or <policy>.defects.yaml files")
    evaluate.add_argument("--policies", metavar="DIR", type=Path,
                          help="folder of the labelled policies (default: <label dir>/../policies)")
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    evaluate.set_defaults(handler=evaluate_command)


def assess_command(args: argparse.Namespace) -> int:
    from desktop_app.core.checklist_loader import ChecklistRegistry
    from desktop_app.core.engine import assess
    from desktop_app.core.in_force import in_force, parse_as_at
    from desktop_app.core.ingest import load_document

    as_at = parse_as_at(args.as_at)
    registry = ChecklistRegistry.default()
    checklists = [in_force(registry.get(checklist_id), as_at)
                  for checklist_id in dict.fromkeys(args.checklist)]
    document = load_document(args.file)
    results = [assess(document, checklist) for checklist in checklists]
    if args.json:
        payloads = [{**assessment_json(result), "as_at": as_at} for result in results]
        emit_json(payloads[0] if len(payloads) == 1 else payloads)
        return 0
    for checklist, result in zip(checklists, results):
        _print_assessment(checklist, result, args.file, as_at)
    return 0


def _print_assessment(checklist: Checklist, result: ChecklistAssessment, path: Path,
                      as_at: str) -> None:
    print(f"{checklist.name} (version {checklist.version}, law as at {as_at}): {path}")
    for item, suggestion in zip(checklist.items, result.suggestions):
        print(f"\n{suggestion.status.symbol} {suggestion.status.label:<14} "
              f"{suggestion.confidence:.2f}  {item.id}: {item.title}")
        print(f"    {suggestion.reason}")
        for hit in suggestion.evidence:
            print(f"    [{hit.ref}] {_excerpt(hit.text)}")
        if suggestion.closest:
            print("    Closest passages (not evidence; check them):")
            for hit in suggestion.closest:
                print(f"      [{hit.ref}] {_excerpt(hit.text)}")
    print()


def assessment_json(result: ChecklistAssessment) -> dict[str, Any]:
    """The `assess --json` contract."""
    return {
        "checklist": result.checklist_id,
        "checklist_version": result.checklist_version,
        "items": [{
            "id": suggestion.item_id,
            "status": suggestion.status.value,
            "confidence": suggestion.confidence,
            "reason": suggestion.reason,
            "evidence": [_hit_json(hit) for hit in suggestion.evidence],
            "closest": [_hit_json(hit) for hit in suggestion.closest],
            "basis": suggestion.basis,
        } for suggestion in result.suggestions],
    }


def _hit_json(hit: EvidenceHit) -> dict[str, Any]:
    return {"ref": hit.ref, "start": hit.start, "end": hit.end, "text": hit.text,
            "score": hit.score}


def evaluate_command(args: argparse.Namespace) -> int:
    from desktop_app.core.evaluation import evaluate_labels, load_labels, summarise

    checklist_files = [path for path in args.labels if not path.name.endswith(_DEFECT_SUFFIX)]
    defect_files = [path for path in args.labels if path.name.endswith(_DEFECT_SUFFIX)]
    results = [evaluate_labels(load_labels(path), args.policies) for path in checklist_files]
    summary = summarise(results) if results else None
    defects = _defect_figures(defect_files, args.policies)
    if args.json:
        emit_json({"checklists": _summary_json(summary, results) if summary else None,
                   "defects": defects})
        return 0
    if summary:
        _print_summary(summary, results)
    _print_defects(defects)
    return 0


def _defect_figures(paths: list[Path], policies: Path | None) -> list[dict[str, Any]]:
    """Lint figures for the defect label files, one entry per policy folder."""
    from desktop_app.core.lint_eval import evaluate_defects

    groups: dict[Path, list[Path]] = {}
    for path in paths:
        folder = policies if policies is not None else path.parent.parent / "policies"
        groups.setdefault(folder, []).append(path)
    return [{"policies": str(folder), "labels": [str(path) for path in files],
             **evaluate_defects(files, folder).as_dict()} for folder, files in groups.items()]


def _print_defects(figures: list[dict[str, Any]]) -> None:
    for group in figures:
        print(f"\nDrafting defects ({len(group['labels'])} label files)")
        for name in ("structural", "typo", "overall"):
            score = group[name]
            print(f"  {name:<10} recall {score['recall']:.3f}  precision {score['precision']:.3f}"
                  f"  ({score['found']}/{score['labelled']} labels found, "
                  f"{score['correct']}/{score['reported']} reports correct)")
        print(f"  missed {len(group['missed'])}, false alarms {len(group['false_alarms'])}")


def _summary_json(summary: Summary, results: list[PairResult]) -> dict[str, Any]:
    return {
        "pairs": [{"labels": str(r.label_path), "policy": r.policy, "checklist": r.checklist,
                   "items": len(r.outcomes)} for r in results],
        "items": summary.items,
        "status_exact": round(summary.exact, 4),
        "status_lenient": round(summary.lenient, 4),
        "evidence_items": summary.evidence_items,
        "hit_at_1": round(summary.hit1, 4),
        "hit_at_3": round(summary.hit3, 4),
        "confusion": {expected.value: {suggested.value: summary.confusion.get((expected, suggested),
                                                                               0)
                                       for suggested in STATUS_ORDER}
                      for expected in STATUS_ORDER},
        "false_satisfied": summary.false_satisfied,
        "reliability": [{"low": b.low, "high": b.high, "count": b.count, "right": b.right,
                         "share_right": round(b.share, 4)} for b in summary.reliability],
        "disagreements": [{"pair": pair, "item": o.item_id, "expected": o.expected.value,
                           "suggested": o.suggested.value, "reason": o.reason}
                          for pair, o in summary.disagreements],
    }


def _print_summary(summary: Summary, results: list[PairResult]) -> None:
    for result in results:
        print(f"{result.policy} × {result.checklist}: {len(result.outcomes)} labelled items")
    print(f"\nStatus agreement: exact {summary.exact:.3f}, lenient {summary.lenient:.3f} "
          f"({summary.items} items)")
    print(f"Evidence: hit@1 {summary.hit1:.3f}, hit@3 {summary.hit3:.3f} "
          f"({summary.evidence_items} satisfied or partial items)")
    width = max(len(status.value) for status in STATUS_ORDER)
    print("\nConfusion (rows expected, columns suggested)")
    print(" " * (width + 2) + "  ".join(f"{s.value:>{width}}" for s in STATUS_ORDER))
    for expected in STATUS_ORDER:
        row = "  ".join(f"{summary.confusion.get((expected, s), 0):>{width}}"
                        for s in STATUS_ORDER)
        print(f"{expected.value:>{width}}  {row}")
    print(f"\nFalse \"satisfied\" (suggested satisfied, labelled otherwise): "
          f"{summary.false_satisfied}")
    print("\nReliability (confidence → items → share whose suggested status was right)")
    for row in summary.reliability:
        share = f"{row.share:.3f}" if row.count else "    -"
        print(f"  {row.low:.1f}–{row.high:.1f}  {row.count:>5}  {share}")
    print(f"\nDisagreements: {len(summary.disagreements)}")
    for pair, outcome in summary.disagreements:
        print(f"  {pair}  {outcome.item_id}: expected {outcome.expected.value}, "
              f"suggested {outcome.suggested.value}\n      {outcome.reason}")


def _excerpt(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

