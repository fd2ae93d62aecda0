"""The PDF report, checked through its extracted text, outline and metadata."""

from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.status import Decision
from desktop_app.errors import AuditorError
from desktop_app.reports.appendix import describe_change
from desktop_app.reports.digest import report_digest
from desktop_app.reports.fonts import report_fonts
from desktop_app.reports.pdf import build_report
from desktop_app.reports.summary import trail_head
from tests.reports.conftest import page_texts
from tests.reports.helpers import AWKWARD_NOTE, CJK_NOTE, INDONESIAN_NOTE, make_snapshot, sign


def _build(audits: list[AuditSnapshot], **kwargs: object) -> bytes:
    out = BytesIO()
    build_report(audits, out, **kwargs)
    return out.getvalue()


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_draft_marking_on_every_page_of_an_open_audit(snapshot: AuditSnapshot) -> None:
    pages = page_texts(_build([snapshot]))
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "DRAFT" in page, f"page {number} lacks the DRAFT marking"
        assert f"Page {number} of {len(pages)}" in page


def test_mixed_signed_and_open_audits_make_a_draft(snapshot: AuditSnapshot) -> None:
    signed = make_snapshot(2, signed_off=True)
    pages = page_texts(_build([signed, snapshot]))
    assert all("DRAFT" in page for page in pages)


def test_signed_off_report_has_no_draft_marking(snapshot: AuditSnapshot) -> None:
    pages = page_texts(_build([sign(snapshot)]))
    assert not any("DRAFT" in page for page in pages)
    assert "Signed off by bob" in _flat(pages[0])


def test_awkward_notes_print_literally(snapshot: AuditSnapshot) -> None:
    text = _flat(" ".join(page_texts(_build([snapshot]))))
    assert AWKWARD_NOTE in text
    assert INDONESIAN_NOTE in text
    assert CJK_NOTE in text.replace(" ", "")


def test_unreviewed_suggestions_are_labelled_as_such(snapshot: AuditSnapshot) -> None:
    text = _flat(" ".join(page_texts(_build([snapshot]))))
    unreviewed = sum(1 for review in snapshot.reviews if not review.reviewed)
    reviewed = len(snapshot.reviews) - unreviewed
    # Item cards carry one status line each; findings and the top list may add more.
    assert text.count("suggested, not yet reviewed") >= unreviewed
    assert text.count("REVIEWED") >= reviewed


def test_cover_states_policy_checklist_and_verdict(snapshot: AuditSnapshot) -> None:
    first = _flat(page_texts(_build([snapshot]))[0])
    assert snapshot.policy.sha256 in first.replace(" ", "")
    assert snapshot.checklist.name in first
    assert f"v{snapshot.checklist.version}" in first
    assert "Verdict" in first
    assert "mandatory requirement" in first
    assert "alice" in first


def test_every_item_and_the_evidence_a_person_confirmed_appears(
        snapshot: AuditSnapshot) -> None:
    text = _flat(" ".join(page_texts(_build([snapshot]))))
    for item in snapshot.checklist.items:
        assert item.id in text
    for review in snapshot.reviews:
        for evidence in review.evidence:
            if evidence.source == "manual":
                assert f"Clause {evidence.ref} (added by reviewer)" in text
    assert "Needs re-review" in text


def test_only_the_engines_top_passage_is_shown_and_marked_suggested(
        snapshot: AuditSnapshot) -> None:
    item = snapshot.reviews[0]
    auto = [e for e in item.evidence if e.source == "auto"]
    passages = (auto[0], replace(auto[0], id=900, ref="99", quote="A lesser passage."))
    reviews = (replace(item, evidence=passages), *snapshot.reviews[1:])
    text = _flat(" ".join(page_texts(_build([replace(snapshot, reviews=reviews)]))))
    assert f"Clause {auto[0].ref} (suggested by the engine, not confirmed)" in text
    assert "A lesser passage." not in text and "Clause 99" not in text


def test_appendices_print_digest_trail_head_and_sources(snapshot: AuditSnapshot) -> None:
    text = " ".join(page_texts(_build([snapshot])))
    compact = re.sub(r"\s+", "", text)
    assert report_digest([snapshot]) in compact
    assert trail_head(snapshot) in compact
    for source in snapshot.checklist.sources:
        assert source.url in text
    assert "Data access request: 40 days" in _flat(text)
    assert "[COMPANY NAME]" in text


def test_several_audits_get_a_topic_comparison_and_contents(
        three_audits: list[AuditSnapshot]) -> None:
    text = _flat(" ".join(page_texts(_build(three_audits))))
    assert "Comparison by topic" in text
    assert "Contents" in text
    assert "Kebijakan Privasi" in text


def test_single_short_audit_has_no_comparison(snapshot: AuditSnapshot) -> None:
    text = _flat(" ".join(page_texts(_build([snapshot]))))
    assert "Comparison by topic" not in text


def test_outline_and_metadata(snapshot: AuditSnapshot) -> None:
    reader = PdfReader(BytesIO(_build([snapshot])))
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert "1. Executive summary" in titles
    assert "Appendix D. Data digest" in titles
    meta = reader.metadata
    assert snapshot.policy.name in meta.title
    assert "alice" in meta.author
    assert "DRAFT" in meta.subject


