"""Find text around the policy that is not policy: navigation, surveys, footers, cookie banners.

Nothing is deleted: each finding is a RemovedSpan over the extracted text, with a reason.
"""

from __future__ import annotations

import re

from desktop_app.core.document import RemovedSpan

NAVIGATION = "site navigation"
SURVEY = "survey pop-up"
COOKIES = "cookie banner"
FOOTER = "site footer"
CONTENTS = "table of contents"
PAGE_CONTROLS = "page controls"
PAGE_NUMBER = "page number"

_NAV_LINE = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation)|jump to (?:content|navigation)|back to top|"
    r"print(?: this page)?|share(?: this page)?|menu|main menu|search|home|breadcrumbs?|"
    r"privacy (?:center|centre|hub|portal)|sign in|log in|expand all|collapse all|"
    r"read more|learn more|show more|see more)$",
    re.IGNORECASE,
)
_SURVEY = re.compile(
    r"help us improve (?:our|this) (?:web ?)?site|take (?:our|a|the) (?:short |quick )?"
    r"(?:customer |visitor |online )?survey|launch (?:the )?survey|"
    r"answer (?:a few|\w+) quick questions|was this (?:page|article|information) helpful",
    re.IGNORECASE,
)
# Banner wording asks for a click; a policy's own cookie section explains instead.
_COOKIE = re.compile(
    r"cookies on this (?:web ?)?site|accept (?:all |optional )?cookies|"
    r"reject (?:all|optional) cookies|by clicking [\"“]?(?:accept|agree|ok|allow)",
    re.IGNORECASE,
)
_COOKIE_BUTTON = re.compile(
    r"^(?:cookie (?:settings|preferences)|manage (?:my )?cookies|allow all|reject all)$",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"copyright\s*©|©\s*(?:copyright\s*)?\d{4}|all rights reserved|"
    r"(?:follow|like|find) us on (?:facebook|twitter|instagram|youtube|tiktok|linkedin|x)\b|"
    r"subscribe on youtube",
    re.IGNORECASE,
)
PAGE_NUMBER_LINE = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.IGNORECASE
)
_PAGE_CONTROL = re.compile(r"\b(?:click|tap)\b.{0,60}\b(?:expand|collapse)\b", re.IGNORECASE)
_TITLE_PHRASE = re.compile(
    r"\b(?:privacy|data protection|personal data(?: protection)?) (?:policy|notice|statement)\b",
    re.IGNORECASE,
)
# Menus rendered twice (desktop and mobile) leave a title-case phrase repeated back to back.
_DOUBLED_PHRASE = re.compile(r"\b([A-Z][\w&'’]*(?: [\w&'’]+){0,3}) \1\b")
_TOC_LINE = re.compile(r"^\d{1,2}\.?\s+(\S.{0,90})$")
_SENTENCE_END = re.compile(r"[.!?]\s")
_MENU_WORDS = frozenset(
    """home products product support shop store search menu contact about login sign news help
    account cart basket register solutions services careers investors blog""".split()
)

