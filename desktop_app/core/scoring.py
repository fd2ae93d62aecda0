"""How well each clause answers a checklist item: cue phrases, BM25, headings, list context."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from desktop_app.core.checklist import ChecklistItem
from desktop_app.core.ranking import DocumentIndex, PhraseMatch
from desktop_app.core.textnorm import STOP_STEMS, content_stems, cue_terms, stem

MAX_EVIDENCE = 5
# Weights of the parts of an item's query in BM25 (cues say most, the requirement least).
_CUE_WEIGHT = 1.0
_ASPECT_WEIGHT = 0.7
_TITLE_WEIGHT = 0.7
_REQUIREMENT_WEIGHT = 0.25
# Clause score = cue phrases found + BM25 relative to the best clause + heading agreement,
# plus a share of the score of the list the clause belongs to (lead-in or items).
_BM25_WEIGHT = 1.0
_HEADING_BONUS = 0.8
_LIST_CONTEXT = 0.5
_LIST_LEAD_BONUS = 0.3
_MULTI_WORD_CUE = 1.0
_SINGLE_WORD_CUE = 0.4
_LOOSE_ORDER = 0.6
# A cue found in at most 1 / e**_RARE_ENOUGH of the clauses keeps its full weight.
_RARE_ENOUGH = 4.0
# An evidence clause must score at least this share of the best clause.
_RELATIVE_FLOOR = 0.35
#: Topics whose items need an actual way to reach someone, not just the words "contact us".
CONTACT_TOPICS = frozenset({"contact", "dpo-contact", "controller-identity"})
_CONTACT_BONUS = 0.8


@dataclass(frozen=True)
class Cue:
    """An evidence phrase of an item (or of one of its aspects) and the stems it is matched by:
    its content stems, or the stems of all its words when `literal`."""

    text: str
    stems: tuple[str, ...]
    aspect: str = ""
    literal: bool = False

    @property
    def phrase(self) -> bool:
        """Several words that must occur together (not a single word)."""
        return len(self.stems) > 1


@dataclass(frozen=True)
class ItemScores:
    """The score of every clause that shares a word with the item (the others score 0), the
    clauses where each cue occurs in order, and how far each clause's heading speaks of the
    item (0 to 1)."""

    scores: dict[int, float]
    matched: dict[Cue, set[int]]
    headings: list[float]


@lru_cache(maxsize=2048)
def cues_of(item: ChecklistItem) -> tuple[Cue, ...]:
    """The item's cues, then its aspects' cues, with their stems (empty ones dropped)."""
    cues = [_cue(text) for text in item.cues]
    for aspect in item.aspects:
        cues += [_cue(text, aspect.name) for text in aspect.cues]
    return tuple(cue for cue in cues if cue.stems)


def _cue(text: str, aspect: str = "") -> Cue:
    stems, literal = cue_terms(text)
    return Cue(text, stems, aspect, literal)


@lru_cache(maxsize=2048)
def _query(item: ChecklistItem) -> dict[str, float]:
    query: dict[str, float] = {}

    def add(terms: list[str] | tuple[str, ...], weight: float) -> None:
        for term in terms:
            query[term] = max(query.get(term, 0.0), weight)

    add(content_stems(item.requirement), _REQUIREMENT_WEIGHT)
    add(content_stems(item.title), _TITLE_WEIGHT)
    for cue in cues_of(item):
        add(cue.stems, _ASPECT_WEIGHT if cue.aspect else _CUE_WEIGHT)
    return query


def score_clauses(index: DocumentIndex, item: ChecklistItem) -> ItemScores:
    """Score every clause for the item (blanks and placeholders never count)."""
    relevance = index.bm25(_query(item))
    best = max(relevance.values(), default=0.0) or 1.0
    scores = {number: _BM25_WEIGHT * value / best for number, value in relevance.items()}
    candidates: dict[int, list[tuple[float, int, PhraseMatch, Cue]]] = {}
    matched: dict[Cue, set[int]] = {}
    for cue in cues_of(item):
        matches = index.find(cue.stems, cue.literal)
        if not matches:
            continue
        weight = (_MULTI_WORD_CUE if cue.phrase else _SINGLE_WORD_CUE) \
            * _rarity(len({match.clause for match in matches}), index.size)
        for match in matches:
            # Words of the cue in another order still point to the clause, but prove nothing.
            value = weight if match.ordered else _LOOSE_ORDER * weight
            candidates.setdefault(match.clause, []).append(
                (value, match.end - match.start, match, cue))
            if match.ordered:
                matched.setdefault(cue, set()).add(match.clause)
    for number, entries in candidates.items():
        taken: list[PhraseMatch] = []
        # One stretch of text counts once, for the strongest cue that covers it.
        for value, _, match, _ in sorted(entries, key=lambda e: (-e[0], -e[1])):
            if any(match.start < other.end and other.start < match.end for other in taken):
                continue
            taken.append(match)
            scores[number] += value
    headings = index.heading_overlaps(_topic_terms(item))
    for number, score in scores.items():
        if score > 0:
            scores[number] = score + _HEADING_BONUS * headings[number]
    context = _with_list_context(index, scores)
    if item.topic in CONTACT_TOPICS:
        # After the list context: the address listed under "Contact us:" is the evidence, even
        # though it shares no word with the item.
        for number in index.contact_clauses:
            if context.get(number, 0.0) > 0:
                context[number] += _CONTACT_BONUS
    return ItemScores(context, matched, headings)


@lru_cache(maxsize=2048)
def _topic_terms(item: ChecklistItem) -> frozenset[str]:
    """The words a heading over relevant clauses would use: the title's, and those shared by
    several cues (the item's core vocabulary, not a word one cue happens to contain)."""
    counts = Counter(term for cue in cues_of(item) if not cue.aspect
                     for term in set(cue.stems) - STOP_STEMS)
    return frozenset(content_stems(item.title)) | {term for term, n in counts.items() if n > 1}


def _rarity(matched: int, size: int) -> float:
    """Down-weight a cue that occurs all over the policy: it cannot single out evidence."""
    return min(1.0, math.log(max(size, 2) / matched) / _RARE_ENOUGH) if matched < size else 0.1


def _with_list_context(index: DocumentIndex, scores: dict[int, float]) -> dict[int, float]:
    """Let list items share their lead-in's relevance, and lead-ins their best item's."""
    context = dict(scores)
    for lead, members in index.items.items():
        lead_score = scores.get(lead, 0.0)
        if lead_score:
            for member in members:
                context[member] = context.get(member, 0.0) + _LIST_CONTEXT * lead_score
        best = max(scores.get(member, 0.0) for member in members)
        if best:
            context[lead] = context.get(lead, 0.0) + _LIST_CONTEXT * best
        if len(members) > 1 and lead_score:
            # A lead-in that opens a list is how policies enumerate what items ask for.
            context[lead] += _LIST_LEAD_BONUS * lead_score
    return context


def evidence_clauses(index: DocumentIndex, item: ChecklistItem,
                     scores: dict[int, float]) -> list[int]:
    """The best clauses, best first: at most MAX_EVIDENCE, none far below the best; for a
    contact item, one of them holds an actual address or number when the policy gives one."""
    # Sorted by number first, so that equal scores keep the earlier clause first.
    ranked = sorted(sorted(scores), key=scores.__getitem__, reverse=True)[:MAX_EVIDENCE]
    if not ranked or scores[ranked[0]] <= 0:
        return []
    floor = _RELATIVE_FLOOR * scores[ranked[0]]
    chosen = [number for number in ranked if scores[number] >= floor]
    if item.topic in CONTACT_TOPICS:
        chosen = _with_contact_clause(index, scores, chosen)
    return chosen


def _with_contact_clause(index: DocumentIndex, scores: dict[int, float],
                         chosen: list[int]) -> list[int]:
    """Add the best clause with an address or number, preferring clauses about contacting."""
    if not index.contact_clauses or index.contact_clauses.intersection(chosen):
        return chosen
    contact_word = stem("contact")

    def rank(number: int) -> tuple[bool, float]:
        clause = index.clauses[number]
        return (contact_word in clause.counts or contact_word in clause.heading,
                scores.get(number, 0.0))

    best = max(sorted(index.contact_clauses), key=rank)
    return chosen[:MAX_EVIDENCE - 1] + [best]
