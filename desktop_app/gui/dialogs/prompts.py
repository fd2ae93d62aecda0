"""Small questions: files to open or save, a reopen reason, a not-applicable note, a name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from desktop_app.gui.plain_text import confirm, message_box, plain_input_dialog

POLICY_FILTER = ("Policies (*.txt *.md *.markdown *.html *.htm *.pdf *.docx);;"
                 "All files (*)")


class OpenPolicies:
    @classmethod
    def ask(cls, parent: QWidget | None, directory: str = "") -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, "Import policies", directory,
                                                POLICY_FILTER)
        return [Path(name) for name in names]


class SavePath:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, suggested: Path,
            file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
        return Path(name) if name else None


class ReopenReason:
    @classmethod
    def ask(cls, parent: QWidget | None, audit_label: str) -> str | None:
        dialog = QInputDialog(parent)
        dialog.setWindowTitle("Reopen audit")
        dialog.setLabelText(f"Reopening {audit_label} allows changes again.\n"
                            "Reason (recorded in the trail):")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        ok = plain_input_dialog(dialog).exec() == QInputDialog.DialogCode.Accepted
        text = dialog.textValue().strip()
        return text if ok and text else None


class NotApplicableNote:
    @classmethod
    def ask(cls, parent: QWidget | None, count: int) -> str | None:
        """The note saying why; an item is only marked not applicable with one."""
        text, ok = QInputDialog.getText(
            parent, "Not applicable",
            f"Why {'is this item' if count == 1 else f'are these {count} items'} not applicable?"
            "\nThe note is kept with the item and printed in the report:",
            QLineEdit.EchoMode.Normal)
        text = text.strip()
        return text if ok and text else None


class ConfirmUnverifiedExport:
    """The integrity check failed: export anyway, marked as such?"""

    SHOWN = 8

    @classmethod
    def ask(cls, parent: QWidget | None, file_name: str, problems: Sequence[str]) -> bool:
        listed = "\n".join(f"• {problem}" for problem in problems[:cls.SHOWN])
        more = len(problems) - cls.SHOWN
        if more > 0:
            listed += f"\n… and {more} more (Policy Auditor's verify command lists them all)"
        return confirm(parent, "The database does not match its audit trail: it was changed "
                       "outside Policy Auditor or is damaged.\n\n" + listed + f"\n\nExport "
                       f"{file_name} anyway? A PDF, Word, Excel or JSON file will say INTEGRITY "
                       "CHECK FAILED and what failed; a CSV file cannot say so.",
                       title="Integrity check failed")


class ReviewerName:
    @classmethod
    def ask(cls, parent: QWidget | None, current: str) -> str | None:
        text, ok = QInputDialog.getText(parent, "Reviewer name",
                                        "Name recorded with every review action:",
                                        QLineEdit.EchoMode.Normal, current)
        text = text.strip()
        return text if ok and text else None


class Alert:
    """A problem the user can act on (the message says what to do)."""

    @classmethod
    def show(cls, parent: QWidget | None, message: str) -> None:
        message_box(parent, QMessageBox.Icon.Warning, message)


class PolicyName:
    @classmethod
    def ask(cls, parent: QWidget | None, current: str) -> str | None:
        """A new name for a policy; None when cancelled or unchanged."""
        dialog = QInputDialog(parent)
        dialog.setWindowTitle("Rename policy")
        dialog.setLabelText(f"New name for “{current}” (the trail keeps the old one):")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(current)
        ok = plain_input_dialog(dialog).exec() == QInputDialog.DialogCode.Accepted
        text = dialog.textValue().strip()
        return text if ok and text and text != current else None


class ConfirmDelete:
    @classmethod
    def ask(cls, parent: QWidget | None, audit_labels: Sequence[str]) -> bool:
        """Delete these audits for good? No is the default."""
        listed = "\n".join(f"• {label}" for label in audit_labels)
        return confirm(parent, f"Delete for good?\n\n{listed}\n\nTheir items, evidence, notes "
                       "and findings are removed; the audit trail records the deletion. This "
                       "cannot be undone. To only hide an audit, archive it instead.")


class ConfirmFourEyesOff:
    @classmethod
    def ask(cls, parent: QWidget | None) -> bool:
        """Let one person both decide items and sign off? No is the default."""
        return confirm(parent, "Turn off the four-eyes rule?\n\nAnyone who decided items of an "
                       "audit could then sign it off alone. The change is recorded in the "
                       "audit trail under your name.")


class OpenPackage:
    @classmethod
    def ask(cls, parent: QWidget | None, directory: str = "") -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Verify audit package", directory,
                                              "Audit packages (*.pap);;All files (*)")
        return Path(name) if name else None


class PackageVerdict:
    """What checking a package found: OK with who signed, or every problem."""

    @classmethod
    def show(cls, parent: QWidget | None, name: str, result) -> None:
        if result.ok:
            message_box(parent, QMessageBox.Icon.Information,
                        f"{name} verifies: {result.summary}.\n\nSigned by "
                        f"{', '.join(result.signers)}; {result.events} trail events chained; "
                        f"{result.quotes} evidence quotes at their offsets; packaged by "
                        f"{result.packager}.\n\nCompare the fingerprints with the ones the "
                        "signers gave you.")
            return
        shown = result.problems[:15]
        more = len(result.problems) - len(shown)
        message_box(parent, QMessageBox.Icon.Warning,
                    f"{name} does not verify: {len(result.problems)} problem(s) found.\n\n"
                    + "\n".join(shown) + (f"\n… and {more} more" if more else ""))
