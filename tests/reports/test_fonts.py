"""Font registration and the markup that keeps user text literal."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from desktop_app.reports.fonts import markup, report_fonts
from desktop_app.reports.styles import report_styles


def test_markup_escapes_tags_and_ampersands() -> None:
    assert markup("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_markup_wraps_cjk_runs_in_the_fallback_font() -> None:
    fonts = report_fonts()
    result = markup("Contact 资料保护主任 now")
    assert f'<font face="{fonts.fallback}">资料保护主任</font>' in result
    assert result.startswith("Contact ")


def test_markup_keeps_status_symbols_in_the_main_font() -> None:
    fonts = report_fonts()
    if fonts.covered is None:
        return
    assert "<font" not in markup("✓ ◐ ✗ – ⚠ “quoted”")


def test_awkward_text_parses_as_a_paragraph_and_reads_back_literally() -> None:
    awkward = "<b>bold?</b> & AT&T <tom@example.com> 中文"
    paragraph = Paragraph(markup(awkward), report_styles().body)
    assert paragraph.getPlainText() == awkward
