"""Measure the engine against expert labels: status agreement, confusion matrix, evidence hit@k."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from desktop_app.core.assessment import ChecklistAssessment, EvidenceHit
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.engine import assess
from desktop_app.core.ingest import load_document
from desktop_app.core.status import Status
from desktop_app.core.textnorm import fold_space
from desktop_app.errors import InputError

# Shortest shared run of text at which a passage and a quote count as running into each other.
_MIN_JOIN = 15
# Confidence bins of the reliability table.
RELIABILITY_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
# Near misses the label README scores as half agreement.
_HALF_CREDIT = frozenset({
    frozenset({Status.PARTIAL, Status.SATISFIED}),
    frozenset({Status.PARTIAL, Status.MISSING}),
    frozenset({Status.NOT_APPLICABLE, Status.MISSING}),
})


@dataclass(frozen=True)
class ItemLabel:
    item_id: str
    status: Status
    quotes: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class LabelFile:
    """One policy labelled against one checklist."""

    path: Path
    policy: str
    checklist: str
    items: tuple[ItemLabel, ...]


@dataclass(frozen=True)
class ItemOutcome:
    """How the engine's suggestion for one item compares with its label.

    hit1 and hit3 are None for items whose label carries no evidence (missing, not applicable).
    """

    item_id: str
    expected: Status
    suggested: Status
    reason: str
    credit: float
    hit1: bool | None
    hit3: bool | None
    confidence: float = 0.0


@dataclass(frozen=True)
class PairResult:
    label_path: Path
    policy: str
    checklist: str
    outcomes: tuple[ItemOutcome, ...]


@dataclass(frozen=True)
class Summary:
    """Figures over all evaluated items."""

    items: int
    exact: float
    lenient: float
    evidence_items: int
    hit1: float
    hit3: float
    confusion: dict[tuple[Status, Status], int]
    disagreements: tuple[tuple[str, ItemOutcome], ...]
    #: Items suggested satisfied whose label is anything else: false assurance.
    false_satisfied: int = 0
    reliability: tuple[ReliabilityBin, ...] = ()


@dataclass(frozen=True)
class ReliabilityBin:
    """Suggestions whose confidence falls in [low, high), and how many had the label's status."""

    low: float
    high: float
    count: int
    right: int

    @property
    def share(self) -> float:
        return self.right / self.count if self.count else 0.0


