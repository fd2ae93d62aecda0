"""Per-document search index: BM25 over clauses and headings, and cue phrase matching."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop_app.core.blanks import blank_spans, overlaps
from desktop_app.core.contacts import contact_spans
from desktop_app.core.context import list_items, list_leads
from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.textnorm import (
    STOP_STEMS,
    all_stems,
    content_tokens,
    stem,
    word_spans,
    word_stems,
)

_K1 = 1.2
_B = 0.75
# Words after which a matched phrase is denied rather than asserted ("we do not sell", "we may
# change it without notice"); "don", "doesn" are what is left of "don't", "doesn't"; "tidak",
# "tak", "bukan", "belum", "tanpa", "jangan" are the Indonesian "not", "is not", "not yet",
# "without", "do not".
NEGATORS = frozenset(stem(word) for word in (
    "not", "no", "never", "neither", "nor", "don", "doesn", "didn", "won", "cannot", "none",
    "nothing", "without", "tidak", "tak", "bukan", "belum", "tanpa", "jangan"))
_PURPOSE_STEMS = frozenset(stem(word) for word in ("purposes", "purpose", "tujuan"))
# A negation counts within this many content words before the phrase: "we do not knowingly
# sell" is denied, "we will not discriminate against you for exercising your rights" is not.
_NEGATION_WINDOW = 2
# A cue matches when its words appear with at most this many other words among them, and,
# counting stopwords too, within this many words per cue word (plus two).
_PHRASE_SLACK = 2
_WORDS_PER_STEM = 2


@dataclass(frozen=True)
class ClauseTerms:
    """The content stems of one clause, in order, with each one's place among all its words
    (`every`: the stems of all words, "" for words inside a blank)."""

    stems: tuple[str, ...]
    words: tuple[int, ...]
    negators: tuple[bool, ...]
    every: tuple[str, ...]
    counts: Counter[str]
    heading: frozenset[str]


@dataclass(frozen=True)
class PhraseMatch:
    """Where a cue's words were found in a clause, whether a negation precedes them, and
    whether they stand in the cue's order."""

    clause: int
    start: int
    end: int
    negated: bool
    ordered: bool


#: A cue's hits in one document: (clause, (value, length, match)) for each match, and the
#: clauses where the cue's words stand in order.
CueHits = tuple[list[tuple[int, tuple[float, int, PhraseMatch]]], frozenset[int]]


