"""Conditional items: does the policy describe the situation the condition names?"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.checklist import Condition
from desktop_app.core.ranking import DocumentIndex
from desktop_app.core.textnorm import content_stems, cue_terms, stem

# Words of a condition's description that say who acts, not what is done.
_ACTOR_WORDS = frozenset(stem(word) for word in (
    "organisation", "organization", "business", "company", "controller",
    "user", "organisasi", "pengendali", "applies", "personal"))
# Words policies use for the same act or party as a condition's description.
_KINDS = {stem(word): kind for kind, words in {
    "give": ("provide", "share", "transfer", "disclose", "sell", "give", "pass", "supply",
             "rent", "trade", "memberikan", "membagikan", "mengungkapkan", "mentransfer"),
    "party": ("person", "persons", "third", "party", "parties", "partner", "partners",
              "company", "companies", "organisation", "organisations", "pihak", "ketiga"),
}.items() for word in words}
# Share of a description's act words one passage must state for it to describe the situation.
_DESCRIBED = 0.8
_DESCRIPTION_WORDS = 3
_FIRST_WORDS = re.compile(r"\s*(?:\S+\s+){0,11}\S+")


@dataclass(frozen=True)
class ConditionCheck:
    """Whether a condition is triggered, with the cues that show it (or were only denied) and
    the clauses (positions and references) where they are asserted."""

    triggered: bool
    cues: tuple[str, ...]
    refs: tuple[str, ...]
    denied: tuple[str, ...]
    clauses: tuple[int, ...] = ()
    #: The policy's own words that show the situation (or, for `denied`, that deny it).
    quotes: tuple[str, ...] = ()
    denied_quotes: tuple[str, ...] = ()
    #: Shown by a passage that states what the description says, not by a cue.
    described: bool = False


def check_condition(index: DocumentIndex, condition: Condition,
                    foreign: frozenset[int] = frozenset()) -> ConditionCheck:
    """A condition is triggered when one of its cues is asserted somewhere in the policy, or
    when one passage states what its description says the organisation does, in other words.

    A cue that only appears denied ("we do not sell", "not directed to children") shows the
    policy addresses the situation in order to exclude it, so it does not trigger the condition.
    Sections addressed to another jurisdiction (`foreign`) do not count.
    """
    asserted: list[str] = []
    denied: list[str] = []
    quotes: list[str] = []
    denied_quotes: list[str] = []
    clauses: list[int] = []
    for cue in condition.cues:
        matches = [match for match in index.find(*cue_terms(cue))
                   if match.ordered and match.clause not in foreign]
        positive = [match for match in matches if not match.negated]
        if positive:
            asserted.append(cue)
            quotes.append(index.match_text(positive[0]))
            clauses.extend(match.clause for match in positive)
        elif matches:
            denied.append(cue)
            denied_quotes.append(index.match_text(matches[0]))
    described = None
    if not asserted:
        key = (condition.description, foreign)
        if key not in index.condition_memo:
            index.condition_memo[key] = _described(index, condition.description, foreign)
        described = index.condition_memo[key]
    if described is not None:
        clauses.append(described)
        quotes.append(_opening(index.document.clauses[described].text))
    clauses = list(dict.fromkeys(clauses))
    refs = tuple(index.document.clauses[number].ref for number in clauses)
    return ConditionCheck(bool(clauses), tuple(asserted), tuple(dict.fromkeys(refs)),
                          tuple(denied), tuple(clauses), tuple(dict.fromkeys(quotes)),
                          tuple(dict.fromkeys(denied_quotes)), described is not None)


def _opening(text: str) -> str:
    """The first words of a passage, as they stand, to quote it by."""
    match = _FIRST_WORDS.match(text)
    return match.group().strip() if match else text.strip()


def _kind(term: str) -> str:
    return _KINDS.get(term, term)


def _described(index: DocumentIndex, description: str, foreign: frozenset[int]) -> int | None:
    """The first clause (read with its list lead-in) that states nearly every act word of the
    description, its act not denied."""
    wanted = {_kind(term) for term in content_stems(description) if term not in _ACTOR_WORDS}
    if len(wanted) < _DESCRIPTION_WORDS:
        return None
    kind_sets = index.condition_memo.get("kinds")
    if kind_sets is None:
        kind_sets = index.condition_memo["kinds"] = [
            frozenset(_kind(term) for term in terms.stems) for terms in index.clauses]
    for number, terms in enumerate(index.clauses):
        if number in foreign or not wanted & kind_sets[number]:
            continue
        seen = kind_sets[number]
        lead = index.lead_of.get(number)
        if lead is not None:
            seen = seen | kind_sets[lead]
        if len(wanted & seen) < _DESCRIBED * len(wanted):
            continue
        # A passage that denies anything ("not meant for children") is left to the cues,
        # which read denials word by word.
        if any(terms.negators):
            continue
        return number
    return None
