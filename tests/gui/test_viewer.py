"""The policy viewer: offsets survive characters outside the BMP; highlights and outline."""

from __future__ import annotations

from PySide6.QtGui import QFont

from desktop_app.core.document import Clause, Defect
from desktop_app.core.status import Status
from desktop_app.gui.panels.offsets import OffsetMap
from desktop_app.gui.panels.policy_viewer import Highlight, PolicyViewer, outline_label


def test_offset_map_round_trips_around_wide_characters() -> None:
    text = "a😀b😀c"
    offsets = OffsetMap(text)
    assert [offsets.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert all(offsets.from_qt(offsets.to_qt(i)) == i for i in range(len(text) + 1))


def test_selection_comes_back_as_python_offsets(qtbot) -> None:
    text = "Intro 😀 line.\n1. We keep data for 2 years.\n"
    start = text.index("We keep")
    end = text.index(" years.") + len(" years.")
    clause = Clause("1", "", text.index("1."), len(text) - 1, text[text.index("1."):-1])
    viewer = PolicyViewer()
    qtbot.addWidget(viewer)
    viewer.set_document(text, [clause], [Defect("typo", 0, 5, "Intro", "x")])
    viewer.set_highlights([Highlight(start, end, Status.SATISFIED, focused=True)])
    viewer.jump_to(start, end)
    assert viewer.selected_span() == (start, end)
    assert text[start:end] == "We keep data for 2 years."
    assert viewer.outline.count() == 1
    assert len(viewer.editor.extraSelections()) == 2


def test_outline_label_keeps_numbers_and_shortens_heading_paths() -> None:
    assert outline_label("2.1(a)", "We collect").startswith("2.1(a)  ")
    label = outline_label("Information we collect > How we use information #3", "We use")
    assert label.startswith("How we use in…")
    # Counted refs: under their own heading only the paragraph is left; a number stays.
    assert outline_label("Marketing › paragraph 3", "We send", "Marketing") == "¶3  We send"
    assert outline_label("3.1.1 › paragraph 2", "We use", "Service provision") == \
        "3.1.1 ¶2  We use"
    assert outline_label("How Sony Europe uses the … › paragraph 1", "We use",
                         "How Sony Europe uses the information it collects") == "¶1  We use"
    assert outline_label("Marketing › paragraph 1 (a)", "(a) offers", "Marketing") == \
        "¶1 (a)  offers"


def test_outline_shows_the_ref_once() -> None:
    assert outline_label("1.1", "1.1 This policy applies") == "1.1  This policy applies"
    assert outline_label("2.1(a)", "(a) your name") == "2.1(a)  your name"
    assert outline_label("2.1.1(b)", "b) When you buy") == "2.1.1(b)  When you buy"
    # Under its heading, a heading-named ref keeps only what follows the heading.
    assert outline_label("Use of data (a)", "(a) to serve you", "Use of data") == "(a)  to serve you"
    # A leading number that is not the clause's own label stays.
    assert outline_label("4.2", "3 days after") == "4.2  3 days after"


def test_outline_groups_clauses_under_bold_headings(qtbot) -> None:
    text = "Hello.\nSharing\nWe share data.\nWe sell nothing.\nRights\nYou may ask.\n"
    clauses = [Clause(f"{heading or 'Preamble'} › paragraph {n}", heading, text.index(body),
                      text.index(body) + len(body), body)
               for heading, n, body in (("", 1, "Hello."),
                                        ("Sharing", 1, "We share data."),
                                        ("Sharing", 2, "We sell nothing."),
                                        ("Rights", 1, "You may ask."))]
    viewer = PolicyViewer()
    qtbot.addWidget(viewer)
    viewer.set_document(text, clauses, [])
    rows = [viewer.outline.item(row).text() for row in range(viewer.outline.count())]
    assert rows == ["Preamble", "¶1  Hello.", "Sharing", "¶1  We share data.",
                    "¶2  We sell nothing.", "Rights", "¶1  You may ask."]
    viewer.outline.setCurrentRow(6)
    assert viewer.editor.textCursor().position() == text.index("You may ask.")
    viewer.outline.setCurrentRow(2)
    assert viewer.editor.textCursor().position() == text.index("We share data.")
    viewer.jump_to(text.index("We sell"), text.index("We sell") + 2)
    assert viewer.outline.currentRow() == 4
    # A span that ends where its clause ends still marks that clause.
    viewer.jump_to(text.index("You may"), text.index("ask.") + len("ask."))
    assert viewer.outline.currentRow() == 6
    heading = viewer.editor.document().findBlockByNumber(4)
    assert heading.text() == "Rights"
    assert heading.begin().fragment().charFormat().fontWeight() == QFont.Weight.Bold
    body = viewer.editor.document().findBlockByNumber(5)
    assert body.begin().fragment().charFormat().fontWeight() != QFont.Weight.Bold
