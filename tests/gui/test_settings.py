"""The typed settings wrapper: defaults, round trips through the INI file, isolation."""

from __future__ import annotations

from pathlib import Path

from desktop_app.gui.settings import SETTINGS_VERSION, Settings, settings_path


def test_defaults_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    settings = Settings(path)
    assert settings.last_audit_id == 0
    assert settings.welcome_done is False
    assert settings.reviewer  # falls back to the login name
    settings.last_audit_id = 7
    settings.last_item_id = "gdpr.retention"
    settings.welcome_done = True
    settings.reviewer = "  Dana  "
    settings.sync()
    again = Settings(path)
    assert again.last_audit_id == 7
    assert again.last_item_id == "gdpr.retention"
    assert again.welcome_done is True
    assert again.reviewer == "Dana"
    assert f"version={SETTINGS_VERSION}" in path.read_text(encoding="utf-8")


def test_unreadable_values_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    path.write_text("[workspace]\nlast_audit_id=not-a-number\n", encoding="utf-8")
    assert Settings(path).last_audit_id == 0


def test_default_file_lives_in_the_isolated_data_folder(isolated_data_dir: Path) -> None:
    assert settings_path().parent == isolated_data_dir


def test_status_symbols_come_from_the_bundled_font(qapp) -> None:
    from PySide6.QtGui import QRawFont

    from desktop_app.core.status import Status
    from desktop_app.gui.app import SYMBOL_FONT

    raw = QRawFont(str(SYMBOL_FONT), 12)
    assert raw.isValid()
    for symbol in [status.symbol for status in Status] + ["·", "⚑", "↑", "✎"]:
        assert raw.supportsCharacter(ord(symbol)), symbol
    assert raw.familyName() in qapp.font().families()
