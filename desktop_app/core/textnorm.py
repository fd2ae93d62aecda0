"""Text normalisation for matching: folding, tokenising with offsets, light stemming."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ",
})

# Latin words (with inner apostrophes or hyphens kept apart) or single CJK characters:
# CJK text has no spaces, so each character is its own token and cues match as n-grams.
_TOKEN = re.compile(r"[0-9a-z\u00c0-\u024f]+|[\u3400-\u9fff\uf900-\ufaff]")

STOPWORDS = frozenset("""
a an and are as at be been being but by can could did do does for from had has have how i if in
into is it its may might of on or our ours shall should so such than that the their them then
there these they this those to us was we were what when where which who whom will with would you
your yours any all also other s t d ll re ve
""".split())

_STEMMER = snowballstemmer.stemmer("english")
# The stemmer keeps its word in internal state; assessments may run in a worker thread.
_STEMMER_LOCK = threading.Lock()
# Words policies use interchangeably, joined before stemming ("personal information" and
# "personal data" say the same; "sold" and "sale" are forms of "sell").
_SYNONYMS = {"information": "data", "info": "data", "sale": "sell", "sales": "sell",
             "sold": "sell", "kept": "keep", "minors": "child", "minor": "child",
             "children": "child", "kids": "child", "erasure": "erase"}
# Words whose stem would join them to a word of another sense: a data "controller" is no
# "access control".
_OWN_STEM = {"controller": "controller", "controllers": "controller"}


@dataclass(frozen=True)
class Token:
    """A stemmed token and where its word sits in the source text."""

    stem: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower-case and fold typographic quotes and dashes to plain ASCII ones."""
    return text.translate(_FOLD).lower()


def fold_space(text: str) -> str:
    """`fold`, then collapse every run of white space to one space (for quote comparison)."""
    return " ".join(fold(text).split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter2 stem of a folded word; synonyms are joined ("information" -> "data")."""
    if not word.isascii() or word.isdigit():
        return word
    if word in _OWN_STEM:
        return _OWN_STEM[word]
    with _STEMMER_LOCK:
        stemmed: str = _STEMMER.stemWord(_SYNONYMS.get(word, word))
        return stemmed


def tokens(text: str) -> list[Token]:
    """Every word of `text` as a stemmed token with its offsets (stopwords included)."""
    return [Token(term, start, end) for term, start, end in word_stems(text)]


def word_stems(text: str) -> list[tuple[str, int, int]]:
    """`tokens` as plain (stem, start, end) tuples, for indexing whole documents quickly."""
    found = [(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(fold(text))]
    terms = _with_direction([word for word, _, _ in found])
    return [(term, start, end) for term, (_, start, end) in zip(terms, found)]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where each word of `text` stands (the words `word_stems` stems, in order)."""
    return [match.span() for match in _TOKEN.finditer(fold(text))]


def all_stems(text: str) -> list[str]:
    """The stems of every word of `text`, stopwords included, without offsets."""
    return _with_direction(_TOKEN.findall(fold(text)))


def _with_direction(words: list[str]) -> list[str]:
    """The words' stems, with "opt" joined to the "in" or "out" after it: "in" is a stopword,
    so "opt in to the sale" would otherwise match "opt out of the sale"."""
    terms = [stem(word) for word in words]
    for place, term in enumerate(terms[:-1]):
        if term == _OPT and words[place + 1] in _DIRECTIONS:
            terms[place] = term + words[place + 1]
    return terms


def content_tokens(text: str) -> list[Token]:
    """The tokens of `text` that carry meaning (stopwords left out)."""
    return [token for token in tokens(text) if token.stem not in STOP_STEMS]


def content_stems(text: str) -> list[str]:
    """The stems of `text` without stopwords (for ranking and phrase matching)."""
    return [token.stem for token in content_tokens(text)]


STOP_STEMS = frozenset(stem(word) for word in STOPWORDS)
_OPT = stem("opt")
_DIRECTIONS = frozenset({"in", "out"})


@lru_cache(maxsize=8192)
def cue_terms(cue: str) -> tuple[tuple[str, ...], bool]:
    """How a cue is matched: its content stems, or, when stopwords are all that make it a
    phrase ("directly from you", "contact us at"), every stem literally (flag True)."""
    content = tuple(content_stems(cue))
    every = tuple(token.stem for token in tokens(cue))
    if len(content) == 1 and len(every) > 1:
        return every, True
    return content, False