class DocumentIndex:
    """Everything the engine needs about one document, computed once."""

    def __init__(self, document: PolicyDocument) -> None:
        self.document = document
        blanks = blank_spans(document.text)
        self.blanks = blanks
        headings: dict[str, frozenset[str]] = {}
        self.clauses = tuple(_clause_terms(document, clause.start, clause.end,
                                           _heading_terms(headings, clause.heading), blanks)
                             for clause in document.clauses)
        self.size = len(self.clauses)
        self.avg_len = (sum(len(c.stems) for c in self.clauses) / self.size) if self.size else 1.0
        heading_df: Counter[str] = Counter()
        postings: dict[str, list[tuple[int, int]]] = {}
        for number, clause in enumerate(self.clauses):
            for term, count in clause.counts.items():
                postings.setdefault(term, []).append((number, count))
            heading_df.update(clause.heading)
        self._postings = postings
        average = max(self.avg_len, 1.0)
        self._norms = [_K1 * (1 - _B + _B * len(clause.stems) / average)
                       for clause in self.clauses]
        self._idf = {term: math.log(1.0 + (self.size - len(posts) + 0.5) / (len(posts) + 0.5))
                     for term, posts in postings.items()}
        # Worked out on first use, as queries and cues touch only part of the vocabulary: each
        # term's BM25 contribution to each clause, the clauses holding it, each clause's
        # positions of its stems.
        self._impacts: dict[str, list[tuple[int, float]]] = {}
        self._clauses_with: dict[str, frozenset[int]] = {}
        self._heading_idf = {term: math.log(1.0 + (self.size - n + 0.5) / (n + 0.5))
                             for term, n in heading_df.items()}
        # Clauses share few distinct headings: heading agreement is worked out once per heading.
        distinct: dict[frozenset[str], int] = {}
        self._heading_of = [distinct.setdefault(clause.heading, len(distinct))
                            for clause in self.clauses]
        self._headings = [(heading, sum(self._heading_idf[term] for term in sorted(heading)))
                          for heading in distinct]
        self._overlaps: dict[frozenset[str], list[float]] = {}
        #: Stem -> the distinct headings (by place) that hold it.
        self._under_heading: dict[str, list[int]] = {}
        for place, (heading, _) in enumerate(self._headings):
            for term in heading:
                self._under_heading.setdefault(term, []).append(place)
        self._positions: list[dict[str, list[int]] | None] = [None] * self.size
        self._found: dict[tuple[tuple[str, ...], bool], list[PhraseMatch]] = {}
        self._offsets: dict[int, list[tuple[int, int]]] = {}
        #: Room for the scorer to keep what each cue contributes to this document.
        self.cue_hits: dict[tuple[tuple[str, ...], bool], CueHits] = {}
        contacts = contact_spans(document.text, blanks)
        #: Clauses that hold a real email, web or postal address or phone number.
        self.contact_clauses = frozenset(
            number for number, clause in enumerate(document.clauses)
            if overlaps(contacts, clause.start, clause.end))
        #: Lead-in clause -> the clauses of the list it introduces, and the other way round.
        self.items = list_items(list_leads(document))
        self.lead_of = {member: lead for lead, members in self.items.items()
                        for member in members}
        #: Items of lists introduced as purposes ("... for the following purposes:"): what
        #: they name is a use of data, not a procedure ("to handle your complaints").
        self.purpose_items = frozenset(
            member for lead, members in self.items.items()
            if _PURPOSE_STEMS & self.clauses[lead].counts.keys() for member in members)
        #: Clauses that hold a blank or placeholder ("write to us at:" and nothing).
        self.blank_clauses = frozenset(
            number for number, clause in enumerate(document.clauses)
            if overlaps(blanks, clause.start, clause.end))
        #: Jurisdictions each clause's section is addressed to, worked out on first use.
        self.scopes: list[frozenset[str]] | None = None
        #: Drafting defects that get in a reader's way, worked out on first use.
        self.reading_defects: list[Defect] | None = None
        #: Room for the condition check to keep what it works out once per document.
        self.condition_memo: dict[object, Any] = {}

    def idf(self, term: str) -> float:
        """BM25 inverse document frequency of `term` over the clauses (always positive)."""
        value = self._idf.get(term)
        return math.log(1.0 + (self.size + 0.5) / 0.5) if value is None else value

    def bm25(self, query: dict[str, float]) -> list[float]:
        """BM25 score of every clause for a weighted bag of stems."""
        scores = [0.0] * self.size
        for term, weight in query.items():
            impacts = self._impacts.get(term)
            if impacts is None:
                impacts = self._impacts[term] = self._term_impacts(term)
            for number, impact in impacts:
                scores[number] += weight * impact
        return scores

    def _term_impacts(self, term: str) -> list[tuple[int, float]]:
        factor = self._idf.get(term, 0.0) * (_K1 + 1)
        return [(number, factor * tf / (tf + self._norms[number]))
                for number, tf in self._postings.get(term, ())]

    def _holding(self, term: str) -> frozenset[int]:
        clauses = self._clauses_with.get(term)
        if clauses is None:
            clauses = self._clauses_with[term] = frozenset(n for n, _ in self._postings[term])
        return clauses

    def heading_overlaps(self, terms: frozenset[str]) -> list[float]:
        """For every clause, the share of its heading's words in `terms`, weighted by rarity."""
        shares = self._overlaps.get(terms)
        if shares is None:
            per_heading = [0.0] * len(self._headings)
            for term in sorted(terms):
                for place in self._under_heading.get(term, ()):
                    per_heading[place] += self._heading_idf[term]
            per_heading = [share / total if total else 0.0
                           for share, (_, total) in zip(per_heading, self._headings)]
            shares = [per_heading[place] for place in self._heading_of]
            self._overlaps[terms] = shares
        return shares

    def find(self, cue: tuple[str, ...], literal: bool = False) -> list[PhraseMatch]:
        """Every place where all of the cue's content stems occur close together in a clause.

        Word order is free ("purposes directly related" matches "directly related purpose");
        the words must fall within the cue's length plus a little slack. A `literal` cue
        (stems of all its words) must occur word for word.
        """
        key = (cue, literal)
        if key not in self._found:
            self._found[key] = self._search(cue, literal)
        return self._found[key]

    def _search(self, cue: tuple[str, ...], literal: bool) -> list[PhraseMatch]:
        found: list[PhraseMatch] = []
        needed = _needed(cue, literal)
        if not needed or not self._postings.keys() >= needed:
            return found
        candidates = frozenset.intersection(*(self._holding(term) for term in needed))
        for number in sorted(candidates):
            terms = self.clauses[number]
            positions = self._positions[number]
            if positions is None:
                positions = self._positions[number] = _positions(terms.stems)
            spans = (_literal_spans(terms, positions, cue) if literal else
                     _windows(positions, needed, len(cue) + _PHRASE_SLACK, cue, terms.stems))
            for start, end in spans:
                # Counted in all words, stopwords included, the phrase must stay short too:
                # "more information ... about how you can control" is no "data controller".
                if terms.words[end - 1] - terms.words[start] >= _WORDS_PER_STEM * len(cue) + 2:
                    continue
                found.append(PhraseMatch(number, start, end,
                                         self._negated(number, start, end, needed),
                                         literal or _in_order(terms.stems[start:end], cue)))
        return found

    def _negated(self, number: int, first: int, end: int, needed: frozenset[str]) -> bool:
        """A negation just before the phrase denies it, and so does one among its words that
        is not one of the cue's own ("personal data will not be sold")."""
        terms = self.clauses[number]
        if any(terms.negators[max(0, first - _NEGATION_WINDOW):first]):
            return True
        return any(terms.negators[place] and terms.stems[place] not in needed
                   for place in range(first + 1, end))

    def match_text(self, match: PhraseMatch, literal: tuple[str, ...] = ()) -> str:
        """The policy's own words where a cue matched (what a reason may quote); a `literal`
        cue's words all count, its stopwords included ("contact us at")."""
        start, end = self.match_span(match, literal)
        return self.document.text[start:end]

    def match_span(self, match: PhraseMatch, literal: tuple[str, ...] = ()) -> tuple[int, int]:
        """Where in the document text a cue matched (see `match_text`)."""
        clause = self.document.clauses[match.clause]
        offsets = self._offsets.get(match.clause)
        if offsets is None:
            offsets = self._offsets[match.clause] = word_spans(clause.text)
        terms = self.clauses[match.clause]
        first, last = terms.words[match.start], terms.words[match.end - 1]
        if literal:
            anchor = next(place for place, term in enumerate(literal) if term not in STOP_STEMS)
            first = max(0, first - anchor)
            last = min(len(offsets) - 1, first + len(literal) - 1)
        return clause.start + offsets[first][0], clause.start + offsets[last][1]


