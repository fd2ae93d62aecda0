"""What every report section needs: the audits, the styles, and safe paragraph builders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.status import Level, Status
from desktop_app.reports.fonts import FontSet, markup, report_fonts
from desktop_app.reports.styles import STATUS_TEXT_COLOURS, Styles, report_styles

#: Long text is split into pieces of this size, each its own table row, so that no row
#: outgrows a page.
CHUNK = 1200
CHUNK_LINES = 30
ISO_TIME = re.compile(r"(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?)(?:\.\d+)?(Z|[+-]\d\d:\d\d)?")


class ReportParagraph(Paragraph):
    """A Paragraph that remembers its last wrap.

    Tables wrap every cell again when they draw, and multiBuild lays the story out twice; line
    breaking depends only on the width, so repeating it for the same width is wasted work.
    """

    _wrapped: tuple[float, tuple[float, float], object] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # Reuse only while the line breaks of that wrap are still in place (split drops them).
        cached = self._wrapped
        if cached is not None and cached[0] == availWidth and \
                getattr(self, "blPara", None) is cached[2]:
            self.width, self.height = cached[1]
            return cached[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size, getattr(self, "blPara", None))
        return size


class Heading(ReportParagraph):
    """A section heading that becomes a PDF outline entry (and a contents line).

    A heading longer than a page (a policy name of any length) splits like any paragraph; only
    its first part carries the outline entry.
    """

    def __init__(self, text_markup: str, style: Any, level: int = 0, key: str = "",
                 **kwargs: Any) -> None:
        super().__init__(text_markup, style, **kwargs)
        self.outline_level = level
        self.outline_key = key

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if parts:
            # Flowables carry no outline attributes in the stubs; the outline hook reads these.
            parts[0].outline_level = self.outline_level  # type: ignore[attr-defined]
            parts[0].outline_key = self.outline_key  # type: ignore[attr-defined]
        return parts


@dataclass(frozen=True)
class ReportContext:
    """The inputs of one report build."""

    snapshots: tuple[AuditSnapshot, ...]
    generated_at: str
    digest: str
    draft: bool
    styles: Styles
    fonts: FontSet
    trail_check: str = ""
    integrity_failure: str = ""  # what the integrity check found wrong; "" when it passed

    @classmethod
    def create(cls, snapshots: Sequence[AuditSnapshot], *, generated_at: str, digest: str,
               draft: bool, trail_check: str = "", integrity_failure: str = "") -> ReportContext:
        return cls(tuple(snapshots), generated_at, digest, draft, report_styles(), report_fonts(),
                   trail_check, integrity_failure)

    @property
    def policies(self) -> list[AuditSnapshot]:
        """One snapshot per distinct policy version, in report order."""
        seen: dict[int, AuditSnapshot] = {}
        for snapshot in self.snapshots:
            seen.setdefault(snapshot.policy.version_id, snapshot)
        return list(seen.values())

    @property
    def unconfirmed(self) -> int:
        """Items whose status is still the engine's suggestion, across all audits."""
        return sum(1 for s in self.snapshots for review in s.reviews if not review.reviewed)

    @property
    def not_decided(self) -> int:
        """Items no person decided (unconfirmed or accepted in bulk), across all audits."""
        return sum(1 for s in self.snapshots for review in s.reviews
                   if not review.decided_by_person)

    @property
    def many_policies(self) -> bool:
        return len(self.policies) > 1

    @property
    def subject(self) -> str:
        """What the report covers, in a few words (header, metadata, cover subtitle)."""
        policies = self.policies
        if len(policies) == 1:
            policy = policies[0].policy
            return f"{policy.name} (version {policy.version})"
        return f"Portfolio of {len(policies)} policies"


def text(value: str) -> str:
    """User or policy text made safe for Paragraph markup."""
    return markup(value)


def heading(context: ReportContext, title: str, level: int, key: str) -> Heading:
    """A numbered section heading that appears in the outline and the contents."""
    style = (context.styles.h1, context.styles.h2, context.styles.h3)[level]
    return Heading(markup(title), style, level, key)


def para(value: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph showing `value` literally."""
    return ReportParagraph(markup(value), style)


def rich(fragments: Sequence[str], style: ParagraphStyle) -> Paragraph:
    """A Paragraph built from fragments that are already markup (produced by `text`/`bold`)."""
    return ReportParagraph("".join(fragments), style)


def bold(value: str) -> str:
    return f"<b>{markup(value)}</b>"


def status_markup(status: Status, *, reviewed: bool) -> str:
    """Symbol and label in the status colour; an unreviewed suggestion says so in words."""
    colour = STATUS_TEXT_COLOURS[status].hexval()[2:]
    label = f'<font color="#{colour}"><b>{status.symbol} {status.label}</b></font>'
    if reviewed:
        return f"{label} — REVIEWED"
    return f"{label} — <i>suggested, not yet reviewed</i>"


def checklist_short_name(snapshot: AuditSnapshot) -> str:
    """"European Union (GDPR)" from "European Union — General Data Protection Regulation"."""
    checklist = snapshot.checklist
    region = checklist.name.split(" — ")[0].strip()
    code = checklist.id.upper()
    return region if region.upper() == code else f"{region} ({code})"


def audit_label(snapshot: AuditSnapshot, *, with_policy: bool) -> str:
    """A short name for one audit (plain text)."""
    if not with_policy:
        return f"{snapshot.checklist.name} v{snapshot.checklist.version}"
    policy = snapshot.policy
    return f"{policy.name} v{policy.version} · {checklist_short_name(snapshot)}"


def level_label(level: Level) -> str:
    return level.value.replace("-", " ")


def display_time(stamp: str) -> str:
    """"2026-11-24 04:33:07 UTC" from an ISO timestamp; anything else is shown as it is."""
    match = ISO_TIME.fullmatch(stamp)
    if match is None:
        return stamp
    zone = match.group(2)
    suffix = " UTC" if zone in ("Z", "+00:00") else f" {zone}" if zone else ""
    return match.group(1).replace("T", " ") + suffix


def brief(value: str, chars: int, lines: int = 6) -> str:
    """At most `chars` characters and `lines` lines of `value`, with an ellipsis when cut."""
    kept = value.splitlines()[:lines] if value else []
    short = "\n".join(kept)
    if len(short) > chars:
        short = short[: chars - 1]
    return short + "…" if short != value else short


def chunks(value: str) -> list[str]:
    """Split long text into pieces of at most about CHUNK characters and CHUNK_LINES lines,
    at line ends or spaces where possible."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in _short_lines(value):
        if current and (size + len(line) > CHUNK or len(current) >= CHUNK_LINES):
            pieces.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    pieces.append("\n".join(current))
    return pieces


def _short_lines(value: str) -> list[str]:
    lines: list[str] = []
    for line in value.splitlines() or [""]:
        while len(line) > CHUNK:
            cut = line.rfind(" ", 0, CHUNK)
            cut = cut if cut > CHUNK // 2 else CHUNK
            lines.append(line[:cut])
            line = line[cut:].lstrip()
        lines.append(line)
    return lines
