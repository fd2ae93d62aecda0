"""File menu: export the open audit as a package and verify a package, in the background."""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop_app.gui.dialogs.prompts import OpenPackage, PackageVerdict, SavePath
from desktop_app.gui.dialogs.signoff_dialog import SignOffChoice, SignOffDialog
from tests.store.helpers import decide_all


def test_export_and_verify_a_package_from_the_file_menu(window, store, qtbot, monkeypatch,
                                                         tmp_path: Path) -> None:
    audit_id = window.snapshot.audit_id
    assert not window.commands["export_package"].isEnabled()
    decide_all(store, audit_id, "alice")
    monkeypatch.setattr(SignOffDialog, "ask", classmethod(lambda cls, *a: SignOffChoice()))
    window.commands["sign_off"].trigger()
    assert window.snapshot.signed_off and window.commands["export_package"].isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    assert {window.commands["export_package"], window.commands["verify_package"]} <= set(
        file_menu.actions())

    out = tmp_path / "audit.pap"
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *a: out))
    window.commands["export_package"].trigger()
    qtbot.waitUntil(lambda: out.exists() and not window.runner.running, timeout=60_000)
    assert zipfile.is_zipfile(out)

    verdicts = []
    monkeypatch.setattr(OpenPackage, "ask", classmethod(lambda cls, *a: out))
    monkeypatch.setattr(PackageVerdict, "show",
                        classmethod(lambda cls, parent, name, result: verdicts.append(result)))
    window.commands["verify_package"].trigger()
    qtbot.waitUntil(lambda: len(verdicts) == 1, timeout=30_000)
    assert verdicts[0].ok and verdicts[0].signers[0].startswith("tester (")

    with zipfile.ZipFile(out) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["policy.txt"] = members["policy.txt"].replace(b"Northwind", b"Eastwind", 1)
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    window.commands["verify_package"].trigger()
    qtbot.waitUntil(lambda: len(verdicts) == 2, timeout=30_000)
    assert not verdicts[1].ok
    assert any(p.startswith("policy.txt:") for p in verdicts[1].problems)
