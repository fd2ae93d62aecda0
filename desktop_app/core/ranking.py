"""Per-document search index: BM25 over clauses and headings, and cue phrase matching."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from desktop_app.core.blanks import blank_spans, overlaps
from desktop_app.core.context import list_items, list_leads
from desktop_app.core.document import PolicyDocument
from desktop_app.core.textnorm import content_tokens

_K1 = 1.2
_B = 0.75
# Words after which a matched phrase is denied rather than asserted ("we do not sell").
_NEGATORS = frozenset({"not", "no", "never", "neither", "nor", "don", "doesn", "didn", "won",
                       "cannot", "none", "nothing"})
_NEGATION_WINDOW = 4
# A cue matches when its words appear in order with at most this many other words among them.
_PHRASE_SLACK = 2


@dataclass(frozen=True)
class ClauseTerms:
    """The content stems of one clause, in order, with their offsets in the document text."""

    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    negators: tuple[bool, ...]
    counts: Counter
    heading: frozenset[str]


@dataclass(frozen=True)
class PhraseMatch:
    """Where a cue's words were found in a clause, and whether a negation precedes them."""

    clause: int
    start: int
    end: int
    negated: bool


class DocumentIndex:
    """Everything the engine needs about one document, computed once."""

    def __init__(self, document: PolicyDocument) -> None:
        self.document = document
        blanks = blank_spans(document.text)
        self.blanks = blanks
        self.clauses = tuple(_clause_terms(document, clause.start, clause.end, clause.heading,
                                           blanks) for clause in document.clauses)
        self.size = len(self.clauses)
        self.avg_len = (sum(len(c.stems) for c in self.clauses) / self.size) if self.size else 1.0
        df: Counter = Counter()
        heading_df: Counter = Counter()
        for clause in self.clauses:
            df.update(clause.counts.keys())
            heading_df.update(clause.heading)
        self._df = df
        self._heading_df = heading_df
        self._positions = [_positions(clause.stems) for clause in self.clauses]
        self._found: dict[tuple[str, ...], list[PhraseMatch]] = {}
        self.leads = list_leads(document)
        self.items = list_items(self.leads)

    def idf(self, term: str) -> float:
        """BM25 inverse document frequency of `term` over the clauses (always positive)."""
        n = self._df.get(term, 0)
        return math.log(1.0 + (self.size - n + 0.5) / (n + 0.5))

    def bm25(self, query: dict[str, float]) -> list[float]:
        """BM25 score of every clause for a weighted bag of stems."""
        scores = [0.0] * self.size
        for term, weight in query.items():
            if not self._df.get(term):
                continue
            idf = self.idf(term)
            for number, clause in enumerate(self.clauses):
                tf = clause.counts.get(term, 0)
                if tf:
                    norm = _K1 * (1 - _B + _B * len(clause.stems) / max(self.avg_len, 1.0))
                    scores[number] += weight * idf * tf * (_K1 + 1) / (tf + norm)
        return scores

    def heading_overlap(self, number: int, terms: frozenset[str]) -> float:
        """Share of a clause's heading words that belong to `terms`, weighted by rarity."""
        heading = self.clauses[number].heading
        if not heading:
            return 0.0
        total = sum(self._heading_idf(term) for term in heading)
        hit = sum(self._heading_idf(term) for term in heading if term in terms)
        return hit / total if total else 0.0

    def _heading_idf(self, term: str) -> float:
        n = self._heading_df.get(term, 0)
        return math.log(1.0 + (self.size - n + 0.5) / (n + 0.5))

    def find(self, cue: tuple[str, ...]) -> list[PhraseMatch]:
        """Every place the cue's content stems occur, in order, in some clause."""
        if cue in self._found:
            return self._found[cue]
        found: list[PhraseMatch] = []
        self._found[cue] = found
        if not cue:
            return found
        for number, positions in enumerate(self._positions):
            if any(term not in positions for term in cue):
                continue
            stems = self.clauses[number].stems
            for first in positions[cue[0]]:
                end = _match_from(stems, cue, first)
                if end is not None:
                    found.append(PhraseMatch(number, first, end,
                                             self._negated(number, first)))
        return found

    def _negated(self, number: int, first: int) -> bool:
        negators = self.clauses[number].negators
        return any(negators[max(0, first - _NEGATION_WINDOW):first])

    def span(self, match: PhraseMatch) -> tuple[int, int]:
        """Document offsets of a phrase match."""
        spans = self.clauses[match.clause].spans
        return spans[match.start][0], spans[match.end - 1][1]


def _clause_terms(document: PolicyDocument, start: int, end: int, heading: str,
                  blanks: list[tuple[int, int]]) -> ClauseTerms:
    stems: list[str] = []
    spans: list[tuple[int, int]] = []
    negators: list[bool] = []
    for token in content_tokens(document.text[start:end]):
        begin, finish = start + token.start, start + token.end
        if overlaps(blanks, begin, finish):
            continue
        stems.append(token.stem)
        spans.append((begin, finish))
        negators.append(token.stem in _NEGATORS)
    heading_terms = frozenset(token.stem for token in content_tokens(heading))
    return ClauseTerms(tuple(stems), tuple(spans), tuple(negators), Counter(stems), heading_terms)


def _positions(stems: tuple[str, ...]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for number, term in enumerate(stems):
        positions.setdefault(term, []).append(number)
    return positions


def _match_from(stems: tuple[str, ...], cue: tuple[str, ...], first: int) -> int | None:
    """End index of a match of `cue` starting at `first`, or None."""
    position = first
    for term in cue[1:]:
        limit = min(len(stems), position + 2 + _PHRASE_SLACK)
        for candidate in range(position + 1, limit):
            if stems[candidate] == term:
                position = candidate
                break
        else:
            return None
    if position - first + 1 > len(cue) + _PHRASE_SLACK:
        return None
    return position + 1
