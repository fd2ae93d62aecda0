"""Evidence benchmark: does the passage a reviewer sees first hold what the label quotes?

Prints evidence hit@1 and hit@3 over every labelled pair, per label set, per checklist and per
topic; then, for every satisfied or partial labelled item whose first passage is none of the
labelled quotes, the item, the clause the label quotes and the clause the engine put first,
grouped by the kind of ranking error:

- heading line first: a short title line without a sentence ranks above the statement;
- lead-in first: the clause introducing a list ranks above the list item that holds the quote;
- list item first: a list item ranks above the lead-in (or another item) the label quotes;
- other jurisdiction: the first passage sits in a section addressed to other residents;
- quoted clause set aside: the label quotes a clause the engine takes for another
  jurisdiction's, so it cannot be shown;
- right clause 2nd or 3rd / 4th or lower / not scored: the quoted clause is ranked, just not
  first (a more general sentence beats it), ranked too low to be shown, or not found at all.

Usage: .venv/bin/python benchmarks/evidence_bench.py [LABEL_FILES...] [--list N]
  (default: ../shared/eval/*.yaml and tests/data/eval/*.yaml)
"""

from __future__ import annotations

import argparse
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from labelled import SHARED, default_labels, labelled_pairs

from desktop_app.core.assessment import EvidenceHit
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.document import PolicyDocument
from desktop_app.core.engine import assess, document_index, foreign_clauses
from desktop_app.core.evaluation import evidence_hit
from desktop_app.core.ranking import DocumentIndex
from desktop_app.core.scoring import score_clauses
from desktop_app.core.status import Status

# A line of at most this many words that does not end a sentence reads as a title.
_TITLE_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?;:)\"\u201d]\s*$")

CLASSES = (
    "heading line first",
    "lead-in first",
    "list item first",
    "other jurisdiction",
    "quoted clause set aside",
    "right clause 2nd or 3rd",
    "right clause 4th or lower",
    "not scored",
)


@dataclass(frozen=True)
class Miss:
    pair: str
    item_id: str
    topic: str
    error: str
    quoted: str
    first: str
    rank: int


@dataclass
class Tally:
    items: int = 0
    hit1: int = 0
    hit3: int = 0

    def add(self, one: bool, three: bool) -> None:
        self.items += 1
        self.hit1 += one
        self.hit3 += three

    def row(self, name: str) -> str:
        count = self.items or 1
        return (f"{name:<34} {self.items:>5} {self.hit1 / count:>8.3f} "
                f"{self.hit3 / count:>8.3f}")


def clause_of(document: PolicyDocument, starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def quoted_clauses(document: PolicyDocument, quotes: tuple[str, ...]) -> list[int]:
    """The clauses whose text overlaps one of the quotes."""
    return [number for number, clause in enumerate(document.clauses)
            if evidence_hit(quotes, (EvidenceHit(clause.ref, clause.start, clause.end,
                                                 clause.text, 0.0),), 1)]


def is_title_line(text: str) -> bool:
    words = text.split()
    return len(words) <= _TITLE_WORDS and not _SENTENCE_END.search(text.strip())


def classify(index: DocumentIndex, first: int | None, quoted: list[int], rank: int | None,
             foreign: frozenset[int]) -> str:
    if quoted and all(number in foreign for number in quoted):
        return "quoted clause set aside"
    if first is None or rank is None:
        return "not scored"
    text = index.document.clauses[first].text
    if first in foreign:
        return "other jurisdiction"
    if is_title_line(text):
        return "heading line first"
    if any(number in index.items.get(first, ()) for number in quoted):
        return "lead-in first"
    lead = index.lead_of.get(first)
    if lead is not None and any(number == lead or index.lead_of.get(number) == lead
                                for number in quoted):
        return "list item first"
    return "right clause 2nd or 3rd" if rank < 3 else "right clause 4th or lower"


def short(text: str, width: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="*", type=Path)
    parser.add_argument("--list", type=int, default=200, help="misses listed per class")
    args = parser.parse_args()
    paths = args.labels or default_labels()
    registry = ChecklistRegistry.default()
    tallies: dict[str, Tally] = defaultdict(Tally)
    misses: list[Miss] = []
    for path, labels, document in labelled_pairs(paths):
        checklist = registry.get(labels.checklist)
        assessment = assess(document, checklist)
        index = document_index(document)
        foreign = foreign_clauses(index, checklist)
        starts = [clause.start for clause in document.clauses]
        label_set = "shared" if path.parent == SHARED / "eval" else "ours"
        pair = f"{labels.policy} \u00d7 {labels.checklist}"
        for label in labels.items:
            if label.status not in (Status.SATISFIED, Status.PARTIAL) or not label.quotes:
                continue
            item = checklist.item(label.item_id)
            suggestion = assessment.for_item(label.item_id)
            shown = suggestion.evidence or suggestion.closest
            one, three = evidence_hit(label.quotes, shown, 1), evidence_hit(label.quotes, shown, 3)
            for name in ("ALL", label_set, f"checklist {labels.checklist}",
                         f"topic {item.topic}"):
                tallies[name].add(one, three)
            if one:
                continue
            scores = score_clauses(index, item, foreign).scores
            ranked = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
            quoted = quoted_clauses(document, label.quotes)
            places = [ranked.index(number) for number in quoted if scores[number] > 0]
            first = clause_of(document, starts, shown[0].start) if shown else None
            error = classify(index, first, quoted, min(places, default=None), foreign)
            misses.append(Miss(pair, label.item_id, item.topic, error,
                               document.clauses[quoted[0]].text if quoted else "(not found)",
                               document.clauses[first].text if first is not None else "(none)",
                               min(places, default=-1) + 1))
    print(f"{len(paths)} label files\n")
    print(f"{'':<34} {'items':>5} {'hit@1':>8} {'hit@3':>8}")
    order = ["ALL", "shared", "ours"] + sorted(n for n in tallies if n.startswith("checklist")) \
        + sorted(n for n in tallies if n.startswith("topic"))
    for name in order:
        if name in tallies:
            print(tallies[name].row(name))
    print(f"\nFirst passage not a labelled quote: {len(misses)}")
    for error in CLASSES:
        print(f"  {error:<28} {sum(m.error == error for m in misses):>4}")
    for error in CLASSES:
        group = [m for m in misses if m.error == error]
        if not group:
            continue
        print(f"\n== {error} ({len(group)})")
        for miss in group[:args.list]:
            print(f"  {miss.item_id} [{miss.pair}] quoted clause ranked {miss.rank or '-'}")
            print(f"      label: {short(miss.quoted)}")
            print(f"      first: {short(miss.first)}")


if __name__ == "__main__":
    main()
