"""Read a policy's title, organisation, last-updated date and the checklists it falls under."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.core.checklist import Checklist
from desktop_app.core.detection import detect
from desktop_app.core.document import JurisdictionHit, RemovedSpan


@dataclass(frozen=True)
class Metadata:
    title: str
    organisation: str
    effective_date: str
    jurisdictions: tuple[JurisdictionHit, ...]


_TITLE_LINE = re.compile(
    r"^(?:[\w’'&.:|—–-]+\s+){0,8}(?:privacy|data protection|personal data(?: protection)?)\s+"
    r"(?:policy|notice|statement)"
    r"(?:\s+(?:of|for)\s+.+)?:?$",
    re.IGNORECASE,
)
_TITLE_ANYWHERE = re.compile(
    r"(?:[A-Z][\w’'&-]*\s+){0,3}(?:Privacy|Data Protection|Personal Data(?: Protection)?)\s+"
    r"(?:Policy|Notice|Statement)"
)
_SUFFIX = (
    r"(?:Co\.,? ?Ltd\.?|Limited|Ltd\.?|Inc\.|Inc\b|Incorporated|Corporation|Corp\.|"
    r"B\.V\.|BV|N\.V\.|NV|GmbH|AG|S\.A\.|SAS|LLC|L\.L\.C\.|LLP|PLC|plc|Pty\.? Ltd\.?|"
    r"Sdn\.? Bhd\.?|S\.p\.A\.|A/S)"
)
_ENTITY = re.compile(
    r"\b(?:[A-Z][\w&'’.-]*(?: ?\([A-Z][\w ]*\))? +(?:(?:of|and|&|de) +)?){0,7}"
    + _SUFFIX + r"(?![\w])"
    r"|\bPT +(?:[A-Z][\w&-]* ?){1,4}"
)
_DEFINES = re.compile(
    r"\(\s*(?:collectively|hereinafter|together|referred to as)?[,\s]*[\"“”'‘]|"
    r"[\"“]\s*(?:we|us)\s*[\"”]",
    re.IGNORECASE,
)
_LIST_JOINER = re.compile(r"[\s,;/]*(?:and/or|and|or|&)?[\s,;/]*")
_DEFINES_WINDOW = 160
_TITLE_PREFIX = re.compile(
    r"^.*?\b(?:Policy|Notice|Statement)\s+(?:of|for)\s+|^(?:The|This|Our|Please)\s+"
)

_MONTHS = {
    name: index
    for index, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
               + r",?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)[-/.](?P<mnum>\d\d)[-/.](?P<day>\d\d)"),
    re.compile(r"\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d"),
    re.compile(_MONTH + r",?\s+(?:19|20)\d\d", re.I),
)
_DATE_CUE = re.compile(
    r"(?:last\s+)?(?:updated|revised|modified|amended|effective|dated|as of|version)\b",
    re.IGNORECASE,
)
_CUE_WINDOW = 60
_DATE_HEAD_CHARS = 3000
_DATE_TAIL_CHARS = 2000


def _live_text(text: str, removed: list[RemovedSpan]) -> str:
    """`text` with removed spans blanked, so offsets still match."""
    chars = list(text)
    for span in removed:
        chars[span.start:span.end] = " " * (span.end - span.start)
    return "".join(chars)


def _title(live: str) -> str:
    lines = [line.strip() for line in live.split("\n")[:60] if line.strip()]
    for line in lines:
        if len(line) <= 120 and _TITLE_LINE.match(line):
            return line.rstrip(":")
    match = _TITLE_ANYWHERE.search(live[:4000])
    if match:
        return match.group(0).strip()
    for line in lines[:3]:
        if len(line.split()) <= 12 and not line.endswith("."):
            return line
    return ""


def _organisation(live: str) -> str:
    """The company the policy calls "we": the first name (or first of a list of names) followed
    by a definition such as ("we", "us"); otherwise the first company name near the top."""
    head = live[: max(4000, len(live) // 4)]
    candidates = list(_ENTITY.finditer(head))
    groups: list[list[re.Match[str]]] = []
    for match in candidates:
        if groups and _LIST_JOINER.fullmatch(head[groups[-1][-1].end():match.start()]):
            groups[-1].append(match)
        else:
            groups.append([match])
    for index, group in enumerate(groups):
        limit = group[-1].end() + _DEFINES_WINDOW
        if index + 1 < len(groups):
            limit = min(limit, groups[index + 1][0].start())
        if _DEFINES.search(head, group[-1].end(), limit):
            return _clean_entity(group[0].group(0))
    return _clean_entity(candidates[0].group(0)) if candidates else ""


def _clean_entity(name: str) -> str:
    name = " ".join(name.split())
    return _TITLE_PREFIX.sub("", name).rstrip(",")


def _normalise_date(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("year") and groups.get("day"):
        month = _MONTHS.get((groups.get("month") or "").lower()) or int(groups.get("mnum") or 0)
        day = int(groups["day"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{groups['year']}-{month:02d}-{day:02d}"
    return " ".join(match.group(0).split())


def _effective_date(live: str) -> str:
    """The date next to "last updated", "effective" ... at the top or the bottom of the policy
    (a date in the body is about something else, such as when a law took effect)."""
    head_end = max(_DATE_HEAD_CHARS, len(live) // 7)
    tail_start = max(head_end, len(live) - _DATE_TAIL_CHARS)
    cues = [*_DATE_CUE.finditer(live, 0, head_end), *_DATE_CUE.finditer(live, tail_start)]
    for cue in cues:
        window_end = min(len(live), cue.end() + _CUE_WINDOW)
        found = [match for pattern in _DATE_PATTERNS
                 for match in [pattern.search(live, cue.end(), window_end)] if match]
        if found:
            return _normalise_date(min(found, key=lambda m: (m.start(), -len(m.group(0)))))
    return ""


def read_metadata(text: str, removed: list[RemovedSpan],
                  checklists: Sequence[Checklist] = ()) -> Metadata:
    """Metadata read from the live (not removed) text; `checklists` are those detection offers."""
    live = _live_text(text, removed)
    return Metadata(
        title=_title(live),
        organisation=_organisation(live),
        effective_date=_effective_date(live),
        jurisdictions=detect(live, checklists),
    )
