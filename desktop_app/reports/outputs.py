"""Every audit output (PDF, CSV, JSON, Word, Excel) rendered to bytes, with its integrity check."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.audit import AuditSnapshot
from desktop_app.errors import InputError

KINDS = ("pdf", "csv", "json", "docx", "xlsx")
#: Formats that can say that the integrity check failed (every PDF page, the Word status line,
#: an `integrity` entry in JSON, Excel's summary, tabs and page headers); CSV has no place for it.
MARKED_KINDS = ("pdf", "docx", "json", "xlsx")
#: Problems named in a one-line summary before the rest are counted.
NAMED = 2


@dataclass(frozen=True)
class IntegrityCheck:
    """The full `verify` run just before an output was made.

    Attributes:
        events_checked: trail events whose chain was checked.
        problems: what failed ("" none: the check passed).
        notes: what a passing check does not prove (e.g. who acted).
    """

    events_checked: int
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def failure(self) -> str:
        """What failed, in one line ("" when the check passed)."""
        if self.ok:
            return ""
        named = "; ".join(self.problems[:NAMED])
        more = len(self.problems) - NAMED
        return (f"{len(self.problems)} problem(s): {named}"
                + (f"; and {more} more (run policy-auditor verify)" if more > 0 else ""))

    def summary(self) -> str:
        """The outcome as the report prints it."""
        if not self.ok:
            return f"FAILED — {self.failure()}"
        notes = "".join(f" Note: {note}." for note in self.notes)
        return (f"passed: hash chain intact ({self.events_checked} events checked); every "
                "audit, item, piece of evidence, policy text and checklist matches what the "
                f"trail recorded.{notes}")


def render(kind: str, snapshots: Sequence[AuditSnapshot], check: IntegrityCheck, *,
           summary: bool = False, full: bool = False, deterministic: bool = False) -> bytes:
    """The output of `kind` for the audits; a failed `check` is printed where the format can.

    Raises:
        InputError: a kind that does not exist, or several audits for a one-audit format.
    """
    if kind not in KINDS:
        raise InputError(f"Unknown output format {kind!r}; use one of {', '.join(KINDS)}.")
    if kind in ("csv", "json") and len(snapshots) != 1:
        raise InputError(f"{kind.upper()} holds one audit; give one audit id, or use "
                         "--format docx or xlsx for several.")
    # Imported here: each writer pulls in its own library, and a command uses one.
    buffer = io.BytesIO()
    if kind == "pdf":
        from desktop_app.reports.pdf import build_report

        build_report(snapshots, buffer, deterministic=deterministic, trail_check=check.summary(),
                     integrity_failure=check.failure(), summary=summary)
    elif kind == "docx":
        from desktop_app.reports.docx_export import export_docx

        export_docx(snapshots, buffer, full=full, integrity_failure=check.failure())
    elif kind == "xlsx":
        from desktop_app.reports.xlsx_export import export_xlsx

        export_xlsx(snapshots, buffer, integrity_failure=check.failure())
    elif kind == "csv":
        from desktop_app.reports.csv_export import export_csv

        text = io.StringIO(newline="")
        export_csv(snapshots[0], text)
        return text.getvalue().encode("utf-8-sig")
    else:
        from desktop_app.reports.json_export import export_json

        text = io.StringIO()
        export_json(snapshots[0], text, integrity_problems=check.problems)
        return text.getvalue().encode("utf-8")
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file so a failed run never leaves half an output behind."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name for --out.")
    if not path.parent.exists():
        raise InputError(f"The folder {path.parent} does not exist; create it or choose "
                         "another --out.")
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"Cannot write {path}: {error.strerror}. Choose a file you can "
                         "write.") from error
