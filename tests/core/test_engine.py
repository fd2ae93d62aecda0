"""Suggestion engine mechanisms on small synthetic policies."""

from __future__ import annotations

from desktop_app.core.assessment import Suggestion
from desktop_app.core.checklist import Aspect, Checklist, ChecklistItem, Condition
from desktop_app.core.document import Clause, PolicyDocument
from desktop_app.core.engine import assess
from desktop_app.core.status import Level, Status


def make_document(sections: list[tuple[str, list[str]]]) -> PolicyDocument:
    """A document whose clauses are the given paragraphs, each under its section heading."""
    text = ""
    clauses = []
    for heading, paragraphs in sections:
        text += heading + "\n"
        for paragraph in paragraphs:
            start = len(text)
            text += paragraph + "\n"
            clauses.append(Clause(str(len(clauses) + 1), heading, start, start + len(paragraph),
                                  paragraph))
    return PolicyDocument(text=text, source_format="txt", clauses=clauses)


def make_item(item_id: str, cues: tuple[str, ...], *, title: str = "", topic: str = "purposes",
              requirement: str = "", condition: Condition | None = None,
              aspects: tuple[Aspect, ...] = ()) -> ChecklistItem:
    return ChecklistItem(item_id, title or item_id, "s.1", requirement or title or item_id,
                         Level.MUST, topic, cues, condition=condition, aspects=aspects)


def suggest(document: PolicyDocument, item: ChecklistItem) -> Suggestion:
    checklist = Checklist("test", "Test", "Nowhere", "Test Act", "1", "Regulator", "1.0",
                          "2026-01-01", (item,))
    return assess(document, checklist).for_item(item.id)


FILLER = [
    ("About us", ["We make televisions, cameras and headphones for customers around the world.",
                  "Our products are sold in many shops and online stores."]),
    ("Cookies", ["We use cookies to remember your preferences on our websites."]),
]

RETENTION = make_item("t.retention", ("retention period", "we keep your data for", "retain"),
                      title="Retention", topic="retention",
                      requirement="State how long personal data are kept.")


def test_ranking_puts_the_obvious_clause_first() -> None:
    document = make_document(FILLER + [
        ("How long we keep it", [
            "We keep your data for two years after your last purchase; when this retention "
            "period ends we delete it.",
            "Our shops keep receipts for the tax office.",
        ]),
        ("Security", ["We protect your data with encryption."]),
    ])
    suggestion = suggest(document, RETENTION)
    assert suggestion.evidence[0].text.startswith("We keep your data for two years")
    assert suggestion.status == Status.SATISFIED


def test_a_single_cue_is_only_partial() -> None:
    document = make_document(FILLER + [
        ("How long we keep it", ["We keep your data for two years after your last purchase."])])
    suggestion = suggest(document, RETENTION)
    assert suggestion.status == Status.PARTIAL
    assert "only this one cue" in suggestion.reason
    assert document.text[suggestion.evidence[0].start:suggestion.evidence[0].end] \
        == suggestion.evidence[0].text


def test_heading_decides_between_equal_clauses() -> None:
    item = make_item("t.access", ("request access",), title="Right of access",
                     topic="rights-access")
    document = make_document(FILLER + [
        ("Service requests", ["You may request access to our customer lounges."]),
        ("Your right of access", ["You may request access to your data at any time."]),
    ])
    assert suggest(document, item).evidence[0].text == \
        "You may request access to your data at any time."


def test_nothing_found_is_missing_without_evidence_of_cues() -> None:
    suggestion = suggest(make_document(FILLER), RETENTION)
    assert suggestion.status == Status.MISSING
    assert "No cue" in suggestion.reason


def test_blank_contact_never_counts() -> None:
    item = make_item("t.contact", ("contact us at", "email us at"), title="Contact details",
                     topic="contact")
    blank = make_document(FILLER + [("Questions", ["If you have questions, contact us at"])])
    filled = make_document(FILLER + [
        ("Questions", ["If you have questions, contact us at privacy@example.com."])])
    assert suggest(blank, item).status == Status.MISSING
    assert suggest(filled, item).status == Status.SATISFIED


def test_bracketed_placeholder_is_not_an_address() -> None:
    item = make_item("t.contact", ("contact us at",), title="Contact details", topic="contact")
    document = make_document(FILLER + [
        ("Questions", ["You can write to our privacy team, contact us at [email address]."])])
    suggestion = suggest(document, item)
    assert suggestion.status == Status.PARTIAL
    assert "no email" in suggestion.reason


SELLING = Condition("If the business sells personal information.",
                    ("sell personal information", "sale of personal information"))
SALE_OPT_OUT = make_item("t.opt-out", ("do not sell my personal information", "opt out of sale"),
                         title="Right to opt out of sale", topic="sale-of-data",
                         condition=SELLING)


