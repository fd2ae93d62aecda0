"""Drafting lint: placeholders, missing references, truncations, repeats, numbering, typos, site text."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.boilerplate import find_boilerplate
from desktop_app.core.lint.grammar import find_grammar_slips
from desktop_app.core.lint.numbering import find_numbering_gaps, find_wrong_cross_references
from desktop_app.core.lint.references import find_blank_references, find_placeholders
from desktop_app.core.lint.structure import find_duplicates, find_truncations
from desktop_app.core.lint.typos import find_typos
from desktop_app.core.lint.units import Unit, split_units

Check = Callable[[PolicyDocument, list[Unit]], list[Defect]]
POLICY_CHECKS: tuple[Check, ...] = (
    find_placeholders, find_blank_references, find_truncations, find_duplicates,
    find_numbering_gaps, find_wrong_cross_references, find_typos, find_grammar_slips,
)
# When two kinds flag the same words, the more specific one explains the problem better.
SUPERSEDED_BY = {"truncated": ("blank-reference", "placeholder"), "typo": ("placeholder",)}

__all__ = ["lint"]


def lint(document: PolicyDocument) -> list[Defect]:
    """All drafting defects in the document, sorted by position."""
    units = split_units(document)
    removed = [(span.start, span.end) for span in document.removed]

    def inside_removed(start: int, end: int) -> bool:
        return any(left <= start and end <= right for left, right in removed)

    policy_units = [unit for unit in units if not inside_removed(unit.start, unit.end)]
    found = find_boilerplate(document, units)
    for check in POLICY_CHECKS:
        found.extend(defect for defect in check(document, policy_units)
                     if not inside_removed(defect.start, defect.end))
    return _resolve_overlaps(found)


def _resolve_overlaps(defects: list[Defect]) -> list[Defect]:
    """One defect per problem: drop same-kind overlaps, then kinds a better one covers."""
    kept: dict[str, list[Defect]] = {}
    for defect in sorted(defects, key=lambda d: (d.start, -d.end, d.kind)):
        same = kept.setdefault(defect.kind, [])
        # Kept defects of one kind are sorted and disjoint: only the last can overlap.
        if defect.end > defect.start and (not same or same[-1].end <= defect.start):
            same.append(defect)
    starts = {kind: [defect.start for defect in group] for kind, group in kept.items()}

    def covered(defect: Defect) -> bool:
        for kind in SUPERSEDED_BY.get(defect.kind, ()):
            # The one kept defect of `kind` starting last before `defect` ends is the only candidate.
            index = bisect.bisect_left(starts.get(kind, []), defect.end) - 1
            if index >= 0 and kept[kind][index].end > defect.start:
                return True
        return False

    result = [defect for group in kept.values() for defect in group if not covered(defect)]
    return sorted(result, key=lambda d: (d.start, d.end, d.kind))
