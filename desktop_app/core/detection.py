"""Which checklists a policy falls under, from the weighted cues each checklist file declares.

Nothing here knows a checklist by its id: a new regime, or a user's own checklist, is detected
from its `applicability_cues` alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from desktop_app.core.checklist import Checklist, DetectionCue
from desktop_app.core.document import JurisdictionHit

#: A checklist applies when the weights of its distinct cues found add up to this. Names of
#: countries alone weigh little, so a list of group companies or transfer destinations does not
#: pull a checklist in; a country named again and again, a statute, a regulator or a company
#: registered there is stronger evidence.
THRESHOLD = 3.0
_SHOWN_QUOTES = 3


@lru_cache(maxsize=1024)
def _compiled(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def _found(cue: DetectionCue, live: str) -> str | None:
    """The first match of the cue, when it occurs at least `min_count` times."""
    matches = _compiled(cue.pattern, cue.case_sensitive).finditer(live)
    first = next(matches, None)
    if first is None or (cue.min_count > 1 and sum(1 for _ in matches) + 1 < cue.min_count):
        return None
    return " ".join(first.group(0).split())


def _reason(quotes: list[str]) -> str:
    shown = [f'"{quote}"' for quote in quotes[:_SHOWN_QUOTES]]
    words = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    more = len(quotes) - len(shown)
    return f"mentions {words}" + (f" (and {more} more)" if more else "")


def detect(live: str, checklists: Sequence[Checklist]) -> tuple[JurisdictionHit, ...]:
    """The checklists whose cues found in `live` reach THRESHOLD, strongest evidence first."""
    scored = []
    for order, checklist in enumerate(checklists):
        found = [(cue.weight, quote) for cue in checklist.applicability_cues
                 for quote in [_found(cue, live)] if quote]
        score = sum(weight for weight, _ in found)
        if score < THRESHOLD:
            continue
        quotes: list[str] = []
        for _, quote in sorted(found, key=lambda pair: -pair[0]):
            # A shorter form of a name already quoted ("Nevada" in "Nevada residents") is not shown.
            if not any(quote.lower() in shown.lower() for shown in quotes):
                quotes.append(quote)
        scored.append((-score, order, JurisdictionHit(checklist.id, _reason(quotes))))
    return tuple(hit for _, _, hit in sorted(scored, key=lambda entry: entry[:2]))
