"""A policy silent on an item: the engine must not find it present in other words."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.checklist import ChecklistItem
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.evaluation import load_labels
from desktop_app.core.ingest import analyse_text
from desktop_app.core.silence import passages_around, quote_spans, silence_labels, without
from desktop_app.core.status import Status
from desktop_app.core.textnorm import cue_terms
from tests.core.test_engine import FILLER, make_document, suggest
from tests.core.test_engine_text import index_of


def gdpr_item(item_id: str) -> ChecklistItem:
    checklist = ChecklistRegistry.default().get("gdpr")
    return next(item for item in checklist.items if item.id == item_id)


def test_a_quote_is_found_across_folded_space_case_and_typographic_quotes() -> None:
    text = "Intro.\nWe keep your\n  data for “two” YEARS.\nOther text."
    spans = quote_spans(text, 'we keep your data for "two" years')
    assert [text[start:end] for start, end in spans] == ["We keep your\n  data for “two” YEARS"]


def test_cutting_a_quote_removes_its_whole_paragraph_and_leaves_words_apart() -> None:
    document = analyse_text("Retention\nWe keep your data for two years. Then we delete it.\n"
                            "Contact us at privacy@example.com.\n")
    cut = passages_around(document, quote_spans(document.text, "two years"))
    remaining = without(document.text, cut)
    assert "delete" not in remaining and "two years" not in remaining
    assert "Retention\n" in remaining and "Contact us at privacy@example.com." in remaining


def test_silenced_items_of_a_labelled_policy_are_never_satisfied(
        eval_dir: Path, policies_dir: Path) -> None:
    """Cutting the labelled evidence and then whatever the engine cites instead (three rounds)
    leaves the policy silent on the item: no item may then be suggested satisfied."""
    results = silence_labels(load_labels(eval_dir / "sony-hk.pdpo.yaml"), policies_dir)
    assert len(results) >= 20
    assert all(result.missed_quotes == 0 for result in results)
    assert [r.item_id for r in results if r.cited.status is Status.SATISFIED] == []
    # Most are then found missing, not only kept from satisfied.
    silent = sum(r.cited.status in (Status.MISSING, Status.NOT_APPLICABLE) for r in results)
    assert silent >= 0.75 * len(results)


def test_a_policy_that_says_much_of_an_item_elsewhere_keeps_it_only_there(
        eval_dir: Path, policies_dir: Path) -> None:
    """Measured bound: on the EU policy, three rounds of cutting still leave purposes and data
    categories stated in other sections (the policy lists them throughout); nothing else."""
    results = silence_labels(load_labels(eval_dir / "sony-eu.gdpr.yaml"), policies_dir)
    satisfied = {r.item_id for r in results if r.cited.status is Status.SATISFIED}
    assert satisfied <= {"gdpr.purposes", "gdpr.data-categories"}
    for result in results:
        if result.topic in ("cookies-tracking", "retention"):
            assert result.cited.status in (Status.MISSING, Status.NOT_APPLICABLE), result.item_id


def test_keeping_data_confidential_says_nothing_of_how_long_it_is_kept() -> None:
    document = make_document(FILLER + [
        ("Service providers", ["Our service providers must keep your personal data "
                               "confidential and may use it only on our instructions."])])
    suggestion = suggest(document, gdpr_item("gdpr.retention"))
    assert suggestion.status is Status.MISSING
    assert suggestion.evidence == ()


def test_a_question_as_heading_states_nothing() -> None:
    document = make_document(FILLER + [
        ("Retention", ["How long do we keep your personal data?"])])
    assert suggest(document, gdpr_item("gdpr.retention")).status is Status.MISSING


def test_an_elements_word_in_another_context_is_no_evidence_of_the_item() -> None:
    document = make_document(FILLER + [
        ("Your requests", ["We answer every request within 30 days."])])
    suggestion = suggest(document, gdpr_item("gdpr.retention"))
    assert suggestion.status is Status.MISSING
    assert suggestion.closest


def test_an_address_not_offered_as_a_way_to_reach_us_is_no_channel() -> None:
    item = gdpr_item("gdpr.controller-identity")
    scope = ("Scope", ["This policy covers www.northwind-gear.example and our shops."])
    offer = ("Questions", ["If you have questions about this policy, please write to us."])
    assert suggest(make_document(FILLER + [scope, offer]), item).status is not Status.SATISFIED
    channel = ("Questions", ["If you have questions about this policy, please write to us at "
                             "privacy@northwind-gear.example."])
    assert suggest(make_document(FILLER + [scope, channel]), item).status is not Status.MISSING


def test_the_right_retained_or_data_deleted_on_request_is_no_retention_statement() -> None:
    item = gdpr_item("gdpr.retention")
    for sentence in ("We retain the right to amend this policy at any time.",
                     "You have the right to request erasure of your personal data when it is "
                     "no longer needed for the purposes for which it was collected."):
        document = make_document(FILLER + [("Your rights", [sentence])])
        assert suggest(document, item).status is Status.MISSING, sentence
    pdpa = next(item for item in ChecklistRegistry.default().get("pdpa").items
                if item.id == "pdpa.retention")
    asked = make_document(FILLER + [("Your rights", [
        "You can ask us to delete your personal data at any time."])])
    assert suggest(asked, pdpa).status is Status.MISSING
    kept = make_document(FILLER + [("Retention", [
        "We retain your personal data for as long as necessary for legal or business "
        "purposes, and then delete it."])])
    assert suggest(kept, pdpa).status is not Status.MISSING


def test_a_cookie_cue_that_does_not_name_cookies_counts_only_where_they_are_named() -> None:
    item = gdpr_item("gdpr.cookies")
    neutral = [("About us", ["We make tents and jackets for customers around the world."])]
    for sentence in ("You can manage your marketing preferences in your account.",
                     "Our cameras capture images of up to 24 million pixels.",
                     "The app keeps your settings in local storage on your device.",
                     "You can change your browser settings to allow access to your location."):
        document = make_document(neutral + [("Our services", [sentence])])
        assert suggest(document, item).status is Status.MISSING, sentence
    named = make_document(neutral + [("Cookies", [
        "You can change your browser settings to refuse them."])])
    assert suggest(named, item).status is not Status.MISSING


def test_the_persons_own_contact_details_are_no_way_to_reach_the_organisation() -> None:
    item = next(item for item in ChecklistRegistry.default().get("pdpa").items
                if item.id == "pdpa.question-contact")
    for sentence in ("We collect your name, contact details and postal address.",
                     "We use your contact details to send you order updates."):
        document = make_document(FILLER + [("Your data", [sentence])])
        assert suggest(document, item).status is Status.MISSING, sentence


def test_a_data_controller_is_not_an_access_control() -> None:
    index = index_of("Measures include encryption of data in transit, access controls and audits.",
                     "Northwind Ltd is the data controller of your personal data.")
    assert [match.clause for match in index.find(*cue_terms("data controller"))] == [1]


def test_a_menu_or_breadcrumb_line_states_nothing() -> None:
    neutral = [("About us", ["We make tents and jackets for customers around the world."])]
    for line in ("Cookie settings | Terms of use | Imprint | Data retention schedule",
                 "Home > Legal > Privacy > Cookie settings > How long we keep your data"):
        document = make_document(neutral + [("Links", [line])])
        for item_id in ("gdpr.cookies", "gdpr.retention"):
            assert suggest(document, gdpr_item(item_id)).status is Status.MISSING, (line, item_id)
    listed = make_document(neutral + [("Cookies", [
        "We use cookies for: • sign-in • analytics • advertising"])])
    assert suggest(listed, gdpr_item("gdpr.cookies")).status is not Status.MISSING


def test_the_rows_of_a_table_state_what_their_cells_say() -> None:
    table = ["Data | Retention period | Reason",
             "Account data | Two years after you close your account | Contract claims",
             "Order history | Six years after the order | Tax law"]
    document = make_document([("About us", ["We make tents and jackets."]),
                              ("How long we keep your data", table)])
    suggestion = suggest(document, gdpr_item("gdpr.retention"))
    assert suggestion.status is not Status.MISSING
    assert "not found" not in suggestion.reason, suggestion.reason
    assert any("Two years" in hit.text for hit in suggestion.evidence)


def test_keeping_the_person_up_to_date_is_no_statement_on_accurate_data() -> None:
    item = next(item for item in ChecklistRegistry.default().get("pdpo").items
                if item.id == "pdpo.accuracy")
    informed = make_document(FILLER + [("News", [
        "We will keep you up to date about our latest products and offers."])])
    assert suggest(informed, item).status is Status.MISSING
    accurate = make_document(FILLER + [("Your data", [
        "Please help us keep your personal data accurate and up to date."])])
    assert suggest(accurate, item).status is not Status.MISSING
