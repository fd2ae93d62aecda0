"""Where an offset of the policy text is, in words a reader can follow in the original."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.core.document import Clause

_LINE_CHARS = 60


def describe_position(text: str, clauses: Sequence[Clause], offset: int) -> str:
    """"clause 3.1(b)" inside a clause; outside every clause (a heading, removed page text), the
    line it is on and the clause that follows or precedes it."""
    for clause in clauses:
        if clause.start <= offset < clause.end:
            return f"clause {clause.ref}"
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = " ".join(text[line_start:line_end if line_end >= 0 else len(text)].split())
    if len(line) > _LINE_CHARS:
        line = line[:_LINE_CHARS - 1].rstrip() + "…"
    following = next((clause for clause in clauses if clause.start > offset), None)
    if following is not None:
        where = f"before clause {following.ref}"
    elif clauses:
        where = f"after clause {clauses[-1].ref}"
    else:
        where = "in the text"
    return f"line “{line}”, {where}" if line else where
