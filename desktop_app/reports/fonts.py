"""Font discovery and registration for reports, and markup that picks a font per text run."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
DEJAVU_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold_italic": "DejaVuSans-BoldOblique.ttf",
}
#: (style, the style used when its file is missing), applied in order.
STAND_INS = (("bold", "regular"), ("italic", "regular"), ("bold_italic", "bold"))
CJK_PATHS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
CID_FALLBACK = "STSong-Light"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class FontSet:
    """Registered font names: a Latin family plus a fallback for what it cannot draw (CJK).

    `covered` holds the code points the main family draws; None means "trust it for ASCII only"
    (the built-in Helvetica used when no TrueType font is found).
    """

    regular: str
    bold: str
    italic: str
    bold_italic: str
    fallback: str
    covered: frozenset[int] | None

    def draws(self, char: str) -> bool:
        if self.covered is None:
            return ord(char) < 128
        return ord(char) in self.covered


def _fc_match(pattern: str) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                               text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(found) if found else None


def _find_dejavu() -> dict[str, Path] | None:
    """DejaVu Sans files by style; a style that is missing (the oblique faces come in a
    separate package on Debian) is stood in for by the nearest one present."""
    folders = list(DEJAVU_DIRS)
    found = _fc_match("DejaVu Sans")
    if found is not None and found.name == DEJAVU_FILES["regular"]:
        folders.append(found.parent)
    for folder in folders:
        if (folder / DEJAVU_FILES["regular"]).is_file():
            paths = {style: folder / name for style, name in DEJAVU_FILES.items()}
            for style, stand_in in STAND_INS:
                if not paths[style].is_file():
                    paths[style] = paths[stand_in]
            return paths
    return None


def _find_cjk() -> Path | None:
    for path in CJK_PATHS:
        if path.is_file():
            return path
    found = _fc_match("sans:lang=zh-cn")
    if found is not None and found.suffix.lower() in {".ttf", ".ttc"} and found.is_file():
        return found
    return None


def _register_cjk() -> str:
    path = _find_cjk()
    if path is not None:
        try:
            pdfmetrics.registerFont(TTFont("PA-CJK", str(path), subfontIndex=0))
            return "PA-CJK"
        except Exception:  # noqa: BLE001 - an unreadable font file: fall back to the CID font
            pass
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK


@functools.cache
def report_fonts() -> FontSet:
    """Register the report fonts once per process and return their names."""
    fallback = _register_cjk()
    dejavu = _find_dejavu()
    if dejavu is None:
        return FontSet("Helvetica", "Helvetica-Bold", "Helvetica-Oblique",
                       "Helvetica-BoldOblique", fallback, None)
    names = {style: f"PA-Sans-{style}" for style in DEJAVU_FILES}
    for style, path in dejavu.items():
        pdfmetrics.registerFont(TTFont(names[style], str(path)))
    regular = names["regular"]
    addMapping(regular, 0, 0, regular)
    addMapping(regular, 1, 0, names["bold"])
    addMapping(regular, 0, 1, names["italic"])
    addMapping(regular, 1, 1, names["bold_italic"])
    font = pdfmetrics.getFont(regular)
    assert isinstance(font, TTFont)  # registered just above
    covered = frozenset(font.face.charToGlyph)
    return FontSet(regular, names["bold"], names["italic"], names["bold_italic"], fallback,
                   covered)


def markup(text: str, fonts: FontSet | None = None) -> str:
    """Escape `text` for a Paragraph and wrap runs the main font cannot draw in the fallback font.

    User and policy text always passes through here, so `<b>` or `&` in a note prints literally.
    Line breaks are kept; other control characters, which no font draws, are dropped.
    """
    fonts = fonts or report_fonts()
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    if text.isascii():
        return escape(text).replace("\n", "<br/>")
    parts: list[str] = []
    run: list[str] = []
    run_fallback = False
    for char in text:
        fallback = not fonts.draws(char) and not char.isspace()
        if run and fallback != run_fallback:
            parts.append(_close_run("".join(run), run_fallback, fonts))
            run = []
        run_fallback = fallback
        run.append(char)
    if run:
        parts.append(_close_run("".join(run), run_fallback, fonts))
    return "".join(parts).replace("\n", "<br/>")


def _close_run(text: str, fallback: bool, fonts: FontSet) -> str:
    if not fallback:
        return escape(text)
    return f'<font face="{fonts.fallback}">{escape(text)}</font>'


def plain_font_for(text: str, fonts: FontSet | None = None) -> str:
    """The font to draw `text` with on the canvas, where no per-run markup is possible."""
    fonts = fonts or report_fonts()
    if all(fonts.draws(char) or char.isspace() for char in text):
        return fonts.regular
    return fonts.fallback
