"""Project-level guarantees: CI runs the README's test command; the core stays free of Qt."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def readme_commands() -> list[str]:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def test_ci_runs_the_readme_test_command() -> None:
    test_command = next(c for c in readme_commands() if "pytest" in c)
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_core_store_and_reports_import_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, desktop_app\n"
        "for pkg in ('desktop_app.core', 'desktop_app.store', 'desktop_app.reports'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import desktop_app.services, desktop_app.cli\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PROJECT_ROOT)


def test_every_cli_command_is_documented_in_the_readme() -> None:
    from desktop_app.cli import build_parser

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing = [name for name in commands if f"policy-auditor {name}" not in readme]
    assert missing == []
