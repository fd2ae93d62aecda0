"""The checklist commands: listing, showing, validating and copying checklists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.cli import main
from tests.cli.helpers import run


def test_checklists_json_lists_shipped_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checklists", "--json")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)["checklists"]}
    assert rows["gdpr"]["source"] == "shipped"
    assert rows["gdpr"]["item_count"] == 31
    assert set(rows["gdpr"]) == {"id", "name", "version", "item_count", "source"}


def test_show_json_has_items_and_hash(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checklist", "show", "gdpr", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["id"] == "gdpr" and len(data["content_hash"]) == 64
    assert "gdpr.right-erasure" in {item["id"] for item in data["items"]}


def test_unknown_checklist_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "checklist", "show", "atlantis")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "no checklist with id 'atlantis'" in err


def test_validate_reports_broken_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nname: [unclosed\n", encoding="utf-8")
    code, _, err = run(capsys, "checklist", "validate", str(broken))
    assert code == 1 and "invalid YAML" in err and "Traceback" not in err


def test_copy_then_extend_then_listed_as_user(capsys: pytest.CaptureFixture[str],
                                              isolated_data_dir: Path) -> None:
    code, _, _ = run(capsys, "checklist", "copy", "gdpr", "gdpr-group", "--name", "Group GDPR")
    assert code == 0
    copied = isolated_data_dir / "checklists" / "gdpr-group.yaml"
    text = copied.read_text(encoding="utf-8")
    extra = ("- id: gdpr-group.ai-use\n  title: AI use\n  citation: Group std 7\n  level: should\n"
             "  topic: automated-decisions\n  requirement: Say whether AI tools process data.\n"
             "  guidance: Satisfied when AI use is described.\n  cues: [artificial intelligence]\n")
    copied.write_text(text.replace("items:\n", "items:\n" + extra, 1), encoding="utf-8")
    code, out, _ = run(capsys, "checklist", "validate", str(copied))
    assert code == 0 and "32 items" in out
    code, out, _ = run(capsys, "checklists", "--json")
    rows = {row["id"]: row for row in json.loads(out)["checklists"]}
    assert rows["gdpr-group"]["source"] == "user" and rows["gdpr-group"]["item_count"] == 32


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["checklist", "frobnicate"])
    assert caught.value.code == 2


@pytest.mark.parametrize(("as_at", "level"), [("2026-12-01", "good-practice"),
                                               ("2027-02-01", "must")])
def test_show_as_at_gives_the_level_in_force(capsys: pytest.CaptureFixture[str], as_at: str,
                                              level: str) -> None:
    code, out, _ = run(capsys, "checklist", "show", "ccpa", "--as-at", as_at, "--json")
    data = json.loads(out)
    assert code == 0 and data["as_at"] == as_at
    admt = [item for item in data["items"] if item["topic"] == "automated-decisions"]
    assert admt and {item["level"] for item in admt} == {level}
    assert all("level_from" not in item for item in data["items"])


def test_show_without_a_date_names_the_dated_changes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checklist", "show", "ccpa")
    assert code == 0 and "must from 2027-01-01" in out
    code, out, _ = run(capsys, "checklist", "show", "ccpa", "--as-at", "2027-01-01")
    assert code == 0 and "As in force on 2027-01-01" in out


def test_a_copied_checklist_with_its_own_cues_is_detected(
        capsys: pytest.CaptureFixture[str], isolated_data_dir: Path, tmp_path: Path) -> None:
    import yaml

    code, _, _ = run(capsys, "checklist", "copy", "gdpr", "ruritania", "--name", "Ruritania")
    assert code == 0
    copied = isolated_data_dir / "checklists" / "ruritania.yaml"
    data = yaml.safe_load(copied.read_text(encoding="utf-8"))
    data["applicability_cues"] = [
        {"phrase": "Ruritanian Data Act", "weight": 3, "kind": "statute"},
        {"phrase": "Ruritania", "weight": 1, "kind": "jurisdiction"},
    ]
    copied.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    policy = tmp_path / "policy.txt"
    policy.write_text("Privacy Policy\nBalkan Shop Ltd (\"we\") follows the Ruritanian Data Act "
                      "for customers in Ruritania.\nWe collect your name.\n", encoding="utf-8")
    code, out, _ = run(capsys, "segment", str(policy), "--json")
    assert code == 0
    assert [hit["id"] for hit in json.loads(out)["jurisdictions"]] == ["ruritania"]
    code, out, err = run(capsys, "import", str(policy), "--db", str(tmp_path / "a.sqlite"),
                         "--json")
    assert code == 0, err
    assert [a["checklist_id"] for a in json.loads(out)["audits"]] == ["ruritania"]


def test_show_gives_the_scope_and_the_same_as_links(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checklist", "show", "ukgdpr")
    assert code == 0
    assert "Scope: Covers what the UK GDPR" in out and "Left to the auditor" in out
    assert "same requirement as gdpr.right-erasure" in out


def test_validate_refuses_a_same_as_link_to_nowhere(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    text = (paths.SHIPPED_CHECKLISTS / "ukgdpr.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "uk.yaml"
    broken.write_text(text.replace("id: ukgdpr\n", "id: uk-copy\n", 1)
                      .replace("ukgdpr.", "uk-copy.")
                      .replace("same_as: gdpr.right-erasure", "same_as: gdpr.right-to-vanish"),
                      encoding="utf-8")
    code, _, err = run(capsys, "checklist", "validate", str(broken))
    assert code == 1
    assert "'gdpr.right-to-vanish'" in err and "gdpr has no such item" in err
    assert len(err.strip().splitlines()) == 1
