"""Jurisdiction scope of sections: which clauses a policy addresses to one jurisdiction's residents.

A section headed "Notice to Nevada Residents", or opened by "If you are a California resident",
speaks for that jurisdiction only: it is no evidence for another jurisdiction's checklist.
"""

from __future__ import annotations

import re

from desktop_app.core.document import PolicyDocument

# Each jurisdiction a policy may address a section to, with the names it goes by.
_JURISDICTIONS: dict[str, tuple[str, ...]] = {
    "eu": ("european union", "eu", "eea", "european economic area", "europe", "uni eropa"),
    "uk": ("united kingdom", "uk", "great britain", "britain", "england"),
    "ch": ("switzerland", "swiss"),
    "us": ("united states", "usa", "u.s.", "amerika serikat"),
    "hk": ("hong kong", "hksar", "香港"),
    "sg": ("singapore",),
    "id": ("indonesia",),
    "cn": ("china", "prc", "mainland china"),
    "jp": ("japan",),
    "kr": ("korea", "south korea"),
    "tw": ("taiwan",),
    "my": ("malaysia",),
    "th": ("thailand",),
    "ph": ("philippines",),
    "vn": ("vietnam", "viet nam"),
    "in": ("india",),
    "au": ("australia",),
    "nz": ("new zealand",),
    "ca": ("canada", "quebec", "québec"),
    "br": ("brazil", "brasil"),
    "mx": ("mexico",),
    "za": ("south africa",),
    **{state.lower(): (state.lower(),) for state in (
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
        "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
        "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
        "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
        "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
        "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
        "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
        "Washington", "West Virginia", "Wisconsin", "Wyoming")},
}
_NAME_TO_KEY = {name: key for key, names in _JURISDICTIONS.items() for name in names}
_NAMES = "|".join(sorted((re.escape(name) for name in _NAME_TO_KEY), key=len, reverse=True))
_NAME = re.compile(rf"(?<![\w.])(?:{_NAMES})(?![\w])", re.IGNORECASE)
# A heading names a jurisdiction as its addressee, not in passing ("How Sony Europe uses ..."):
# it speaks of residents, consumers, their rights or a notice, or says "if you are in".
_ADDRESSEE = re.compile(
    r"\b(?:residents?|consumers?|users?|individuals?|visitors?|customers?|rights?|notice|"
    r"law|laws|act|supplement|addendum|disclosures?|if you|located|living|"
    r"penduduk|warga|bagi|pengguna)\b", re.IGNORECASE)
# A clause that opens, after its number if it has one ("8.3", "(b)"), by addressing one
# jurisdiction's residents ("If you are a California resident", "For customers in the
# European Union, ...") or by setting what follows there ("In Hong Kong, we may charge ...").
_LEAD = re.compile(
    rf"^\W*(?:(?:\d+(?:\.\d+)*\.?|\(?[a-z]{{1,3}}\))\s+)?"
    rf"(?:(?:if|where|when)\s+you\s+(?:are|reside|live|are\s+located|are\s+based)\s+"
    rf"(?:an?\s+|in\s+(?:the\s+)?|within\s+(?:the\s+)?)?(?:resident\s+of\s+(?:the\s+)?)?"
    rf"(?P<a>{_NAMES})"
    rf"|(?:for|to)\s+(?:residents|consumers|users|individuals|customers|visitors|people)\s+"
    rf"(?:of|in|from|located\s+in|living\s+in)\s+(?:the\s+)?(?P<b>{_NAMES})"
    rf"|in\s+(?:the\s+)?(?P<d>{_NAMES})\s*,"
    rf"|(?:as\s+an?\s+)?(?P<c>{_NAMES})\s+(?:residents?|consumers?)\b)",
    re.IGNORECASE)
_LEAD_SPAN = 160
_TOP = re.compile(r"[^\s>#.(]+")


def jurisdiction_keys(names: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The jurisdictions that texts such as a checklist's "California, United States" name."""
    return frozenset(_NAME_TO_KEY[match.group().lower()]
                     for name in names for match in _NAME.finditer(name)
                     if match.group().lower() in _NAME_TO_KEY)


def clause_scopes(document: PolicyDocument) -> list[frozenset[str]]:
    """For every clause, the jurisdictions its section is addressed to (empty: everyone).

    A scoped heading or an opening "If you are a California resident" starts a scope that runs
    over the rest of that section: clauses with the same top-level reference, or, for a section
    without a number, the lettered sub-sections after it.
    """
    clauses = document.clauses
    scopes: list[frozenset[str]] = [frozenset()] * len(clauses)
    current: frozenset[str] = frozenset()
    top = ""
    for number, clause in enumerate(clauses):
        own_top = _top(clause.ref)
        if current and not _same_section(top, own_top):
            current = frozenset()
        heading = _heading_scope(clause.heading)
        lead = _lead_scope(clause.text)
        starts_section = number == 0 or clauses[number - 1].heading != clause.heading
        if heading:
            if heading != current:
                current, top = heading, own_top
        elif lead and starts_section:
            current, top = lead, own_top
        scopes[number] = lead or current
    return scopes


def _top(ref: str) -> str:
    match = _TOP.match(ref)
    return match.group() if match else ""


def _same_section(start: str, other: str) -> bool:
    if start.isdigit():
        return other == start
    return other == start or (len(other) == 1 and other.isalpha())


def _heading_scope(heading: str) -> frozenset[str]:
    if not heading or not _ADDRESSEE.search(heading):
        return frozenset()
    return jurisdiction_keys([heading])


def _lead_scope(text: str) -> frozenset[str]:
    match = _LEAD.match(text[:_LEAD_SPAN])
    if not match:
        return frozenset()
    name = next(group for group in match.groups() if group)
    return frozenset({_NAME_TO_KEY[name.lower()]})
