"""Normalise whitespace and re-flow hard-wrapped lines back into whole paragraphs.

Only line breaks and odd white space change; every word is kept as written.
"""

from __future__ import annotations

import re

_ODD_SPACES = re.compile(r"[\t\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
# Bullets drawn with symbol fonts (PDF, DOCX) come out as private-use or look-alike characters.
_BULLET_LOOKALIKES = re.compile(r"[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8]")
# Matching starts only at the first space of a run, so a long run is scanned once, not once
# per space (which is quadratic when the run does not end the line).
_TRAILING_SPACE = re.compile(r"(?<! )[ ]++\n")
_MANY_BLANKS = re.compile(r"\n{4,}")
_MANY_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")

# A line that opens a new item: number, letter or roman label, or a bullet.
LABEL_START = re.compile(
    r"""^(?:
        \d{1,2}(?:\.\d{1,2}){0,3}\.?(?:\s|$|(?=[A-Z]))      # 1.  2.1  2.1.1  10.Contact
      | \(?\(?(?:[a-z]|[ivx]{1,4}|[A-Z]|\d{1,2})\)(?:\s|$)   # (a)  a)  (iv)  iv)  (A)  (1)  1)
      | [A-Z]\.(?:\s|$)                                      # A.
      | [•●▪◦‣∙·*\-–—o](?:\s|$)                              # bullets
    )""",
    re.VERBOSE,
)
LONE_LABEL = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}\.|\(?\d{1,2}\)|\(?[a-z]\)|\(?[ivx]{1,4}\)|\([A-Z]\)"
    r"|[A-Z]\.)$"
)

# Words after which a wrapped line cannot end a heading or a sentence.
CONNECTIVES = frozenset(
    """a an and as at by for from in into of on or over than the to under upon via with
    without your our their its is are be may will which who that this these those whether including
    such""".split()
)
# Words that usually open a sentence: after a short heading line they start the body.
SENTENCE_STARTERS = frozenset(
    """We Our You Your If When Whenever Where Whereas This These Those It Its Please Some Any
    In For As To Under Subject Generally Unless Although However Each All The""".split()
)
_END_PUNCT = ".?!:;"
# Headings and lone labels are short: longer text is neither, without looking at it all (the
# paragraph being re-flowed can grow to the whole text).
_LONGEST_HEADING = 400
_LONGEST_LABEL = 24
_WRAP_SHARE = 0.25
# Blank lines per filled line above which blank lines, not line ends, separate paragraphs.
_BLANK_SHARE = 0.15
_SHORT_WORDS = 4
_STRONG_STARTERS = frozenset("We Our You Your If When Whenever Please This These".split())
_LIST_ITEM = re.compile(r"^(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|[•●▪◦‣∙·*\-–—])\s")
_PRONOUNS = frozenset("we you us our your they their it".split())


def normalise_whitespace(text: str) -> str:
    """Unify line endings and spaces; drop invisible characters; cap runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\f", "\n\n").replace("\x85", "\n")
    text = _INVISIBLE.sub("", text)
    text = _BULLET_LOOKALIKES.sub("•", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _MANY_SPACES.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANKS.sub("\n\n\n", text)
    return text.strip("\n ")


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when many line breaks fall mid-sentence (a lower-case word continues the next line)."""
    breaks = mid = 0
    for first, second in zip(lines, lines[1:]):
        first, second = first.strip(), second.strip()
        if not first or not second:
            continue
        breaks += 1
        if first[-1] not in _END_PUNCT and (second[0].islower() or first[-1] == ","):
            mid += 1
    return mid >= 3 and mid / breaks >= _WRAP_SHARE


def _words(text: str) -> list[str]:
    return text.split()


def _heading_like(paragraph: str) -> bool:
    """A short piece without sentence punctuation or pronouns, or a run of Title Case words:
    a (numbered) heading, a title or a menu."""
    if len(paragraph) > _LONGEST_HEADING:
        return False
    body = LABEL_START.sub("", paragraph, count=1)
    words = _words(body)
    if any(ch in body for ch in ".,;!?"):
        return False
    title_case = all(word[0].isupper() or word.lower() in CONNECTIVES for word in words)
    return (len(words) <= 8 and not any(word in _PRONOUNS for word in words[1:])) or (
        title_case and len(words) <= 14)


def _lone_label(paragraph: str) -> bool:
    return len(paragraph) <= _LONGEST_LABEL and LONE_LABEL.match(paragraph.strip()) is not None


def _hyphenated(paragraph: str) -> bool:
    """Ends with a lower-case letter and a hyphen (a word broken at the line end)."""
    return len(paragraph) >= 2 and paragraph[-1] == "-" and "a" <= paragraph[-2] <= "z"


def _more_words_than(text: str, count: int) -> bool:
    # split stops after count + 1 words: the paragraph being built can be long.
    return len(text.split(maxsplit=count)) > count


def _joins(paragraph: str, line: str, following: str | None, blank_separated: bool) -> bool:
    """Whether `line` continues `paragraph` in a hard-wrapped text."""
    if _lone_label(paragraph):
        return True
    if LABEL_START.match(line):
        return False
    last = paragraph[-1]
    if len(paragraph) <= 3 and paragraph.strip() == "-":
        return False
    if last in _END_PUNCT:
        if blank_separated:
            # Paragraphs end at blank lines, so a line may end with a full stop mid-paragraph.
            return last in ".;," and not _heading_like(line)
        # In a wrapped list item, a later paragraph still belongs to that item.
        return (last == "." and bool(_LIST_ITEM.match(paragraph))
                and len(_words(line)) > _SHORT_WORDS)
    if last in ",(/&" or line[0].islower() or line[0] in ",;:)" or _hyphenated(paragraph):
        return True
    tail_word = paragraph.rsplit(maxsplit=1)[-1].lower().strip("\"'“”")
    if tail_word in CONNECTIVES:
        return True
    first_word = _words(line)[0].strip("\"'“”(")
    if first_word in _STRONG_STARTERS:
        return False
    if not _heading_like(paragraph):
        return True
    if first_word in SENTENCE_STARTERS:
        return False
    if first_word[-1:] in ",.;:":
        return True
    if len(_words(line)) <= _SHORT_WORDS:
        return True
    return following is None or bool(LABEL_START.match(following)) or not following


def _runs_on(paragraph: str, line: str) -> bool:
    """A line that plainly continues an unfinished sentence, even in text that is not wrapped."""
    return (line[0].islower() and paragraph[-1] not in _END_PUNCT
            and not LABEL_START.match(line) and _more_words_than(paragraph, _SHORT_WORDS))


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs; also glue lone labels ("a)") to their text."""
    lines = text.split("\n")
    wrapped = is_hard_wrapped(lines)
    filled = sum(1 for line in lines if line.strip())
    blank_separated = wrapped and len(lines) - filled >= _BLANK_SHARE * filled
    out: list[str] = []
    for index, raw in enumerate(lines):
        line = raw.strip()
        previous = out[-1] if out else ""
        if line and previous:
            following = lines[index + 1].strip() if index + 1 < len(lines) else None
            lone = _lone_label(previous)
            joins = wrapped and _joins(previous, line, following, blank_separated)
            if lone or joins or _runs_on(previous, line):
                glue = "" if _hyphenated(previous) and not lone else " "
                out[-1] = previous + glue + line
                continue
        out.append(line)
    return "\n".join(out)


def prepare_text(text: str) -> str:
    """Normalise white space, then re-flow: the extracted text every offset refers to."""
    return normalise_whitespace(reflow(normalise_whitespace(text)))