def test_cjk_text_uses_a_font_that_has_the_glyphs(snapshot: AuditSnapshot) -> None:
    reader = PdfReader(BytesIO(_build([snapshot])))
    fonts = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    fallback = pdfmetrics.getFont(report_fonts().fallback)
    face = getattr(fallback, "face", None)
    expected = face.name.decode() if face is not None else fallback.fontName
    assert any(expected in name for name in fonts), fonts


def test_deterministic_builds_are_byte_identical(three_audits: list[AuditSnapshot]) -> None:
    first = _build(three_audits, deterministic=True)
    second = _build(three_audits, deterministic=True)
    assert first == second
    assert "2000-01-01" in page_texts(first)[0]


def test_generated_at_is_printed(snapshot: AuditSnapshot) -> None:
    pages = page_texts(_build([snapshot], generated_at="2026-11-24 09:30 UTC"))
    assert "2026-11-24 09:30 UTC" in pages[-1]


def test_writes_to_a_path(tmp_path: Path, snapshot: AuditSnapshot) -> None:
    out = tmp_path / "report.pdf"
    build_report([snapshot], out)
    assert out.read_bytes().startswith(b"%PDF")


def test_no_audits_is_a_user_error() -> None:
    with pytest.raises(AuditorError, match="at least one audit"):
        build_report([], BytesIO())


def test_very_long_quote_and_note_do_not_break_the_layout(snapshot: AuditSnapshot) -> None:
    long_quote = "personal data " * 900
    review = snapshot.reviews[0]
    evidence = replace(review.evidence[0], quote=long_quote)
    changed = replace(review, evidence=(evidence,), note="note " * 1500)
    audit = replace(snapshot, reviews=(changed, *snapshot.reviews[1:]))
    text = _flat(" ".join(page_texts(_build([audit]))))
    assert text.count("personal") >= 900


def test_trail_changes_are_described_field_by_field() -> None:
    assert describe_change('{"status":null,"needs_rereview":false}',
                           '{"status":"partial","needs_rereview":false}') == \
        "status: none → partial"
    created = describe_change("", '{"checklist_id":"pdpo","checklist_hash":"' + "a" * 64 + '"}')
    assert created == "checklist_id: pdpo; checklist_hash: aaaaaaaaaaaa…"
    assert describe_change("open", "signed-off") == "open → signed-off"


def test_audit_without_reviews_still_reports(snapshot: AuditSnapshot) -> None:
    empty = replace(snapshot, reviews=(), trail=())
    text = _flat(" ".join(page_texts(_build([empty]))))
    assert "n/a" in text
    assert "Trail head hash: none" in text


def test_many_short_lines_in_a_note_split_over_pages(snapshot: AuditSnapshot) -> None:
    note = "\n".join(f"line {n}" for n in range(400))
    review = replace(snapshot.reviews[0], note=note)
    audit = replace(snapshot, reviews=(review, *snapshot.reviews[1:]))
    text = " ".join(page_texts(_build([audit])))
    assert "line 0" in text and "line 399" in text


def test_short_report_has_no_contents_page(snapshot: AuditSnapshot) -> None:
    pages = page_texts(_build([snapshot]))
    assert not any("Contents" in page for page in pages)


def test_outline_nests_audits_under_sections(three_audits: list[AuditSnapshot]) -> None:
    reader = PdfReader(BytesIO(_build(three_audits)))
    outline = reader.outline
    position = next(index for index, entry in enumerate(outline)
                    if not isinstance(entry, list) and entry.title == "3. Item by item")
    children = outline[position + 1]
    assert isinstance(children, list)
    assert len(children) == len(three_audits)


def test_cover_counts_items_that_need_re_review(snapshot: AuditSnapshot) -> None:
    flagged = sum(1 for review in snapshot.reviews if review.needs_rereview)
    first = _flat(page_texts(_build([snapshot]))[0])
    assert f"{flagged} item{'s' if flagged != 1 else ''} need" in first


def test_a_large_portfolio_lays_out() -> None:
    # More audits than one chart can hold on a page; two items each keeps the test quick.
    audits = []
    for number in range(1, 33):
        full = make_snapshot(number, policy_name=f"Policy {number}")
        audits.append(replace(full, reviews=full.reviews[:2], checklist=replace(
            full.checklist, items=full.checklist.items[:2])))
    pages = page_texts(_build(audits))
    assert all("DRAFT" in page for page in pages)
    assert "Policy 32 v1" in " ".join(pages)


def test_signed_off_audit_with_unconfirmed_items_says_so(snapshot: AuditSnapshot) -> None:
    unconfirmed = sum(1 for review in snapshot.reviews if not review.reviewed)
    first = _flat(page_texts(_build([sign(snapshot)]))[0])
    assert "SIGNED OFF WITH UNCONFIRMED ITEMS" in first
    assert f"{unconfirmed} items were signed off without a reviewer" in first
    assert "signed off without being confirmed" in first


def test_header_warns_on_every_page_of_a_sign_off_with_unconfirmed_items(
        snapshot: AuditSnapshot) -> None:
    pages = page_texts(_build([sign(snapshot)]))
    assert all("UNCONFIRMED ITEMS" in page for page in pages)
    confirmed = replace(snapshot, reviews=tuple(
        replace(r, status=r.effective_status, decision=Decision.PERSON)
        for r in snapshot.reviews))
    pages = page_texts(_build([sign(confirmed)]))
    assert not any("UNCONFIRMED" in page or "DRAFT" in page for page in pages)
    assert "FINAL" in pages[0]
