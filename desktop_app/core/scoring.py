"""How well each clause answers a checklist item: cue phrases, BM25, headings, list context."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TypeVar

from desktop_app.core.checklist import ChecklistItem
from desktop_app.core.ranking import DocumentIndex, PhraseMatch
from desktop_app.core.textnorm import STOP_STEMS, content_stems, cue_terms, stem

MAX_EVIDENCE = 3
T = TypeVar("T")
# Items whose cues and query are kept ready (several checklists' worth).
_ITEMS_REMEMBERED = 4096
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
# Where an address or number goes among a contact item's evidence (0 = first) at the latest.
_CONTACT_PLACE = 2
# A section addressed to the checklist's own jurisdiction's residents ("Your California
# privacy rights") is where the policy speaks to them: among the evidence, its clauses are
# ordered as if they scored this much more than the same words said to everyone.
_OWN_SECTION_FACTOR = 1.25
# A purpose named in a list of purposes ("(g) to detect fraud and security incidents") says
# what data is used for; for an item about anything else (security, complaints, legal basis)
# it counts for this share of its score, below the clauses that state the practice.
_PURPOSE_ITEM_SHARE = 0.5
# Topics about what data is used for or who gets it: a listed purpose is evidence for them.
_USE_TOPICS = frozenset({"purposes", "marketing", "sale-of-data", "recipients",
                         "automated-decisions", "cookies-tracking"})


# Identity equality: every cue of an item comes from one cached tuple, and hashing the text
# and stems on every set or dict lookup was a large share of an assessment's time.
@dataclass(frozen=True, eq=False)
class Cue:
    """An evidence phrase of an item (or of one of its aspects) and the stems it is matched by:
    its content stems, or the stems of all its words when `literal`."""

    text: str
    stems: tuple[str, ...]
    aspect: str = ""
    literal: bool = False
    #: How the document index knows the cue: (stems, literal).
    key: tuple[tuple[str, ...], bool] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (self.stems, self.literal))

    @property
    def phrase(self) -> bool:
        """Several words that must occur together (not a single word)."""
        return len(self.stems) > 1


@dataclass(frozen=True)
class ItemScores:
    """Every clause's score for one item, the clauses where each cue occurs in order, and how
    far each clause's heading speaks of the item (0 to 1)."""

    scores: list[float]
    matched: dict[Cue, frozenset[int]]
    headings: list[float]


def _per_item(function: Callable[[ChecklistItem], T]) -> Callable[[ChecklistItem], T]:
    """Remember `function(item)` by the item object itself: hashing an item hashes all its text,
    which costs more than most of the work it would save."""
    cache: dict[int, tuple[ChecklistItem, T]] = {}

    @wraps(function)
    def remembered(item: ChecklistItem) -> T:
        hit = cache.get(id(item))
        if hit is not None and hit[0] is item:
            return hit[1]
        if len(cache) >= _ITEMS_REMEMBERED:
            cache.clear()
        value = function(item)
        # The item is kept with its value, so its id cannot be reused while the entry lives.
        cache[id(item)] = (item, value)
        return value

    return remembered


@_per_item
def cues_of(item: ChecklistItem) -> tuple[Cue, ...]:
    """The item's cues, then its aspects' cues, with their stems (empty ones dropped)."""
    cues = [_cue(text) for text in item.cues]
    for aspect in item.aspects:
        cues += [_cue(text, aspect.name) for text in aspect.cues]
    return tuple(cue for cue in cues if cue.stems)


def _cue(text: str, aspect: str = "") -> Cue:
    stems, literal = cue_terms(text)
    return Cue(text, stems, aspect, literal)


@_per_item
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


def score_clauses(index: DocumentIndex, item: ChecklistItem,
                  foreign: frozenset[int] = frozenset()) -> ItemScores:
    """Score every clause for the item (blanks and placeholders never count); `foreign`
    clauses (sections addressed to another jurisdiction) score nothing."""
    relevance = index.bm25(_query(item))
    for number in foreign:
        relevance[number] = 0.0
    best = max(relevance, default=0.0) or 1.0
    scores = [_BM25_WEIGHT * value / best for value in relevance]
    candidates: dict[int, list[tuple[float, int, PhraseMatch]]] = {}
    matched: dict[Cue, frozenset[int]] = {}
    known = index.cue_hits
    for cue in cues_of(item):
        hits, ordered = known.get(cue.key) or _cue_hits(index, cue)
        for number, entry in hits:
            if number not in foreign:
                candidates.setdefault(number, []).append(entry)
        ordered = ordered - foreign if foreign else ordered
        if ordered:
            matched[cue] = ordered
    for number, entries in candidates.items():
        if len(entries) == 1:
            scores[number] += entries[0][0]
            continue
        taken: list[PhraseMatch] = []
        # One stretch of text counts once, for the strongest cue that covers it.
        for value, _, match in sorted(entries, key=lambda e: (-e[0], -e[1])):
            if any(match.start < other.end and other.start < match.end for other in taken):
                continue
            taken.append(match)
            scores[number] += value
    headings = index.heading_overlaps(_topic_terms(item))
    scores = [score + _HEADING_BONUS * heading if score > 0 else score
              for score, heading in zip(scores, headings)]
    context = _with_list_context(index, scores)
    if item.topic not in _USE_TOPICS:
        for number in index.purpose_items:
            context[number] *= _PURPOSE_ITEM_SHARE
    if item.topic in CONTACT_TOPICS:
        # After the list context: the address listed under "Contact us:" is the evidence, even
        # though it shares no word with the item.
        for number in index.contact_clauses - foreign:
            if context[number] > 0:
                context[number] += _CONTACT_BONUS
    return ItemScores(context, matched, headings)


