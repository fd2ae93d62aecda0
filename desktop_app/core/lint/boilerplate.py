"""Website text that is not policy: removed page furniture and leftovers inside the policy."""

from __future__ import annotations

import re

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.units import Unit

# Whole lines that are page furniture, not policy wording.
FURNITURE_LINE_RE = re.compile(
    r"(?i)^(?:privacy (?:center|centre|hub|portal)|skip to (?:main )?content|back to top"
    r"|print(?: this page)?"
    r"|share(?: this page)?|menu|search|sign in|log in|home|expand all|collapse all|read more|learn more"
    r"|show more|see more|download(?: form| pdf)?|cookie (?:settings|preferences)"
    r"|accept(?: all)? cookies"
    r"|reject all|manage cookies|was this (?:page|article|information) helpful\??"
    r"|(?:please )?help us improve (?:our|this) (?:website|site)"
    r"|take our (?:customer |short |quick )?survey\b.*|.*\blaunch survey\b.*"
    r"|it should only take a (?:few|couple of) (?:minutes|moments)\b.*"
    r"|(?:click|tap) (?:on )?(?:the |a |each )?(?:relevant )?(?:section )?"
    r"(?:heading|title|link|arrow|button)s?"
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
LEFTOVER = "page text"
LINK_LABEL = "link label"


def find_boilerplate(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """Every span ingestion removed, plus site text left inside the policy.

    Pieces separated only by white space are reported as one block: a reviewer deletes
    a survey pop-up or a footer in one go.
    """
    text = document.text
    pieces = [(span.start, span.end, span.reason) for span in document.removed
              if 0 <= span.start < span.end <= len(text)]
    removed = list(pieces)
    for unit in units:
        if any(start <= unit.start and unit.end <= end for start, end, _ in removed):
            continue
        line = unit.text.strip()
        if len(line.split()) <= MAX_FURNITURE_WORDS and FURNITURE_LINE_RE.match(line):
            pieces.append((unit.start, unit.end, LEFTOVER))
            continue
        for match in INLINE_LABEL_RE.finditer(unit.text):
            pieces.append((unit.start + match.start(), unit.start + match.end(), LINK_LABEL))
    return [_block_defect(text, block) for block in _blocks(text, pieces)]


def _blocks(text: str, pieces: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    blocks: list[list[tuple[int, int, str]]] = []
    for piece in sorted(pieces):
        if blocks and not text[blocks[-1][-1][1]:piece[0]].strip():
            blocks[-1].append(piece)
        else:
            blocks.append([piece])
    return blocks


def _block_defect(text: str, block: list[tuple[int, int, str]]) -> Defect:
    start = block[0][0]
    end = max(piece[1] for piece in block)
    reasons = list(dict.fromkeys(reason for _, _, reason in block))
    if reasons == [LINK_LABEL]:
        message = ("A web link or button label left in the text, with no address; delete it or "
                   "write out what it pointed to.")
    else:
        message = (f"Website text that is not part of the policy ({', '.join(reasons)}); "
                   "delete it from the policy text.")
    return Defect("boilerplate", start, end, text[start:end], message)
