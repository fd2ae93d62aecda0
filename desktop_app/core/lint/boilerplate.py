"""Website text that is not policy: removed page furniture and leftovers inside the policy."""

from __future__ import annotations

import re

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.units import Unit

# Whole lines that are page furniture, not policy wording.
FURNITURE_LINE_RE = re.compile(
    r"(?i)^(?:privacy (?:center|centre|hub|portal)|skip to (?:main )?content|back to top|print(?: this page)?"
    r"|share(?: this page)?|menu|search|sign in|log in|home|expand all|collapse all|read more|learn more"
    r"|show more|see more|download(?: form| pdf)?|cookie (?:settings|preferences)|accept(?: all)? cookies"
    r"|reject all|manage cookies|was this (?:page|article|information) helpful\??"
    r"|(?:please )?help us improve (?:our|this) (?:website|site)"
    r"|take our (?:customer |short |quick )?survey\b.*|.*\blaunch survey\b.*"
    r"|it should only take a (?:few|couple of) (?:minutes|moments)\b.*"
    r"|(?:click|tap) (?:on )?(?:the |a |each )?(?:relevant )?(?:section )?(?:heading|title|link|arrow|button)s?"
    r" to (?:expand|collapse|open|show|view)\b.*)$"
)
# Button and link labels that survived copying from a web page.
INLINE_LABEL_RE = re.compile(
    r"\((?:download(?: form| pdf)?|click here|print|pdf|open|view|link)\)"
    r"|\b[Cc]lick [Hh]ere\b(?![ \t]+(?:to|for|and)\b)"
    r"|\bcopyright ©.*?all rights reserved\.?|\b(?:like|follow) us on (?:facebook|instagram|twitter"
    r"|tiktok|youtube|linkedin)\b|\bsubscribe on youtube\b",
    re.IGNORECASE,
)
MAX_FURNITURE_WORDS = 30


def find_boilerplate(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """Every span ingestion removed, plus site text left inside the policy."""
    text = document.text
    removed = [
        Defect("boilerplate", span.start, span.end, text[span.start:span.end],
               f"Website text that is not part of the policy ({span.reason}); leave it out of "
               "the published policy.")
        for span in document.removed
        if 0 <= span.start < span.end <= len(text)
    ]
    leftovers = []
    for unit in units:
        if any(defect.start <= unit.start and unit.end <= defect.end for defect in removed):
            continue
        line = unit.text.strip()
        if len(line.split()) <= MAX_FURNITURE_WORDS and FURNITURE_LINE_RE.match(line):
            leftovers.append(Defect("boilerplate", unit.start, unit.end, unit.text,
                                  "Website navigation or page text left in the policy; delete it."))
            continue
        for match in INLINE_LABEL_RE.finditer(unit.text):
            start = unit.start + match.start()
            leftovers.append(Defect("boilerplate", start, unit.start + match.end(), match.group(),
                                  "A web link or button label left in the text, with no address; "
                                  "delete it or write out what it pointed to."))
    return removed + leftovers
