"""Inputs over a budget are refused up front with a message that names the limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core import extract_docx, extract_pdf, ingest
from desktop_app.core.ingest import extract_text
from desktop_app.errors import InputError
from tests.hostile import corpus


def refusal(path: str | Path) -> str:
    with pytest.raises(InputError) as caught:
        extract_text(Path(path))
    return caught.value.user_text()


def test_docx_paragraph_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_docx, "MAX_DOCX_PARAGRAPHS", 100)
    [[_, path]] = corpus.docx_empty_paragraphs(tmp_path, 0.001)
    assert "more than 100 paragraphs" in refusal(path)


def test_docx_run_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_docx, "MAX_DOCX_RUNS", 500)
    [[_, path]] = corpus.docx_many_runs(tmp_path, 0.002)
    assert "more than 500 runs" in refusal(path)


def test_docx_text_stops_at_the_character_budget(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_TEXT_CHARS", 5_000)
    [[_, path]] = corpus.docx_text(2)(tmp_path, 0.05)
    assert "more than 5,000 characters" in refusal(path)


def test_pdf_page_and_content_budgets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [[_, path]] = corpus.pdf_shared_stream(4)(tmp_path, 0.01)
    assert "We collect personal data" in extract_text(Path(path)).text
    monkeypatch.setattr(extract_pdf, "MAX_PDF_CONTENT_BYTES", 20_000)
    assert "MB of page content" in refusal(path)
    monkeypatch.setattr(extract_pdf, "MAX_PDF_PAGES", 3)
    assert "4 pages, more than the 3 accepted" in refusal(path)


def test_paragraph_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_PARAGRAPHS", 50)
    [[_, path]] = corpus.html_ordered(5000)(tmp_path, 0.02)
    assert "101 paragraphs and list items, more than the 50 accepted" in refusal(path)


@pytest.mark.parametrize("doctype, body", [
    ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>', "&x;"),
    ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
     '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>', "&c;&c;&c;"),
], ids=["external-entity", "entity-expansion"])
def test_docx_entities_are_never_expanded(tmp_path: Path, doctype: str, body: str) -> None:
    path = tmp_path / "entities.docx"
    corpus.write_docx(path, f"<w:p><w:r><w:t>We collect {body} your data.</w:t></w:r></w:p>",
                      doctype)
    assert extract_text(path).text == "We collect your data."
