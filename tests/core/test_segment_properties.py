"""Property tests: for any text, cleaning and segmentation never fail and spans always hold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.ingest import analyse_text
from desktop_app.core.reflow import prepare_text
from desktop_app.core.segment import MAX_CLAUSE_CHARS

# Pieces that exercise labels, bullets, headings and sentence ends far more often than random text.
_PIECES = st.sampled_from([
    "1. ", "2.1 ", "2.1.1 ", "10.", "a) ", "(b) ", "((c) ", "(iv) ", "A. ", "D ", "• ", "- ",
    "o ",
    "Privacy Policy ", "In short", "We collect data. ", "Personal Data", "Section 3.2 above ",
    "Accept Cookies ", "Skip to content", "© 2024 ", "Find a Store Find a Store ", "?", ":", ";",
    "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200b", "“", "”", "(", ")", "What is this?",
    "x" * 30,
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)


def _check(text: str) -> None:
    document = analyse_text(text)
    previous_end = 0
    for clause in document.clauses:
        assert 0 <= clause.start < clause.end <= len(text)
        assert clause.text == text[clause.start:clause.end]
        assert clause.text == clause.text.strip()
        assert len(clause.text) <= MAX_CLAUSE_CHARS
        assert clause.start >= previous_end
        previous_end = clause.end
        for span in document.removed:
            assert clause.end <= span.start or clause.start >= span.end
    previous_end = 0
    for span in document.removed:
        assert span.text == text[span.start:span.end]
        assert span.start >= previous_end
        previous_end = span.end
    assert len({clause.ref for clause in document.clauses}) == len(document.clauses)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_segmentation_of_arbitrary_text_keeps_its_invariants(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_segmentation_of_prepared_text_keeps_its_invariants(text: str) -> None:
    _check(prepare_text(text))


def test_a_run_without_sentence_ends_is_still_cut_to_size() -> None:
    text = "item: a) one; b) two, more words here " * 400
    _check(text)
    assert len(analyse_text(text).clauses) > 5


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_prepare_text_never_fails_and_is_idempotent(text: str) -> None:
    prepared = prepare_text(text)
    assert "\r" not in prepared
    assert prepare_text(prepared) == prepared
