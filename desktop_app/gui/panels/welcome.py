"""The first-run view: what the app does, where data is kept, and a one-click example."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

WELCOME_TEXT = """
<h2>Policy Auditor</h2>
<p>Check a privacy policy against the law of each jurisdiction, item by item, with the clauses
that prove it.</p>
<ol>
<li><b>Import</b> a policy (text, Markdown, HTML, PDF or DOCX) — drop it on this window or press
<b>Ctrl+O</b>. The checklists of the jurisdictions it names are preselected.</li>
<li>For every item the app <b>suggests</b> a status and evidence clauses. Confirm with <b>A</b>,
or set the status with <b>1</b> ✓ satisfied, <b>2</b> ◐ partial, <b>3</b> ✗ missing,
<b>4</b> – not applicable. <b>J</b>/<b>K</b> move to the next/previous item to review.</li>
<li>Select policy text and press <b>Ctrl+E</b> to attach it as evidence. Every action can be
undone with <b>Ctrl+Z</b>.</li>
<li><b>Sign off</b> (Ctrl+Shift+S) and export a PDF report (Ctrl+P).</li>
</ol>
"""


class WelcomeView(QWidget):
    """Signals:
        example_requested()
        import_requested()
    """

    example_requested = Signal()
    import_requested = Signal()

    def __init__(self, data_dir: Path, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        text = QLabel(WELCOME_TEXT, self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self._data_dir = data_dir
        self.storage = storage = QLabel(self)
        self.set_db_path(db_path)
        storage.setWordWrap(True)
        storage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.example_button = QPushButton("Open the example policy", self)
        self.example_button.setDefault(True)
        self.example_button.setAccessibleName("Open the example policy")
        self.import_button = QPushButton("Import a policy…", self)
        self.import_button.setAccessibleName("Import a policy")
        buttons = QHBoxLayout()
        buttons.addWidget(self.example_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(text)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(storage)
        column.addStretch(1)
        box = QWidget(self)
        box.setLayout(column)
        box.setMaximumWidth(640)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 3)
        outer.addStretch(1)
        self.example_button.clicked.connect(self.example_requested)
        self.import_button.clicked.connect(self.import_requested)

    def set_db_path(self, db_path: Path) -> None:
        self.storage.setText(
            f"<p style='color:gray'>Your audits are stored at once, on this computer only, in "
            f"<code>{escape(str(db_path))}</code> (File › New Workspace… keeps another client "
            f"apart).<br>User checklists go in "
            f"<code>{escape(str(self._data_dir / 'checklists'))}</code>.</p>")
