"""SVG icons from resources/icons (sharp at any DPI), cached by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from desktop_app.paths import RESOURCES

ICONS = RESOURCES / "icons"


@cache
def icon(name: str) -> QIcon:
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
