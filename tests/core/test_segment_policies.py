"""Segmentation of the five real policies: whole sentences, kept numbering, no page chrome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.core.document import PolicyDocument
from desktop_app.core.ingest import extract_text, load_document
from tests.conftest import POLICY_NAMES

_CACHE: dict[str, PolicyDocument] = {}


@pytest.fixture
def load(policies_dir: Path):
    def _load(name: str) -> PolicyDocument:
        if name not in _CACHE:
            _CACHE[name] = load_document(policies_dir / name)
        return _CACHE[name]

    return _load


def _fold(text: str) -> str:
    return " ".join(text.split())


def _clause_with(document: PolicyDocument, words: str):
    matches = [clause for clause in document.clauses if _fold(words) in _fold(clause.text)]
    assert matches, f"no single clause holds: {words!r}"
    return matches[0]


def _ref(document: PolicyDocument, words: str) -> str:
    return _clause_with(document, words).ref


def _refs(document: PolicyDocument) -> list[str]:
    return [clause.ref for clause in document.clauses]


@pytest.mark.parametrize("name", POLICY_NAMES)
def test_offsets_and_order_hold(load, policies_dir: Path, name: str) -> None:
    document = load(name)
    assert document.text == extract_text(policies_dir / name).text
    previous_end = 0
    for clause in document.clauses:
        assert clause.text == document.text[clause.start:clause.end]
        assert clause.text == clause.text.strip() and clause.text
        assert clause.start >= previous_end
        previous_end = clause.end
        for span in document.removed:
            assert clause.end <= span.start or clause.start >= span.end
    for span in document.removed:
        assert span.text == document.text[span.start:span.end]
    assert len(set(_refs(document))) == len(document.clauses)


@pytest.mark.parametrize("name", POLICY_NAMES)
def test_clause_counts_and_sizes_are_plausible(load, name: str) -> None:
    document = load(name)
    assert 50 <= len(document.clauses) <= 250
    sizes = sorted(len(clause.text) for clause in document.clauses)
    assert sizes[-1] <= 1600, "a clause holds a whole section"
    assert sizes[len(sizes) // 2] >= 60, "clauses are mostly fragments"


@pytest.mark.parametrize("name", POLICY_NAMES)
def test_most_clauses_end_at_a_sentence_or_item_end(load, name: str) -> None:
    document = load(name)
    ends = re.compile(r"[.;:!?,)\]”\"]$|\band$|\bor$")
    open_ended = [clause for clause in document.clauses if not ends.search(clause.text)]
    # Source bullets often drop their full stop; clauses cut mid-sentence would be many more.
    assert len(open_ended) <= 0.35 * len(document.clauses)


def test_hard_wrapped_policy_is_reflowed(load) -> None:
    document = load("sony-id.txt")
    clause = _clause_with(
        document,
        "Some of our services require you to create an account, such as our My Sony, Sony Digital "
        "Workshop, and Alpha Universe.",
    )
    assert clause.ref == "2.1.1(a)"
    assert _ref(document, "Whenever you interact with Sony, you may be asked") == "2.1.1"
    assert _clause_with(document, "In this Privacy Policy").heading == "Personal Data"
    retention = _clause_with(document, "We will only retain your Personal Data")
    assert retention.heading == "Retention of your Personal Data"
    assert "2.1.1" in _refs(document) and "9.1(h)" in _refs(document)
    assert not any(clause.text in {"a)", "b)", "Data"} for clause in document.clauses)


def test_one_line_policy_is_split_at_its_own_numbering(load) -> None:
    document = load("sony-sg.txt")
    refs = _refs(document)
    for ref in ("1.1", "2.1.1", "2.1.1(a)", "2.1.4", "3.1.4(b)", "6.1(b)", "10.1", "10.2"):
        assert ref in refs
    assert _ref(document, "If you provide us with any Personal Data relating to a third") == "2.1.4"
    assert _ref(document, "agents, contractors or third party service providers") == "6.1(b)"
    # A number inside a sentence is not a new clause.
    assert _ref(document, "We consider a child to be anyone under the age of 13.") == "4.1"
    assert _ref(document, "respond to your queries and/or requests within 30 days") == "10.1"


def test_scraped_page_chrome_is_removed_and_reported(load) -> None:
    document = load("sony-sg.txt")
    reasons = {span.reason for span in document.removed}
    assert {"site navigation", "site footer", "cookie banner"} <= reasons
    chrome = ("Register Product Warranty", "Find a Store", "Follow us on Instagram",
              "Accept Cookies", "ALL RIGHTS RESERVED")
    for clause in document.clauses:
        assert not any(words in clause.text for words in chrome)
    assert document.clauses[0].text.startswith("We take your privacy extremely seriously.")
    assert _clause_with(document, "you may contact the Personal Data Protection Commission")


def test_survey_and_table_of_contents_are_removed(load) -> None:
    document = load("sony-mobile-us.txt")
    reasons = [span.reason for span in document.removed]
    assert {"survey pop-up", "site navigation", "table of contents"} <= set(reasons)
    survey = document.removed[reasons.index("survey pop-up")]
    assert survey.text.startswith("Please help us improve our website")
    assert survey.text.endswith("at the end of your visit to begin.")
    for clause in document.clauses:
        assert "customer survey" not in clause.text and "Skip to content" not in clause.text
    refs = _refs(document)
    assert "1.A › paragraph 1" in refs and "2.E › paragraph 1" in refs
    rights = _clause_with(document, "Deletion: Request deletion of your CA Personal Information")
    assert rights.ref.startswith("D") and rights.heading == "California Consumer Rights"


def test_summary_layers_and_question_headings(load) -> None:
    document = load("sony-eu.txt")
    assert not any(clause.text in {"In short", "-"} for clause in document.clauses)
    summary = _clause_with(document, "Sony Europe may collect information about you in several")
    assert summary.heading.endswith("?")
    item = _clause_with(document, "Provide customer care, warranty, returns and other after sales")
    assert item.heading == "Service provision"
    # The nearest heading and the paragraph's place under it (list lines count as paragraphs).
    assert item.ref == "Service provision › paragraph 3"


def test_unnumbered_policy_lists_and_roman_items(load) -> None:
    document = load("sony-hk.txt")
    item = _clause_with(document, "telecommunication products and related goods")
    assert item.ref.endswith("(b)(ii)")
    lettered = _clause_with(document, "establish and maintain your account with us")
    assert lettered.ref.endswith("(e)") and lettered.heading == "Provision of product and services"
    bullet = _clause_with(document, "When you join one of our loyalty programs")
    assert bullet.heading == "Information that you provide us"
    assert not bullet.text.startswith("•")


@pytest.mark.parametrize("name", ["sony-id.txt", "sony-sg.txt"])
def test_no_clause_starts_mid_sentence(load, name: str) -> None:
    label = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|\(?\(?[a-z]{1,4}\))\s*")
    for clause in load(name).clauses:
        is_list_item = re.search(r"\([a-z]+\)$", clause.ref)
        assert is_list_item or not label.sub("", clause.text)[:1].islower(), clause


_ORDINAL = re.compile(r" \((\d+)(?:st|nd|rd|th)\)")
_COUNTED = re.compile(r"^(?P<anchor>.+?) › (?:paragraph (?P<n>\d+))?")
EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "example" / "northwind-privacy-policy.md"


def _anchor_position(text: str, anchor: str, before: int) -> int:
    """Where a reader finds the anchor: the n-th heading line with that title, or the last
    numbered label ("3.1.1", "A." of "1.A") before the clause."""
    occurrence = _ORDINAL.search(anchor)
    name = _ORDINAL.sub("", anchor).replace(" …", "")
    if re.fullmatch(r"(?:\d{1,2}|[A-Z])(?:\.(?:\d{1,2}|[A-Z]))*", name):
        last = re.escape(name.rsplit(".", 1)[-1] if name[-1].isalpha() else name)
        labels = list(re.finditer(rf"(?<![\w.]){last}\.?(?=\s)", text[:before]))
        assert labels, f"no label {name!r} before offset {before}"
        return labels[-1].start()
    whole = "" if anchor.endswith("…") or " … " in anchor else r"[:?.]?[^\S\n]*$"
    lines = [m.start() for m in re.finditer(
        rf"(?m)^[^\S\n]*(?:[•\-–]\s+)?{re.escape(name)}{whole}", text[:before])]
    assert lines, f"no heading line {name!r} before offset {before}"
    return lines[int(occurrence.group(1)) - 1 if occurrence else 0]


@pytest.mark.parametrize("name", [*POLICY_NAMES, "example"])
def test_every_ref_can_be_found_by_a_reader(policies_dir: Path, name: str) -> None:
    """A counted ref names a heading (or number) in the text, and "paragraph n" is the n-th
    block from it; a numbered ref's own label opens the clause."""
    document = load_document(EXAMPLE if name == "example" else policies_dir / name)
    text, clauses = document.text, document.clauses
    for clause in clauses:
        match = _COUNTED.match(clause.ref)
        if match is None:
            own = _ORDINAL.sub("", clause.ref)
            label = re.search(r"\(([^()]+)\)$", own)
            openings = [label.group(1)] if label else [own, own.rsplit(".", 1)[-1]]
            assert ", part" in clause.ref or any(
                re.match(rf"\(?{re.escape(opening)}[.)]?\s", clause.text) for opening in openings
            ), clause
            continue
        preamble = match["anchor"] == "Preamble"
        start = 0 if preamble else _anchor_position(text, match["anchor"], clause.start)
        if match["n"] is None:
            continue
        if clause.ref.endswith(")") and not _ORDINAL.search(clause.ref[-7:]):
            # A list item: its lead-in is the paragraph named, and comes before it.
            lead = match.group(0).rstrip()
            assert any(c.ref == lead and c.start < clause.start for c in clauses), clause.ref
            continue
        titled = not re.fullmatch(r"[\dA-Z.]+", _ORDINAL.sub("", match["anchor"]))
        if titled and not preamble:
            start = text.index("\n", start) if "\n" in text[start:clause.start] else start + 1
        own = clause.ref.split(", part")[0]
        blocks = {c.ref.split(", part")[0] for c in clauses if start <= c.start < clause.start}
        blocks.discard(own)
        assert len(blocks) == int(match["n"]) - 1, (clause.ref, sorted(blocks))
