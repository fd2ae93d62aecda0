"""The lint command: JSON contract, readable lines, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.cli.helpers import run

POLICY = ("Privacy Policy\n\nThis policy is issued by [Company name].\n\n"
          "To ask a question, please email us at , and we will reply.\n")


def test_json_output_has_the_contract_keys(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    policy = tmp_path / "policy.txt"
    policy.write_text(POLICY, encoding="utf-8")
    code, out, _ = run(capsys, "lint", str(policy), "--json")
    defects = json.loads(out)["defects"]
    assert code == 0
    assert {d["kind"] for d in defects} == {"placeholder", "blank-reference"}
    for defect in defects:
        assert set(defect) == {"kind", "start", "end", "text", "message"}


def test_readable_output_gives_line_kind_quote_and_message(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    policy = tmp_path / "policy.txt"
    policy.write_text(POLICY, encoding="utf-8")
    code, out, _ = run(capsys, "lint", str(policy))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("3:") and "placeholder" in lines[0] and "[Company name]" in lines[0]
    assert lines[-1].startswith("2 defects")


def test_clean_policy_exits_zero_with_no_defects(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    policy = tmp_path / "clean.txt"
    policy.write_text("Privacy Policy\n\nWe keep your data safe.\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", str(policy), "--json")
    assert code == 0 and json.loads(out) == {"defects": []}


def test_missing_file_is_one_line_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "lint", str(tmp_path / "absent.txt"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_argument_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["lint"])
    assert exit_info.value.code == 2
