"""Score the drafting lint against expert defect labels (`<policy>.defects.yaml`)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from desktop_app.core.document import DEFECT_KINDS, Defect, PolicyDocument
from desktop_app.core.ingest import load_document
from desktop_app.core.lint import lint
from desktop_app.errors import InputError

STRUCTURAL_KINDS = tuple(kind for kind in DEFECT_KINDS if kind != "typo")
QUOTE_FOLD = str.maketrans("“”‘’", "\"\"''")


@dataclass(frozen=True)
class LabelledDefect:
    """One expert label: the defect kind and a verbatim quote that shows it."""

    policy: str
    kind: str
    quote: str
    note: str = ""


@dataclass(frozen=True)
class Score:
    """Recall over labels and precision over reported defects for one kind or group."""

    labelled: int
    found: int
    reported: int
    correct: int

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.reported if self.reported else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {"labelled": self.labelled, "found": self.found, "reported": self.reported,
                "correct": self.correct, "recall": round(self.recall, 3),
                "precision": round(self.precision, 3)}


@dataclass(frozen=True)
class FoundLabel:
    label: LabelledDefect
    defect: Defect


@dataclass(frozen=True)
class FalseAlarm:
    policy: str
    defect: Defect


@dataclass
class LintEvaluation:
    """Lint figures per kind, for the structural kinds, for typos and overall."""

    per_kind: dict[str, Score]
    structural: Score
    typo: Score
    overall: Score
    found: list[FoundLabel] = field(default_factory=list)
    missed: list[LabelledDefect] = field(default_factory=list)
    false_alarms: list[FalseAlarm] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {
            "structural": self.structural.as_dict(),
            "typo": self.typo.as_dict(),
            "overall": self.overall.as_dict(),
            "per_kind": {kind: score.as_dict() for kind, score in self.per_kind.items()},
            "missed": [{"policy": m.policy, "kind": m.kind, "quote": m.quote} for m in self.missed],
            "false_alarms": [{"policy": f.policy, "kind": f.defect.kind, "text": f.defect.text}
                             for f in self.false_alarms],
        }


def load_labels(path: Path) -> tuple[str, list[LabelledDefect]]:
    """The policy file name and the labels of one `*.defects.yaml` file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(f"cannot read defect labels {path}: {error}; fix or remove the file") from error
    if not isinstance(data, dict) or not isinstance(data.get("policy"), str) \
            or not isinstance(data.get("defects"), list):
        raise InputError(f"{path} is not a defect label file: it needs 'policy' and a 'defects' list")
    policy = data["policy"]
    labels = []
    for number, entry in enumerate(data["defects"], start=1):
        if not isinstance(entry, dict) or entry.get("kind") not in DEFECT_KINDS \
                or not isinstance(entry.get("quote"), str) or not entry["quote"].strip():
            raise InputError(f"{path}: defect {number} needs a kind (one of {', '.join(DEFECT_KINDS)}) "
                             "and a non-empty quote")
        labels.append(LabelledDefect(policy, entry["kind"], entry["quote"], str(entry.get("note", ""))))
    return policy, labels


def evaluate_defects(label_paths: list[Path], policies_dir: Path) -> LintEvaluation:
    """Lint each labelled policy and score the defects against the labels."""
    found: list[FoundLabel] = []
    missed: list[LabelledDefect] = []
    false_alarms: list[FalseAlarm] = []
    reported: list[tuple[Defect, bool]] = []
    for path in label_paths:
        policy, labels = load_labels(path)
        document = _load_policy(policies_dir / policy)
        defects = lint(document)
        label_spans = [(label, _quote_spans(document.text, label.quote)) for label in labels]
        for label, spans in label_spans:
            match = next((d for d in defects if _matches(d, label.quote, spans)), None)
            if match is None:
                missed.append(label)
            else:
                found.append(FoundLabel(label, match))
        for defect in defects:
            correct = any(_matches(defect, label.quote, spans) for label, spans in label_spans)
            reported.append((defect, correct))
            if not correct:
                false_alarms.append(FalseAlarm(policy, defect))
    labels_all = [item.label for item in found] + missed

    def score(kinds: tuple[str, ...]) -> Score:
        return Score(
            labelled=sum(1 for label in labels_all if label.kind in kinds),
            found=sum(1 for item in found if item.label.kind in kinds),
            reported=sum(1 for defect, _ in reported if defect.kind in kinds),
            correct=sum(1 for defect, correct in reported if correct and defect.kind in kinds),
        )

    return LintEvaluation(
        per_kind={kind: score((kind,)) for kind in DEFECT_KINDS},
        structural=score(STRUCTURAL_KINDS),
        typo=score(("typo",)),
        overall=score(DEFECT_KINDS),
        found=found,
        missed=missed,
        false_alarms=false_alarms,
    )


def _load_policy(path: Path) -> PolicyDocument:
    if not path.is_file():
        raise InputError(f"labelled policy {path} not found; put it in the policies folder")
    return load_document(path)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Text folded for comparison (case, curly quotes, white space) and each character's origin."""
    chars: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        if char.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            origin.append(index - 1)
            pending_space = False
        chars.append(char.lower().translate(QUOTE_FOLD))
        origin.append(index)
    return "".join(chars), origin


def _quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place the quote occurs in the text, as original offsets."""
    folded, origin = fold_with_offsets(text)
    needle, _ = fold_with_offsets(quote)
    spans = []
    at = folded.find(needle)
    while needle and at >= 0:
        spans.append((origin[at], origin[at + len(needle) - 1] + 1))
        at = folded.find(needle, at + 1)
    return spans


def _matches(defect: Defect, quote: str, spans: list[tuple[int, int]]) -> bool:
    """The defect overlaps the quote: by position, or by text when the quote was not located."""
    if spans:
        starts = [start for start, _ in spans]
        index = bisect.bisect_left(starts, defect.end)
        return any(start < defect.end and defect.start < end for start, end in spans[:index])
    text, _ = fold_with_offsets(defect.text)
    needle, _ = fold_with_offsets(quote)
    return bool(text and needle) and (text in needle or needle in text)
