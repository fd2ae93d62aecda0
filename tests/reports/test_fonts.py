"""Font registration and the markup that keeps user text literal."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop_app.reports import fonts
from desktop_app.reports.fonts import markup, report_fonts
from desktop_app.reports.styles import report_styles


def test_markup_escapes_tags_and_ampersands() -> None:
    assert markup("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_markup_wraps_cjk_runs_in_the_fallback_font() -> None:
    result = markup("Contact 资料保护主任 now")
    assert f'<font face="{report_fonts().fallback}">资料保护主任</font>' in result
    assert result.startswith("Contact ")


def test_markup_keeps_status_symbols_in_the_main_font() -> None:
    if report_fonts().covered is None:
        pytest.skip("no TrueType Latin font: symbols come from the fallback")
    assert "<font" not in markup("✓ ◐ ✗ – ⚠ “quoted”")


def test_awkward_text_parses_as_a_paragraph_and_reads_back_literally() -> None:
    awkward = "<b>bold?</b> & AT&T <tom@example.com> 中文"
    paragraph = Paragraph(markup(awkward), report_styles().body)
    assert paragraph.getPlainText() == awkward


def test_missing_oblique_faces_are_stood_in_for(monkeypatch: pytest.MonkeyPatch) -> None:
    real_is_file = Path.is_file
    monkeypatch.setattr(Path, "is_file",
                        lambda self: "Oblique" not in self.name and real_is_file(self))
    paths = fonts._find_dejavu()
    if paths is None:
        pytest.skip("DejaVu Sans is not installed")
    assert paths["italic"] == paths["regular"]
    assert paths["bold_italic"] == paths["bold"]


def test_without_a_cjk_font_the_builtin_cid_font_is_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_find_cjk", lambda: None)
    name = fonts._register_cjk()
    assert name == fonts.CID_FALLBACK
    fallback_set = replace(report_fonts(), fallback=name)
    story = [Paragraph(markup("资料保护主任 <x> & y", fallback_set), report_styles().body)]
    out = BytesIO()
    SimpleDocTemplate(out).build(story)
    assert "资料保护主任" in PdfReader(BytesIO(out.getvalue())).pages[0].extract_text()


def test_line_breaks_are_kept_and_control_characters_dropped() -> None:
    assert markup("first\r\nsecond\x00\x07") == "first<br/>second"
    paragraph = Paragraph(markup("a\nb\x1b & c"), report_styles().body)
    paragraph.wrap(400, 100)
    assert len(paragraph.blPara.lines) == 2
