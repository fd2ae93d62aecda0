"""The suggestion engine: for every checklist item, a status, a confidence, a reason and evidence.

It only proposes; the reviewer confirms or corrects every suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop_app.core.assessment import ChecklistAssessment, EvidenceHit, Suggestion
from desktop_app.core.checklist import Checklist, ChecklistItem
from desktop_app.core.conditions import ConditionCheck, check_condition
from desktop_app.core.document import PolicyDocument
from desktop_app.core.ranking import NEGATORS, DocumentIndex
from desktop_app.core.scoring import (
    CONTACT_TOPICS,
    MAX_EVIDENCE,
    Cue,
    ItemScores,
    evidence_clauses,
    score_clauses,
)
from desktop_app.core.status import Status
from desktop_app.core.textnorm import cue_terms

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
# Where the clause showing a conditional item's situation goes among thin evidence (0 = first).
_SITUATION_PLACE = 2

_INDEX_CACHE: dict[tuple[int, int, tuple[tuple[int, int], ...]], DocumentIndex] = {}
_INDEX_CACHE_SIZE = 16


def assess(document: PolicyDocument, checklist: Checklist) -> ChecklistAssessment:
    """Suggest a status and evidence for every item of `checklist` against `document`."""
    index = document_index(document)
    suggestions = tuple(assess_item(index, item) for item in checklist.items)
    return ChecklistAssessment(checklist.id, checklist.version, suggestions)


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


def assess_item(index: DocumentIndex, item: ChecklistItem) -> Suggestion:
    """The suggestion for one item."""
    scored = score_clauses(index, item)
    chosen = evidence_clauses(index, item, scored.scores)
    evidence = tuple(_hit(index, number, scored.scores[number]) for number in chosen)
    found = {cue for cue, clauses in scored.matched.items() if not clauses.isdisjoint(chosen)}
    # A cue under a heading about the item ("erasure" under "Your rights") is backed by the
    # policy's own structure: it stands on its own even when it is a single word.
    headed = {cue.text for cue in found if not cue.aspect
              and any(scored.headings[number] >= _HEADING_SUPPORT
                      for number in scored.matched[cue].intersection(chosen))}
    if item.condition is not None:
        check = check_condition(index, item.condition)
        # A passing one-word mention ("profiling", "children") triggers the condition only
        # when the item's own evidence shows the policy deals with the situation; and the
        # policy may describe the situation in other words than the condition cues, which
        # several phrases of the item's own evidence then show.
        weak = all(len(cue_terms(cue)[0]) < 2 for cue in check.cues)
        shown = _situation_described(index, found, chosen)
        if not shown and (not check.triggered or (weak and not _strong(found))):
            return _not_applicable(item, check, evidence[:3])
        suggestion = _judge(index, item, found, headed, chosen, evidence)
        return replace(suggestion, reason=f"{_applies(check)} {suggestion.reason}",
                       evidence=_with_situation(index, scored, check, suggestion))
    return _judge(index, item, found, headed, chosen, evidence)


def _with_situation(index: DocumentIndex, scored: ItemScores, check: ConditionCheck,
                    suggestion: Suggestion) -> tuple[EvidenceHit, ...]:
    """When the item's own evidence is thin, the clause that shows the situation ("we carry
    out credit checks" for a sensitive-data item) is what the reviewer must read: bring it
    among the first few."""
    evidence = suggestion.evidence
    if suggestion.status is Status.SATISFIED or not check.clauses:
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
    return f"Applies: {', '.join(_quote(cue) for cue in check.cues[:3])}{where}."


def _not_applicable(item: ChecklistItem, check: ConditionCheck,
                    evidence: tuple[EvidenceHit, ...]) -> Suggestion:
    condition = item.condition.description.rstrip(".") if item.condition else ""
    if check.triggered:
        shown = f"only passing mention of {', '.join(_quote(c) for c in check.cues[:3])}"
        confidence = 0.45
    elif check.denied:
        shown = f"the policy only denies it ({', '.join(_quote(c) for c in check.denied[:3])})"
        confidence = 0.6
    else:
        shown = "no condition cue found in the policy"
        confidence = 0.7
    closest = f" Closest wording, to check: {', '.join(hit.ref for hit in evidence)}." \
        if evidence else ""
    return Suggestion(item.id, Status.NOT_APPLICABLE, confidence,
                      f"Condition not shown ({condition}): {shown}.{closest}", evidence)


def _hit(index: DocumentIndex, number: int, score: float) -> EvidenceHit:
    clause = index.document.clauses[number]
    return EvidenceHit(clause.ref, clause.start, clause.end, clause.text, round(score, 3))


def _situation_described(index: DocumentIndex, found: set[Cue], chosen: list[int]) -> bool:
    """Does one evidence passage (a clause, or a lead-in with the items of its list) state
    several of the item's own multi-word cues? Then it describes the situation the condition names, in its
    own words; phrases scattered over the policy ("requests to delete" here, "requests to
    opt out" there) do not."""
    phrases: dict[int, set[str]] = {}
    for cue in found:
        if cue.phrase and not cue.aspect:
            for match in index.find(*cue.key):
                if match.ordered and not match.negated and match.clause in chosen:
                    phrases.setdefault(match.clause, set()).add(cue.text)
                    if match.clause in index.lead_of:
                        phrases.setdefault(index.lead_of[match.clause], set()).add(cue.text)
    return any(len(texts) >= _PHRASES_SHOWING_CONDITION for texts in phrases.values())


def _denied(index: DocumentIndex, found: set[Cue], chosen: list[int]) -> set[str]:
    """Cues the evidence only negates ("we do not sell personal information" for the cue
    "sell personal information")."""
    denied = set()
    for cue in found:
        if cue.aspect or any(term in NEGATORS for term in cue.stems):
            continue
        matches = [m for m in index.find(cue.stems, cue.literal)
                   if m.ordered and m.clause in chosen]
        if matches and all(match.negated for match in matches):
            denied.add(cue.text)
    return denied


def _strong(found: set[Cue]) -> bool:
    """Evidence that stands on its own: a multi-word cue of the item itself."""
    return any(cue.phrase and not cue.aspect for cue in found)


def _judge(index: DocumentIndex, item: ChecklistItem, found: set[Cue], headed: set[str],
           chosen: list[int], evidence: tuple[EvidenceHit, ...]) -> Suggestion:
    item_cues = sorted({cue.text for cue in found if not cue.aspect})
    where = ", ".join(hit.ref for hit in evidence[:3])
    if not found and item.topic == _PRESENTATION_TOPIC:
        structure = _structure(index)
        if structure is not None:
            return structure.suggestion(item.id)
    if not found:
        reason = "No cue of this item found in the policy"
        if evidence:
            reason += f"; closest wording in {where} (weak match)"
        return Suggestion(item.id, Status.MISSING, 0.55 if evidence else 0.75, reason + ".",
                          evidence[:3])
    denied = _denied(index, found, chosen)
    stated = [text for text in item_cues if text not in denied]
    said = f"Found {', '.join(_quote(text) for text in stated[:4]) or 'related wording'}"
    said += f" in {where}"
    if denied:
        said += f"; stated as not done: {', '.join(_quote(text) for text in sorted(denied)[:3])}"
    problems: list[str] = []
    contact = item.topic in CONTACT_TOPICS
    # For contact items, an actual address or number is what makes a cue strong.
    reachable = contact and any(number in index.contact_clauses for number in chosen)
    strong = _strong(found) or reachable or bool(headed)
    if item.aspects:
        names = [aspect.name for aspect in item.aspects]
        present = {cue.aspect for cue in found if cue.aspect}
        absent = [name for name in names if name not in present]
        if present:
            said += f"; elements found: {', '.join(n for n in names if n in present)}"
        if absent:
            problems.append(f"not found: {', '.join(absent)}")
            if len(absent) == len(names) and not strong:
                return Suggestion(item.id, Status.PARTIAL, 0.4,
                                  f"{said}; none of the required elements found "
                                  f"({', '.join(absent)}).", evidence)
    elif not strong:
        problems.append("only single-word cues match, so the point may be made only in passing")
    elif not reachable and not headed and len(item_cues) < _CUES_FOR_SATISFIED:
        problems.append("only this one cue found; check that the policy says enough")
    if contact and not reachable:
        problems.append("no email, web address, phone number or postal address in the evidence")
    if problems:
        return Suggestion(item.id, Status.PARTIAL, 0.5, f"{said}; {'; '.join(problems)}.",
                          evidence)
    confidence = min(0.95, 0.6 + 0.1 * len(item_cues))
    return Suggestion(item.id, Status.SATISFIED, round(confidence, 2), f"{said}.", evidence)


@dataclass(frozen=True)
class _Structure:
    """How a policy is laid out, as evidence for presentation items."""

    headings: int
    questions: int
    evidence: tuple[EvidenceHit, ...]

    def suggestion(self, item_id: str) -> Suggestion:
        reason = (f"No cue of this item found, but the policy is laid out under {self.headings} "
                  f"headings ({self.questions} phrased as questions), so presentation is partly "
                  "addressed; check readability, layering and language versions by eye.")
        return Suggestion(item_id, Status.PARTIAL, 0.35, reason, self.evidence)


def _structure(index: DocumentIndex) -> _Structure | None:
    """The policy's heading layout, or None when it has too few headings to count as laid out."""
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
    shown = (questions + [hit for hit in spans.values() if hit not in questions])[:3]
    return _Structure(len(spans), len(questions), tuple(shown))


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"
