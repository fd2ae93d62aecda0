"""Command-line entry point: no sub-command opens the GUI, a sub-command runs the CLI.

Exit codes: 0 ok, 1 input or state problem (one line on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from desktop_app import __version__
from desktop_app.cli import (
    checklist_cmds,
    document_cmds,
    engine_cmds,
    library_cmds,
    lint_cmds,
    plan_cmds,
    report_cmds,
    signing_cmds,
    store_cmds,
    upgrade_cmds,
)
from desktop_app.cli.output import terminal_safe_output
from desktop_app.core.safe_text import terminal_safe
from desktop_app.crash import save_crash_report
from desktop_app.errors import AuditorError

PROG = "policy-auditor"
COMMAND_MODULES = (
    document_cmds, lint_cmds, checklist_cmds, engine_cmds, store_cmds, plan_cmds, report_cmds,
    upgrade_cmds, signing_cmds, library_cmds,
)


def build_parser() -> argparse.ArgumentParser:
    # --db is accepted both before and after the sub-command; SUPPRESS keeps the
    # sub-parser from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="audit database to use (default: the one in the user data folder)")
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Audit privacy policies against jurisdiction checklists. "
                    "Without a command, opens the desktop app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--example", action="store_true",
                        help="open the desktop app on the bundled example policy")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    try:
        if args.command is None:
            from desktop_app.gui.app import run_gui

            return run_gui(db_path=args.db, open_example=args.example)
        with terminal_safe_output():
            return int(args.handler(args) or 0)
    except AuditorError as error:
        print(f"{PROG}: error: {terminal_safe(error.user_text())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # noqa: BLE001 - last line of defence: a bug, not bad input
        import logging  # only here: the logging module adds to every start-up

        details = traceback.format_exc()
        logging.getLogger(__name__).debug("crash", exc_info=True)
        try:
            log = save_crash_report(details)
        except OSError as error:
            print(f"{PROG}: internal error; the details could not be saved ({error}), so here "
                  f"they are. Your stored work is unaffected.\n{details}", file=sys.stderr)
            return 3
        print(f"{PROG}: internal error; details were written to {log}. "
              "Your stored work is unaffected. Please report this file.", file=sys.stderr)
        return 3
