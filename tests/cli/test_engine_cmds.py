"""The assess and evaluate commands: JSON contract, readable output, errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.cli.helpers import run

POLICY = """Privacy Policy of Example Ltd

How long we keep your data
We keep your data for two years after your last order. When this retention period ends,
we delete it.

Contact us
If you have questions, contact us at
"""


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "example.txt"
    path.write_text(POLICY, encoding="utf-8")
    return path


def test_assess_json_contract(policy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(policy), "--checklist", "gdpr", "--json")
    assert code == 0
    payload = json.loads(out)
    assert set(payload) == {"checklist", "checklist_version", "items", "as_at"}
    assert payload["checklist"] == "gdpr" and payload["as_at"] == dt.date.today().isoformat()
    assert payload["items"]
    statuses = {"satisfied", "partial", "missing", "not-applicable"}
    for item in payload["items"]:
        # Fields are only ever added to the contract: closest passages and the basis.
        assert set(item) == {"id", "status", "confidence", "reason", "evidence", "closest",
                             "basis"}
        assert item["status"] in statuses and 0 <= item["confidence"] <= 1 and item["reason"]
        assert len(item["evidence"]) <= 3 and len(item["closest"]) <= 3
        if item["status"] in {"missing", "not-applicable"}:
            assert item["evidence"] == []
        for hit in item["evidence"] + item["closest"]:
            assert set(hit) == {"ref", "start", "end", "text", "score"}
    retention = next(item for item in payload["items"] if item["id"] == "gdpr.retention")
    assert retention["status"] in {"satisfied", "partial"}
    assert "two years" in retention["evidence"][0]["text"]


def test_repeated_checklist_gives_one_object_each(policy: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(policy), "--checklist", "gdpr",
                       "--checklist", "pdpo", "--json")
    assert code == 0
    assert [payload["checklist"] for payload in json.loads(out)] == ["gdpr", "pdpo"]


def test_assess_applies_the_law_as_at_a_date(policy: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.core.checklist_loader import ChecklistRegistry

    nevada = ChecklistRegistry.default().get("nevada")
    dated = [item for item in nevada.items if item.effective]
    assert dated, "the Nevada checklist holds items in force from a date"
    first = min(item.effective for item in dated)
    before = (dt.date.fromisoformat(first) - dt.timedelta(days=1)).isoformat()
    code, out, _ = run(capsys, "assess", str(policy), "--checklist", "nevada", "--json",
                       "--as-at", before)
    assert code == 0
    payload = json.loads(out)
    ids = {item["id"] for item in payload["items"]}
    assert payload["as_at"] == before and ids
    assert not ids & {item.id for item in dated if item.effective > before}
    _, today, _ = run(capsys, "assess", str(policy), "--checklist", "nevada", "--json")
    assert {item.id for item in dated} <= {item["id"] for item in json.loads(today)["items"]}


def test_assess_text_output(policy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(policy), "--checklist", "gdpr")
    assert code == 0
    assert "gdpr.retention" in out and "two years" in out


def test_blank_contact_is_not_a_contact(policy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "assess", str(policy), "--checklist", "gdpr", "--json")
    items = {item["id"]: item for item in json.loads(out)["items"]}
    assert items["gdpr.controller-identity"]["status"] != "satisfied"


@pytest.mark.parametrize("argv", [
    ("assess", "{policy}", "--checklist", "no-such-list"),
    ("assess", "{missing}", "--checklist", "gdpr"),
    ("evaluate", "{missing}"),
])
def test_bad_input_is_one_line_exit_1(argv: tuple[str, ...], policy: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    filled = [part.format(policy=policy, missing=tmp_path / "nothing.yaml") for part in argv]
    code, _, err = run(capsys, *filled)
    assert code == 1
    assert err.count("\n") == 1 and "error:" in err


def test_evaluate_prints_figures_and_disagreements(eval_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    labels = sorted(str(path) for path in eval_dir.glob("*.yaml"))
    code, out, _ = run(capsys, "evaluate", *labels)
    assert code == 0
    for heading in ("Status agreement: exact", "lenient", "hit@1", "hit@3", "Confusion",
                    "Disagreements:", "Drafting defects"):
        assert heading in out


def test_evaluate_json(eval_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = sorted(str(path) for path in eval_dir.glob("*.yaml")
                    if not path.name.endswith(".defects.yaml"))
    code, out, _ = run(capsys, "evaluate", *labels, "--json")
    assert code == 0
    figures = json.loads(out)["checklists"]
    assert figures["items"] == sum(pair["items"] for pair in figures["pairs"])
    assert 0 <= figures["status_exact"] <= figures["status_lenient"] <= 1
    assert 0 <= figures["hit_at_1"] <= figures["hit_at_3"] <= 1
    assert sum(sum(row.values()) for row in figures["confusion"].values()) == figures["items"]
    assert len(figures["disagreements"]) == sum(
        count for expected, row in figures["confusion"].items()
        for suggested, count in row.items() if expected != suggested)


def test_evaluate_with_policies_folder(eval_dir: Path, policies_dir: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    label = next(path for path in sorted(eval_dir.glob("*.yaml"))
                 if not path.name.endswith(".defects.yaml"))
    copy = tmp_path / label.name
    copy.write_text(label.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(copy))
    assert code == 1 and "--policies" in err
    code, out, _ = run(capsys, "evaluate", str(copy), "--policies", str(policies_dir))
    assert code == 0 and "Status agreement" in out
