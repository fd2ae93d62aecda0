"""Silence checks: what the engine suggests for an item once the policy no longer states it.

For a labelled item the policy meets (satisfied or partial), the passages holding the label's
evidence are cut from the policy text and the item is assessed again through the import
pipeline; a stronger variant then also cuts, round after round, whatever the engine cites in
their place. A policy silent on an item must never have it suggested satisfied.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.core.assessment import EvidenceHit, Suggestion
from desktop_app.core.checklist import Checklist, ChecklistItem
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.document import PolicyDocument
from desktop_app.core.engine import assess
from desktop_app.core.evaluation import LabelFile, policy_path
from desktop_app.core.ingest import analyse_text, load_document
from desktop_app.core.status import Status
from desktop_app.core.textnorm import fold

#: Rounds of cutting what the engine cites, in the stronger variant.
CITED_ROUNDS = 3


@dataclass(frozen=True)
class SilencedItem:
    """One item's suggestions after its evidence was cut from the policy.

    Attributes:
        quoted: the suggestion once the passages holding the label's quotes are gone.
        cited: the suggestion once, in addition, what the engine cited is gone (up to
            CITED_ROUNDS rounds, or until it cites nothing).
        missed_quotes: label quotes not found in the policy text (nothing cut for them).
    """

    pair: str
    item_id: str
    topic: str
    expected: Status
    quoted: Suggestion
    cited: Suggestion
    rounds: int
    missed_quotes: int = 0


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place `quote` stands in `text`, compared as the evaluation does (case, typographic
    quotes and runs of white space folded), as spans of `text`."""
    folded: list[str] = []
    offsets: list[int] = []
    for place, char in enumerate(text):
        if char.isspace():
            if folded and folded[-1] != " ":
                folded.append(" ")
                offsets.append(place)
            continue
        for piece in fold(char):
            folded.append(piece)
            offsets.append(place)
    haystack = "".join(folded)
    needle = " ".join(fold(quote).split())
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle) - 1
        spans.append((offsets[start], offsets[end] + 1))
        start = haystack.find(needle, start + 1)
    return spans


def passages_around(document: PolicyDocument,
                    spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs (lines) and clauses that hold any part of the spans."""
    text = document.text
    cut = []
    for start, end in spans:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        cut.append((line_start, len(text) if line_end < 0 else line_end))
        cut += [(clause.start, clause.end) for clause in document.clauses
                if clause.start < end and start < clause.end]
    return cut


def without(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans cut out; each cut leaves a line break, so words never join."""
    pieces = []
    place = 0
    for start, end in sorted(spans):
        if end <= place:
            continue
        pieces.append(text[place:max(place, start)])
        pieces.append("\n")
        place = end
    pieces.append(text[place:])
    return "".join(pieces)


def assess_one(document: PolicyDocument, checklist: Checklist,
               item: ChecklistItem) -> Suggestion:
    """The suggestion for one item, as a full assessment of the checklist would give it."""
    return assess(document, replace(checklist, items=(item,))).for_item(item.id)


def silence_item(document: PolicyDocument, checklist: Checklist, item: ChecklistItem,
                 quotes: tuple[str, ...], pair: str = "", expected: Status = Status.SATISFIED,
                 rounds: int = CITED_ROUNDS) -> SilencedItem:
    """Cut the passages holding `quotes`, assess the item again; then keep cutting what the
    engine cites instead and assess again, up to `rounds` times."""
    spans = [span for quote in quotes for span in quote_spans(document.text, quote)]
    missed = sum(not quote_spans(document.text, quote) for quote in quotes)
    current = _reanalysed(document, passages_around(document, spans))
    quoted = assess_one(current, checklist, item)
    cited, done = quoted, 0
    while cited.evidence and done < rounds:
        current = _reanalysed(current, passages_around(current, _spans(cited.evidence)))
        cited = assess_one(current, checklist, item)
        done += 1
    return SilencedItem(pair, item.id, item.topic, expected, quoted, cited, done, missed)


def silence_labels(labels: LabelFile, policies_dir: Path | None = None,
                   rounds: int = CITED_ROUNDS,
                   document: PolicyDocument | None = None) -> list[SilencedItem]:
    """Silence every labelled item the policy meets (satisfied or partial, with quotes)."""
    if document is None:
        document = load_document(policy_path(labels, policies_dir))
    checklist = ChecklistRegistry.default().get(labels.checklist)
    items = {item.id: item for item in checklist.items}
    pair = f"{labels.policy} × {labels.checklist}"
    return [silence_item(document, checklist, items[label.item_id], label.quotes, pair,
                         label.status, rounds)
            for label in labels.items
            if label.status in (Status.SATISFIED, Status.PARTIAL) and label.quotes
            and label.item_id in items]


def _spans(hits: tuple[EvidenceHit, ...]) -> list[tuple[int, int]]:
    return [(hit.start, hit.end) for hit in hits]


def _reanalysed(document: PolicyDocument, cut: list[tuple[int, int]]) -> PolicyDocument:
    return analyse_text(without(document.text, cut), document.source_format)
