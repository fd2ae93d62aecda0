"""same_as links show a decision made in one checklist's audit on the other's item."""

from __future__ import annotations

from desktop_app.core.audit import ItemReview
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.linked import linked_decisions
from desktop_app.core.status import Decision, Status
from desktop_app.paths import SHIPPED_CHECKLISTS


def _reviews(checklist, decided: dict[str, ItemReview]) -> tuple[ItemReview, ...]:
    return tuple(decided.get(item.id, ItemReview(item.id, Status.PARTIAL, 0.5, "cue"))
                 for item in checklist.items)


def test_a_decision_shows_on_the_linked_item_both_ways() -> None:
    registry = ChecklistRegistry.load(SHIPPED_CHECKLISTS, None)
    gdpr, ukgdpr = registry.get("gdpr"), registry.get("ukgdpr")
    uk_item = next(item for item in ukgdpr.items if item.same_as)
    decided = ItemReview(uk_item.same_as, Status.PARTIAL, 0.7, "cue", status=Status.SATISFIED,
                         reviewer="alice", reviewed_at="2026-12-03T10:00:00",
                         note="Named in the opening.", decision=Decision.PERSON)
    gdpr_reviews = _reviews(gdpr, {uk_item.same_as: decided})

    [link] = [link for link in linked_decisions(ukgdpr, [(7, gdpr, gdpr_reviews)])
              if link.item_id == uk_item.id]
    assert (link.audit_id, link.linked_item_id, link.review) == (7, uk_item.same_as, decided)
    assert link.describe() == (
        f"Same requirement in {gdpr.name} ({uk_item.same_as}, audit 7): ✓ Satisfied, decided by "
        "alice on 2026-12-03; note: Named in the opening.")

    # From the GDPR side, the UK item that names it is shown, undecided as it is.
    uk_reviews = _reviews(ukgdpr, {})
    back = [link for link in linked_decisions(gdpr, [(8, ukgdpr, uk_reviews)])
            if link.item_id == uk_item.same_as]
    assert uk_item.id in {link.linked_item_id for link in back}
    assert all("not decided yet (suggested:" in link.describe() for link in back)


def test_the_newest_audit_speaks_and_unlinked_checklists_add_nothing() -> None:
    registry = ChecklistRegistry.load(SHIPPED_CHECKLISTS, None)
    gdpr, ukgdpr, pdpo = registry.get("gdpr"), registry.get("ukgdpr"), registry.get("pdpo")
    links = linked_decisions(ukgdpr, [(3, gdpr, _reviews(gdpr, {})),
                                      (9, gdpr, _reviews(gdpr, {}))])
    assert links and {link.audit_id for link in links} == {9}
    assert linked_decisions(pdpo, [(9, gdpr, _reviews(gdpr, {}))]) == ()
    assert linked_decisions(ukgdpr, [(4, ukgdpr, _reviews(ukgdpr, {}))]) == ()
