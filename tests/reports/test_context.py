"""Small text helpers shared by the report sections."""

from __future__ import annotations

from desktop_app.reports.context import CHUNK, CHUNK_LINES, brief, chunks, display_time


def test_brief_cuts_characters_and_lines() -> None:
    assert brief("short", 10) == "short"
    assert brief("abcdefghij", 5) == "abcd…"
    assert brief("a\nb\nc", 100, lines=2) == "a\nb…"
    assert brief("", 5) == ""


def test_display_time_reads_iso_stamps_and_leaves_other_text() -> None:
    assert display_time("2026-11-24T04:33:07.940+00:00") == "2026-11-24 04:33:07 UTC"
    assert display_time("2026-11-20T10:00:00+08:00") == "2026-11-20 10:00:00 +08:00"
    assert display_time("yesterday") == "yesterday"


def test_chunks_bound_characters_and_lines_and_lose_nothing() -> None:
    text = "\n".join(["word " * 50] * 100)
    pieces = chunks(text)
    assert len(pieces) > 1
    assert all(len(piece) <= CHUNK and piece.count("\n") < CHUNK_LINES for piece in pieces)
    assert "".join(pieces).split() == text.split()
    assert chunks("short") == ["short"]
    assert chunks("") == [""]
