"""Which passage the engine shows first: the classes of ranking error the evidence benchmark
finds (a lead-in before the list item that states the item, a listed purpose before the
clause stating the practice, a clause set in another jurisdiction before an in-scope one)."""

from __future__ import annotations

from desktop_app.core.checklist import Checklist, ChecklistItem
from desktop_app.core.document import PolicyDocument
from desktop_app.core.engine import assess
from desktop_app.core.scope import clause_scopes
from desktop_app.core.status import Status
from tests.core.test_engine import FILLER, make_document, make_item


def first_passages(document: PolicyDocument, item: ChecklistItem, jurisdiction: str = "Nowhere") -> list[str]:
    checklist = Checklist("test", "Test", jurisdiction, "Test Act", "1", "Regulator", "1.0",
                          "2026-01-01", (item,))
    suggestion = assess(document, checklist).for_item(item.id)
    return [hit.text for hit in suggestion.evidence or suggestion.closest]


OBJECTION = make_item("t.object", ("right to object", "object to"), title="Right to object",
                      topic="rights-objection",
                      requirement="Tell people of their right to object to processing.")
RIGHTS = ("Your rights", [
    "Depending on where you live, you may have the following rights regarding your data, "
    "which you have the right to exercise at any time:",
    "(a) ask whether we hold personal data about you and request a copy of it;",
    "(b) ask us to correct personal data that is inaccurate;",
    "(c) object to our use of your personal data based on our legitimate interests;",
    "(d) ask us to delete your personal data."])


def test_the_list_item_stating_the_right_comes_before_the_lead_in_naming_rights() -> None:
    shown = first_passages(make_document(FILLER + [RIGHTS]), OBJECTION)
    assert shown[0].startswith("(c) object to our use")
    # The lead-in stays among the evidence, right after: it says what the list is.
    assert shown[1].startswith("Depending on where you live")


def test_a_lead_in_that_states_the_item_itself_stays_first() -> None:
    item = make_item("t.purposes", ("purposes", "use your personal data"), title="Purposes",
                     topic="purposes", requirement="State the purposes of processing.")
    document = make_document(FILLER + [("How we use data", [
        "We use your personal data for the following purposes:",
        "(a) to deliver your orders and handle returns;",
        "(b) to send you our newsletter where you asked for it."])])
    assert first_passages(document, item)[0].startswith("We use your personal data")


SECURITY = make_item("t.security", ("security measures", "security incidents", "encryption"),
                     title="Security", topic="security",
                     requirement="Describe the security measures taken.")
PURPOSES = ("How we use data", [
    "We use your personal data for the following purposes:",
    "(a) to deliver your orders and handle returns;",
    "(b) to detect and prevent fraud and security incidents and to test our security measures;",
    "(c) to answer your questions."])


def test_a_listed_purpose_gives_way_to_the_clause_stating_the_practice() -> None:
    document = make_document(FILLER + [PURPOSES, ("Keeping data safe", [
        "We apply security measures such as encryption against loss."])])
    shown = first_passages(document, SECURITY)
    assert shown[0].startswith("We apply security measures")


def test_a_listed_purpose_is_still_evidence_of_what_data_is_used_for() -> None:
    item = make_item("t.fraud", ("prevent fraud", "detect fraud"), title="Uses of data",
                     topic="purposes", requirement="State the purposes of processing.")
    document = make_document(FILLER + [PURPOSES, ("Fraud", [
        "Fraud hurts everyone, and we take it seriously."])])
    assert first_passages(document, item)[0].startswith("(b) to detect and prevent fraud")


def test_a_numbered_clause_set_in_one_jurisdiction_is_scoped_to_it() -> None:
    document = make_document([("Your rights", [
        "8.1 You may ask for a copy of your data.",
        "8.3 In Hong Kong, we may charge a reasonable fee for a data access request.",
        "3.2 For customers in the European Union, we rely on our legitimate interests.",
        "In general, we answer within a month."])])
    assert clause_scopes(document) == [frozenset(), {"hk"}, {"eu"}, frozenset()]


def test_a_clause_set_in_another_jurisdiction_is_not_evidence_here() -> None:
    item = make_item("t.fee", ("fee", "data access request"), title="Access fee",
                     topic="rights-access",
                     requirement="Say whether a fee is charged for a data access request.")
    document = make_document(FILLER + [("Your rights", [
        "8.2 You may make a data access request by writing to us.",
        "8.3 In Hong Kong, we may charge a reasonable fee for complying with a data access "
        "request."])])
    checklist = Checklist("test", "Test", "Singapore", "Test Act", "1", "Regulator", "1.0",
                          "2026-01-01", (item,))
    suggestion = assess(document, checklist).for_item(item.id)
    assert all("Hong Kong" not in hit.text for hit in suggestion.evidence)
    assert suggestion.status is not Status.SATISFIED
    assert "Hong Kong" in first_passages(document, item, "Hong Kong SAR")[0]


def test_a_section_addressed_to_the_checklists_own_residents_comes_first() -> None:
    item = make_item("t.delete", ("right to delete", "request deletion",
                                  "delete your personal data"),
                     title="Right to delete", topic="rights-deletion",
                     requirement="Tell consumers of their right to request deletion.")
    general = "You may ask us to delete your personal data or to restrict its use."
    californian = ("If you live in California, you have the right to request deletion of the "
                   "personal information we hold about you.")
    document = make_document(FILLER + [("Your rights", [general]),
                                       ("Your California privacy rights", [californian])])
    assert first_passages(document, item, "California, United States") == [californian, general]
    # For a checklist of no jurisdiction the section is one among others.
    assert first_passages(document, item)[0] == general
