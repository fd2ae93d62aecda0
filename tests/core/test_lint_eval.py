"""Lint evaluation: quote matching, scores, label file errors, and the figures on the shared labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.lint_eval import Score, evaluate_defects, fold_with_offsets, load_labels
from desktop_app.errors import InputError

STRUCTURAL_RECALL = 0.90
STRUCTURAL_PRECISION = 0.80
TYPO_PRECISION = 0.80


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_fold_keeps_offsets_into_the_original() -> None:
    text = "Say  “Hello”\n\nWorld"
    folded, origin = fold_with_offsets(text)
    assert folded == 'say "hello" world'
    assert text[origin[folded.index("world")]] == "W"


def test_scores_count_found_missed_and_false_alarms(tmp_path: Path) -> None:
    policies = tmp_path / "policies"
    policies.mkdir()
    write(policies / "p.txt", "Intro.\n\nPlease email your request to, and wait.\n\n"
                              "Made by [Company name].\n\nWe keep   data safe.")
    labels = write(tmp_path / "p.defects.yaml", (
        "policy: p.txt\ndefects:\n"
        "  - kind: blank-reference\n    quote: \"email your request to, and\"\n"
        "  - kind: typo\n    quote: \"keep data safe\"\n"))
    evaluation = evaluate_defects([labels], policies)
    assert evaluation.per_kind["blank-reference"] == Score(labelled=1, found=1, reported=1, correct=1)
    assert [label.quote for label in evaluation.missed] == ["keep data safe"]
    assert [alarm.defect.text for alarm in evaluation.false_alarms] == ["[Company name]"]
    assert evaluation.structural.precision == 0.5 and evaluation.typo.recall == 0.0
    assert evaluation.as_dict()["overall"]["labelled"] == 2


@pytest.mark.parametrize("content, message", [
    ("policy: [unclosed\n", "cannot read defect labels"),
    ("- just a list\n", "is not a defect label file"),
    ("policy: p.txt\ndefects:\n  - kind: smudge\n    quote: x\n", "needs a kind"),
])
def test_bad_label_files_raise_input_errors(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_labels(write(tmp_path / "bad.defects.yaml", content))


def test_missing_policy_is_an_input_error(tmp_path: Path) -> None:
    labels = write(tmp_path / "x.defects.yaml", "policy: nowhere.txt\ndefects: []\n")
    with pytest.raises(InputError, match="not found"):
        evaluate_defects([labels], tmp_path)


def test_shared_labels_meet_the_quality_bar(eval_dir: Path, policies_dir: Path) -> None:
    evaluation = evaluate_defects(sorted(eval_dir.glob("*.defects.yaml")), policies_dir)
    assert evaluation.structural.labelled > 0
    assert evaluation.structural.recall >= STRUCTURAL_RECALL
    assert evaluation.structural.precision >= STRUCTURAL_PRECISION
    assert evaluation.typo.precision >= TYPO_PRECISION
