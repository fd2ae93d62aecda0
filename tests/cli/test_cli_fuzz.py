"""Property-based tests of the CLI's argument handling: any argv ends in 0, 1 or 2, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.cli import build_parser, main

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
TOKENS = st.one_of(
    st.sampled_from(["--json", "--db", "--checklist", "--status", "--out", "--format", "gdpr",
                     "pdpo", "1", "0", "-1", "satisfied", "csv", "json", "show", "validate",
                     "--min-confidence", "0.5", "nan", "--reviewer", "x.txt", "--from", "--to"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=12),
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), rest=st.lists(TOKENS, max_size=5))
def test_any_arguments_end_cleanly(command: str, rest: list[str], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        try:
            code = main([command, *rest, "--db", str(tmp_path / "fuzz.sqlite")])
        except SystemExit as exit_:  # argparse: --help gives 0, usage errors 2
            code = exit_.code
    finally:
        os.chdir(cwd)
    _, err = capsys.readouterr()
    assert code in (0, 1, 2), (command, rest, err)
    assert "Traceback" not in err