# Scraped pages put chrome at the edges: cues count only in the first and last part of the text.
_EDGE_SHARE = 0.2
_LONG_LINE = 2000
_SHORT_LINE = 200
_MAX_MENU_WORDS = 6
_MAX_FOOTER_CHARS = 200
_MENU_JOINERS = frozenset({"and", "&", "us", "in"})
_MAX_BANNER_WORDS = 80


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, white space trimmed; empty lines give start == end."""
    spans = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        start = offset + (raw.find(stripped) if stripped else 0)
        spans.append((start, start + len(stripped)))
        offset += len(raw) + 1
    return spans


def _span(text: str, start: int, end: int, reason: str) -> RemovedSpan | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    start += len(piece) - len(piece.lstrip())
    return RemovedSpan(start, start + len(stripped), stripped, reason)


def _line_reason(line: str, at_edge: bool) -> str | None:
    if _NAV_LINE.match(line.strip(" .:|>")):
        return NAVIGATION
    if PAGE_NUMBER_LINE.match(line):
        return PAGE_NUMBER
    if len(line.split()) <= 25 and _PAGE_CONTROL.search(line):
        return PAGE_CONTROLS
    if not at_edge or len(line.split()) > _MAX_BANNER_WORDS:
        return None
    if _SURVEY.search(line):
        return SURVEY
    if _COOKIE.search(line) or _COOKIE_BUTTON.match(line.strip(" .|")):
        return COOKIES
    if _FOOTER.search(line):
        return FOOTER
    return None


def _scraped_prefix(text: str, start: int, end: int) -> RemovedSpan | None:
    """Menu words run together before the policy title on a page flattened to one line."""
    line = text[start:end]
    match = _TITLE_PHRASE.search(line, 0, len(line) if len(line) < 300 else int(len(line) * 0.4))
    if not match:
        return None
    prefix = line[: match.start()]
    words = prefix.split()
    menu_words = sum(1 for word in words if word.lower() in _MENU_WORDS)
    if len(words) < 5 or menu_words < 2 or re.search(r"[.!?]", prefix):
        return None
    capitalised = sum(1 for word in words if word[0].isupper() or not word[0].isalpha())
    if capitalised < 0.7 * len(words):
        return None
    return _span(text, start, start + match.start(), NAVIGATION)


def _scraped_suffix(text: str, start: int, end: int) -> list[RemovedSpan]:
    """Footer menus and a cookie banner run together after the policy on a flattened page."""
    line = text[start:end]
    tail_from = int(len(line) * (1 - 0.35))
    cues = [m for pattern in (_FOOTER, _COOKIE) for m in pattern.finditer(line, tail_from)]
    if not cues:
        return []
    first = min(cue.start() for cue in cues)
    sentence_start = 0
    for boundary in _SENTENCE_END.finditer(line, 0, first):
        sentence_start = boundary.end()
    doubled = _DOUBLED_PHRASE.search(line, sentence_start, first)
    footer_start = doubled.start() if doubled else first
    cookie = _COOKIE.search(line, footer_start)
    cookie_start = len(line)
    if cookie:
        cookie_start = cookie.start()
        for boundary in _SENTENCE_END.finditer(line, footer_start, cookie.start()):
            cookie_start = boundary.end()
    spans = [
        _span(text, start + footer_start, start + cookie_start, FOOTER),
        _span(text, start + cookie_start, end, COOKIES),
    ]
    return [span for span in spans if span is not None]


def _table_of_contents(text: str, lines: list[tuple[int, int]]) -> list[RemovedSpan]:
    """A run of three or more bare numbered titles that are repeated later as real headings."""
    found: list[RemovedSpan] = []
    run: list[tuple[int, int, str, int]] = []

    def close_run() -> None:
        if len(run) >= 3:
            after = text[run[-1][1]:]
            repeated = sum(1 for _, _, title, _ in run if title in after)
            if repeated * 3 >= len(run) * 2:
                span = _span(text, run[0][0], run[-1][1], CONTENTS)
                if span:
                    found.append(span)
        run.clear()

    for start, end in lines:
        line = text[start:end]
        if start == end:
            continue
        match = _TOC_LINE.match(line)
        number = int(line.split(".")[0].split()[0]) if match else 0
        if run and match and number <= run[-1][3]:
            close_run()    # numbering restarts: the contents list has ended
        if match and not line.endswith((".", ";", ",")) and len(line.split()) <= 12:
            run.append((start, end, match.group(1), number))
        else:
            close_run()
    close_run()
    return found


def _menu_line(line: str) -> bool:
    """A short run of capitalised link labels with at least one usual menu word."""
    words = [word.strip("|/&>›»·•") for word in line.split()]
    words = [word for word in words if word]
    if not words or len(words) > _MAX_MENU_WORDS or re.search(r"[.!?;:,]", line):
        return False
    if _TITLE_PHRASE.search(line):
        return False
    menu = sum(1 for word in words if word.lower() in _MENU_WORDS)
    capitalised = all(word[0].isupper() or word.lower() in _MENU_JOINERS for word in words)
    return menu >= 1 and capitalised


def _clearly_chrome(line: str) -> bool:
    menu = sum(1 for word in line.lower().split() if word.strip("|/&>›»·•") in _MENU_WORDS)
    return menu >= 2 or "|" in line or bool(_FOOTER.search(line))


def _menu_runs(text: str, lines: list[tuple[int, int]]) -> list[RemovedSpan]:
    """Menu lines at the very top and bottom of the text (a page copied with its chrome)."""
    filled = [(start, end) for start, end in lines if start < end]
    spans = []
    for ordered in (filled, filled[::-1]):
        run = []
        for start, end in ordered:
            line = text[start:end]
            footer = (ordered is not filled and len(line) <= _MAX_FOOTER_CHARS
                      and _FOOTER.search(line))
            if not (_menu_line(line) or footer):
                break
            run.append((start, end))
        # One menu word in a short line could be a real heading; a menu shows more than that.
        if any(_clearly_chrome(text[start:end]) for start, end in run):
            first, last = min(run)[0], max(run)[1]
            span = _span(text, first, last, NAVIGATION if ordered is filled else FOOTER)
            spans.extend([span] if span else [])
    return spans


def find_boilerplate(text: str) -> list[RemovedSpan]:
    """Spans of non-policy text, sorted and non-overlapping."""
    lines = _lines(text)
    size = max(len(text), 1)
    spans: list[RemovedSpan] = []
    first_line = next(((start, end) for start, end in lines if start < end), None)
    last_line = next(((start, end) for start, end in reversed(lines) if start < end), None)
    for start, end in lines:
        if start == end:
            continue
        if end - start >= _LONG_LINE or (start, end) == first_line:
            prefix = _scraped_prefix(text, start, end)
            spans.extend([prefix] if prefix else [])
        if end - start >= _LONG_LINE or ((start, end) == last_line and end - start > _SHORT_LINE):
            spans.extend(_scraped_suffix(text, start, end))
            continue
        at_edge = start < size * _EDGE_SHARE or end > size * (1 - _EDGE_SHARE)
        reason = _line_reason(text[start:end], at_edge)
        if reason:
            span = _span(text, start, end, reason)
            spans.extend([span] if span else [])
    spans.extend(_table_of_contents(text, lines))
    spans.extend(_menu_runs(text, lines))
    spans.sort(key=lambda span: (span.start, -span.end))
    merged: list[RemovedSpan] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            continue
        last = merged[-1] if merged else None
        if last and last.reason == span.reason and not text[last.end:span.start].strip():
            # One pop-up over several lines is one finding.
            merged[-1] = RemovedSpan(last.start, span.end, text[last.start:span.end], span.reason)
            continue
        merged.append(span)
    return merged
