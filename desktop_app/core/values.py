"""Values the law fixes (time limits, no fee) and what a policy states instead.

A policy that promises an answer "within 30 days" where the law allows 3 × 24 hours, or that
reserves a fee where the law makes a request free, conflicts with the law: that is a finding,
not evidence that the item is met.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_NUMBER_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "ten": 10, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90,
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "tujuh": 7, "sepuluh": 10,
}
# Hours per unit; a working day counts as a calendar day and a half (weekends around it).
_UNIT_HOURS = {"hour": 1, "jam": 1, "day": 24, "hari": 24, "week": 168, "minggu": 168,
               "month": 720, "bulan": 720}
_WORKING = 36
_PERIOD = re.compile(
    r"\b(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s*\(\d{1,3}\))?\s*"
    r"(?:(?P<times>[x×*]\s*24\s*(?:hours?|jam))"
    r"|(?P<working>business|working|hari\s+kerja)?\s*(?P<unit>hours?|jam|days?|hari|weeks?|"
    r"minggu|months?|bulan)(?:\s+kerja)?)\b",
    re.IGNORECASE)
# How a requirement words a maximum, and how a policy states the time it takes.
_LIMIT = re.compile(r"\b(?:within|no later than|at the latest|at most|not later than|"
                    r"dalam waktu|paling lambat|selambat-lambatnya)\b", re.IGNORECASE)
_BEFORE_STATED = re.compile(r"(?:within|in|no later than|up to|dalam(?: waktu)?|paling lambat|"
                            r"selambat-lambatnya)\s*(?:the\s+)?$", re.IGNORECASE)
_LOOK_BACK = 30
_SENTENCE = re.compile(r"[^.;!?\n]+")
_FREE_BY_LAW = re.compile(
    r"\b(?:free of charge|no fee|not charge|without (?:any )?(?:charge|fee|cost)|"
    r"at no (?:cost|charge)|for free|tanpa (?:dipungut )?biaya|gratis|cuma-cuma)\b",
    re.IGNORECASE)
_FEE = re.compile(
    r"\b(?:(?:reasonable|administrative|processing|nominal|small|handling|appropriate)\s+"
    r"(?:fee|charge)s?|(?:charge|levy|impose|request)\s+(?:you\s+)?(?:a|an|any)?\s*"
    r"(?:\w+\s+)?fees?\b|fees?\s+(?:of|for)\b|(?:dikenakan|mengenakan|membayar)\s+biaya|"
    r"biaya\s+(?:administrasi|yang wajar|pemrosesan))",
    re.IGNORECASE)
_FEE_DENIED = re.compile(r"\b(?:not|no|never|without|free|tidak|tanpa|won't|don't)\b[\w\s']{0,25}$",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Conflict:
    """What the policy states (its own words) against what the law fixes."""

    stated: str
    law: str


@lru_cache(maxsize=4096)
def law_limit(requirement: str) -> tuple[float, str] | None:
    """The longest time the requirement allows (in hours), with its wording, when it sets one."""
    if not _LIMIT.search(requirement):
        return None
    periods = [(_hours(match), match.group()) for match in _PERIOD.finditer(requirement)]
    periods = [(hours, text) for hours, text in periods if hours]
    return max(periods) if periods else None


@lru_cache(maxsize=4096)
def free_by_law(requirement: str) -> bool:
    """Does the requirement make the request or channel free of charge?"""
    return bool(_FREE_BY_LAW.search(requirement))


def deadline_conflict(text: str, limit: tuple[float, str]) -> Conflict | None:
    """A stated time limit in `text` longer than the law's: each sentence's shortest stated
    period counts (an extension "up to 90 days" beside "within 45 days" is not the promise)."""
    hours, wording = limit
    for sentence in _SENTENCE.finditer(text):
        stated = []
        for match in _PERIOD.finditer(sentence.group()):
            before = sentence.group()[max(0, match.start() - _LOOK_BACK):match.start()]
            value = _hours(match)
            if value and _BEFORE_STATED.search(before):
                stated.append((value, match.group()))
        if stated and min(stated)[0] > hours:
            return Conflict(min(stated)[1], wording)
    return None


def fee_conflict(text: str) -> Conflict | None:
    """A fee the policy reserves (not one it rules out) where the law makes it free."""
    for match in _FEE.finditer(text):
        if not _FEE_DENIED.search(text[max(0, match.start() - _LOOK_BACK):match.start()]):
            return Conflict(match.group(), "free of charge")
    return None


def _hours(match: re.Match[str]) -> float:
    count = match.group("n").lower()
    number = int(count) if count.isdigit() else _NUMBER_WORDS.get(count, 0)
    if match.group("times"):
        return number * 24.0
    unit = match.group("unit").lower().rstrip("s")
    if match.group("working") or match.group().lower().endswith("kerja"):
        return number * float(_WORKING)
    return number * float(_UNIT_HOURS.get(unit, 0))
