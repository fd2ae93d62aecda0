"""The classes of error a legal review found: negation, blanks, another regime's section,
values the law fixes, prominence, and what a reason and the evidence may show."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from desktop_app.core.assessment import Suggestion
from desktop_app.core.checklist import Aspect, Checklist, ChecklistItem, Condition
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.document import JurisdictionHit, PolicyDocument
from desktop_app.core.engine import assess
from desktop_app.core.ingest import load_document
from desktop_app.core.scope import clause_scopes, jurisdiction_keys
from desktop_app.core.status import Status
from desktop_app.core.textnorm import fold_space
from desktop_app.core.values import deadline_conflict, fee_conflict, free_by_law, law_limit
from tests.core.test_engine import FILLER, make_document, make_item


def suggest_in(document: PolicyDocument, item: ChecklistItem,
               jurisdiction: str = "Nowhere") -> Suggestion:
    checklist = Checklist("test", "Test", jurisdiction, "Test Act", "1", "Regulator", "1.0",
                          "2026-01-01", (item,))
    return assess(document, checklist).for_item(item.id)


CHANGES = make_item("t.changes", ("notice", "notify you of changes", "changes to this policy"),
                    title="Notice of changes", topic="changes",
                    requirement="Say how people are told of changes to the policy.")


def test_a_cue_inside_its_own_denial_supports_nothing() -> None:
    document = make_document(FILLER + [
        ("Changes", ["We may amend this policy from time to time without notice."])])
    suggestion = suggest_in(document, CHANGES)
    assert suggestion.status != Status.SATISFIED
    assert "stated as not done" in suggestion.reason


def test_indonesian_without_denies_too() -> None:
    item = make_item("t.consent", ("persetujuan", "dengan persetujuan anda"),
                     title="Persetujuan", topic="legal-basis",
                     requirement="Say that data are processed with consent.")
    document = make_document(FILLER + [
        ("Data", ["Kami dapat membagikan data tanpa persetujuan Anda."])])
    assert suggest_in(document, item).status != Status.SATISFIED


def test_a_passive_denial_after_the_phrase_is_a_denial() -> None:
    item = make_item("t.sale", ("sell personal data", "sale of personal data"),
                     title="Sale", topic="sale-of-data",
                     requirement="Explain the sale of personal data and the right to opt out.")
    document = make_document(FILLER + [
        ("Sharing", ["Personal data will never be sold to advertisers."])])
    suggestion = suggest_in(document, item)
    assert suggestion.status != Status.SATISFIED


REQUESTS = make_item("t.requests",
                     ("submit a request", "request in writing", "opt out of the sale"),
                     title="Request methods", topic="requests",
                     requirement="Give the designated methods for submitting requests.")


def test_a_blank_channel_is_not_filled_by_a_contact_elsewhere() -> None:
    document = make_document(FILLER + [
        ("Opting out", ["To opt out of the sale, you may submit a request in writing to:",
                        "Your request must include your name."]),
        ("Contact us", ["Write to Example Ltd, 12 High Street, privacy@example.com."])])
    suggestion = suggest_in(document, REQUESTS)
    assert suggestion.status == Status.PARTIAL
    assert "left blank" in suggestion.reason


def test_another_states_section_is_no_evidence() -> None:
    document = make_document(FILLER + [
        ("Notice to Nevada Residents", [
            "If you are a Nevada resident, you may submit a request in writing to opt out of "
            "the sale of your data at privacy@example.com."])])
    nevada = suggest_in(document, REQUESTS, "Nevada, United States")
    california = suggest_in(document, REQUESTS, "California, United States")
    assert nevada.evidence and nevada.status != Status.MISSING
    assert california.status == Status.MISSING and not california.evidence


def test_scopes_read_headings_and_lead_ins() -> None:
    document = make_document([
        ("How Example Europe uses data", ["We use data to run our services."]),
        ("Your California Privacy Rights", ["You may ask us what we hold.",
                                            "We answer within 45 days."]),
        ("Security", ["If you are a resident of Virginia, you may appeal a refusal.",
                      "We protect data."]),
    ])
    assert clause_scopes(document) == [frozenset(), {"california"}, {"california"},
                                       {"virginia"}, frozenset()]
    assert jurisdiction_keys(["European Union / European Economic Area"]) == {"eu"}
    assert jurisdiction_keys(["Hong Kong SAR"]) == {"hk"}


def test_a_longer_time_limit_than_the_law_sets_is_a_conflict() -> None:
    limit = law_limit("Respond to a request within 3 x 24 hours of receiving it.")
    assert limit == (72.0, "3 x 24 hours")
    conflict = deadline_conflict("We will respond to your request within 30 days.", limit)
    assert conflict is not None and conflict.stated == "30 days"
    assert deadline_conflict("We will respond within 48 hours.", limit) is None
    # An extension beside the promise is not the promise.
    assert deadline_conflict("We respond within 45 days, or up to 90 days if needed.",
                             (45 * 24.0, "45 days")) is None
    # A look-back period is not a time limit.
    assert deadline_conflict("We disclose data collected in the past 12 months.",
                             limit) is None


def test_the_reason_names_the_conflict() -> None:
    item = make_item("t.respond", ("respond to your request", "access request"),
                     title="Response time", topic="requests",
                     requirement="Respond to an access request within 3 × 24 hours.")
    document = make_document(FILLER + [
        ("Your requests", ["We will respond to your access request within 30 days, "
                           "by email to privacy@example.com."])])
    suggestion = suggest_in(document, item)
    assert suggestion.status == Status.PARTIAL
    assert "conflicts with the law" in suggestion.reason
    assert "\u201c30 days\u201d" in suggestion.reason


def test_a_fee_where_the_law_makes_it_free_is_a_conflict() -> None:
    assert free_by_law("State that no fee is charged for a correction.")
    assert fee_conflict("We reserve the right to charge a reasonable fee for any request.")
    assert fee_conflict("We will not charge a fee for correcting your data.") is None
    item = make_item("t.correct", ("correction request", "no fee"), title="Correction",
                     topic="requests",
                     requirement="Explain how to request correction and that no fee is charged.",
                     aspects=(Aspect("procedure", ("correction request",)),
                              Aspect("no fee", ("no fee",))))
    document = make_document(FILLER + [
        ("Access and correction", [
            "Send a correction request on our form; there is no fee for correction requests.",
            "We may charge a reasonable fee in complying with any request."])])
    suggestion = suggest_in(document, item)
    assert suggestion.status == Status.PARTIAL
    assert "reserves a fee" in suggestion.reason


def test_a_prominence_item_mentioned_in_a_list_is_partial() -> None:
    item = make_item("t.object", ("right to object", "object at any time"),
                     title="Objection right highlighted", topic="rights-objection",
                     requirement="Present the right to object clearly and apart from other "
                                 "information.")
    listed = make_document(FILLER + [
        ("Your rights", ["You have the right of access, the right to object at any time and "
                         "the right to portability."])])
    apart = make_document(FILLER + [
        ("Your right to object", ["You have the right to object to direct marketing, and you "
                                  "may object at any time."])])
    assert suggest_in(listed, item).status == Status.PARTIAL
    assert "clearly and apart" in suggest_in(listed, item).reason
    assert suggest_in(apart, item).status == Status.SATISFIED


def test_a_condition_is_met_by_what_the_policy_does_in_other_words() -> None:
    item = make_item("t.dm", ("written consent", "for gain"), title="Provision for marketing",
                     topic="marketing",
                     condition=Condition("If the organisation provides personal data to other "
                                         "persons for their direct marketing.",
                                         ("third parties for direct marketing",)))
    does = make_document(FILLER + [
        ("Marketing", ["We may share your data with partner companies for direct marketing "
                       "of their products, with your written consent."])])
    denies = make_document(FILLER + [
        ("Marketing", ["We never share your data with partner companies for direct "
                       "marketing."])])
    assert suggest_in(does, item).status != Status.NOT_APPLICABLE
    assert suggest_in(denies, item).status == Status.NOT_APPLICABLE


def test_missing_items_show_closest_passages_never_evidence() -> None:
    item = make_item("t.dpo", ("data protection officer",), title="Data protection officer",
                     topic="dpo-contact")
    document = make_document(FILLER + [("Contact", ["Write to our office in Tokyo."])])
    suggestion = suggest_in(document, item)
    assert suggestion.status in (Status.MISSING, Status.NOT_APPLICABLE)
    assert suggestion.evidence == ()


def test_reasons_quote_only_the_policy_and_evidence_is_short() -> None:
    item = make_item("t.erase", ("delete your data", "right to erasure", "erasure"),
                     title="Erasure", topic="rights-deletion")
    document = make_document(FILLER + [
        ("Your rights", ["You may ask us to delete all of the data we hold about you.",
                         "Erasure requests are answered quickly.",
                         "Deletion is free.", "We delete data on request.",
                         "Deleted data cannot be restored."])])
    suggestion = suggest_in(document, item)
    assert len(suggestion.evidence) <= 3
    text = fold_space(document.text)
    for quoted in suggestion.reason.split("\u201c")[1:]:
        assert fold_space(quoted.split("\u201d")[0]) in text


def test_a_purpose_of_use_is_not_a_procedure() -> None:
    item = make_item("t.complaints", ("complaints", "handle complaints"),
                     title="Complaints procedure", topic="complaints",
                     requirement="Describe the procedure for making a complaint.")
    document = make_document(FILLER + [
        ("How we use data", ["We use personal data for the following purposes:",
                             "(a) to handle complaints and enquiries;",
                             "(b) to deliver orders."])])
    suggestion = suggest_in(document, item)
    assert suggestion.status == Status.PARTIAL
    assert "purposes of use" in suggestion.reason


def test_a_single_word_element_met_anywhere_does_not_count() -> None:
    item = make_item("t.retention", ("retain your personal data", "retention"),
                     title="Retention", topic="retention",
                     requirement="Say how long data are kept.",
                     aspects=(Aspect("period", ("months", "retention period")),))
    document = make_document(FILLER + [
        ("Retention", ["We retain your personal data as long as needed for our retention "
                       "needs."]),
        ("Offers", ["Our offers last six months."])])
    suggestion = suggest_in(document, item)
    assert suggestion.status == Status.PARTIAL
    assert "not found: period" in suggestion.reason


def test_a_placeholder_beside_the_items_words_empties_them() -> None:
    item = make_item("t.date", ("last updated", "effective date"), title="Date",
                     topic="changes", requirement="Give the date of the policy.")
    document = make_document(FILLER + [
        ("About this policy", ["Last updated: [insert effective date]. We review it yearly."])])
    assert suggest_in(document, item).status == Status.PARTIAL


def test_a_policy_written_for_another_regime_earns_no_assurance_on_its_rights() -> None:
    item = make_item("t.access", ("right to access", "request access"), title="Access",
                     topic="rights-access")
    document = make_document(FILLER + [
        ("Your rights", ["You have the right to access your data. To request access, email "
                         "privacy@example.com."])])
    document.jurisdictions = [JurisdictionHit("pdpo", 'mentions "PDPO"')]
    checklist = Checklist("gdpr", "Test", "European Union", "Act", "1", "Regulator", "1.0",
                          "2026-01-01", (item,), applicability_cues=("GDPR",))
    suggestion = assess(document, checklist).for_item(item.id)
    assert suggestion.status == Status.PARTIAL and "another regime" in suggestion.reason
    checklist = replace(checklist, id="pdpo")
    assert assess(document, checklist).for_item(item.id).status == Status.SATISFIED


def test_alternative_grounds_leave_the_ground_open() -> None:
    item = make_item("t.basis", ("legitimate interests", "consent", "legal obligation"),
                     title="Legal basis", topic="legal-basis",
                     requirement="For each purpose, name the ground relied on.")
    document = make_document(FILLER + [
        ("Marketing", ["We either base this processing on our legitimate interests to know our "
                       "customers and keep you informed, or on your consent.",
                       "We keep records where a legal obligation requires it, and rely on "
                       "legitimate interests for security."])])
    suggestion = suggest_in(document, item)
    assert suggestion.status == Status.PARTIAL
    assert "without saying which applies" in suggestion.reason


def test_grounds_introduced_alike_and_joined_by_or_are_alternatives_however_far_apart(
        ) -> None:
    item = make_item("t.basis", ("legitimate interests", "consent", "legal obligation"),
                     title="Legal basis", topic="legal-basis",
                     requirement="For each purpose, name the ground relied on.")
    offered = make_document(FILLER + [("Security", [
        "We base this processing on our legitimate interests to protect you and our company, "
        "systems, employees and partners, or on a legal obligation to cooperate with the "
        "authorities."])])
    suggestion = suggest_in(offered, item)
    assert suggestion.status == Status.PARTIAL
    assert "without saying which applies" in suggestion.reason
    # Each ground tied to its own processing, with no "or" between them, names both.
    named = make_document(FILLER + [("Security", [
        "We base security monitoring on our legitimate interests to protect you and our "
        "systems, and we keep tax records on a legal obligation to do so."])])
    assert "without saying which applies" not in suggest_in(named, item).reason


def test_two_cues_spread_over_passages_are_partial_and_together_satisfied() -> None:
    item = make_item("t.security", ("security measures", "encryption", "access controls"),
                     title="Security", topic="security",
                     requirement="Describe the security measures protecting personal data.")
    spread = make_document(FILLER + [
        ("Products", ["Some of our cameras offer encryption of your photos."]),
        ("Offices", ["Our offices have access controls at every door."])])
    together = make_document(FILLER + [
        ("Security", ["We protect your personal data with encryption and access controls."])])
    assert suggest_in(spread, item).status == Status.PARTIAL
    assert suggest_in(spread, item).basis == "cues-faint"
    assert suggest_in(together, item).status == Status.SATISFIED


def test_on_real_policies_reasons_quote_only_policy_text_and_evidence_stays_short(
        policies_dir: Path) -> None:
    for path in sorted(policies_dir.glob("*.txt")):
        document = load_document(path)
        text = fold_space(document.text)
        for checklist in ChecklistRegistry.default().all():
            for suggestion in assess(document, checklist).suggestions:
                assert len(suggestion.evidence) <= 3 and len(suggestion.closest) <= 3
                if suggestion.status in (Status.MISSING, Status.NOT_APPLICABLE):
                    assert suggestion.evidence == ()
                for quoted in re.findall("\u201c(.*?)\u201d", suggestion.reason):
                    assert fold_space(quoted) in text, (path.name, suggestion.item_id, quoted)


def test_a_statement_only_in_the_childrens_section_does_not_cover_everyone() -> None:
    item = make_item("t.use", ("not used further for any purpose", "without the consent"),
                     title="Use limitation", topic="purposes",
                     requirement="Use data only for the purpose of collection unless the "
                                 "person consents.")
    document = make_document(FILLER + [
        ("Children's privacy", ["Data of a child is not used further for any purpose without "
                                "the consent of a parent."])])
    suggestion = suggest_in(document, item)
    assert suggestion.status == Status.PARTIAL and suggestion.basis == "children-only"


def test_reading_items_show_the_slips_that_hinder_reading_before_the_headings() -> None:
    repeated = "We review this policy every year and publish the new version on our website."
    sections = [(f"What do we do with your data, part {n}?", [f"We explain point {n}."])
                for n in range(1, 6)]
    sections += [("Updates", [repeated, repeated, "Last updated: [insert date]"]),
                 ("Contact", ["For questions, write to us at ."])]
    document = make_document(sections)
    readable = make_item("t.readable", ("table of contents",), title="Readable notice",
                         topic="transparency",
                         requirement="Present the notice in a readable, plain-language form.")
    suggestion = suggest_in(document, readable)
    assert suggestion.status == Status.PARTIAL
    shown = [hit.text for hit in suggestion.evidence]
    assert shown[:2] == [repeated, "[insert date]"]
    assert shown[2] == "What do we do with your data, part 1?"
    assert "a repeated passage, a placeholder" in suggestion.reason
    # A blank is missing content, for the item whose content it lacks, not a reading slip.
    assert not any("write to us at" in text for text in shown)
    placement = make_item("t.placement", ("table of contents",), title="Notice available",
                          topic="transparency",
                          requirement="Place the notice where people can reach it.")
    headings_only = suggest_in(document, placement)
    assert [hit.text for hit in headings_only.evidence][0] == "What do we do with your data, part 1?"
    assert "drafting slips" not in headings_only.reason


CONSEQUENCE = make_item("t.consequence", ("not be able to provide", "not provide"),
                        title="Consequence of not supplying data", topic="data-categories",
                        requirement="State what follows if the person does not supply the data.")


def test_a_stated_consequence_of_refusing_meets_an_item_that_asks_for_it() -> None:
    stated = suggest_in(make_document(FILLER + [("Your data", [
        "You do not have to give us your data. However, if you do not give us the details we "
        "need, we will not be able to provide the service you ordered."])]), CONSEQUENCE)
    assert stated.status == Status.SATISFIED
    assert "states what follows" in stated.reason
    assert "if you do not give us the details we need" in stated.reason
    # The same words without a refusal to follow from are a passing mention.
    passing = suggest_in(make_document(FILLER + [("Support", [
        "Our staff will not be able to provide advice on third-party products."])]), CONSEQUENCE)
    assert passing.status == Status.PARTIAL
    assert "states what follows" not in passing.reason


def test_a_best_passage_stating_none_of_the_cues_is_no_clear_match() -> None:
    item = make_item("t.categories", ("categories of personal data", "personal data we collect",
                                      "information from third parties"),
                     title="Categories of personal data", topic="data-categories",
                     requirement="Name the categories of personal data concerned.")
    # The list ranks first on the item's words and heading, but states none of its cues; the
    # one cue stands in a passing sentence below it.
    listed = make_document(FILLER + [("Personal data", [
        "We collect the following personal data from you:",
        "(a) your name and postal address when you place an order;",
        "(b) your date of birth when you join our club;",
        "(c) your answers when you take part in a survey.",
        "We may also receive information from third parties such as delivery companies."])])
    suggestion = suggest_in(listed, item)
    assert suggestion.evidence[0].text.startswith("We collect the following")
    assert suggestion.status == Status.PARTIAL
    assert suggestion.basis == "cues-faint"


OBLIGATORY = make_item("t.obligatory", ("obligatory", "voluntary", "mandatory", "optional"),
                       title="Obligatory or voluntary supply", topic="data-categories",
                       requirement="Tell the person whether supplying the data is obligatory or "
                                   "voluntary.")


def test_a_sentence_telling_whether_data_must_be_given_meets_an_item_that_asks() -> None:
    for sentence in ("It is voluntary for you to provide your personal information.",
                     "You do not have to give us your personal data."):
        stated = suggest_in(make_document(FILLER + [("Your data", [sentence])]), OBLIGATORY)
        assert stated.status == Status.SATISFIED, sentence
        assert "states whether the data must be given" in stated.reason
    # The organisation's own obligation, or an obligation word in passing, tells the person
    # nothing about their choice.
    for sentence in ("We may be required to provide your personal data to the police.",
                     "We keep records as long as the mandatory retention rules of the law "
                     "require."):
        passing = suggest_in(make_document(FILLER + [("Your data", [sentence])]), OBLIGATORY)
        assert passing.status != Status.SATISFIED, sentence
        assert "states whether the data must be given" not in passing.reason


def test_an_element_missing_from_a_section_on_the_item_is_told_apart_from_a_passing_one(
        ) -> None:
    item = make_item("t.retention", ("retain your personal data", "retention of personal data"),
                     title="Retention", topic="retention",
                     requirement="State how long personal data are kept and how they are "
                                 "disposed of.",
                     aspects=(Aspect("period", ("for six years", "retention period")),
                              Aspect("disposal", ("securely delete", "destroy"))))
    sentence = ("We retain your personal data only as long as needed, and the retention of "
                "personal data ends when we securely delete it.")
    in_section = suggest_in(make_document(FILLER + [("Retention", [sentence])]), item)
    in_passing = suggest_in(make_document(FILLER + [("Shop visits", [sentence])]), item)
    assert in_section.status == in_passing.status == Status.PARTIAL
    assert in_section.basis == "elements-missing-in-section"
    assert in_passing.basis == "elements-missing"


def test_a_right_whose_way_of_exercise_is_left_blank_is_partial() -> None:
    item = make_item("t.opt-out", ("right to opt out", "opt out of the sale"),
                     title="Right to opt out of sale", topic="rights-objection",
                     requirement="Tell consumers they may direct the business not to sell "
                                 "their data.")
    stated = ("You have the right to opt out. You may opt out of the sale of your personal "
              "data at any time: submit your request in writing to")
    blank = suggest_in(make_document(FILLER + [("Sale", [
        stated + ": Your request must include your name and email address."])]), item)
    assert blank.status == Status.PARTIAL
    assert "the channel is left blank" in blank.reason
    given = suggest_in(make_document(FILLER + [("Sale", [
        stated + " privacy@example.com. Your request must include your name."])]), item)
    assert given.basis != "blank" and "left blank" not in given.reason
