"""Small text helpers shared by the report sections."""

from __future__ import annotations

from desktop_app.reports.context import brief, display_time


def test_brief_cuts_characters_and_lines() -> None:
    assert brief("short", 10) == "short"
    assert brief("abcdefghij", 5) == "abcd…"
    assert brief("a\nb\nc", 100, lines=2) == "a\nb…"
    assert brief("", 5) == ""


def test_display_time_reads_iso_stamps_and_leaves_other_text() -> None:
    assert display_time("2026-11-24T04:33:07.940+00:00") == "2026-11-24 04:33:07 UTC"
    assert display_time("2026-11-20T10:00:00+08:00") == "2026-11-20 10:00:00 +08:00"
    assert display_time("yesterday") == "yesterday"