@lru_cache(maxsize=8192)
def _needed(cue: tuple[str, ...], literal: bool) -> frozenset[str]:
    """The stems a clause must hold for the cue to match in it."""
    return frozenset(term for term in cue if term not in STOP_STEMS) if literal else frozenset(cue)


def _heading_terms(seen: dict[str, frozenset[str]], heading: str) -> frozenset[str]:
    terms = seen.get(heading)
    if terms is None:
        terms = seen[heading] = frozenset(token.stem for token in content_tokens(heading))
    return terms


def _clause_terms(document: PolicyDocument, start: int, end: int, heading: frozenset[str],
                  blanks: list[tuple[int, int]]) -> ClauseTerms:
    text = document.text[start:end]
    # Only the blanks that reach into this clause need checking, word by word.
    inside = [span for span in blanks[:bisect_left(blanks, (end,))] if span[1] > start]
    if inside:
        every = [("" if overlaps(inside, start + begin, start + finish) else term)
                 for term, begin, finish in word_stems(text)]
    else:
        every = all_stems(text)
    content = [(place, term) for place, term in enumerate(every)
               if term and term not in STOP_STEMS]
    stems = tuple(term for _, term in content)
    return ClauseTerms(stems, tuple(place for place, _ in content),
                       tuple(term in NEGATORS for term in stems), tuple(every),
                       Counter(stems), heading)


def _positions(stems: tuple[str, ...]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for number, term in enumerate(stems):
        positions.setdefault(term, []).append(number)
    return positions


def _windows(positions: dict[str, list[int]], needed: frozenset[str], width: int,
             cue: tuple[str, ...] = (), stems: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Non-overlapping spans no wider than `width` that hold every stem of `needed`; a span
    with the words out of the cue's order gives way to an overlapping later one that has them
    in order ("access your data. To request access" holds "request access")."""
    spans: list[tuple[int, int]] = []
    places = [positions[term] for term in needed]
    starts = places[0] if len(places) == 1 else sorted({p for where in places for p in where})
    for start in starts:
        overlapping = bool(spans) and start < spans[-1][1]
        if overlapping and (not cue or _in_order(stems[spans[-1][0]:spans[-1][1]], cue)):
            continue
        last = start
        for where in places:
            # The term's first place at or after the start must fall inside the window.
            first = where[bisect_left(where, start)] if where[-1] >= start else start + width
            if first >= start + width:
                break
            last = max(last, first)
        else:
            if not overlapping:
                spans.append((start, last + 1))
            elif _in_order(stems[start:last + 1], cue):
                spans[-1] = (start, last + 1)
    return spans


def _literal_spans(terms: ClauseTerms, positions: dict[str, list[int]],
                   cue: tuple[str, ...]) -> list[tuple[int, int]]:
    """Content-stem spans of the places where `cue` occurs word for word."""
    anchor = next(offset for offset, term in enumerate(cue) if term not in STOP_STEMS)
    spans = []
    for number in positions[cue[anchor]]:
        first = terms.words[number] - anchor
        if first >= 0 and terms.every[first:first + len(cue)] == cue:
            spans.append((bisect_left(terms.words, first),
                          bisect_left(terms.words, first + len(cue))))
    return spans


def _in_order(window: tuple[str, ...], cue: tuple[str, ...]) -> bool:
    """Does `cue` occur as a subsequence of `window`?"""
    remaining = iter(window)
    return all(term in remaining for term in cue)
