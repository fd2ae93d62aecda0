"""Property: the lint never raises, and every defect is a true, in-bounds span of the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.document import DEFECT_KINDS, Clause, PolicyDocument, RemovedSpan
from desktop_app.core.lint import lint

# Pieces that exercise the checks: markers, brackets, quotes, punctuation, announcers.
PIECES = st.sampled_from([
    "(a) ", "b) ", "((c) ", "1. ", "2.1 ", "3.1.4 ", "• ", "- ", "o ", "## ", "D ", "iv) ",
    "[name]", "[", "]", "“", "”", "\"", ".;", ",", ".", ":", ";", "\n", "\n\n", " ", "  ",
    "email us at", " to,", " and ", " or ", "visit our website at", " on When ", "/a/b/c",
    "Click Here", "(Download Form)", "PRIVACY CENTER", "TTo ", "Europe ", "Europee ",
    "publically ", "the the ", "We share data.", "We share data.", "lorem ipsum", "XX", "TODO",
    "including", "here", "Skip to content",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


@st.composite
def documents(draw: st.DrawFn) -> PolicyDocument:
    text = draw(TEXTS)
    bounds = st.integers(min_value=0, max_value=len(text))
    clauses, removed = [], []
    for _ in range(draw(st.integers(0, 4))):
        start, end = sorted((draw(bounds), draw(bounds)))
        clauses.append(Clause("x", "", start, end, text[start:end]))
    for _ in range(draw(st.integers(0, 2))):
        start, end = sorted((draw(bounds), draw(bounds)))
        removed.append(RemovedSpan(start, end, text[start:end], "test"))
    return PolicyDocument(text=text, source_format="txt", clauses=clauses, removed=removed)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_lint_spans_are_in_bounds_and_match_the_text(document: PolicyDocument) -> None:
    defects = lint(document)
    for defect in defects:
        assert 0 <= defect.start < defect.end <= len(document.text)
        assert defect.text == document.text[defect.start:defect.end]
        assert defect.kind in DEFECT_KINDS
        assert defect.message.strip()
    assert [d.start for d in defects] == sorted(d.start for d in defects)
