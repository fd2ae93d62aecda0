"""Clause context: which clause introduces a list ("... for the following purposes:") and its items.

A list item is evidence in the light of its lead-in, and a lead-in in the light of its items.
"""

from __future__ import annotations

import re

from desktop_app.core.document import Clause

# Bullets and enumerators: "•", "-", "*", "(a)", "a)", "(iv)", "iv)", "1.", "1)".
_ITEM_START = re.compile(r"^\s*(?:[•\-*·▪◦●]|\(?[a-z]{1,4}\)|\(?\d{1,2}[.)])\s", re.IGNORECASE)

# Unmarked list items are short lines; a long paragraph ends the list.
_UNMARKED_ITEM_LENGTH = 300


def list_leads(clauses: list[Clause] | tuple[Clause, ...]) -> list[int | None]:
    """For every clause, the position of the lead-in clause of the list it belongs to, or None.

    A lead-in ends with a colon; the list runs over the following clauses under the same
    heading that look like items: bulleted or enumerated when the first one is, else short.
    """
    leads: list[int | None] = [None] * len(clauses)
    for number, clause in enumerate(clauses):
        if not clause.text.rstrip().endswith(":") or number + 1 >= len(clauses):
            continue
        marked = bool(_ITEM_START.match(clauses[number + 1].text))
        for follower in range(number + 1, len(clauses)):
            item = clauses[follower]
            if item.heading != clause.heading or item.text.rstrip().endswith(":"):
                break
            looks_like_item = (bool(_ITEM_START.match(item.text)) if marked
                               else len(item.text) <= _UNMARKED_ITEM_LENGTH)
            if not looks_like_item:
                break
            leads[follower] = number
    return leads


def list_items(leads: list[int | None]) -> dict[int, list[int]]:
    """Lead-in position -> the positions of its items."""
    items: dict[int, list[int]] = {}
    for number, lead in enumerate(leads):
        if lead is not None:
            items.setdefault(lead, []).append(number)
    return items