def _cue_hits(index: DocumentIndex, cue: Cue
              ) -> tuple[list[tuple[int, tuple[float, int, PhraseMatch]]], frozenset[int]]:
    """Where the cue matches in the document, with what value, and the clauses where its words
    stand in order; worked out once per document, as items share many cues."""
    matches = index.find(*cue.key)
    hits: list[tuple[int, tuple[float, int, PhraseMatch]]] = []
    if matches:
        weight = (_MULTI_WORD_CUE if cue.phrase else _SINGLE_WORD_CUE) \
            * _rarity(len({match.clause for match in matches}), index.size)
        # Words of the cue in another order still point to the clause, but prove nothing.
        hits = [(match.clause, (weight if match.ordered else _LOOSE_ORDER * weight,
                                match.end - match.start, match)) for match in matches]
    known = (hits, frozenset(match.clause for match in matches if match.ordered))
    index.cue_hits[cue.key] = known
    return known


@_per_item
def _topic_terms(item: ChecklistItem) -> frozenset[str]:
    """The words a heading over relevant clauses would use: the title's, and those shared by
    several cues (the item's core vocabulary, not a word one cue happens to contain)."""
    counts = Counter(term for cue in cues_of(item) if not cue.aspect
                     for term in set(cue.stems) - STOP_STEMS)
    return frozenset(content_stems(item.title)) | {term for term, n in counts.items() if n > 1}


def _rarity(matched: int, size: int) -> float:
    """Down-weight a cue that occurs all over the policy: it cannot single out evidence."""
    return min(1.0, math.log(max(size, 2) / matched) / _RARE_ENOUGH) if matched < size else 0.1


def _with_list_context(index: DocumentIndex, scores: list[float]) -> list[float]:
    """Let list items share their lead-in's relevance, and lead-ins their best item's."""
    context = list(scores)
    for lead, members in index.items.items():
        lead_score = scores[lead]
        for member in members:
            context[member] += _LIST_CONTEXT * lead_score
        context[lead] += _LIST_CONTEXT * max([scores[member] for member in members])
        if len(members) > 1:
            # A lead-in that opens a list is how policies enumerate what items ask for.
            context[lead] += _LIST_LEAD_BONUS * lead_score
    return context


def evidence_clauses(index: DocumentIndex, item: ChecklistItem, scores: list[float],
                     foreign: frozenset[int] = frozenset(),
                     stating: frozenset[int] = frozenset(),
                     own: frozenset[int] = frozenset()) -> list[int]:
    """The best clauses, best first: at most MAX_EVIDENCE, none far below the best; a list
    item that states one of the item's cues (`stating`) comes before the lead-in of its list,
    and one addressed to the checklist's own jurisdiction (`own`) gains on the others;
    for a contact item, one of them holds an actual address or number when the policy gives
    one."""
    # A stable sort: equal scores keep the earlier clause first.
    ranked = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:MAX_EVIDENCE]
    if not ranked or scores[ranked[0]] <= 0:
        return []
    floor = _RELATIVE_FLOOR * scores[ranked[0]]
    chosen = [number for number in ranked if scores[number] >= floor]
    if own:
        chosen.sort(key=lambda number: -scores[number] * (
            _OWN_SECTION_FACTOR if number in own else 1.0))
    if stating:
        chosen = _items_before_lead(index, scores, chosen, stating - foreign, floor)
    if item.topic in CONTACT_TOPICS:
        chosen = _with_contact_clause(index, scores, chosen, index.contact_clauses - foreign)
    return chosen


def _items_before_lead(index: DocumentIndex, scores: list[float], chosen: list[int],
                       stating: frozenset[int], floor: float) -> list[int]:
    """A lead-in ("you have the right to:", "we collect the following data:") names what its
    list is about and draws its score from the list; the item that states the substance
    ("(d) object to our use of your data") is what a reviewer needs to see first."""
    ordered = list(chosen)
    for lead in [number for number in chosen
                 if number in index.items and number not in stating]:
        members = [member for member in index.items[lead]
                   if member in stating and scores[member] >= floor]
        if not members:
            continue
        best = max(members, key=scores.__getitem__)
        if best in ordered:
            if ordered.index(best) < ordered.index(lead):
                continue
            ordered.remove(best)
        ordered.insert(ordered.index(lead), best)
    return ordered[:MAX_EVIDENCE]


def _with_contact_clause(index: DocumentIndex, scores: list[float], chosen: list[int],
                         contact_clauses: frozenset[int]) -> list[int]:
    """Bring the best clause with an address or number among the first few, preferring
    clauses about contacting: for these items it is the evidence that matters most."""
    if not contact_clauses:
        return chosen
    present = [number for number in chosen if number in contact_clauses]
    if present:
        if chosen.index(present[0]) <= _CONTACT_PLACE:
            return chosen
        best = present[0]
    else:
        contact_word = stem("contact")

        def rank(number: int) -> tuple[bool, float]:
            clause = index.clauses[number]
            return (contact_word in clause.counts or contact_word in clause.heading,
                    scores[number])

        best = max(sorted(contact_clauses), key=rank)
    rest = [number for number in chosen if number != best][:MAX_EVIDENCE - 1]
    return rest[:_CONTACT_PLACE] + [best] + rest[_CONTACT_PLACE:]
