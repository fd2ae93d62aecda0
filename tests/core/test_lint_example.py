"""The bundled example policy: the lint finds every deliberate slip and nothing else."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.ingest import load_document
from desktop_app.core.lint import lint

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "example" / "northwind-privacy-policy.md"
DELIBERATE_SLIPS = {
    ("placeholder", "[insert effective date]"),
    ("blank-reference", "email us at ,"),
    ("duplicate", "7.2 No method of transmission"),
    ("numbering-gap", "(b) delivery and logistics companies"),
    ("truncated", "with our franchise partners in the region, including"),
    ("typo", "Singaporee"),
}


def example_defects() -> list[tuple[str, str]]:
    document = load_document(EXAMPLE)
    return [(defect.kind, defect.text) for defect in lint(document)]


def test_every_deliberate_slip_is_found() -> None:
    defects = example_defects()
    for kind, quote in DELIBERATE_SLIPS:
        assert any(found_kind == kind and quote in text for found_kind, text in defects), (kind, quote)


def test_nothing_but_the_deliberate_slips_is_reported() -> None:
    assert len(example_defects()) == len(DELIBERATE_SLIPS)


def test_example_is_a_realistic_length() -> None:
    words = len(EXAMPLE.read_text(encoding="utf-8").split())
    assert 1500 <= words <= 2500
