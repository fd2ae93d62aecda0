"""A decision on a GDPR item shows, read-only, on the same UK GDPR item: show and full report."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.cli import main
from desktop_app.paths import EXAMPLE_POLICY


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_same_requirement_decided_in_gdpr_shows_on_ukgdpr(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "audits.sqlite")
    policy = tmp_path / "northwind.md"
    shutil.copyfile(EXAMPLE_POLICY, policy)
    imported = json.loads(_run(capsys, "import", str(policy), "--checklist", "gdpr",
                               "--checklist", "ukgdpr", "--db", db, "--json"))
    audits = {audit["checklist_id"]: str(audit["audit_id"]) for audit in imported["audits"]}
    _run(capsys, "review", audits["gdpr"], "gdpr.controller-identity", "--status", "partial",
         "--note", "Entity named, no postal address.", "--reviewer", "alice", "--db", db)

    shown = _run(capsys, "show", audits["ukgdpr"], "--db", db)
    block = shown.split("ukgdpr.controller-identity", 1)[1].split("\n✓", 1)[0]
    assert re.search(r"Same requirement in .+ \(gdpr\.controller-identity, audit "
                     rf"{audits['gdpr']}\): ◐ Partial, decided by alice on \d{{4}}-\d\d-\d\d; "
                     r"note: Entity named, no postal address\.", block), block
    # Read-only: the UK item keeps its own status.
    items = json.loads(_run(capsys, "show", audits["ukgdpr"], "--db", db, "--json"))["items"]
    uk_item = next(item for item in items if item["item_id"] == "ukgdpr.controller-identity")
    assert uk_item["status"] is None

    # The other way: the GDPR audit shows the UK item, not decided yet.
    assert "(ukgdpr.controller-identity, audit" in _run(capsys, "show", audits["gdpr"], "--db", db)

    out = tmp_path / "full.pdf"
    _run(capsys, "report", audits["ukgdpr"], "--full", "--out", str(out), "--db", db)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Same requirement in" in text and "decided by alice" in text