def test_condition_not_triggered_is_not_applicable() -> None:
    suggestion = suggest(make_document(FILLER), SALE_OPT_OUT)
    assert suggestion.status == Status.NOT_APPLICABLE
    assert "Condition not shown" in suggestion.reason


def test_denied_condition_is_not_applicable() -> None:
    document = make_document(FILLER + [
        ("Selling", ["We do not sell personal information to anyone."])])
    suggestion = suggest(document, SALE_OPT_OUT)
    assert suggestion.status == Status.NOT_APPLICABLE
    assert "denies" in suggestion.reason


def test_triggered_condition_is_assessed() -> None:
    document = make_document(FILLER + [
        ("Selling", ["We sell personal information to advertising partners.",
                     "You can opt out of sale of your data at any time: click Do Not Sell My "
                     "Personal Information."])])
    suggestion = suggest(document, SALE_OPT_OUT)
    assert suggestion.status == Status.SATISFIED
    assert suggestion.evidence[0].text.startswith("You can opt out of sale")


def test_negated_statement_answers_a_state_whether_item() -> None:
    item = make_item("t.sells", ("we do not sell", "sell personal information", "do not share"),
                     title="Whether personal information is sold", topic="sale-of-data",
                     requirement="State whether the business sells personal information.")
    sentence = "We do not sell personal information to anyone and do not share it for ads."
    document = make_document(FILLER + [("Selling", [sentence])])
    suggestion = suggest(document, item)
    assert suggestion.status == Status.SATISFIED
    assert suggestion.evidence[0].text == sentence
    assert "stated as not done: \u201csell personal information\u201d" in suggestion.reason


def test_some_aspects_found_is_partial_and_names_the_gap() -> None:
    item = make_item("t.requests", ("access request", "request access to your data"),
                     title="Access requests",
                     topic="requests",
                     aspects=(Aspect("fee", ("fee", "free of charge")),
                              Aspect("deadline", ("within 40 days", "within one month"))))
    partial = make_document(FILLER + [
        ("Access", ["Send an access request to our office; we may charge a reasonable fee."])])
    complete = make_document(FILLER + [
        ("Access", ["To request access to your data, send an access request to our office; "
                    "we may charge a reasonable fee.",
                    "We answer every access request within 40 days."])])
    suggestion = suggest(partial, item)
    assert suggestion.status == Status.PARTIAL
    assert "deadline" in suggestion.reason
    assert suggest(complete, item).status == Status.SATISFIED


def test_list_item_is_found_through_its_lead_in() -> None:
    item = make_item("t.purposes", ("for the following purposes",), title="Purposes of use")
    document = make_document(FILLER + [
        ("Use", ["We use your data for the following purposes:",
                 "(a) to deliver your order;",
                 "(b) to answer your questions."])])
    refs = [hit.text for hit in suggest(document, item).evidence]
    assert refs[0] == "We use your data for the following purposes:"
    assert "(a) to deliver your order;" in refs


def test_confidence_and_evidence_are_bounded() -> None:
    many = [f"We keep your data for {n} years in archive {n}." for n in range(2, 12)]
    suggestion = suggest(make_document(FILLER + [("Retention", many)]), RETENTION)
    assert 0.0 <= suggestion.confidence <= 1.0
    assert 1 <= len(suggestion.evidence) <= 5
    scores = [hit.score for hit in suggestion.evidence]
    assert scores == sorted(scores, reverse=True)


def test_presentation_item_without_cues_is_judged_on_layout() -> None:
    item = make_item("t.layout", ("table of contents",), title="Clear layout",
                     topic="transparency")
    sections = [(f"What do we do with your data, part {n}?", [f"We explain point {n}."])
                for n in range(1, 7)]
    laid_out = suggest(make_document(sections), item)
    assert laid_out.status == Status.PARTIAL
    assert "6 headings" in laid_out.reason
    assert laid_out.evidence[0].text == "What do we do with your data, part 1?"
    flat = suggest(make_document([("", ["We explain everything in one paragraph."])]), item)
    assert flat.status == Status.MISSING


def test_a_cue_under_a_heading_about_the_item_stands_on_its_own() -> None:
    item = make_item("t.erasure", ("erasure", "right to be forgotten"), title="Right to erasure",
                     topic="rights-deletion")
    sentence = "You may ask for access to and erasure of your data."
    under_rights = suggest(make_document(FILLER + [("Your rights", [sentence])]), item)
    elsewhere = suggest(make_document(FILLER + [("Newsletters", [sentence])]), item)
    # The heading makes the word a statement of the item, not a passing mention; one word is
    # still too little for assurance.
    assert under_rights.status == elsewhere.status == Status.PARTIAL
    assert "single-word" not in under_rights.basis and elsewhere.basis == "single-word"
