"""Decisions on the same requirement in other audits of one policy version (`same_as` links)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.core.audit import ItemReview, LinkedDecision
from desktop_app.core.checklist import Checklist


def linked_decisions(checklist: Checklist,
                     others: Sequence[tuple[int, Checklist, Sequence[ItemReview]]]
                     ) -> tuple[LinkedDecision, ...]:
    """For each item of `checklist`, the review of the item it is the same as in another audit,
    and of any item there that says it is the same as this one.

    `others` are (audit id, checklist, reviews) of the other audits of the same policy version;
    when one checklist was audited more than once, the newest audit speaks for it.
    """
    own_ids = {item.id for item in checklist.items}
    newest: dict[str, tuple[int, Checklist, Sequence[ItemReview]]] = {}
    for other in sorted(others, key=lambda entry: entry[0], reverse=True):
        if other[1].id != checklist.id:
            newest.setdefault(other[1].id, other)
    found: list[LinkedDecision] = []
    for audit_id, other_checklist, reviews in newest.values():
        by_item = {review.item_id: review for review in reviews}
        pairs = [(item.id, item.same_as) for item in checklist.items
                 if item.same_as in by_item]
        pairs += [(item.same_as, item.id) for item in other_checklist.items
                  if item.same_as in own_ids and item.id in by_item]
        found += [LinkedDecision(own, audit_id, other_checklist.name, linked, by_item[linked])
                  for own, linked in pairs]
    order = {item.id: index for index, item in enumerate(checklist.items)}
    return tuple(sorted(found, key=lambda link: (order[link.item_id], link.checklist_name)))
