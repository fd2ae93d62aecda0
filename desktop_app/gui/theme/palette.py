"""Status colours for light and dark schemes; every colour is paired with a status symbol."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop_app.core.status import Status


@dataclass(frozen=True)
class StatusColours:
    """Foreground (text/symbol) and background (highlight) per status, plus "not reviewed"."""

    foreground: dict[Status | None, str]
    background: dict[Status | None, str]
    defect: str


# Okabe-Ito derived hues: distinguishable with the common colour-vision deficiencies,
# and each status also carries its own symbol, so colour is never the only cue.
LIGHT = StatusColours(
    foreground={Status.SATISFIED: "#00704a", Status.PARTIAL: "#9a5b00",
                Status.MISSING: "#b3311c", Status.NOT_APPLICABLE: "#5a6270", None: "#3b6aa0"},
    background={Status.SATISFIED: "#cdeee0", Status.PARTIAL: "#fbe3b5",
                Status.MISSING: "#f8d0c6", Status.NOT_APPLICABLE: "#e1e4ea", None: "#d6e4f5"},
    defect="#c0392b",
)
DARK = StatusColours(
    foreground={Status.SATISFIED: "#5fd3a4", Status.PARTIAL: "#f0b450",
                Status.MISSING: "#ff8a70", Status.NOT_APPLICABLE: "#a6adbb", None: "#8fb8ea"},
    background={Status.SATISFIED: "#17443a", Status.PARTIAL: "#4d3a12",
                Status.MISSING: "#5a2a22", Status.NOT_APPLICABLE: "#353a44", None: "#21364f"},
    defect="#ff6b5b",
)


def is_dark() -> bool:
    """True when the palette in use is dark.

    The drawn palette decides, not `QStyleHints.colorScheme()` alone: status colours must
    contrast with the background actually shown, and the palette follows the system
    scheme wherever the platform supports it (the window refreshes on either change).
    """
    if QGuiApplication.instance() is None:
        return False
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def colours() -> StatusColours:
    return DARK if is_dark() else LIGHT


def status_foreground(status: Status | None) -> QColor:
    return QColor(colours().foreground[status])


def status_background(status: Status | None) -> QColor:
    return QColor(colours().background[status])


def status_text(status: Status | None) -> str:
    """Symbol plus label, e.g. "✓ Satisfied"; "· To review" for None (as in the checklist)."""
    if status is None:
        return "· To review"
    return f"{status.symbol} {status.label}"