def load_labels(path: Path) -> LabelFile:
    """Read a `<policy>.<checklist>.yaml` label file; raise InputError when it is malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"cannot read label file {path}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise InputError(f"label file {path} is not valid YAML: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
        raise InputError(f"label file {path} needs 'policy', 'checklist' and an 'items' mapping")
    for key in ("policy", "checklist"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise InputError(f"label file {path} needs a '{key}' text field")
    items = tuple(_item_label(path, item_id, value) for item_id, value in data["items"].items())
    return LabelFile(path, data["policy"], data["checklist"], items)


def _item_label(path: Path, item_id: Any, value: Any) -> ItemLabel:
    if not isinstance(value, dict):
        raise InputError(f"label file {path}: item {item_id} must be a mapping with a status")
    try:
        status = Status(value.get("status"))
    except ValueError as error:
        allowed = ", ".join(status.value for status in Status)
        raise InputError(f"label file {path}: item {item_id} has status "
                         f"{value.get('status')!r}; use one of {allowed}") from error
    quotes = value.get("quotes") or ()
    if not isinstance(quotes, (list, tuple)) or not all(isinstance(q, str) for q in quotes):
        raise InputError(f"label file {path}: item {item_id} quotes must be a list of texts")
    return ItemLabel(str(item_id), status, tuple(quotes), str(value.get("note") or ""))


def credit(expected: Status, suggested: Status) -> float:
    """Lenient agreement: 1 for the same status, 0.5 for a near miss, else 0."""
    if expected == suggested:
        return 1.0
    return 0.5 if frozenset({expected, suggested}) in _HALF_CREDIT else 0.0


def evidence_hit(quotes: tuple[str, ...], evidence: tuple[EvidenceHit, ...], k: int) -> bool:
    """True when one of the top `k` passages overlaps a quote (after folding space and case)."""
    folded_quotes = [fold_space(quote) for quote in quotes if quote.strip()]
    return any(_overlap(fold_space(hit.text), quote)
               for hit in evidence[:k] for quote in folded_quotes)


def _overlap(passage: str, quote: str) -> bool:
    """One holds the other, or they run into each other (a quote spanning two clauses)."""
    if not passage or not quote:
        return False
    if quote in passage or passage in quote:
        return True
    shortest = min(len(passage), len(quote), _MIN_JOIN)
    return any(passage.endswith(quote[:size]) or quote.endswith(passage[:size])
               for size in range(shortest, min(len(passage), len(quote))))


def compare(labels: LabelFile, assessment: ChecklistAssessment) -> PairResult:
    """Compare an assessment of the labelled policy with its labels (unlabelled items ignored)."""
    outcomes = []
    for label in labels.items:
        try:
            suggestion = assessment.for_item(label.item_id)
        except KeyError as error:
            raise InputError(f"label file {labels.path}: item {label.item_id} is not in "
                             f"checklist {labels.checklist}") from error
        scored = label.status in (Status.SATISFIED, Status.PARTIAL) and bool(label.quotes)
        # The passages a reviewer is shown: the evidence, or for an item suggested missing
        # or not applicable the closest passages.
        shown = suggestion.evidence or suggestion.closest
        outcomes.append(ItemOutcome(
            label.item_id, label.status, suggestion.status, suggestion.reason,
            credit(label.status, suggestion.status),
            evidence_hit(label.quotes, shown, 1) if scored else None,
            evidence_hit(label.quotes, shown, 3) if scored else None,
            suggestion.confidence,
        ))
    return PairResult(labels.path, labels.policy, labels.checklist, tuple(outcomes))


def summarise(results: list[PairResult]) -> Summary:
    """Pool the outcomes of every labelled pair into one set of figures."""
    outcomes = [(result, outcome) for result in results for outcome in result.outcomes]
    count = len(outcomes)
    with_evidence = [outcome for _, outcome in outcomes if outcome.hit1 is not None]
    confusion = Counter((outcome.expected, outcome.suggested) for _, outcome in outcomes)
    return Summary(
        items=count,
        exact=_share(sum(o.expected == o.suggested for _, o in outcomes), count),
        lenient=_share(sum(o.credit for _, o in outcomes), count),
        evidence_items=len(with_evidence),
        hit1=_share(sum(bool(o.hit1) for o in with_evidence), len(with_evidence)),
        hit3=_share(sum(bool(o.hit3) for o in with_evidence), len(with_evidence)),
        confusion=dict(confusion),
        disagreements=tuple((f"{r.policy} × {r.checklist}", o) for r, o in outcomes
                            if o.expected != o.suggested),
        false_satisfied=sum(o.suggested == Status.SATISFIED != o.expected for _, o in outcomes),
        reliability=reliability([(o.confidence, o.expected == o.suggested)
                                 for _, o in outcomes]),
    )


def reliability(scored: list[tuple[float, bool]],
                edges: tuple[float, ...] = RELIABILITY_EDGES) -> tuple[ReliabilityBin, ...]:
    """Confidence bins (the last one closed at 1) with how many suggestions in each were right."""
    bins = []
    for low, high in zip(edges, edges[1:]):
        last = high == edges[-1]
        inside = [right for confidence, right in scored
                  if low <= confidence < high or (last and confidence == high)]
        bins.append(ReliabilityBin(low, high, len(inside), sum(inside)))
    return tuple(bins)


def _share(part: float, whole: int) -> float:
    return part / whole if whole else 0.0


def policy_path(labels: LabelFile, policies_dir: Path | None = None) -> Path:
    """The labelled policy: in `policies_dir` when given, else in `<label dir>/../policies/`."""
    folder = policies_dir if policies_dir is not None else labels.path.parent.parent / "policies"
    return folder / labels.policy


def evaluate_labels(labels: LabelFile, policies_dir: Path | None = None) -> PairResult:
    """Assess the labelled policy against its checklist and compare with the labels."""
    path = policy_path(labels, policies_dir)
    if not path.is_file():
        raise InputError(f"policy {labels.policy} named in {labels.path} not found at {path}; "
                         "pass --policies DIR to say where the policies are")
    document = load_document(path)
    checklist = ChecklistRegistry.default().get(labels.checklist)
    return compare(labels, assess(document, checklist))
