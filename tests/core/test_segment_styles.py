"""Segmentation of drafting styles beyond the shared corpus (small samples in tests/data/ingest)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.document import PolicyDocument
from desktop_app.core.ingest import analyse_text, load_document

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "ingest"


def _by_text(document: PolicyDocument, words: str):
    matches = [clause for clause in document.clauses if words in clause.text]
    assert len(matches) == 1, [clause.text for clause in document.clauses]
    return matches[0]


def test_all_caps_headings_numbered_without_a_period() -> None:
    document = load_document(SAMPLES / "caps-policy.txt")
    intro = _by_text(document, "Acme Corporation (")
    assert intro.ref == "1 › paragraph 1" and intro.heading == "INTRODUCTION"
    assert intro.text.endswith("when you use our websites and apps.")
    item = _by_text(document, "usage data, such as the pages you visit")
    assert item.ref == "2.2(b)" and item.heading == "INFORMATION WE COLLECT"
    assert item.text.startswith("(b) usage data")
    # "Section 5.2 above" is a cross-reference, not a new clause.
    assert _by_text(document, "comply with law").text.endswith("Section 5.2 above.")
    assert not any(clause.text.isupper() for clause in document.clauses)


def test_blank_separated_paragraphs_are_reflowed_whole() -> None:
    document = load_document(SAMPLES / "blank-separated-policy.txt")
    collect = _by_text(document, "We collect your name")
    assert collect.text.endswith("the pages you visit and the links you click.")
    assert collect.heading == "Information We Collect"
    assert _by_text(document, "This policy explains").text.endswith("anyone who contacts us.")
    assert len(document.clauses) == 5


def test_markdown_numbered_list_inside_a_numbered_section() -> None:
    document = load_document(SAMPLES / "markdown-policy.md")
    consent = _by_text(document, "your consent (Art")
    assert consent.ref == "2(1)" and consent.heading == "Legal basis"
    rights = _by_text(document, "You have the right to access")
    assert rights.ref == "3 › paragraph 1" and rights.heading == "Your rights"
    assert _by_text(document, "Contact data such as").ref == "1 › paragraph 2"


def test_title_case_headings_and_inline_lettered_list() -> None:
    document = load_document(SAMPLES / "title-case-policy.txt")
    assert document.title == "Initech Privacy Statement"
    collect = _by_text(document, "We collect information you provide")
    assert collect.heading == "Information We Collect"
    vendors = _by_text(document, "with vendors and consultants")
    assert vendors.ref == "Sharing Of Information › paragraph 1 (a)"
    consent = _by_text(document, "with your consent.")
    assert consent.ref == "Sharing Of Information › paragraph 1 (c)"
    assert consent.text == "(c) with your consent."
    assert [hit.id for hit in document.jurisdictions] == ["nevada"]


def test_page_numbers_are_removed() -> None:
    text = "Privacy Policy\nWe collect your name.\n2\nWe keep it safe.\nPage 3 of 9\nWe delete it."
    document = analyse_text(text)
    assert [span.reason for span in document.removed] == ["page number", "page number"]
    assert [clause.text for clause in document.clauses] == [
        "We collect your name.", "We keep it safe.", "We delete it."]


def test_short_page_on_one_line_with_menus_lists_and_numbers_in_sentences() -> None:
    document = load_document(SAMPLES / "one-line-page.txt")
    assert [span.reason for span in document.removed] == ["site navigation", "site footer"]
    assert document.title == "Privacy Notice" and document.effective_date == "2023-03-15"
    assert document.clauses[0].text.startswith("Last updated: 15 March 2023.")
    refs = [clause.ref for clause in document.clauses]
    assert refs == ["Preamble › paragraph 1", "1.1", "1.2", "2.1", "2.1(a)", "2.1(b)", "2.1(c)", "2.2",
                    "3.1", "3.1(i)", "3.1(ii)", "3.2"]
    # Dates, amounts and cross-references inside sentences do not start clauses.
    assert _by_text(document, "revised on 1.1.2020 and costs us $1.5 million").ref == "1.1"
    assert _by_text(document, "See Section 3.2 below").ref == "1.2"
    assert document.clauses[-1].text == "3.2 Contact our DPO at dpo@beta.example."


def test_parenthesised_numbers_for_sections_and_list_items() -> None:
    text = ("Privacy Notice\n1) Who we are\nDelta Ltd (\"we\") runs this shop.\n"
            "2) What we collect\nWe collect:\n(1) your name;\n(2) your address.\n3) Your rights\n"
            "You can ask for a copy of your data.\n")
    document = analyse_text(text)
    assert [(clause.ref, clause.heading) for clause in document.clauses] == [
        ("1 › paragraph 1", "Who we are"), ("2 › paragraph 1", "What we collect"),
        ("2(1)", "What we collect"), ("2(2)", "What we collect"),
        ("3 › paragraph 1", "Your rights")]
