"""The labelled policy/checklist pairs the engine benchmarks read, each policy loaded once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop_app.core.document import PolicyDocument
from desktop_app.core.evaluation import LabelFile, load_labels
from desktop_app.core.ingest import load_document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
#: Where labelled policies are: the shared samples, and the bundled example.
POLICY_DIRS = (SHARED / "policies", ROOT / "resources" / "example")


def default_labels() -> list[Path]:
    """Every checklist label file: the shared expert labels, then the project's own."""
    files = sorted((SHARED / "eval").glob("*.yaml")) + sorted(
        (ROOT / "tests" / "data" / "eval").glob("*.yaml"))
    return [path for path in files if not path.name.endswith(".defects.yaml")]


def labelled_pairs(paths: Iterable[Path]) -> Iterator[tuple[Path, LabelFile, PolicyDocument]]:
    """Each label file with its labels and its policy, read once however many files name it."""
    documents: dict[str, PolicyDocument] = {}
    for path in paths:
        labels = load_labels(path)
        if labels.policy not in documents:
            found = next(folder / labels.policy for folder in POLICY_DIRS
                         if (folder / labels.policy).is_file())
            documents[labels.policy] = load_document(found)
        yield path, labels, documents[labels.policy]
