"""The suggestion engine: for every checklist item, a status, a confidence, a reason and evidence.

It only proposes; the reviewer confirms or corrects every suggestion.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from desktop_app.core.assessment import ChecklistAssessment, EvidenceHit, Suggestion
from desktop_app.core.calibration import calibrated
from desktop_app.core.checklist import Checklist, ChecklistItem
from desktop_app.core.conditions import ConditionCheck, check_condition
from desktop_app.core.document import PolicyDocument
from desktop_app.core.lint import reading_defects
from desktop_app.core.ranking import NEGATORS, DocumentIndex, PhraseMatch
from desktop_app.core.scope import clause_scopes, jurisdiction_keys
from desktop_app.core.scoring import (
    CONTACT_TOPICS,
    MAX_EVIDENCE,
    Cue,
    ItemScores,
    evidence_clauses,
    score_clauses,
)
from desktop_app.core.status import Status
from desktop_app.core.textnorm import content_stems, cue_terms, stem
from desktop_app.core.values import deadline_conflict, fee_conflict, free_by_law, law_limit

# Distinct phrases of an item's own cues that, stated in one clause, show its condition is met.
_PHRASES_SHOWING_CONDITION = 2
# Without aspects, satisfied needs this many distinct cues, one of them a phrase (or, for
# contact items, an actual address or number).
_CUES_FOR_SATISFIED = 2
# Share of a clause's heading that must speak of the item for a single cue word under it to
# count as a phrase.
_HEADING_SUPPORT = 0.5
# Presentation items are judged on layout when no cue speaks to them: this many distinct
# headings make a policy laid out.
_PRESENTATION_TOPIC = "transparency"
_LAID_OUT_HEADINGS = 5
# Presentation items about reading: a placeholder, a sentence cut short or a repeated passage
# is what keeps them partial, so it is shown (one of each kind, up to this many) first. A blank
# is left out: it is missing content, judged under the item whose content it lacks.
_READABILITY_WORDS = re.compile(
    r"\b(?:read(?:able|ability)?|intelligibl[ey]|understood|understand(?:able)?|"
    r"plain language)\b", re.IGNORECASE)
_READING_DEFECTS_SHOWN = 2
_DEFECT_NAMES = {"placeholder": "a placeholder", "truncated": "a sentence cut short",
                 "duplicate": "a repeated passage"}
# Where the clause showing a conditional item's situation goes among thin evidence (0 = first).
_SITUATION_PLACE = 2
# Score of the best passage from which two cues make a clear match (the passage then states
# the item, not merely a word of it), provided that passage states one of the cues itself: a
# passage that ranks first on the item's vocabulary and headings alone shows no statement.
_CLEAR_MATCH = 3.0
# Items whose substance is a way to reach someone: a blank there is a missing channel.
_CHANNEL_TOPICS = CONTACT_TOPICS | {"requests", "complaints"}
# Items on a right the person exercises: where the evidence leaves blank the way to exercise it
# ("submit your request in writing to:"), the right cannot be used as stated.
_RIGHTS_TOPIC_PREFIX = "rights-"
_CHANNEL_WORDS = re.compile(
    r"\b(?:channels?|contact details|how to (?:submit|make|send|exercise|contact)|"
    r"toll-free|web ?form|e-?mail address|postal address|designated methods?)\b", re.IGNORECASE)
# Items the law wants presented prominently: stated in passing, they are only partly met.
_PROMINENCE_WORDS = re.compile(
    r"\b(?:clearly and separately|separately from|apart from other|prominent(?:ly)?|"
    r"conspicuous(?:ly)?|highlighted)\b", re.IGNORECASE)
# Items about a procedure: a purpose of use that names the subject is not one.
_PROCESS_WORDS = re.compile(r"\b(?:procedures?|process(?:es)?|how (?:to|they|complaints|"
                            r"requests))\b", re.IGNORECASE)
# A section on children's data speaks for children only.
_CHILDREN_TOPIC = "children"
_CHILDREN_STEMS = frozenset(stem(word) for word in ("children", "child", "minors", "kids", "anak"))
# Items that must name one specific ground: alternatives offered leave it open.
_SPECIFIC_TOPICS = frozenset({"legal-basis"})
_ALTERNATIVE_GAP = 30
_OR = re.compile(r"\b(?:or|atau)\b", re.IGNORECASE)
_EITHER = re.compile(r"\b(?:either|baik)\b", re.IGNORECASE)
_EITHER_REACH = 80
# The preposition that introduces the first ground ("on our legitimate interests ...");
# repeated after "or" ("..., or on a legal obligation") it offers the second as an alternative
# to the first, however far apart they stand.
_INTRODUCED_BY = re.compile(
    r"\b(on|upon|under|by|for|in|dengan|atas|berdasarkan)\s+"
    r"(?:(?:our|your|the|a|an|its|their|kami|anda)\s+)?\Z", re.IGNORECASE)
# Items that ask the policy to state whether it does something: a denial answers them.
_WHETHER = re.compile(r"\b(?:whether|apakah)\b", re.IGNORECASE)
# Topics where what a policy says is shaped by its own regime's law (rights, requests,
# complaints, consent, marketing, transfers, children): a policy written for another regime
# says it in that regime's terms, which may not meet this one.
_REGIME_SPECIFIC_TOPICS = frozenset({
    "rights-access", "rights-deletion", "rights-objection", "rights-other", "requests",
    "complaints", "sale-of-data", "marketing", "legal-basis", "children", "transfers",
    "automated-decisions"})
# Words that, right after a cue (a word may stand between), give it another sense than the
# item's: data kept "confidential" or "secure" is about security, kept "accurate" or "up to
# date" about accuracy, and "the right" retained to do something is no data kept at all.
_OTHER_SENSE = {
    "retention": re.compile(
        r"\s+(?:\w+\s+)?(?:confidential(?:ly)?|secure(?:ly)?|safe(?:ly)?|private(?:ly)?|"
        r"accurate|up[- ]to[- ]date|informed|updated|current|rights?)\b", re.IGNORECASE),
}
# Words that, earlier in a cue's sentence, give it another sense: data deleted at the
# person's request ("you can ask us to delete your data") is the right to erasure, not how
# long the organisation keeps data; "your" before contact words, alone or heading a list
# ("we collect your name, contact details and postal address"), makes them the person's data,
# not a way to reach the organisation.
_YOUR_DETAILS = re.compile(
    r"\byour\s+(?:[\w-]+(?:\s+[\w-]+)?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*\Z",
    re.IGNORECASE)
_OTHER_SENSE_BEFORE = {
    "retention": re.compile(
        r"\b(?:ask(?:s|ing)?\s+us|request(?:s|ed|ing)?|right\s+to)\b[^.;:!?]*\Z",
        re.IGNORECASE),
    **{topic: _YOUR_DETAILS for topic in CONTACT_TOPICS},
    # The person kept "up to date" about products is informed, not their data kept accurate.
    "rights-access": re.compile(r"\bkeep(?:s|ing)?\s+you\s+\Z", re.IGNORECASE),
}
# A line of at least this many short entries (this many words at most) between separators
# ("Home > Legal > Privacy", "Cookie settings | Terms of use | Imprint") is navigation.
# Bullets are not separators: "we collect: • name • email" is a statement.
_MENU_SEPARATOR = re.compile(r"\s+[|>\u00bb\u203a]\s+")
_MENU_ENTRIES = 3
_MENU_ENTRY_WORDS = 7
# Topics whose subject has a name policies use (cookies, tracking): a cue that does not name
# it ("browser settings", "manage preferences", "pixels", "local storage") speaks of the
# subject only in a clause, heading or list that names it.
_NAMED_SUBJECT_TOPICS = frozenset({"cookies-tracking"})
# How close to the item's words, within their sentence, a blank must stand to leave them empty.
_BLANK_REACH = 90
# How many following passages may be parts of one clause.
_PARTS = 8
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
# How many of the policy's own phrases a reason quotes.
_QUOTED = 4
# Items that ask what follows from a choice (not supplying data, withdrawing consent) are met
# by a sentence that states it: a condition on the person's refusal and what then cannot be
# done, read as a construction rather than as fixed phrases.
_ASKS_CONSEQUENCE = re.compile(r"\b(?:consequences?|what follows)\b", re.IGNORECASE)
_REFUSAL = re.compile(
    r"\b(?:if|where|should|when|jika|apabila|bila)\b[^.;:]{0,80}?"
    r"(?:\b(?:not|never|fail|refuse|decline|withdraw\w*|tidak|menolak|menarik)\b|n't\b)",
    re.IGNORECASE)
_CANNOT = re.compile(
    r"\b(?:(?:may|will|might|would)\s+not\s+be\s+able|unable|cannot|can\s+not|can't|"
    r"tidak\s+(?:akan\s+)?(?:dapat|bisa))\b", re.IGNORECASE)
# Items that ask whether supplying the data is obligatory or voluntary are met by a sentence
# that tells the person so: the person supplying data ("you ... provide", "Providing ...") and
# a word of obligation or choice, read as a construction rather than as fixed phrases. Where
# the organisation is the one obliged ("we may be required to provide your data to the
# police"), nothing is said about the person's choice. An item with elements asks more than
# this one sentence says, and is judged on its elements.
_ASKS_OBLIGATION = re.compile(r"\b(?:obligatory|voluntary|obliged)\b", re.IGNORECASE)
_SUPPLY = (r"(?:provid(?:e|es|ed|ing)|giv(?:e|es|en|ing)|suppl(?:y|ies|ied|ying)|"
           r"submit(?:s|ted|ting)?|memberikan)")
_PERSON_SUPPLIES = re.compile(
    rf"\b(?:you|anda)\b[^.;:]{{0,40}}?\b{_SUPPLY}\b|^\W*(?:providing|giving|supplying)\b",
    re.IGNORECASE)
_OBLIGATION = re.compile(
    r"\b(?:voluntar(?:y|ily)|optional|obligatory|mandatory|compulsory|required|obliged|"
    r"(?:have|has|need|needs) to|must|wajib|sukarela)\b", re.IGNORECASE)
_ORGANISATION_OBLIGED = re.compile(
    r"\b(?:we|kami)\b[^.;:]{0,30}?\b(?:required|obliged|(?:have|need) to|must|wajib)\b",
    re.IGNORECASE)
# How far a reason's quote of a blank runs back before the blank.
_BLANK_CONTEXT = 40

_INDEX_CACHE: dict[tuple[int, int, tuple[tuple[int, int], ...]], DocumentIndex] = {}
_INDEX_CACHE_SIZE = 16


def assess(document: PolicyDocument, checklist: Checklist, *,
           calibrate: bool = True) -> ChecklistAssessment:
    """Suggest a status and evidence for every item of `checklist` against `document`
    (with `calibrate` False, confidences are the engine's own estimates, for fitting)."""
    index = document_index(document)
    foreign = foreign_clauses(index, checklist)
    own = own_clauses(index, checklist)
    elsewhere = written_for_elsewhere(document, checklist)
    suggestions = []
    for item in checklist.items:
        suggestion = assess_item(index, item, foreign, own)
        if elsewhere and suggestion.status is Status.SATISFIED \
                and item.topic in _REGIME_SPECIFIC_TOPICS:
            suggestion = replace(
                suggestion, status=Status.PARTIAL, basis="other-regime",
                reason=f"{suggestion.reason} But the policy is written for another regime "
                       f"({elsewhere}): check that this statement holds under this law.")
        suggestions.append(calibrated(suggestion) if calibrate else suggestion)
    return ChecklistAssessment(checklist.id, checklist.version, tuple(suggestions))


def written_for_elsewhere(document: PolicyDocument, checklist: Checklist) -> str:
    """When the policy names the law of other regimes that can be recognised but not this
    checklist's, those regimes' words ("mentions \u201cPDPO\u201d ..."); else ""."""
    detected = {hit.id: hit.reason for hit in document.jurisdictions}
    own = {checklist.id, checklist.based_on} - {""}
    # A checklist without applicability cues can never be detected: no sign either way.
    if not detected or not checklist.applicability_cues or own & set(detected):
        return ""
    return "; ".join(detected.values())


def foreign_clauses(index: DocumentIndex, checklist: Checklist) -> frozenset[int]:
    """Clauses of sections addressed to another jurisdiction than the checklist's: they are
    no evidence for its items (a checklist whose jurisdiction is not known keeps them all)."""
    own = jurisdiction_keys([checklist.jurisdiction])
    if not own:
        return frozenset()
    if index.scopes is None:
        index.scopes = clause_scopes(index.document)
    return frozenset(number for number, scope in enumerate(index.scopes)
                     if scope and not scope & own)


def own_clauses(index: DocumentIndex, checklist: Checklist) -> frozenset[int]:
    """Clauses of sections addressed to the checklist's own jurisdiction."""
    own = jurisdiction_keys([checklist.jurisdiction])
    if not own:
        return frozenset()
    if index.scopes is None:
        index.scopes = clause_scopes(index.document)
    return frozenset(number for number, scope in enumerate(index.scopes) if scope & own)


def document_index(document: PolicyDocument) -> DocumentIndex:
    """The document's search index, built once per document text and segmentation."""
    key = (id(document), hash(document.text),
           tuple((clause.start, clause.end) for clause in document.clauses))
    index = _INDEX_CACHE.get(key)
    if index is None or index.document is not document:
        if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
            _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
        index = DocumentIndex(document)
        _INDEX_CACHE[key] = index
    return index


def clear_index_cache() -> None:
    """Forget every cached document index (benchmarks time cold assessments)."""
    _INDEX_CACHE.clear()


def assess_item(index: DocumentIndex, item: ChecklistItem,
                foreign: frozenset[int] = frozenset(),
                own: frozenset[int] = frozenset()) -> Suggestion:
    """The suggestion for one item, with the engine's raw confidence (before calibration)."""
    scored = score_clauses(index, item, foreign)
    with_cues = frozenset(number for clauses in scored.matched.values() for number in clauses)
    chosen = evidence_clauses(index, item, scored.scores, foreign, with_cues, own)
    evidence = tuple(_hit(index, number, scored.scores[number]) for number in chosen)
    # A question ("How long do we keep your data?"), a menu line or a cue word in another
    # sense ("keep it confidential") names the item's subject without stating anything of it.
    stating = [number for number in chosen if not _states_nothing(index, number)]
    found = {cue for cue, clauses in scored.matched.items()
             if not clauses.isdisjoint(stating) and _in_sense(index, item, cue, stating)}
    # A cue under a heading about the item ("erasure" under "Your rights") is backed by the
    # policy's own structure: it stands on its own even when it is a single word.
    headed = {cue.text for cue in found if not cue.aspect
              and any(scored.headings[number] >= _HEADING_SUPPORT
                      for number in scored.matched[cue].intersection(chosen))}
    sectioned = any(scored.headings[number] >= _HEADING_SUPPORT for number in chosen)
    if item.condition is not None:
        check = check_condition(index, item.condition, foreign)
        # A passing one-word mention ("profiling", "children") triggers the condition only
        # when the item's own evidence shows the policy deals with the situation; and the
        # policy may describe the situation in other words than the condition cues, which
        # several phrases of the item's own evidence then show.
        weak = not check.described and all(len(cue_terms(cue)[0]) < 2 for cue in check.cues)
        shown = _situation_described(index, found, chosen)
        # Cues the evidence only denies ("not meant for children under 13") show nothing.
        asserted = set(_stated(index, found, chosen)[0])
        if not shown and (not check.triggered or (weak and not _strong(asserted))):
            return _not_applicable(item, check, evidence)
        suggestion = _judge(index, item, found, headed, chosen, evidence, foreign, sectioned)
        return replace(suggestion, reason=f"{_applies(check)} {suggestion.reason}",
                       evidence=_with_situation(index, scored, check, suggestion))
    return _judge(index, item, found, headed, chosen, evidence, foreign, sectioned)


def _with_situation(index: DocumentIndex, scored: ItemScores, check: ConditionCheck,
                    suggestion: Suggestion) -> tuple[EvidenceHit, ...]:
    """When the item's own evidence is thin, the clause that shows the situation ("we carry
    out credit checks" for a sensitive-data item) is what the reviewer must read: bring it
    among the first few."""
    evidence = suggestion.evidence
    if suggestion.status is not Status.PARTIAL or not check.clauses:
        return evidence
    # Of the clauses that show the situation, the one closest to the item.
    number = max(check.clauses, key=lambda place: scored.scores[place])
    clause = index.document.clauses[number]
    if any(hit.start == clause.start for hit in evidence[:_SITUATION_PLACE + 1]):
        return evidence
    rest = tuple(hit for hit in evidence if hit.start != clause.start)
    situation = _hit(index, number, scored.scores[number])
    return (rest[:_SITUATION_PLACE] + (situation,) + rest[_SITUATION_PLACE:])[:MAX_EVIDENCE]


def _applies(check: ConditionCheck) -> str:
    """Why a conditional item was assessed, for the reason."""
    if not check.triggered:
        return "Applies: the item's own evidence describes the situation."
    where = f" ({', '.join(check.refs[:3])})" if check.refs else ""
    if check.described:
        return f"Applies: {_quote(check.quotes[-1])}…{where} states the situation."
    return f"Applies: {', '.join(_quote(text) for text in check.quotes[:3])}{where}."


def _not_applicable(item: ChecklistItem, check: ConditionCheck,
                    closest: tuple[EvidenceHit, ...]) -> Suggestion:
    condition = item.condition.description.rstrip(".") if item.condition else ""
    if check.triggered:
        shown = f"only passing mention of {', '.join(_quote(c) for c in check.quotes[:3])}"
        confidence, basis = 0.45, "passing-mention"
    elif check.denied:
        shown = ("the policy only denies it "
                 f"({', '.join(_quote(c) for c in check.denied_quotes[:3])})")
        confidence, basis = 0.6, "denied"
    else:
        shown = "no condition cue found in the policy"
        confidence, basis = 0.7, "no-cue"
    where = f" Closest passages, to check: {', '.join(hit.ref for hit in closest)}." \
        if closest else ""
    return Suggestion(item.id, Status.NOT_APPLICABLE, confidence,
                      f"Condition not shown ({condition}): {shown}.{where}", (), closest, basis)


def _states_nothing(index: DocumentIndex, number: int) -> bool:
    """Is the clause a single question (a heading or a reader's question) or navigation (a
    menu, a breadcrumb trail or a table of contents on one line), not a statement?"""
    text = index.document.clauses[number].text.strip()
    if text.endswith("?") and not _SENTENCE_END.search(text[:-1]):
        return True
    parts = _MENU_SEPARATOR.split(text)
    if len(parts) < _MENU_ENTRIES or not all(
            len(part.split()) <= _MENU_ENTRY_WORDS and not part.rstrip().endswith(".")
            for part in parts):
        return False
    # A table row reads the same ("Account data | Two years | Contract"), but its neighbours
    # are rows with as many cells; a menu line stands alone.
    clauses = index.document.clauses
    return not any(0 <= near < len(clauses)
                   and len(_MENU_SEPARATOR.split(clauses[near].text.strip())) == len(parts)
                   for near in (number - 1, number + 1))


def _in_sense(index: DocumentIndex, item: ChecklistItem, cue: Cue, stating: list[int]) -> bool:
    """Does the cue stand, somewhere in the stating clauses, in the sense the item means?"""
    after = _OTHER_SENSE.get(item.topic)
    before = _OTHER_SENSE_BEFORE.get(item.topic)
    subject = _subject(item, cue)
    text = index.document.text
    for match in index.find(*cue.key):
        if not match.ordered or match.clause not in stating:
            continue
        start, end = index.match_span(match, cue.stems if cue.literal else ())
        if after is not None and after.match(text, end):
            continue
        if before is not None:
            clause = index.document.clauses[match.clause]
            opening = text[clause.start:start]
            if before.search(opening[max((m.end() for m in _SENTENCE_END.finditer(opening)),
                                         default=0):]):
                continue
        if subject and not _names(index, match.clause, subject):
            continue
        return True
    return False


def _subject(item: ChecklistItem, cue: Cue) -> frozenset[str]:
    """For an item whose subject has a name, the title's words naming it, when the cue names
    none of them; else nothing to look for."""
    if item.topic not in _NAMED_SUBJECT_TOPICS:
        return frozenset()
    named = frozenset(content_stems(item.title))
    return frozenset() if named & set(cue.stems) else named


def _names(index: DocumentIndex, number: int, subject: frozenset[str]) -> bool:
    """Does the clause, its heading or its list's lead-in name the subject?"""
    lead = index.lead_of.get(number, number)
    return any(not subject.isdisjoint(index.clauses[place].counts.keys())
               or not subject.isdisjoint(index.clauses[place].heading)
               for place in (number, lead))


def _hit(index: DocumentIndex, number: int, score: float) -> EvidenceHit:
    clause = index.document.clauses[number]
    return EvidenceHit(clause.ref, clause.start, clause.end, clause.text, round(score, 3))


def _situation_described(index: DocumentIndex, found: set[Cue], chosen: list[int]) -> bool:
    """Does one evidence passage (a clause, or a lead-in with the items of its list) state
    several of the item's own multi-word cues? Then it describes the situation the condition
    names, in its own words; phrases scattered over the policy ("requests to delete" here,
    "requests to opt out" there) do not."""
    phrases: dict[int, set[str]] = {}
    for cue in found:
        if cue.phrase and not cue.aspect:
            for match in index.find(*cue.key):
                if match.ordered and not match.negated and match.clause in chosen:
                    phrases.setdefault(match.clause, set()).add(cue.text)
                    if match.clause in index.lead_of:
                        phrases.setdefault(index.lead_of[match.clause], set()).add(cue.text)
    return any(len(texts) >= _PHRASES_SHOWING_CONDITION for texts in phrases.values())


def _stated(index: DocumentIndex, found: set[Cue], chosen: list[int]
            ) -> tuple[dict[Cue, PhraseMatch], dict[Cue, PhraseMatch], int, int]:
    """The cues the evidence states, and those it only negates ("we do not sell personal
    information", "we may change it without notice"), each with where it stands; and
    how many distinct cues of the item itself it states (a cue found only inside another's
    words, "securely delete" in "securely delete or destroy", adds nothing)."""
    stated: dict[Cue, PhraseMatch] = {}
    denied: dict[Cue, PhraseMatch] = {}
    spans: dict[Cue, list[tuple[int, int, int]]] = {}
    for cue in found:
        matches = [m for m in index.find(*cue.key) if m.ordered and m.clause in chosen]
        if not matches:
            continue
        own_negation = any(term in NEGATORS for term in cue.stems)
        asserted = [m for m in matches if own_negation or not m.negated]
        if asserted:
            best = min(asserted, key=lambda m: chosen.index(m.clause))
            stated[cue] = best
            if not cue.aspect:
                spans[cue] = [(m.clause, m.start, m.end) for m in asserted]
        else:
            denied[cue] = matches[0]
    # And how many stand together in the best passage (with its list lead-in or items).
    top: set[int] = set()
    if chosen:
        lead = index.lead_of.get(chosen[0], chosen[0])
        top = {chosen[0], lead, *index.items.get(lead, ())}
    together = {cue: [span for span in places if span[0] in top]
                for cue, places in spans.items()}
    return stated, denied, _distinct(spans), _distinct(
        {cue: places for cue, places in together.items() if places})


def _words(index: DocumentIndex, cue: Cue, match: PhraseMatch) -> str:
    return index.match_text(match, cue.stems if cue.literal else ())


def _distinct(spans: dict[Cue, list[tuple[int, int, int]]]) -> int:
    """How many cues stand somewhere on their own, longest first: a cue all of whose places
    overlap a longer cue's counts once with it."""
    taken: list[tuple[int, int, int]] = []
    count = 0
    for cue in sorted(spans, key=lambda c: (-len(c.stems), c.text)):
        free = [span for span in spans[cue] if not any(
            span[0] == other[0] and span[1] < other[2] and other[1] < span[2]
            for other in taken)]
        if free:
            count += 1
        taken.extend(spans[cue])
    return count


def _strong(found: set[Cue]) -> bool:
    """Evidence that stands on its own: a multi-word cue of the item itself."""
    return any(cue.phrase and not cue.aspect for cue in found)


def _judge(index: DocumentIndex, item: ChecklistItem, found: set[Cue], headed: set[str],
           chosen: list[int], evidence: tuple[EvidenceHit, ...],
           foreign: frozenset[int] = frozenset(), sectioned: bool = False) -> Suggestion:
    """The suggestion from the item's cues found in the evidence; `sectioned` when a passage
    of the evidence stands under a heading that speaks of the item."""
    where = ", ".join(hit.ref for hit in evidence[:3])
    if not found and item.topic == _PRESENTATION_TOPIC:
        structure = _structure(index, bool(_READABILITY_WORDS.search(item.requirement)))
        if structure is not None:
            return structure.suggestion(item.id)
    obligation = _obligation(index, item, chosen)
    if not found and not obligation:
        reason = "No cue of this item found in the policy"
        if evidence:
            reason += f"; closest passages, to check: {where} (weak match)"
        return Suggestion(item.id, Status.MISSING, 0.55 if evidence else 0.75, reason + ".",
                          (), evidence, "no-cue-near" if evidence else "no-cue")
    if _PROCESS_WORDS.search(f"{item.title} {item.requirement}"):
        # "To handle your enquiries and complaints" among purposes is a use, not a process.
        found = {cue for cue in found if not all(
            m.clause in index.purpose_items for m in index.find(*cue.key)
            if m.ordered and m.clause in chosen)}
        if not found:
            return Suggestion(item.id, Status.PARTIAL, 0.4,
                              "The item's words appear only among the purposes of use "
                              f"({where}): that names a use of data, not a procedure.",
                              evidence, (), "purpose-only")
    stated, denied, places, together = _stated(index, found, chosen)
    if denied and not _WHETHER.search(item.requirement):
        # "Without notice" is no promise of notice: a denied cue supports nothing, unless the
        # item only asks whether the organisation does it.
        found = set(stated)
        headed = {text for text in headed if any(cue.text == text for cue in found)}
    # The policy's own words for the first few cues, the item's own before its elements'.
    first = sorted(stated, key=lambda cue: (bool(cue.aspect), cue.text))[:_QUOTED * 2]
    quotes = list(dict.fromkeys(_words(index, cue, stated[cue]) for cue in first))
    said = f"Found {', '.join(_quote(text) for text in quotes[:_QUOTED]) or 'related wording'}"
    said += f" in {where}"
    if denied:
        said += "; stated as not done: " + ", ".join(
            _quote(text) for text in sorted({_words(index, cue, match)
                                              for cue, match in denied.items()})[:3])
    if not found and not obligation:
        return Suggestion(item.id, Status.PARTIAL, 0.4,
                          f"{said}; the policy only states it does not do this.", evidence,
                          (), "denied")
    problems: list[str] = []
    basis = ""
    contact = item.topic in CONTACT_TOPICS
    # A blank in the evidence leaves a channel missing; for other items it counts where it
    # stands in a sentence with the item's own words ("Last updated: [insert date]").
    blank = _blank_in(index, chosen[:3],
                      None if _needs_channel(item) else lambda: _cue_spans(index, found, chosen))
    # For contact items, an actual address or number is what makes a cue strong; a general
    # contact does not fill a channel the evidence itself leaves blank.
    reachable = contact and not (blank and _needs_channel(item)) and bool(
        _channels(index, found, chosen))
    strong = _strong(found) or reachable or bool(headed)
    # A sentence stating what follows from a refusal, or whether the data must be given, is
    # the item's substance, however few of its cues say it.
    consequence = _consequence(index, item, found, chosen)
    if consequence:
        said += f"; states what follows: {_quote(consequence)}"
    if obligation:
        said += f"; states whether the data must be given: {_quote(obligation)}"
        consequence = consequence or obligation
    if item.aspects:
        names = [aspect.name for aspect in item.aspects]
        present = _aspects_present(index, found, chosen)
        absent = [name for name in names if name not in present]
        if present:
            said += f"; elements found: {', '.join(n for n in names if n in present)}"
        if absent:
            problems.append(f"not found: {', '.join(absent)}")
            # Several of the item's own cues under a heading about it: the policy deals with
            # the item and leaves an element out, rather than touching on it in passing. The
            # two kinds of finding are confirmed at different rates, so they are told apart.
            basis = "elements-missing-in-section" if sectioned \
                and places >= _CUES_FOR_SATISFIED else "elements-missing"
            if not present and not any(not cue.aspect for cue in stated):
                # Only an element's word ("30 days", "months") with nothing of the item
                # itself: the evidence is about something else.
                return Suggestion(item.id, Status.MISSING, 0.55,
                                  f"No cue of this item found in the policy, only words of its "
                                  f"elements elsewhere; closest passages, to check: {where}.",
                                  (), evidence, "elements-only")
            if len(absent) == len(names) and not strong:
                return Suggestion(item.id, Status.PARTIAL, 0.4,
                                  f"{said}; none of the required elements found "
                                  f"({', '.join(absent)}).", evidence, (), "no-elements")
    elif not strong and not consequence:
        problems.append("only single-word cues match, so the point may be made only in passing")
        basis = "single-word"
    elif not (reachable or headed or consequence) and places < _CUES_FOR_SATISFIED:
        problems.append("only this one cue found; check that the policy says enough")
        basis = "one-cue"
    if contact and not reachable:
        problems.append("no email, web address, phone number or postal address in the evidence")
        basis = basis or "no-contact"
    if blank is not None:
        what = "the channel" if _needs_channel(item) else "the evidence"
        problems.append(f"{what} is left blank or holds a placeholder ({_quote(blank)})")
        basis = "blank"
    if item.topic in _SPECIFIC_TOPICS:
        hedge = _alternatives(index, found, foreign)
        if hedge:
            problems.append(f"names alternatives ({_quote(hedge)}) without saying which applies")
            basis = "alternatives"
    if item.topic != _CHILDREN_TOPIC and stated and all(
            _CHILDREN_STEMS & index.clauses[match.clause].heading
            for cue, match in stated.items() if not cue.aspect):
        problems.append("stated only in the section on children's data, not for everyone's")
        basis = "children-only"
    conflict = _conflict(index, item, chosen)
    if conflict:
        problems.append(conflict)
        basis = "conflict"
    if not problems and _PROMINENCE_WORDS.search(f"{item.title} {item.requirement}") \
            and not _under_own_heading(index, found, chosen):
        problems.append("stated only among other text, not presented clearly and apart as "
                        "the law asks")
        basis = "prominence"
    if problems:
        return Suggestion(item.id, Status.PARTIAL, 0.5, f"{said}; {'; '.join(problems)}.",
                          evidence, (), basis)
    # The best passage may stand after a list item placed before its lead-in.
    clear = together >= _CUES_FOR_SATISFIED or (
        together > 0 and evidence and max(hit.score for hit in evidence) >= _CLEAR_MATCH)
    if places <= _CUES_FOR_SATISFIED and not clear and not reachable and not consequence:
        # Two cues spread over passages, none of which ranks clearly above the rest, are as
        # often a passing statement as a full one: not enough for assurance.
        return Suggestion(item.id, Status.PARTIAL, 0.5,
                          f"{said}; the best passage is not clearly about this item; check "
                          "that the policy says enough.", evidence, (), "cues-faint")
    confidence = min(0.95, 0.6 + 0.1 * places)
    basis = "many-cues" if places > _CUES_FOR_SATISFIED else "cues"
    return Suggestion(item.id, Status.SATISFIED, round(confidence, 2), f"{said}.", evidence,
                      (), basis)


def _channels(index: DocumentIndex, found: set[Cue], chosen: list[int]) -> list[int]:
    """The evidence clauses whose address or number is offered as a way to reach the
    organisation: the clause, its heading or its list's lead-in speaks of the item or of
    contacting, or the clause before introduces it ("... and post to:"). An address met
    elsewhere (the website a policy covers) is no channel."""
    contact_word = stem("contact")
    own = [cue for cue in found if not cue.aspect]
    clauses = index.document.clauses
    channels = []
    for number in chosen:
        if number not in index.contact_clauses:
            continue
        lead = index.lead_of.get(number, number)
        around = {number, lead, *index.items.get(lead, ())}
        terms = index.clauses[number]
        if contact_word in terms.counts or contact_word in terms.heading \
                or (number > 0 and clauses[number - 1].text.rstrip().endswith(":")) \
                or any(match.clause in around for cue in own for match in index.find(*cue.key)):
            channels.append(number)
    return channels


def _aspects_present(index: DocumentIndex, found: set[Cue], chosen: list[int]) -> set[str]:
    """The aspects the evidence shows: by a phrase, or by a single word ("months") in a
    passage that also states one of the item's own cues, not by a word met anywhere."""
    with_item_cue = {number for cue in found if not cue.aspect
                     for number in chosen
                     if any(m.clause == number and m.ordered for m in index.find(*cue.key))}
    present = set()
    for cue in found:
        if not cue.aspect or cue.aspect in present:
            continue
        if cue.phrase or any(m.clause in with_item_cue for m in index.find(*cue.key)):
            present.add(cue.aspect)
    return present


def _alternatives(index: DocumentIndex, found: set[Cue], foreign: frozenset[int]) -> str:
    """Two of the item's cues offered as alternatives anywhere the policy states them ("our
    legitimate interests or your prior consent"), in the policy's words; else ""."""
    text = index.document.text
    spans = sorted((index.match_span(match, cue.stems if cue.literal else ()), cue.text)
                   for cue in found if not cue.aspect
                   for match in index.find(*cue.key)
                   if match.ordered and not match.negated and match.clause not in foreign)
    for ((begin, end), first), ((start, finish), second) in zip(spans, spans[1:]):
        between = text[end:start]
        if first == second or start < end or not _OR.search(between) \
                or _SENTENCE_END.search(between):
            continue
        # Close together, or announced by "either" earlier in the sentence.
        opening = text[max(0, begin - _EITHER_REACH):begin]
        opening = opening[max((m.end() for m in _SENTENCE_END.finditer(opening)), default=0):]
        introduced = _INTRODUCED_BY.search(opening)
        parallel = introduced is not None and re.search(
            rf"\b(?:or|atau)\s+{introduced.group(1)}\b", between, re.IGNORECASE)
        if start - end <= _ALTERNATIVE_GAP or _EITHER.search(opening + text[begin:end]) \
                or parallel:
            return text[begin:finish]
    return ""


def _needs_channel(item: ChecklistItem) -> bool:
    """Is a way to reach someone (an address, a form, a number) the item's substance?"""
    return item.topic in _CHANNEL_TOPICS or item.topic.startswith(_RIGHTS_TOPIC_PREFIX) \
        or bool(_CHANNEL_WORDS.search(item.requirement))


def _consequence(index: DocumentIndex, item: ChecklistItem, found: set[Cue],
                 chosen: list[int]) -> str:
    """For an item asking what follows from a refusal, the sentence of the evidence that states
    it (a refusal, what then cannot be done, and one of the item's own cues); else ""."""
    if item.aspects or not _ASKS_CONSEQUENCE.search(item.requirement):
        return ""
    text = index.document.text
    spans = _cue_spans(index, {cue for cue in found if not cue.aspect}, chosen[:MAX_EVIDENCE])
    for number in chosen[:MAX_EVIDENCE]:
        clause = index.document.clauses[number]
        begin = clause.start
        for end in [m.end() for m in _SENTENCE_END.finditer(text, clause.start, clause.end)] \
                + [clause.end]:
            sentence = text[begin:end]
            refusal = _REFUSAL.search(sentence)
            if refusal and _CANNOT.search(sentence, refusal.start()) and any(
                    begin <= start and stop <= end for start, stop in spans):
                return " ".join(sentence.split())
            begin = end
    return ""


def _obligation(index: DocumentIndex, item: ChecklistItem, chosen: list[int]) -> str:
    """For an item asking whether supplying the data is obligatory, the sentence of the
    evidence (or of the closest passages) that tells the person; else ""."""
    if item.aspects or not _ASKS_OBLIGATION.search(item.requirement):
        return ""
    for sentence in _sentences(index, chosen[:MAX_EVIDENCE]):
        supplies = _PERSON_SUPPLIES.search(sentence)
        if supplies and _OBLIGATION.search(sentence) \
                and not _ORGANISATION_OBLIGED.search(sentence):
            return " ".join(sentence.split())
    return ""


def _sentences(index: DocumentIndex, numbers: list[int]) -> list[str]:
    """The sentences of the given clauses, in order."""
    text = index.document.text
    sentences = []
    for number in numbers:
        clause = index.document.clauses[number]
        begin = clause.start
        for end in [m.end() for m in _SENTENCE_END.finditer(text, clause.start, clause.end)] \
                + [clause.end]:
            sentences.append(text[begin:end])
            begin = end
    return sentences


def _cue_spans(index: DocumentIndex, found: set[Cue], chosen: list[int]
               ) -> list[tuple[int, int]]:
    return [index.match_span(match, cue.stems if cue.literal else ())
            for cue in found for match in index.find(*cue.key)
            if match.ordered and match.clause in chosen]


def _blank_in(index: DocumentIndex, chosen: list[int],
              near_spans: Callable[[], list[tuple[int, int]]] | None) -> str | None:
    """The words before the first blank in the evidence ("write to us at:") or in the list it
    belongs to, if any; with `near_spans`, only a blank in the same sentence as one of the
    spans it gives counts."""
    text = index.document.text
    near = None
    clauses = index.document.clauses
    around = list(chosen)
    for number in chosen:
        lead = index.lead_of.get(number, number)
        around += [lead, *index.items.get(lead, ())]
        # The parts of a clause ("E #5 (a)", "E #5 (b)") finish what it begins ("... the
        # right to receive: a) ...; b) ... email your request to, and").
        base = clauses[lead].ref
        around += [part for part in range(lead + 1, min(len(clauses), lead + _PARTS))
                   if clauses[part].ref.startswith(base + " ")]
    if index.blank_clauses.isdisjoint(around):
        return None
    for number in dict.fromkeys(around):
        if number not in index.blank_clauses:
            continue
        clause = clauses[number]
        for start, end in index.blanks:
            if not (start < clause.end and clause.start < end):
                continue
            if near_spans is not None:
                near = near if near is not None else near_spans()
                begin = max(clause.start, *(m.end() for m in _SENTENCE_END.finditer(
                    text, clause.start, start)), 0)
                after = _SENTENCE_END.search(text, end, clause.end)
                finish = after.start() if after else clause.end
                if not any(max(b, begin) < min(f, finish) and b < end + _BLANK_REACH
                           and start < f + _BLANK_REACH for b, f in near):
                    continue
            begin = max(clause.start, start - _BLANK_CONTEXT)
            words = text[begin:max(end, start)].strip()
            return words.split(" ", 1)[-1] if begin > clause.start else words
    return None


def _conflict(index: DocumentIndex, item: ChecklistItem, chosen: list[int]) -> str:
    """Where the evidence states a value the law fixes otherwise, what it says (else "")."""
    clauses = index.document.clauses
    limit = law_limit(item.requirement)
    if limit is not None:
        for number in chosen:
            found = deadline_conflict(clauses[number].text, limit)
            if found:
                # Only the policy's words are quoted; the law's limit is named, not quoted.
                return (f"conflicts with the law: the policy states {_quote(found.stated)} "
                        f"where the law sets {found.law}")
    if free_by_law(item.requirement) and chosen:
        # The fee may be reserved beside the procedure, under the same heading.
        heading = clauses[chosen[0]].heading
        nearby = list(chosen) + [number for number, clause in enumerate(clauses)
                                 if heading and clause.heading == heading]
        for number in dict.fromkeys(nearby):
            found = fee_conflict(clauses[number].text)
            if found:
                return (f"conflicts with the law: the policy reserves a fee "
                        f"({_quote(found.stated)}, {clauses[number].ref}) where the law makes "
                        "it free of charge")
    return ""


def _under_own_heading(index: DocumentIndex, found: set[Cue], chosen: list[int]) -> bool:
    """Does a heading over the evidence itself name the item ("Your right to object")?"""
    for number in chosen:
        heading = index.clauses[number].heading
        if any(cue.stems and set(cue.stems) <= heading for cue in found if not cue.aspect):
            return True
    return False


@dataclass(frozen=True)
class _Structure:
    """How a policy is laid out, as evidence for presentation items."""

    headings: int
    questions: int
    evidence: tuple[EvidenceHit, ...]
    hindrances: tuple[str, ...] = ()

    def suggestion(self, item_id: str) -> Suggestion:
        reason = (f"No cue of this item found, but the policy is laid out under {self.headings} "
                  f"headings ({self.questions} phrased as questions), so presentation is partly "
                  "addressed")
        if self.hindrances:
            reason += f"; drafting slips get in the reader's way ({', '.join(self.hindrances)})"
        reason += "; check readability, layering and language versions by eye."
        return Suggestion(item_id, Status.PARTIAL, 0.35, reason, self.evidence, (), "layout")


def _structure(index: DocumentIndex, reading: bool = False) -> _Structure | None:
    """The policy's heading layout, or None when it has too few headings to count as laid out;
    with `reading`, the drafting slips that hinder reading lead its evidence."""
    text = index.document.text
    spans: dict[str, EvidenceHit] = {}
    for clause in index.document.clauses:
        heading = clause.heading.strip()
        if not heading or heading in spans:
            continue
        start = text.rfind(heading, 0, clause.start)
        if start >= 0:
            spans[heading] = EvidenceHit(clause.ref, start, start + len(heading), heading, 0.0)
    if len(spans) < _LAID_OUT_HEADINGS:
        return None
    questions = [hit for heading, hit in spans.items() if heading.endswith("?")]
    slips = _reading_slips(index) if reading else []
    shown = [hit for _, hit in slips] + questions + [
        hit for hit in spans.values() if hit not in questions]
    return _Structure(len(spans), len(questions), tuple(shown[:MAX_EVIDENCE]),
                      tuple(_DEFECT_NAMES[kind] for kind, _ in slips))


def _reading_slips(index: DocumentIndex) -> list[tuple[str, EvidenceHit]]:
    """The first slip of each kind that hinders reading, in the policy's order, up to the
    number shown."""
    if index.reading_defects is None:
        index.reading_defects = reading_defects(index.document)
    starts = [clause.start for clause in index.document.clauses]
    first: dict[str, EvidenceHit] = {}
    for defect in index.reading_defects:
        if defect.kind in first or defect.kind not in _DEFECT_NAMES:
            continue
        number = bisect_right(starts, defect.start) - 1
        ref = index.document.clauses[number].ref if number >= 0 else ""
        first[defect.kind] = EvidenceHit(ref, defect.start, defect.end, defect.text, 0.0)
        if len(first) == _READING_DEFECTS_SHOWN:
            break
    return list(first.items())


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"
