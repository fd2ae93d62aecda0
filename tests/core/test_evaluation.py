"""Scoring the engine against expert labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.assessment import ChecklistAssessment, EvidenceHit, Suggestion
from desktop_app.core.evaluation import (
    compare,
    credit,
    evaluate_labels,
    evidence_hit,
    load_labels,
    summarise,
)
from desktop_app.core.status import Status
from desktop_app.errors import InputError

S, P, M, N = Status.SATISFIED, Status.PARTIAL, Status.MISSING, Status.NOT_APPLICABLE


@pytest.mark.parametrize(("expected", "suggested", "points"), [
    (S, S, 1.0), (P, S, 0.5), (S, P, 0.5), (P, M, 0.5), (N, M, 0.5), (M, N, 0.5),
    (S, M, 0.0), (P, N, 0.0), (S, N, 0.0),
])
def test_lenient_credit(expected: Status, suggested: Status, points: float) -> None:
    assert credit(expected, suggested) == points


def hit(text: str) -> EvidenceHit:
    return EvidenceHit("1", 0, len(text), text, 1.0)


def test_evidence_hit_folds_space_case_and_curly_quotes() -> None:
    quote = "You can contact the \u201cPrivacy Office\u201d at any time"
    passage = 'Questions?  YOU CAN contact the "privacy office"\nat any time, by post.'
    assert evidence_hit((quote,), (hit("Unrelated."), hit(passage)), 2)
    assert not evidence_hit((quote,), (hit("Unrelated."), hit(passage)), 1)


def test_evidence_hit_accepts_a_passage_inside_the_quote() -> None:
    assert evidence_hit(("(a) deliver your order; (b) answer questions",),
                        (hit("(b) answer questions"),), 1)


def test_evidence_hit_accepts_a_quote_running_over_two_passages() -> None:
    quote = "for the following purposes: (a) to deliver your order"
    assert evidence_hit((quote,), (hit("We use your data for the following purposes:"),), 1)
    assert not evidence_hit((quote,), (hit("We use your data for many purposes."),), 1)


def write_labels(folder: Path, body: str) -> Path:
    path = folder / "example.test.yaml"
    path.write_text(body, encoding="utf-8")
    return path


LABELS = """\
policy: example.txt
checklist: test
items:
  t.one:
    status: satisfied
    quotes: ["we keep data for two years"]
  t.two:
    status: partial
    quotes: ["contact us"]
  t.three:
    status: not-applicable
"""


def test_compare_and_summarise(tmp_path: Path) -> None:
    labels = load_labels(write_labels(tmp_path, LABELS))
    assessment = ChecklistAssessment("test", "1", (
        Suggestion("t.one", S, 0.9, "found", (hit("We keep data for two years."),)),
        Suggestion("t.two", S, 0.8, "found", (hit("Elsewhere."), hit("Write to us."))),
        Suggestion("t.three", M, 0.7, "nothing"),
    ))
    summary = summarise([compare(labels, assessment)])
    assert summary.items == 3
    assert summary.exact == pytest.approx(1 / 3)
    assert summary.lenient == pytest.approx((1 + 0.5 + 0.5) / 3)
    assert (summary.evidence_items, summary.hit1, summary.hit3) == (2, 0.5, 0.5)
    assert summary.confusion[(P, S)] == 1
    assert [outcome.item_id for _, outcome in summary.disagreements] == ["t.two", "t.three"]


@pytest.mark.parametrize("body", [
    "not: [valid",
    "policy: x.txt\nchecklist: test\nitems: []\n",
    "policy: x.txt\nchecklist: test\nitems:\n  t.one:\n    status: done\n",
    "checklist: test\nitems: {}\n",
])
def test_malformed_label_file_is_an_input_error(tmp_path: Path, body: str) -> None:
    with pytest.raises(InputError):
        load_labels(write_labels(tmp_path, body))


def test_missing_policy_names_the_place_looked_in(tmp_path: Path) -> None:
    labels = load_labels(write_labels(tmp_path, LABELS.replace("checklist: test",
                                                               "checklist: gdpr")))
    with pytest.raises(InputError, match="--policies"):
        evaluate_labels(labels)


def test_shared_labels_meet_the_targets(eval_dir: Path) -> None:
    results = [evaluate_labels(load_labels(path))
               for path in sorted(eval_dir.glob("*.yaml"))
               if not path.name.endswith(".defects.yaml")]
    assert len(results) >= 2
    summary = summarise(results)
    assert summary.lenient >= 0.92
    assert summary.hit3 >= 0.90
    # A false "satisfied" is the costliest error a suggestion can make.
    assert summary.false_satisfied <= 2
