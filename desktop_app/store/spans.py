"""Finding a quoted passage in a policy text, tolerant only of differences in white space."""

from __future__ import annotations

import re


def find_quote(text: str, quote: str, near: int = 0) -> tuple[int, int] | None:
    """The span of `quote` in `text`, or None when it is not there.

    An exact match wins; otherwise runs of white space in the quote match any run of white
    space (a quote copied from a wrapped line). With several matches, the one starting closest
    to `near` is chosen, so a carried-forward quote keeps its place in the policy.
    """
    words = quote.split()
    if not words:
        return None
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(quote.strip()), text)]
    if not spans:
        pattern = r"\s+".join(re.escape(word) for word in words)
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    if not spans:
        return None
    return min(spans, key=lambda span: abs(span[0] - near))
