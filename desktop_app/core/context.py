"""Clause context: which clause introduces a list ("... for the following purposes:") and its items.

A list item is evidence in the light of its lead-in, and a lead-in in the light of its items.
"""

from __future__ import annotations

import re

from desktop_app.core.document import Clause, PolicyDocument

# Bullets and enumerators: "•", "-", "*", "(a)", "a)", "(iv)", "iv)", "1.", "1)".
_ITEM_START = re.compile(r"^\s*(?:[•\-*·▪◦●]|\(?[a-z]{1,4}\)|\(?\d{1,2}[.)])\s",
                         re.IGNORECASE)

# How a lead-in ends: "the following purposes:", "as set out above:-", "including".
_LEAD_END = re.compile(r"(?:[:：]\s*-?|\bincluding|\bfollowing)\s*$", re.IGNORECASE)
# Enough of a clause's end to hold any lead-in ending (searching a whole clause for an
# end-anchored pattern retries it at every character).
_LEAD_TAIL = 40
# A numbered clause reference: "3", "3.1", "3.1.2".
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)*")
# Unmarked list items are short lines; a long paragraph ends the list.
_UNMARKED_ITEM_LENGTH = 300


def list_leads(document: PolicyDocument) -> list[int | None]:
    """For every clause, the position of the lead-in clause of the list it belongs to, or None.

    A lead-in ends with a colon (or "including"); the list runs over the clauses numbered
    under it, or else over the following clauses that look like items: bulleted or enumerated
    when the first one is, else short and under the same heading.
    """
    clauses = document.clauses
    leads: list[int | None] = [None] * len(clauses)
    for number, clause in enumerate(clauses):
        if not _is_lead_in(clause.text) or number + 1 >= len(clauses):
            continue
        section = _SECTION_NUMBER.match(clause.ref)
        if section and _within(section.group(), clauses[number + 1].ref):
            # "3.1 ... for the following purposes:" heads 3.1.1, 3.1.2, ... (a later,
            # nested lead-in takes its own items back).
            for follower in range(number + 1, len(clauses)):
                if not _within(section.group(), clauses[follower].ref):
                    break
                leads[follower] = number
            continue
        marked = _is_marked(document.text, clauses[number + 1])
        for follower in range(number + 1, len(clauses)):
            item = clauses[follower]
            if _is_lead_in(item.text):
                break
            # Enumerated items carry the list across a (possibly misread) heading line.
            looks_like_item = (_is_marked(document.text, item) if marked
                               else item.heading == clause.heading
                               and len(item.text) <= _UNMARKED_ITEM_LENGTH)
            if not looks_like_item:
                break
            leads[follower] = number
    return leads


def _is_lead_in(text: str) -> bool:
    """Does the clause end the way a lead-in does ("... the following purposes:")?"""
    return bool(_LEAD_END.search(text.rstrip()[-_LEAD_TAIL:]))


def _within(section: str, ref: str) -> bool:
    """Is `ref` a part of the numbered section `section` ("3.1.2", "3.1(a)", "3.1 #2")?"""
    return ref.startswith(section) and ref[len(section):len(section) + 1] in (".", "(", " ")


def _is_marked(text: str, clause: Clause) -> bool:
    """Does the clause start with a bullet or enumerator (kept in its text or just before it)?"""
    line_start = text.rfind("\n", 0, clause.start) + 1
    return bool(_ITEM_START.match(text[line_start:clause.start] + clause.text[:12]))


def list_items(leads: list[int | None]) -> dict[int, list[int]]:
    """Lead-in position -> the positions of its items."""
    items: dict[int, list[int]] = {}
    for number, lead in enumerate(leads):
        if lead is not None:
            items.setdefault(lead, []).append(number)
    return items
