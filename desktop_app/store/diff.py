"""What changed between two versions of a policy, clause by clause."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.document import Clause

#: Two clauses this similar (difflib ratio) are the same clause, edited.
SAME_REF_SIMILARITY = 0.5
MOVED_SIMILARITY = 0.6


@dataclass(frozen=True)
class ClauseChange:
    kind: str  # "added" | "removed" | "changed" | "unchanged"
    ref: str
    old_text: str = ""
    new_text: str = ""
    old_ref: str = ""  # the clause's ref in the older version (differs if renumbered)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _most_similar(text: str, candidates: Sequence[tuple[int, str]],
                  threshold: float) -> int | None:
    """The candidate most similar to `text` at or above `threshold`, compared word by word.

    The cheap upper bounds skip most candidates, so a rewritten policy still diffs quickly.
    """
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text.split())
    best, best_score = None, threshold
    for index, candidate in candidates:
        matcher.set_seq1(candidate.split())
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio()
        if score >= best_score:
            best, best_score = index, score
    return best


def diff_clauses(old: Sequence[Clause], new: Sequence[Clause]) -> list[ClauseChange]:
    """Pair old and new clauses, then list them in the new order with removals where they were.

    Pairing, in order: identical text (even if renumbered); the same ref with similar text;
    then the most similar remaining clause. What stays unpaired was added or removed.
    """
    pairs: dict[int, int] = {}  # new index -> old index
    free_old = set(range(len(old)))
    by_text: dict[str, list[int]] = {}
    for index, clause in enumerate(old):
        by_text.setdefault(_norm(clause.text), []).append(index)
    for index, clause in enumerate(new):
        candidates = [i for i in by_text.get(_norm(clause.text), []) if i in free_old]
        if candidates:
            chosen = next((i for i in candidates if old[i].ref == clause.ref), candidates[0])
            pairs[index] = chosen
            free_old.discard(chosen)
    old_by_ref = {clause.ref: i for i, clause in enumerate(old)}
    for index, clause in enumerate(new):
        i = old_by_ref.get(clause.ref)
        if index not in pairs and i in free_old and \
                _similarity(old[i].text, clause.text) >= SAME_REF_SIMILARITY:
            pairs[index] = i
            free_old.discard(i)
    for index, clause in enumerate(new):
        if index in pairs or not free_old:
            continue
        best = _most_similar(clause.text, [(i, old[i].text) for i in sorted(free_old)],
                             MOVED_SIMILARITY)
        if best is not None:
            pairs[index] = best
            free_old.discard(best)
    return _ordered(old, new, pairs)


def _ordered(old: Sequence[Clause], new: Sequence[Clause],
             pairs: dict[int, int]) -> list[ClauseChange]:
    removed_after: dict[int, list[int]] = {}  # removed old clauses, placed after a paired new one
    paired_old = {o: n for n, o in pairs.items()}
    anchor = -1
    for o in range(len(old)):
        if o in paired_old:
            anchor = paired_old[o]
        else:
            removed_after.setdefault(anchor, []).append(o)
    deltas = [ClauseChange("removed", old[o].ref, old_text=old[o].text, old_ref=old[o].ref)
              for o in removed_after.get(-1, [])]
    for n, clause in enumerate(new):
        if n in pairs:
            before = old[pairs[n]]
            kind = "unchanged" if _norm(before.text) == _norm(clause.text) else "changed"
            deltas.append(ClauseChange(kind, clause.ref, before.text, clause.text, before.ref))
        else:
            deltas.append(ClauseChange("added", clause.ref, new_text=clause.text))
        deltas.extend(ClauseChange("removed", old[o].ref, old_text=old[o].text, old_ref=old[o].ref)
                      for o in removed_after.get(n, []))
    return deltas
