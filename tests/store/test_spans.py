"""Locating quotes in a policy text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.store.spans import find_quote

TEXT = "We keep data.\nWe keep  data\nsafe. Then we keep data."


def test_exact_quote_closest_to_the_hint() -> None:
    spans = [find_quote(TEXT, "keep data", near=near) for near in (0, len(TEXT))]
    assert spans[0] == (3, 12)
    assert spans[1] is not None and TEXT[spans[1][0]:spans[1][1]] == "keep data"
    assert spans[1][0] > 30


def test_white_space_may_differ() -> None:
    span = find_quote(TEXT, "keep data safe.")
    assert span is not None and TEXT[span[0]:span[1]] == "keep  data\nsafe."


def test_missing_or_empty_quote() -> None:
    assert find_quote(TEXT, "we sell data") is None
    assert find_quote(TEXT, "   ") is None


@given(text=st.text(alphabet="ab \n.", min_size=1, max_size=60), data=st.data())
def test_any_passage_of_the_text_is_found(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    span = find_quote(text, quote, near=start)
    if not quote.strip():
        assert span is None
    else:
        assert span is not None and text[span[0]:span[1]] == quote.strip()
