"""Positions outside every clause are described by their line and the clause next to them."""

from __future__ import annotations

from desktop_app.core.ingest import analyse_text
from desktop_app.core.locate import describe_position


def test_offsets_inside_and_outside_clauses_are_findable() -> None:
    text = "Privacy Notice\nIntro text here.\nYour [RIGHTS]\nYou may ask for a copy.\n"
    document = analyse_text(text)
    clauses = document.clauses
    inside = describe_position(text, clauses, text.index("copy"))
    assert inside == f"clause {clauses[-1].ref}"
    heading = describe_position(text, clauses, text.index("[RIGHTS]"))
    assert heading == f"line “Your [RIGHTS]”, before clause {clauses[-1].ref}"
    assert "chars" not in heading
    end = describe_position(text, clauses, len(text) - 1)
    assert end.endswith(f"after clause {clauses[-1].ref}")
