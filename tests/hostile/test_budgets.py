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
    [[_, path]] = corpus.docx_text(2)(tmp_path, 0.2)
    assert "more than the 5,000 characters" in refusal(path)


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


def test_defects_stored_before_the_cap_are_capped_when_read(tmp_path: Path) -> None:
    from desktop_app.core.document import Defect
    from desktop_app.core.engine import assess
    from desktop_app.core.ingest import analyse_text
    from desktop_app.core.lint import MAX_DEFECTS_PER_KIND
    from desktop_app.services import Workspace
    from desktop_app.store import imports

    text = "Privacy Policy\n\nWe collect " + " ".join(["[COMPANY NAME]"] * 3900) + " data.\n"
    start = text.index("[")
    defects = [Defect("placeholder", start + 15 * i, start + 15 * i + 14, "[COMPANY NAME]", "m")
               for i in range(3900)]
    document = analyse_text(text)
    with Workspace(tmp_path / "audits.sqlite") as workspace:
        gdpr = workspace.registry.get("gdpr")
        source = imports.SourceFile(name="old", file_name="old.txt", sha256="0" * 64,
                                    source_path=str(tmp_path / "old.txt"), match_path=False)
        [audit_id] = workspace.import_document(document, [(gdpr, assess(document, gdpr))],
                                               source=source, defects=defects).audit_ids
        shown = workspace.audit(audit_id).defects
    assert len(shown) == MAX_DEFECTS_PER_KIND + 1
    assert "3,800 more placeholder defects" in shown[-1].message
