"""The law as in force on a date: which items apply then, and at which level."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from desktop_app.core.checklist import Checklist, ChecklistItem
from desktop_app.core.checklist_loader import content_hash
from desktop_app.core.status import Level
from desktop_app.errors import ChecklistError, InputError


def parse_as_at(text: str | None) -> str:
    """An ISO date from user input; None or blank means today."""
    if text is None or not text.strip():
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise InputError(f"'{text}' is not a date; give the as-at date as YYYY-MM-DD, "
                         "e.g. 2027-01-01") from None


def applies_on(item: ChecklistItem, as_at: str) -> bool:
    started = not item.effective or item.effective <= as_at
    return started and (not item.until or as_at < item.until)


def level_on(item: ChecklistItem, as_at: str) -> Level:
    level = item.level
    for date, changed in item.level_from:
        if date <= as_at:
            level = changed
    return level


def in_force(checklist: Checklist, as_at: str) -> Checklist:
    """The checklist as the law stands on `as_at` (ISO date).

    Items not yet or no longer in force are left out, and each item carries the level that
    applies on that date; the dated level changes are resolved, so they are dropped.
    """
    items = tuple(replace(item, level=level_on(item, as_at), level_from=())
                  for item in checklist.items if applies_on(item, as_at))
    if items == checklist.items:
        return checklist
    if not items:
        raise ChecklistError(f"no item of checklist '{checklist.id}' is in force on {as_at}; "
                             "choose a later as-at date")
    resolved = replace(checklist, items=items)
    return replace(resolved, content_hash=content_hash(resolved))


def all_in_force(checklists: Iterable[Checklist], as_at: str) -> tuple[Checklist, ...]:
    """Each checklist as in force on `as_at`, leaving out those with no item in force then."""
    return tuple(in_force(c, as_at) for c in checklists if any(applies_on(i, as_at)
                                                               for i in c.items))
