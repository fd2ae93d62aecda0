"""The `text` and `segment` commands: output shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.ingest import extract_text
from tests.cli.helpers import run

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "ingest"


def test_text_prints_the_extracted_text(capsys: pytest.CaptureFixture[str]) -> None:
    path = SAMPLES / "wrapped-policy.txt"
    code, out, err = run(capsys, "text", str(path))
    assert code == 0 and err == ""
    assert out == extract_text(path).text + "\n"
    assert "we may ask you to provide your name and email address." in out


def test_segment_json_has_exactly_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    path = SAMPLES / "wrapped-policy.txt"
    code, out, _ = run(capsys, "segment", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "title", "organisation", "effective_date", "jurisdictions", "clauses", "removed"}
    assert data["title"] == "Privacy Policy"
    assert data["organisation"] == "Example Widgets Pte. Ltd."
    assert data["effective_date"] == "2024-02-01"
    assert [hit["id"] for hit in data["jurisdictions"]] == ["pdpa"]
    assert all(set(hit) == {"id", "reason"} for hit in data["jurisdictions"])
    text = extract_text(path).text
    for clause in data["clauses"]:
        assert set(clause) == {"ref", "heading", "start", "end", "text"}
        assert text[clause["start"]:clause["end"]] == clause["text"]
    refs = {clause["ref"]: clause for clause in data["clauses"]}
    assert refs["1.1"]["heading"] == "Collection"
    assert refs["1.1(b)"]["text"].startswith("b) When you buy a product")
    assert [span["reason"] for span in data["removed"]] == ["site navigation"]
    assert set(data["removed"][0]) == {"start", "end", "text", "reason"}


def test_segment_readable_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "segment", str(SAMPLES / "wrapped-policy.txt"))
    assert code == 0
    assert "Organisation:   Example Widgets Pte. Ltd." in out
    assert "1.1(b)  [Collection]" in out
    assert "removed (site navigation)" in out
    assert out.rstrip().endswith("characters")


def test_segment_reads_html(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "segment", str(SAMPLES / "policy.html"), "--json")
    assert code == 0
    texts = [clause["text"] for clause in json.loads(out)["clauses"]]
    assert "We collect your name and contact details." in texts
    assert not any("tracking" in text or "Home" in text for text in texts)


@pytest.mark.parametrize("command", ["text", "segment"])
def test_missing_file_is_exit_1_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              command: str) -> None:
    code, out, err = run(capsys, command, str(tmp_path / "absent.txt"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "does not exist" in err


def test_binary_file_is_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 10)
    code, _, err = run(capsys, "segment", str(path), "--json")
    assert code == 1 and "binary" in err and "Traceback" not in err


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["segment"])
    assert stopped.value.code == 2
    capsys.readouterr()
