"""From a policy file to its suggestions: everything an import computes before storing."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.assessment import ChecklistAssessment
from desktop_app.core.checklist import Checklist
from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.engine import assess
from desktop_app.core.ingest import analyse_text, extract_text
from desktop_app.core.lint import lint

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ChecklistChoice:
    """Which checklists to assess against: the ones named, else the detected ones plus `extra`.

    Attributes:
        available: every checklist that detection may pick from.
        extra: checklists assessed in any case unless named ones are given (e.g. the
            checklists a previous version of the same policy was audited against).
    """

    named: tuple[Checklist, ...] = ()
    available: tuple[Checklist, ...] = ()
    extra: tuple[Checklist, ...] = ()

    def for_document(self, document: PolicyDocument) -> list[Checklist]:
        if self.named:
            return list({c.id: c for c in self.named}.values())
        by_id = {c.id: c for c in self.available}
        chosen = {hit.id: by_id[hit.id] for hit in document.jurisdictions if hit.id in by_id}
        for checklist in self.extra:
            chosen.setdefault(checklist.id, checklist)
        return list(chosen.values())


@dataclass(frozen=True)
class PolicyAnalysis:
    path: Path
    sha256: str
    document: PolicyDocument
    defects: tuple[Defect, ...]
    assessments: tuple[tuple[Checklist, ChecklistAssessment], ...]


def analyse_file(path: Path, choice: ChecklistChoice,
                 progress: Progress | None = None) -> PolicyAnalysis:
    """Read, clean, segment, lint and assess one policy file (raises InputError on bad input)."""
    report = progress or (lambda done, total, message: None)
    report(0, 3, f"Reading {path.name}")
    extracted = extract_text(path)
    document = analyse_text(extracted.text, extracted.source_format, choice.available or None)
    report(1, 3, "Checking the drafting")
    defects = tuple(lint(document))
    checklists = choice.for_document(document)
    assessments = []
    for index, checklist in enumerate(checklists):
        report(2, 3, f"Assessing against {checklist.name} ({index + 1}/{len(checklists)})")
        assessments.append((checklist, assess(document, checklist)))
    return PolicyAnalysis(path, extracted.sha256, document, defects, tuple(assessments))


def analyse_files(jobs: Sequence[tuple[Path, ChecklistChoice]],
                  workers: int) -> Iterator[PolicyAnalysis | Exception]:
    """Analyse many files in order, in parallel processes when `workers` > 1.

    Results are yielded as they come, so the caller can store one while others are analysed;
    errors are yielded in place of their file's result.
    """
    if workers <= 1 or len(jobs) < 2:
        yield from (_analyse_or_error(path, choice) for path, choice in jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_analyse_or_error, *zip(*jobs), chunksize=4)


def _analyse_or_error(path: Path, choice: ChecklistChoice) -> PolicyAnalysis | Exception:
    try:
        return analyse_file(path, choice)
    except Exception as error:  # noqa: BLE001 - reported per file; one bad file must not stop a batch
        return error
