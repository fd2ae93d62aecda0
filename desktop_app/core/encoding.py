"""Decode the bytes of a plain-text policy: BOMs, UTF-16 without BOM, UTF-8, Windows-1252.

A file that is evidently UTF-8 but holds a few bytes that are not is read as UTF-8 with those
bytes replaced by U+FFFD (the lint points at each), never re-read as another encoding: that
would turn every accented letter of the policy into different text.
"""

from __future__ import annotations

import codecs

from desktop_app.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of NUL bytes in the odd (or even) positions that marks UTF-16 text without a BOM.
_UTF16_NUL_SHARE = 0.3
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.02
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
REPLACEMENT = "\ufffd"


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NULs sit in every other byte, as in mostly-ASCII UTF-16."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    odd_nuls = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    even_nuls = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    if odd_nuls / pairs >= _UTF16_NUL_SHARE and even_nuls < odd_nuls / 4:
        return "utf-16-le"
    if even_nuls / pairs >= _UTF16_NUL_SHARE and odd_nuls < even_nuls / 4:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return controls > _MAX_CONTROL_SHARE * max(len(sample), 1)


def _utf8_with_slips(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with invalid bytes replaced, when valid multi-byte sequences outnumber them
    (Windows-1252 text almost never forms valid UTF-8 sequences by chance)."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    multibyte = sum(1 for char in text if char > "\x7f") - text.count(REPLACEMENT)
    if multibyte >= replaced > 0:
        return text, "utf-8"
    return None


def decode_bytes(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Return (text, encoding name) for `data`, or raise InputError when it is not text."""
    encoding = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            encoding = codec
            break
    if encoding is None:
        encoding = _utf16_without_bom(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(
                f"{name} looks like {encoding.upper()} text but cannot be decoded "
                f"({error.reason}); save it again as UTF-8 and retry"
            ) from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _utf8_with_slips(data) or (
                # Windows-1252 leaves five bytes undefined; those become U+FFFD, not a failure.
                data.decode("cp1252", errors="replace"), "cp1252")
    if _looks_binary(text):
        raise InputError(
            f"{name} is not a text document (it contains binary data); "
            "import a .txt, .md, .html, .pdf or .docx policy"
        )
    return text.lstrip("\ufeff"), encoding
