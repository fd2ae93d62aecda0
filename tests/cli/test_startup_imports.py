"""Starting the command line loads no heavy library: each command imports what it needs when it
runs, so `policy-auditor --help` and every command start quickly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT

# Libraries and our own heavy layers (SQLite store, reports, engine, format extractors, GUI).
HEAVY = (
    "reportlab", "docx", "openpyxl", "bs4", "pypdf", "lxml", "markdown_it", "sqlite_utils",
    "yaml", "snowballstemmer", "cryptography", "PySide6",
    "desktop_app.core.engine", "desktop_app.core.ingest", "desktop_app.core.checklist_loader",
    "desktop_app.services", "desktop_app.store", "desktop_app.reports", "desktop_app.gui",
)

# Runs in a fresh interpreter. A finder first in sys.meta_path sees every import as it starts and
# records which of our modules were importing at that moment, so a failure names the culprit.
_PROBE = """
import json, sys

HEAVY = %r
chains = {}


def heavy(name):
    return next((h for h in HEAVY if name == h or name.startswith(h + ".")), None)


class Watch:
    def find_spec(self, name, path=None, target=None):
        found = heavy(name)
        if found and found not in chains:
            frame, chain = sys._getframe(1), []
            while frame is not None:
                module = frame.f_globals.get("__name__", "")
                if module.startswith("desktop_app") and module not in chain:
                    chain.append(module)
                frame = frame.f_back
            chains[found] = " <- ".join(chain) or "?"
        return None


sys.meta_path.insert(0, Watch())
import contextlib, io
import desktop_app.cli

argv = %r
if argv:
    with contextlib.redirect_stdout(io.StringIO()):
        assert desktop_app.cli.main(argv) == 0
else:
    desktop_app.cli.build_parser()
loaded = sorted({heavy(name) for name in sys.modules if heavy(name)})
print(json.dumps({name: chains.get(name, "?") for name in loaded}))
"""


def _heavy_modules_loaded(argv: list[str]) -> dict[str, str]:
    """Heavy modules a fresh process has loaded after running the CLI on argv (no argv: after
    building the parser), each with the chain of our modules that imported it."""
    result = subprocess.run([sys.executable, "-c", _PROBE % (HEAVY, argv)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    loaded: dict[str, str] = json.loads(result.stdout)
    return loaded


def _listing(loaded: dict[str, str]) -> str:
    return "\n".join(f"  {name}, imported by {chain}" for name, chain in loaded.items())


def test_building_the_parser_imports_no_heavy_module() -> None:
    loaded = _heavy_modules_loaded([])
    assert not loaded, (
        "Starting the command line imported heavy modules:\n" + _listing(loaded)
        + "\nA desktop_app/cli command module must stay cheap to import: import these inside the"
          " handler function that needs them, and types used only in annotations under"
          " `if TYPE_CHECKING:`."
    )


def test_assess_of_a_text_policy_loads_no_store_report_or_format_library(tmp_path: Path) -> None:
    policy = tmp_path / "policy.txt"
    policy.write_text("Privacy Policy\n\nWe collect your name and email address to answer your "
                      "requests. You may ask us for a copy of your personal data.\n",
                      encoding="utf-8")
    loaded = _heavy_modules_loaded(["assess", str(policy), "--checklist", "pdpo", "--json"])
    needed = {"desktop_app.core.engine", "desktop_app.core.ingest",
              "desktop_app.core.checklist_loader", "yaml", "snowballstemmer"}
    assert set(loaded) <= needed, (
        "`assess` of a .txt policy loaded modules it does not need:\n"
        + _listing({name: chain for name, chain in loaded.items() if name not in needed})
        + "\nImport them where they are used (the command or format that needs them).")
    assert "desktop_app.core.engine" in loaded  # the command did run
