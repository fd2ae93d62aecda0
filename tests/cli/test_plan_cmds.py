"""The plan commands end to end: plan set round-trips every field, each change is in the trail."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.cli import main
from desktop_app.core.status import Status
from desktop_app.paths import EXAMPLE_POLICY
from tests.cli.helpers import run_in as run
from tests.cli.helpers import run_json


@pytest.fixture
def audit(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> int:
    policy = tmp_path / "northwind.md"
    shutil.copyfile(EXAMPLE_POLICY, policy)
    data = run_json(capsys, db, "import", str(policy), "--checklist", "gdpr", "--reviewer", "al")
    return int(data["audits"][0]["audit_id"])


def test_plan_set_round_trips_every_field(capsys: pytest.CaptureFixture[str], db: Path,
                                          audit: int) -> None:
    plan = run_json(capsys, db, "plan", str(audit))
    assert plan["audit_id"] == audit and plan["findings"]
    first = plan["findings"][0]
    assert any(f["sample_wording"] for f in plan["findings"] if f["level"] == "must")
    assert first["status"] in ("partial", "missing") and first["state"] == "open"
    item = first["item_id"]
    values = {"risk": "low", "owner": "Data Protection Office", "due": "2027-02-28",
              "response": "Agreed; the notice is being redrafted.", "state": "risk-accepted",
              "recommendation": "Name the retention period for each category."}
    options = [part for name, value in values.items() for part in (f"--{name}", value)]
    code, out, err = run(capsys, db, "plan", "set", str(audit), item, *options,
                         "--reviewer", "bob")
    assert code == 0, err and item in out
    [found] = [f for f in run_json(capsys, db, "plan", str(audit))["findings"]
               if f["item_id"] == item]
    assert {name: found[name] for name in values} == values
    assert not found["risk_is_default"] and not found["recommendation_is_default"]

    history = run_json(capsys, db, "history", str(audit))["events"]
    [event] = [e for e in history if e["action"] == "finding"]
    assert event["actor"] == "bob" and event["item_id"] == item
    recorded = event["after"] if isinstance(event["after"], dict) else json.loads(event["after"])
    assert {name: recorded[name] for name in values} == values
    code, out, _ = run(capsys, db, "verify")
    assert code == 0


def test_each_change_is_its_own_trail_event(capsys: pytest.CaptureFixture[str], db: Path,
                                            audit: int) -> None:
    item = run_json(capsys, db, "plan", str(audit))["findings"][0]["item_id"]
    for option, value in (("--owner", "Ann"), ("--due", "2027-01-01"), ("--state", "done")):
        assert run(capsys, db, "plan", "set", str(audit), item, option, value)[0] == 0
    history = run_json(capsys, db, "history", str(audit))["events"]
    assert [e["action"] for e in history].count("finding") == 3
    code, out, _ = run(capsys, db, "history", str(audit))
    assert "state: 'open' -> 'done'" in out


def test_portfolio_and_errors(capsys: pytest.CaptureFixture[str], db: Path, audit: int) -> None:
    item = run_json(capsys, db, "plan", str(audit))["findings"][0]["item_id"]
    run(capsys, db, "plan", "set", str(audit), item, "--owner", "Ann", "--due", "2000-01-01")
    portfolio = run_json(capsys, db, "plan")["findings"]
    assert portfolio[0]["item_id"] == item and portfolio[0]["overdue"]
    assert portfolio[0]["policy_name"] == "northwind.md"

    code, _, err = run(capsys, db, "plan", "set", str(audit), item, "--due", "tomorrow")
    assert code == 1 and "YYYY-MM-DD" in err and "Traceback" not in err
    code, _, err = run(capsys, db, "plan", "set", str(audit), "gdpr.nope", "--owner", "x")
    assert code == 1 and "no checklist item" in err
    with pytest.raises(SystemExit) as usage:
        main(["plan", "set", str(audit), item, "--db", str(db)])
    assert usage.value.code == 2


def test_report_summary_holds_the_plan(capsys: pytest.CaptureFixture[str], db: Path,
                                       audit: int, tmp_path: Path) -> None:
    item = run_json(capsys, db, "plan", str(audit))["findings"][0]["item_id"]
    run(capsys, db, "plan", "set", str(audit), item, "--owner", "Compliance Office")
    summary, full = tmp_path / "summary.pdf", tmp_path / "full.pdf"
    code, out, err = run(capsys, db, "report", str(audit), "--summary", "--out", str(summary))
    assert code == 0, err and "summary" in out
    assert run(capsys, db, "report", str(audit), "--out", str(full))[0] == 0
    summary_pages, full_pages = (PdfReader(path).pages for path in (summary, full))
    assert len(summary_pages) < len(full_pages)
    text = " ".join(" ".join(page.extract_text().split()) for page in summary_pages)
    assert "Remediation plan" in text and "Compliance Office" in text
    with pytest.raises(SystemExit):
        main(["report", str(audit), "--summary", "--full", "--out", str(full), "--db", str(db)])


def test_export_docx_and_xlsx_read_back(capsys: pytest.CaptureFixture[str], db: Path,
                                        audit: int, tmp_path: Path) -> None:
    shown = {item["item_id"]: item for item in run_json(capsys, db, "show", str(audit))["items"]}
    docx_path, xlsx_path = tmp_path / "summary.docx", tmp_path / "audit.xlsx"
    assert run(capsys, db, "export", str(audit), "--format", "docx", "--full",
               "--out", str(docx_path))[0] == 0
    assert run(capsys, db, "export", str(audit), "--format", "xlsx", "--out", str(xlsx_path))[0] == 0
    workpaper = Document(str(docx_path))
    headings = [p.text for p in workpaper.paragraphs if p.style.name == "Heading 3"]
    for item_id in shown:
        assert any(f"({item_id})" in heading for heading in headings)
    book = load_workbook(xlsx_path)
    rows = list(book[book.sheetnames[1]].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == list(shown)
    labels = {s.value: s.label for s in Status}
    for row in rows:
        item = shown[row[0]]
        assert row[3] == labels[item["effective_status"]]

    code, _, err = run(capsys, db, "export", str(audit), str(audit + 1), "--format", "json",
                       "--out", str(tmp_path / "x.json"))
    assert code == 1 and "one audit" in err
