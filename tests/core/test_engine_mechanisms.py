"""Engine mechanisms that decide between satisfied and partial and that order the evidence."""

from __future__ import annotations

import pytest

from desktop_app.core.blanks import blank_spans
from desktop_app.core.checklist import Aspect, Condition
from desktop_app.core.contacts import contact_spans
from desktop_app.core.status import Status
from desktop_app.core.textnorm import content_stems
from tests.core.test_engine import FILLER, make_document, make_item, suggest
from tests.core.test_engine_text import index_of

PERIOD = Aspect("period or criteria", ("retention period", "years", "months", "criteria we use"))
RETENTION = make_item(
    "t.retention-period", ("as long as necessary", "we keep your data", "retention period"),
    title="Retention period", topic="retention", aspects=(PERIOD,),
    requirement="State how long personal data are kept, or the criteria used to decide.")


def test_vague_retention_without_period_or_criteria_is_partial() -> None:
    document = make_document(FILLER + [("Keeping your data", [
        "We keep your data as long as necessary for the purposes described in this policy."])])
    suggestion = suggest(document, RETENTION)
    assert suggestion.status is Status.PARTIAL
    assert "period or criteria" in suggestion.reason


def test_retention_with_a_period_is_satisfied() -> None:
    document = make_document(FILLER + [("Keeping your data", [
        ("We keep your data as long as necessary: order records for six years, then we "
         "delete them.")])])
    assert suggest(document, RETENTION).status is Status.SATISFIED


def test_contact_address_is_among_the_first_evidence() -> None:
    contact = make_item("t.contact", ("contact us", "questions about this policy"),
                        title="Contact details", topic="contact")
    document = make_document(FILLER + [
        ("Your rights", [f"Please contact us with questions about this policy ({topic})."
                         for topic in ("access", "erasure", "objection", "marketing", "cookies")]),
        ("Company", ["Example Ltd, 12 Harbour Road, Springfield."]),
    ])
    evidence = suggest(document, contact).evidence
    assert any(hit.text.startswith("Example Ltd") for hit in evidence[:3])


def test_clause_showing_the_situation_is_shown_when_the_item_is_not_met() -> None:
    sensitive = make_item(
        "t.sensitive", ("sensitive personal data", "extra safeguards"),
        title="Sensitive data", topic="sensitive-data",
        condition=Condition("If financial data are processed.", ("credit checks",)))
    document = make_document(FILLER + [
        ("Payments", ["Before approving a payment plan we carry out credit checks."]),
        ("Security", [f"We treat sensitive personal data like other data ({place})."
                      for place in ("shops", "websites", "apps", "call centres")]),
    ])
    suggestion = suggest(document, sensitive)
    assert suggestion.status is Status.PARTIAL
    assert any("credit checks" in hit.text for hit in suggestion.evidence[:3])


@pytest.mark.parametrize("negated", ["Kami tidak menjual data pribadi Anda.",
                                     "Kami belum menjual data pribadi Anda.",
                                     "Ini bukan menjual data pribadi Anda."])
def test_indonesian_negators_deny_a_phrase(negated: str) -> None:
    index = index_of(negated, "Kami menjual data pribadi Anda kepada mitra.")
    matches = index.find(tuple(content_stems("menjual data pribadi")))
    assert [(match.clause, match.negated) for match in matches] == [(0, True), (1, False)]


@pytest.mark.parametrize(("text", "detail"), [
    ("Write to Example Inc., 115 W. Century Road, Paramus.", "115 W. Century Road"),
    ("Our office: Suite 250, Harbour Tower.", "Suite 250"),
    ("PT Contoh, Wisma Mulia 23rd Floor, Jakarta.", "23rd Floor"),
    ("Kantor kami di Jl. Jend. Sudirman No. 28, Jakarta.", "Jl. J"),
    ("Gedung Nusantara, Jakarta Pusat.", "Gedung N"),
])
def test_street_and_building_addresses_are_contact_details(text: str, detail: str) -> None:
    assert detail in [text[start:end] for start, end in contact_spans(text, [])]


@pytest.mark.parametrize("text", ["We walk 5 steps on the road to success.",
                                  "Children under 13 years may not register.",
                                  "Gedung is a word we do not capitalise here: gedung baru."])
def test_ordinary_prose_is_no_contact_detail(text: str) -> None:
    assert contact_spans(text, []) == []


def test_reference_ending_in_a_colon_before_a_new_sentence_is_blank() -> None:
    text = "Submit your request in writing to: Your request must include your name."
    assert [text[start:end] for start, end in blank_spans(text)] == ["request in writing to:"]


def test_reference_ending_in_a_colon_before_an_address_is_not_blank() -> None:
    assert blank_spans("Write to:\n12 High Street, Springfield") == []


def test_an_item_replaced_by_an_edited_one_is_judged_afresh() -> None:
    document = make_document(FILLER + [("Keeping your data", [
        "We keep your data for two years after your last order."])])
    before = suggest(document, make_item("t.same", ("loyalty points",), topic="retention"))
    after = suggest(document, make_item("t.same", ("we keep your data", "two years"),
                                        topic="retention"))
    assert before.status is Status.MISSING and after.status is Status.SATISFIED


def test_opt_in_and_opt_out_are_told_apart() -> None:
    index = index_of("You may opt-out of the sale of your data.",
                     "Minors must opt in to the sale of their data.")
    matches = index.find(tuple(content_stems("opt in to the sale")))
    assert [match.clause for match in matches] == [1]
    assert content_stems("opting out") == content_stems("opt-out")


METRICS = make_item(
    "t.metrics", ("requests to delete", "requests to know", "median response time"),
    title="Request metrics", topic="requests",
    condition=Condition("If the business handles data of 10 million consumers.",
                        ("10,000,000 consumers", "ten million consumers")))


def test_own_phrases_scattered_over_the_policy_do_not_show_the_situation() -> None:
    document = make_document(FILLER + [
        ("Deleting", ["You can send us requests to delete your data through the form."]),
        ("Access", ["You can send us requests to know what data we hold."]),
    ])
    assert suggest(document, METRICS).status is Status.NOT_APPLICABLE


def test_own_phrases_stated_together_show_the_situation() -> None:
    document = make_document(FILLER + [("Figures", [
        ("Last year we received requests to know and requests to delete; the median "
         "response time was 12 days.")])])
    assert suggest(document, METRICS).status is not Status.NOT_APPLICABLE
