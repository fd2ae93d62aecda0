"""Text mechanisms of the engine: blanks and placeholders, folding and stemming, phrase matching."""

from __future__ import annotations

import pytest

from desktop_app.core.blanks import blank_spans
from desktop_app.core.context import list_leads
from desktop_app.core.document import Clause, PolicyDocument
from desktop_app.core.ranking import DocumentIndex
from desktop_app.core.textnorm import content_stems, cue_terms, fold_space


def blanks_in(text: str) -> list[str]:
    return [text[start:end] for start, end in blank_spans(text)]


@pytest.mark.parametrize("text", [
    "For questions, contact us at",
    "For questions, contact us at.\nWe reply quickly.",
    "• visit our website at\n• create an account",
    "such as My Sony membership on When creating an account",
    "please email your request to, and include your name",
])
def test_reference_left_blank_is_found(text: str) -> None:
    assert blanks_in(text)


@pytest.mark.parametrize("text", [
    "Please contact us at privacy@example.com.",
    "write to us at the address below",
    "contact us at:\n12 High Street",
    "you give us permission to\naccess it",
    "publicly visible to link to, publish or publicise",
])
def test_filled_reference_is_not_blank(text: str) -> None:
    assert blanks_in(text) == []


@pytest.mark.parametrize("placeholder", ["[email]", "[Company Name]", "<address>", "{{phone}}",
                                         "____", "XXXX", "TBC"])
def test_placeholders_are_found(placeholder: str) -> None:
    assert blanks_in(f"Email us at {placeholder} for help.") == [placeholder]


def test_folding_ignores_case_space_and_curly_quotes() -> None:
    assert fold_space("The \u201cContact  us\u201d\n section") == 'the "contact us" section'


def test_stemming_joins_inflections_and_synonyms() -> None:
    assert content_stems("selling sold sales") == content_stems("sell sell sell")
    assert content_stems("personal information") == content_stems("personal data")
    assert content_stems("children's data") == content_stems("child data")


def index_of(*paragraphs: str) -> DocumentIndex:
    text = "\n".join(paragraphs)
    clauses, start = [], 0
    for number, paragraph in enumerate(paragraphs, 1):
        clauses.append(Clause(str(number), "", start, start + len(paragraph), paragraph))
        start += len(paragraph) + 1
    return DocumentIndex(PolicyDocument(text=text, source_format="txt", clauses=clauses))


def test_phrase_allows_a_few_words_between_and_reports_negation() -> None:
    index = index_of("We share data.", "We do not sell your personal information.",
                     "We sell the personal information of customers.")
    matches = index.find(tuple(content_stems("sell personal information")))
    assert [(match.clause, match.negated) for match in matches] == [(1, True), (2, False)]
    assert all(match.ordered for match in matches)


def test_phrase_in_another_order_is_found_but_marked() -> None:
    index = index_of("Purposes directly related to the above.")
    matches = index.find(tuple(content_stems("directly related purpose")))
    assert [(match.clause, match.ordered) for match in matches] == [(0, False)]


def test_tokens_inside_a_blank_are_not_indexed() -> None:
    index = index_of("If you have questions, contact us at", "We share data.")
    assert index.find(tuple(content_stems("contact"))) == []


def test_numbered_subsections_belong_to_their_lead_in() -> None:
    parts = [("3.1", "We use your data for the following purposes:"),
             ("3.1.1", "Service provision: delivering orders."),
             ("3.1.2", "Marketing, with your consent:"),
             ("3.1.2(a)", "newsletters;"),
             ("3.2", "We keep records for audits.")]
    text = "\n".join(body for _, body in parts)
    clauses, start = [], 0
    for ref, body in parts:
        clauses.append(Clause(ref, "", start, start + len(body), body))
        start += len(body) + 1
    document = PolicyDocument(text=text, source_format="txt", clauses=clauses)
    assert list_leads(document) == [None, 0, 0, 2, None]


def test_phrase_words_far_apart_in_the_sentence_do_not_match() -> None:
    index = index_of("For more information and for details about how you can control access.",
                     "The data controller is Example Ltd.")
    assert [match.clause for match in index.find(tuple(content_stems("data controller")))] == [1]


def test_a_cue_made_a_phrase_by_small_words_matches_word_for_word() -> None:
    assert cue_terms("directly from you") == (("direct", "from", "you"), True)
    assert cue_terms("data controller") == (("data", "controller"), False)
    index = index_of("Our service is not directed to children.",
                     "We collect data directly from you when you sign up.")
    matches = index.find(*cue_terms("directly from you"))
    assert [match.clause for match in matches] == [1]


def test_negation_is_read_close_to_the_phrase() -> None:
    index = index_of("We do not knowingly sell personal information.",
                     "We will not discriminate against you for exercising your rights.")
    assert index.find(tuple(content_stems("sell personal information")))[0].negated
    assert not index.find(tuple(content_stems("exercising your rights")))[0].negated
