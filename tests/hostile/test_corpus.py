"""Every hostile input, scaled down: a result or a one-line refusal, never an internal error.

The full-size inputs run in `benchmarks/hostile_bench.py`, which prints time and peak memory.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.lint import MAX_DEFECTS_PER_KIND
from tests.hostile import corpus

SCALE = 0.02
CASES = {case.name: case for case in corpus.cases()}


def run_case(name: str, folder: Path, monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str], scale: float = SCALE) -> list[tuple[int, str, str]]:
    """Build the case in `folder` and run its commands; (exit code, stdout, stderr) of each."""
    monkeypatch.setenv("POLICY_AUDITOR_DATA", str(folder / "data"))
    (folder / "data").mkdir(exist_ok=True)
    results = []
    for argv in CASES[name].build(folder, scale):
        code = main(argv)
        out, err = capsys.readouterr()
        results.append((code, out, err))
    return results


@pytest.mark.parametrize("name", sorted(CASES))
def test_result_or_clear_refusal(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    for code, _, err in run_case(name, tmp_path, monkeypatch, capsys):
        assert "internal error" not in err
        assert code in (0, 1), err
        if code == 1:
            assert len(err.strip().splitlines()) == 1, err


def test_deep_html_keeps_every_level(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    [(code, out, _)] = run_case("html-nested-1000", tmp_path, monkeypatch, capsys, scale=1.0)
    assert code == 0
    assert all(f"Level {level} text." in out for level in range(1000))
    assert "Innermost words." in out and "Closing paragraph after the nesting." in out


def test_nested_docx_tables_keep_every_level_or_are_refused_naming_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    [(code, out, _)] = run_case("docx-nested-tables-1000", tmp_path, monkeypatch, capsys,
                                scale=0.06)
    assert code == 0
    levels = [f"Level {level} text." for level in range(60)]
    after = [f"After level {level}." for level in reversed(range(60))]
    assert " ".join(levels + after) in out
    assert "Closing paragraph after the tables." in out
    (tmp_path / "full").mkdir()
    [(code, _, err)] = run_case("docx-nested-tables-1000", tmp_path / "full", monkeypatch,
                                capsys, scale=1.0)
    assert code == 1
    assert "nests its content more than 256 levels deep" in err
    assert len(err.strip().splitlines()) == 1


def test_unclosed_bold_tags_keep_all_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    [(code, out, _)] = run_case("html-bold-1mb", tmp_path, monkeypatch, capsys)
    assert code == 0
    assert out.count("word") == int(1024 * 1024 * SCALE / 8)
    assert "Closing paragraph after the bold run." in out


def test_ordered_list_is_numbered_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("POLICY_AUDITOR_DATA", str(tmp_path / "data"))
    [[_, path]] = corpus.html_ordered(300)(tmp_path, 1.0)
    assert main(["text", path]) == 0
    labels = [line.split(" ", 1)[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert labels == [f"{number}." for number in range(1, 301)]


def test_markdown_list_nested_ten_levels_keeps_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    [(code, out, _)] = run_case("md-nested-list", tmp_path, monkeypatch, capsys)
    assert code == 0
    assert all(f"Item at level {level} of the list." in out for level in range(10))
    assert "Write to our privacy officer at the address below." in out


def test_markdown_nested_beyond_the_limit_is_refused(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.md"
    path.write_text("\n".join(f"{'  ' * level}- level {level}" for level in range(80)) + "\nEnd.\n")
    assert main(["text", str(path)]) == 1
    assert "nested deeper than the 100 levels" in capsys.readouterr().err


def test_a_bad_byte_in_utf8_is_marked_not_reencoded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    [(code, out, _)] = run_case("utf8-one-bad-byte", tmp_path, monkeypatch, capsys)
    assert code == 0
    assert "your data – carefully." in out and "Caf\ufffd customers" in out
    assert main(["lint", str(tmp_path / "one-bad-byte.txt"), "--json"]) == 0
    defects = json.loads(capsys.readouterr().out)["defects"]
    assert [d["kind"] for d in defects if d["text"] == "\ufffd"] == ["undecodable"]


def test_non_utf8_file_name_imports_and_shows_safely(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    [(code, out, _)] = run_case("non-utf8-file-name", tmp_path, monkeypatch, capsys)
    assert code == 0 and "policy-\ufffd.txt" in out
    assert main(["audits", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["audits"][0]["policy_name"] == "policy-\ufffd.txt"


@pytest.mark.parametrize("name, scale", [("text-bullets", 0.005), ("text-parentheses", 0.1),
                                         ("text-punctuation", 0.1), ("text-repeated-words", 0.1)])
def test_defects_are_capped_per_kind_with_a_summary(
        name: str, scale: float, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("POLICY_AUDITOR_DATA", str(tmp_path / "data"))
    [[_, path]] = CASES[name].build(tmp_path, scale)
    assert main(["lint", path, "--json"]) == 0
    defects = json.loads(capsys.readouterr().out)["defects"]
    kinds = {d["kind"] for d in defects}
    assert any(sum(d["kind"] == kind for d in defects) == MAX_DEFECTS_PER_KIND + 1
               for kind in kinds)
    for kind in kinds:
        of_kind = [d for d in defects if d["kind"] == kind]
        assert len(of_kind) <= MAX_DEFECTS_PER_KIND + 1
        if len(of_kind) > MAX_DEFECTS_PER_KIND:
            assert sum("are not listed" in d["message"] for d in of_kind) == 1


@pytest.mark.parametrize("name, message", [
    ("checklist-bad-integer", r"bad-integer.yaml, line 11 (key 'child_age.age'): cannot read"),
    ("checklist-python-name", r"python-name.yaml, line 9 (key 'items'): cannot read"),
    ("checklist-recursive-alias", r"recursive-alias.yaml, line 9 (key 'items[0]'): an alias"),
    ("checklist-alias-bomb", "values once aliases are expanded"),
    ("checklist-fifo", "fifo.yaml: not a regular file"),
    ("checklist-dev-zero", "dev-zero.yaml: not a regular file"),
    ("checklist-many-items", "more than the 1,000 a checklist may have"),
])
def test_broken_user_checklists_are_reported_and_skipped(
        name: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    [(code, out, err)] = run_case(name, tmp_path, monkeypatch, capsys, scale=0.05)
    assert code == 0
    assert "gdpr" in out
    [warning] = [line for line in err.splitlines() if "warning" in line]
    assert message in warning


@pytest.mark.parametrize("name", ["report-long-name", "report-markup-name"])
def test_report_prints_any_policy_name(name: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    results = run_case(name, tmp_path, monkeypatch, capsys, scale=0.2)
    assert [code for code, _, _ in results] == [0, 0]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_escape_sequences_in_names_are_not_printed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    run_case("report-markup-name", tmp_path, monkeypatch, capsys)
    for argv in (["audits"], ["show", "1"], ["history", "1"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out
    assert main(["audits"]) == 0
    assert "Acme <b>bold</b> & " in capsys.readouterr().out
