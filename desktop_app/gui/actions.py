"""Every command of the main window as a QAction with its shortcut, and the menus holding them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QToolBar

from desktop_app.core.status import Status
from desktop_app.gui.dialogs.shortcuts import ShortcutsDialog
from desktop_app.gui.theme.icons import icon

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcuts: tuple[str | QKeySequence.StandardKey, ...]
    slot: Callable[[], object]
    tip: str = ""
    icon: str = ""


def _specs(w) -> list[ActionSpec]:
    return [
        ActionSpec("import", "&Import Policy…", (Std.Open,), w.import_dialog,
                   "Import one or more policy files (or drop them on the window)", "import"),
        ActionSpec("import_version", "Import New &Version…", ("Ctrl+Shift+O",),
                   w.import_new_version,
                   "Import a new version of the open policy; changed items are flagged ⚑",
                   "new-version"),
        ActionSpec("example", "Open the &Example Policy", ("Ctrl+Shift+X",), w.open_example,
                   "Import and open the bundled example policy"),
        ActionSpec("export_pdf", "Export &PDF Report…", (Std.Print,), lambda: w.export("pdf"),
                   "PDF report of the open audit (or of the audits selected in the library)",
                   "export"),
        ActionSpec("export_pdf_summary", "Export PDF Su&mmary…", ("Ctrl+Shift+P",),
                   lambda: w.export("pdf-summary"),
                   "Manager summary as PDF: verdict, scores, top risks and the remediation plan"),
        ActionSpec("export_docx", "Export W&ord Summary…", ("Ctrl+Shift+Y",),
                   lambda: w.export("docx"),
                   "Manager summary as an editable Word document, with suggested wording"),
        ActionSpec("export_docx_full", "Export Word Wor&kpaper…", ("Ctrl+Shift+K",),
                   lambda: w.export("docx-full"),
                   "Every item with its evidence, and the policy text with suggested insertions"),
        ActionSpec("export_xlsx", "Export E&xcel Workbook…", ("Ctrl+Shift+B",),
                   lambda: w.export("xlsx"),
                   "Summary, one sheet per audit and the remediation plan, with filters"),
        ActionSpec("export_csv", "Export &CSV…", ("Ctrl+Shift+C",), lambda: w.export("csv"),
                   "The open audit's items as CSV"),
        ActionSpec("export_json", "Export &JSON…", ("Ctrl+Shift+J",), lambda: w.export("json"),
                   "The open audit as JSON"),
        ActionSpec("new_workspace", "&New Workspace…", ("Ctrl+Alt+N",), w.new_workspace,
                   "Start an empty audits database, e.g. one per client, and switch to it"),
        ActionSpec("open_workspace", "Open &Workspace…", ("Ctrl+Alt+O",), w.open_workspace,
                   "Switch this window to another audits database"),
        ActionSpec("export_package", "Export Audit Packa&ge…", ("Ctrl+Alt+P",),
                   w.export_package,
                   "The signed-off audit as one file a second auditor can verify without "
                   "the database"),
        ActionSpec("verify_package", "Verif&y Audit Package…", ("Ctrl+Alt+V",),
                   w.verify_package,
                   "Check an audit package: hashes, trail, signatures and evidence quotes"),
        ActionSpec("new_window", "New &Window", ("Ctrl+Shift+W",), w.new_window,
                   "Another window on the same workspace"),
        ActionSpec("reviewer", "Set &Reviewer Name…", ("Ctrl+Shift+U",), w.set_reviewer,
                   "The name recorded in the audit trail"),
        ActionSpec("rename_policy", "Re&name Policy…", ("Shift+F2",), w.rename_policy,
                   "Rename the policy of the audit chosen in the library"),
        ActionSpec("archive", "&Archive / Unarchive Audit", ("Ctrl+Shift+V",),
                   w.toggle_archived, "Hide the chosen audits from the library (kept, with "
                   "their trail), or bring archived ones back"),
        ActionSpec("delete_audit", "&Delete Audit…", ("Ctrl+Shift+Del",), w.delete_audits,
                   "Delete the chosen open audits for good (asks first; recorded in the trail)"),
        ActionSpec("show_archived", "Show Archi&ved Audits", ("Ctrl+Shift+I",),
                   lambda: w.set_show_archived(not w.show_archived),
                   "List archived audits in the library too"),
        ActionSpec("quit", "&Quit", (Std.Quit, "Ctrl+Q"), w.close),
        ActionSpec("find", "&Find in Policy…", (Std.Find,), w.viewer.show_find,
                   "Find text in the policy", "find"),
        ActionSpec("find_next", "Find &Next", (Std.FindNext,),
                   lambda: w.viewer.find(w.viewer.find_bar.edit.text(), False)),
        ActionSpec("find_previous", "Find Pre&vious", (Std.FindPrevious,),
                   lambda: w.viewer.find(w.viewer.find_bar.edit.text(), True)),
        ActionSpec("filter_items", "Filter &Items", ("Ctrl+L",), w.checklist.focus_filter,
                   "Type to filter the checklist"),
        ActionSpec("filter_library", "Filter &Library", ("Ctrl+Shift+L",),
                   lambda: (w.library.filter.setFocus(), w.library.filter.selectAll())),
        ActionSpec("accept", "&Accept Suggestion", ("A", "Alt+A"), w.accept_suggestion,
                   "Confirm the suggested status of the selected items (A)", "accept"),
        ActionSpec("satisfied", f"{Status.SATISFIED.symbol} &Satisfied", ("1", "Alt+S"),
                   lambda: w.set_status(Status.SATISFIED), "Set status: satisfied (1)"),
        ActionSpec("partial", f"{Status.PARTIAL.symbol} &Partial", ("2", "Alt+P"),
                   lambda: w.set_status(Status.PARTIAL), "Set status: partial (2)"),
        ActionSpec("missing", f"{Status.MISSING.symbol} &Missing", ("3", "Alt+M"),
                   lambda: w.set_status(Status.MISSING), "Set status: missing (3)"),
        ActionSpec("not_applicable", f"{Status.NOT_APPLICABLE.symbol} &Not Applicable",
                   ("4", "Alt+N"), lambda: w.set_status(Status.NOT_APPLICABLE),
                   "Set status: not applicable (4)"),
        ActionSpec("clear_status", "· To &Review", ("0", "Alt+0"), lambda: w.set_status(None),
                   "Return the selected items to 'not reviewed' (0)"),
        ActionSpec("attach_evidence", "Attach Selection as &Evidence", ("Ctrl+E",),
                   w.attach_evidence, "Attach the selected policy text to the item (Ctrl+E)",
                   "evidence"),
        ActionSpec("remove_evidence", "Remove E&vidence", ("Ctrl+Shift+E",), w.remove_evidence,
                   "Remove the evidence selected in the item panel (Ctrl+Shift+E)", "remove"),
        ActionSpec("next_evidence", "Show Next Evidence in &Policy", ("G",),
                   w.show_next_evidence, "Jump to the item's next evidence span (G)"),
        ActionSpec("next", "Next Item to Review", ("J", "Ctrl+Down"),
                   lambda: w.step_unreviewed(True), "Next item not yet reviewed (J)", "next"),
        ActionSpec("previous", "Previous Item to Review", ("K", "Ctrl+Up"),
                   lambda: w.step_unreviewed(False), "Previous item not yet reviewed (K)",
                   "previous"),
        ActionSpec("note", "Edit &Note", ("Ctrl+Shift+N", "N"), w.detail.focus_note,
                   "Write a note on the item (saved as you type)"),
        ActionSpec("sign_off", "Sign &Off Audit…", ("Ctrl+Shift+S",), w.sign_off,
                   "Close the audit for changes and record who signed it off", "sign-off"),
        ActionSpec("four_eyes", "Require a Second Person to Sign Off (&Four Eyes)",
                   ("Ctrl+Alt+F",), w.toggle_four_eyes,
                   "When on, nobody who decided an item of an audit may sign it off "
                   "(the change is recorded in the trail)"),
        ActionSpec("reopen", "Re&open Audit…", ("Ctrl+Shift+R",), w.reopen,
                   "Allow changes to a signed-off audit again (reason recorded)"),
        ActionSpec("upgrade", "&Upgrade to Current Checklist…", ("Ctrl+Shift+H",),
                   w.upgrade_audit,
                   "Move the audit to the current checklist version or another as-at date, "
                   "keeping every decision"),
        ActionSpec("reassess", "Re&assess with Current Engine", ("Ctrl+Shift+A",),
                   w.reassess_audit,
                   "New suggestions from the current engine; decisions are kept, changed "
                   "suggestions flagged ⚑"),
        ActionSpec("compare", "&Compare Audits by Topic", ("Ctrl+Shift+M",),
                   w.compare_selected,
                   "Compare the audits selected in the library (or the open policy across "
                   "its checklists)", "compare"),
        ActionSpec("changes", "C&hanges Since Previous Version", ("Ctrl+Shift+D",),
                   w.show_changes, "The clauses added, removed or changed in this version"),
        ActionSpec("toggle_outline", "Show or Hide the Policy &Outline", ("Ctrl+Shift+T",),
                   w.viewer.toggle_outline, "Give the policy text the outline's room, or get "
                   "the outline back"),
        ActionSpec("refresh", "&Refresh", (Std.Refresh, "F5"), w.reload_from_store,
                   "Re-read the database (changes from another window)"),
        ActionSpec("welcome", "&Getting Started", (Std.HelpContents, "F1"),
                   w.show_welcome_page, "What the app does and where your data is kept"),
        ActionSpec("shortcuts", "&Keyboard Shortcuts", ("Ctrl+/",),
                   lambda: ShortcutsDialog.ask(w, w.commands), "Every command and its keys"),
        ActionSpec("about", "&About Policy Auditor", ("Shift+F1",), lambda: _about(w)),
    ]


def build(window: QMainWindow) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in _specs(window):
        action = QAction(spec.text, window)
        action.setObjectName(f"action-{spec.name}")
        keys = [QKeySequence(key) if isinstance(key, str) else QKeySequence(key)
                for key in spec.shortcuts]
        keys = [key for key in keys if not key.isEmpty()]
        # Drop duplicates (a standard key may map to the explicit fallback on some platforms).
        unique = list({key.toString(): key for key in keys}.values())
        action.setShortcuts(unique)
        if spec.tip:
            shown = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText)
                              for key in unique)
            action.setToolTip(f"{spec.tip} [{shown}]" if shown else spec.tip)
            action.setStatusTip(spec.tip)
        if spec.icon:
            action.setIcon(icon(spec.icon))
        action.triggered.connect(lambda _checked=False, slot=spec.slot: slot())
        window.addAction(action)
        actions[spec.name] = action
    undo = window.undo_group.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.keyBindings(Std.Undo))
    undo.setIcon(icon("undo"))
    redo = window.undo_group.createRedoAction(window, "&Redo")
    redo.setShortcuts([*QKeySequence.keyBindings(Std.Redo), QKeySequence("Ctrl+Y")])
    redo.setIcon(icon("redo"))
    for name, action, slot in (("undo", undo, window.undo), ("redo", redo, window.redo)):
        # The group's actions keep their live text and enabled state; triggering goes
        # through the window so a macro's steps reload the view once.
        action.triggered.disconnect()
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        action.setObjectName(f"action-{name}")
        window.addAction(action)
        actions[name] = action
    return actions


def install_menus(window: QMainWindow, actions: dict[str, QAction],
                  docks: dict[str, QDockWidget]) -> None:
    menus = (
        ("&File", ["new_workspace", "open_workspace", "recent_workspaces", None,
                   "import", "import_version", "example", None, "export_pdf",
                   "export_pdf_summary", "export_docx", "export_docx_full", "export_xlsx",
                   "export_csv", "export_json", None, "export_package", "verify_package", None,
                   "rename_policy", "archive", "delete_audit", None, "new_window", "reviewer",
                   None, "quit"]),
        ("&Edit", ["undo", "redo", None, "find", "find_next", "find_previous", None,
                   "filter_items", "filter_library"]),
        ("&Review", ["accept", "satisfied", "partial", "missing", "not_applicable",
                     "clear_status", None, "next", "previous", None, "attach_evidence",
                     "remove_evidence", "next_evidence", "note", None, "upgrade", "reassess", None,
                     "sign_off", "reopen", "four_eyes"]),
    )
    bar = window.menuBar()
    built = {}
    for title, names in menus:
        menu = built[title] = bar.addMenu(title)
        for name in names:
            if name is None:
                menu.addSeparator()
            elif name == "recent_workspaces":
                menu.addMenu(window.build_recent_menu())
            else:
                menu.addAction(actions[name])
    actions["four_eyes"].setCheckable(True)
    built["&Review"].aboutToShow.connect(window.sync_four_eyes)
    view = bar.addMenu("&View")
    view.addAction(actions["compare"])
    view.addAction(actions["changes"])
    view.addAction(actions["refresh"])
    actions["show_archived"].setCheckable(True)
    view.addAction(actions["show_archived"])
    tint = QAction("&Tint Evidence of Every Item", window)
    tint.setObjectName("action-tint_all_evidence")
    tint.setShortcut(QKeySequence("Ctrl+Shift+G"))
    tint.setCheckable(True)
    tint.setChecked(window.settings.tint_all_evidence)
    tint.setStatusTip("Colour the evidence of all items in the policy text, not only the "
                      "current item's")
    tint.toggled.connect(window.set_tint_all_evidence)
    view.addAction(tint)
    actions["tint_all_evidence"] = tint
    view.addAction(actions["toggle_outline"])
    view.addSeparator()
    for index, dock in enumerate(docks.values(), start=1):
        toggle = dock.toggleViewAction()
        toggle.setShortcut(QKeySequence(f"Alt+{index}"))
        view.addAction(toggle)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions["welcome"])
    help_menu.addAction(actions["shortcuts"])
    help_menu.addAction(actions["about"])

    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("toolbar-main")
    toolbar.setMovable(False)
    for name in ("import", "export_pdf", None, "undo", "redo", None, "previous", "next",
                 None, "accept", "attach_evidence", None, "sign_off", "compare"):
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[name])
    window.addToolBar(toolbar)


REVIEW_ACTIONS = ("accept", "satisfied", "partial", "missing", "not_applicable",
                  "clear_status", "note")


def update_enabled(w) -> None:
    """Enable what makes sense for the open audit, selection and state."""
    a = w.commands
    snapshot = w.snapshot
    has_audit = snapshot is not None
    editable = has_audit and not snapshot.signed_off
    has_item = bool(w.checklist.current_item_id())
    for name in REVIEW_ACTIONS:
        a[name].setEnabled(editable and has_item)
    a["attach_evidence"].setEnabled(editable and has_item)
    a["remove_evidence"].setEnabled(editable and w.detail.current_evidence() is not None)
    a["next_evidence"].setEnabled(has_item)
    a["next"].setEnabled(has_audit)
    a["previous"].setEnabled(has_audit)
    a["sign_off"].setEnabled(editable)
    a["upgrade"].setEnabled(editable)
    a["reassess"].setEnabled(editable)
    a["reopen"].setEnabled(has_audit and snapshot.signed_off)
    a["import_version"].setEnabled(has_audit)
    chosen = has_audit or bool(w.library.model.summaries())
    for name in ("rename_policy", "archive", "delete_audit"):
        a[name].setEnabled(chosen)
    a["export_package"].setEnabled(has_audit and snapshot.signed_off)
    a["changes"].setEnabled(has_audit and snapshot.policy.version > 1)
    for name in ("export_pdf", "export_pdf_summary", "export_docx", "export_docx_full",
                 "export_xlsx", "export_csv", "export_json", "find", "find_next",
                 "find_previous", "filter_items"):
        a[name].setEnabled(has_audit)


def _about(window: QMainWindow) -> None:
    from desktop_app import __version__

    QMessageBox.about(window, "About Policy Auditor",
                      f"<b>Policy Auditor {__version__}</b><p>Offline review of privacy "
                      "policies against jurisdiction checklists, with clause-level evidence "
                      "and a tamper-evident audit trail.</p>")
