"""The expert label files kept in tests/data/eval are well formed and quote their policies exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.checklist_loader import ChecklistRegistry, load_checklist
from desktop_app.core.evaluation import LabelFile, load_labels
from desktop_app.core.status import Status
from desktop_app.core.textnorm import fold_space

EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "eval"
EXAMPLE_DIR = paths.RESOURCES / "example"
LABEL_FILES = sorted(EVAL_DIR.glob("*.yaml"))
QUOTED = {Status.SATISFIED, Status.PARTIAL}
# Items added to the checklists since this 2026.2 copy may still await their labels.
BASELINE_DIR = Path(__file__).resolve().parent.parent / "data" / "checklists-2026.2"


def items_since_baseline(checklist_id: str, item_ids: list[str]) -> set[str]:
    baseline = BASELINE_DIR / f"{checklist_id}.yaml"
    if not baseline.is_file():
        return set()
    return set(item_ids) - {item.id for item in load_checklist(baseline).items}


@pytest.fixture(scope="module")
def registry() -> ChecklistRegistry:
    return ChecklistRegistry.load(paths.SHIPPED_CHECKLISTS, None)


def policy_text(labels: LabelFile, request: pytest.FixtureRequest) -> str:
    """The labelled policy: the bundled example when it is one, else a shared sample policy."""
    example = EXAMPLE_DIR / labels.policy
    folder = EXAMPLE_DIR if example.is_file() else request.getfixturevalue("policies_dir")
    path = folder / labels.policy
    assert path.is_file(), f"{labels.path.name}: policy {labels.policy} not found in {folder}"
    return path.read_text(encoding="utf-8")


def test_label_folder_holds_label_files() -> None:
    assert len(LABEL_FILES) >= 1


@pytest.mark.parametrize("path", LABEL_FILES, ids=[path.name for path in LABEL_FILES])
def test_label_file_is_well_formed(path: Path, registry: ChecklistRegistry,
                                   request: pytest.FixtureRequest) -> None:
    labels = load_labels(path)
    assert path.name == f"{Path(labels.policy).stem}.{labels.checklist}.yaml"
    checklist = registry.get(labels.checklist)
    item_ids = [item.id for item in checklist.items]
    labelled = [label.item_id for label in labels.items]

    assert sorted(set(labelled) - set(item_ids)) == [], "labels for items the checklist lacks"
    unlabelled = set(item_ids) - set(labelled) - items_since_baseline(labels.checklist, item_ids)
    assert sorted(unlabelled) == [], "checklist items left unlabelled"

    text = fold_space(policy_text(labels, request))
    for label in labels.items:
        if label.status in QUOTED:
            assert 1 <= len(label.quotes) <= 3, f"{label.item_id}: give 1-3 quotes"
        else:
            assert label.quotes == (), f"{label.item_id}: {label.status.value} takes no quotes"
        assert label.note.strip(), f"{label.item_id}: say why in a note"
        for quote in label.quotes:
            assert fold_space(quote) in text, f"{label.item_id}: not in the policy: {quote!r}"
