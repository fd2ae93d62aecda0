"""Drafting lint: placeholders, missing references, truncations, repeats, numbering, typos, site text."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.boilerplate import find_boilerplate
from desktop_app.core.lint.encoding import find_undecodable
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
    find_undecodable,
)
# Blank references are checked too, as a placeholder or a cut sentence that is really a
# blank is superseded by it.
READING_CHECKS: tuple[Check, ...] = (
    find_placeholders, find_blank_references, find_truncations, find_duplicates,
)
# Defects listed per kind; beyond it one summary defect says how many more there are, so that a
# file full of one slip does not make thousands of rows to store, report and show.
MAX_DEFECTS_PER_KIND = 100
# When two kinds flag the same words, the more specific one explains the problem better.
SUPERSEDED_BY = {"truncated": ("blank-reference", "placeholder"), "typo": ("placeholder",)}

__all__ = ["cap_defects", "lint", "reading_defects"]


def lint(document: PolicyDocument) -> list[Defect]:
    """All drafting defects in the document, sorted by position."""
    return _run(document, POLICY_CHECKS, with_boilerplate=True)


def reading_defects(document: PolicyDocument) -> list[Defect]:
    """The defects that get in a reader's way (a placeholder, a sentence cut short, a repeated
    passage), sorted by position; cheaper than the whole lint."""
    return _run(document, READING_CHECKS, with_boilerplate=False)


def _run(document: PolicyDocument, checks: tuple[Check, ...], *,
         with_boilerplate: bool) -> list[Defect]:
    units = split_units(document)
    removed = sorted((span.start, span.end) for span in document.removed)
    lefts = [left for left, _ in removed]
    # The furthest end of any removed span starting at or before each one.
    reach = list(itertools.accumulate((right for _, right in removed), max))

    def inside_removed(start: int, end: int) -> bool:
        index = bisect.bisect_right(lefts, start) - 1
        return index >= 0 and reach[index] >= end

    policy_units = [unit for unit in units if not inside_removed(unit.start, unit.end)]
    found = find_boilerplate(document, units) if with_boilerplate else []
    for check in checks:
        found.extend(defect for defect in check(document, policy_units)
                     if not inside_removed(defect.start, defect.end))
    return cap_defects(_resolve_overlaps(found))


def cap_defects(defects: list[Defect]) -> list[Defect]:
    """The first MAX_DEFECTS_PER_KIND defects of each kind, then one that counts the rest."""
    counts: dict[str, int] = {}
    first_unlisted: dict[str, Defect] = {}
    kept: list[Defect] = []
    for defect in defects:
        seen = counts[defect.kind] = counts.get(defect.kind, 0) + 1
        if seen <= MAX_DEFECTS_PER_KIND:
            kept.append(defect)
        else:
            first_unlisted.setdefault(defect.kind, defect)
    for kind, first in first_unlisted.items():
        more = counts[kind] - MAX_DEFECTS_PER_KIND
        kept.append(Defect(kind, first.start, first.end, first.text,
                           f"{more:,} more {kind} defect{'s' if more > 1 else ''} from here "
                           "on are not listed; fix the ones shown and check again."))
    return sorted(kept, key=lambda d: (d.start, d.end, d.kind))


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
