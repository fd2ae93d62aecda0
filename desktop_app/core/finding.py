"""Findings and the remediation plan: what must change in a policy, who does it, by when."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from desktop_app.core.status import Level, Status
from desktop_app.errors import WorkflowError


class Risk(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for the most serious, for sorting."""
        return ("high", "medium", "low").index(self.value)

    @property
    def label(self) -> str:
        return self.value.title()


class FindingState(str, Enum):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    RISK_ACCEPTED = "risk-accepted"

    @property
    def label(self) -> str:
        return {"open": "Open", "in-progress": "In progress", "done": "Done",
                "risk-accepted": "Risk accepted"}[self.value]

    @property
    def is_open(self) -> bool:
        """Still needs work: open or in progress."""
        return self in (FindingState.OPEN, FindingState.IN_PROGRESS)


#: Item statuses that raise a finding without anyone asking for one.
FINDING_STATUSES = (Status.PARTIAL, Status.MISSING)

#: Findings on drafting defects are keyed "defect-<n>", n counting the version's defects from 1.
DEFECT_PREFIX = "defect-"
#: What a defect finding shows where an item finding shows the item's status.
DEFECT_LABEL = "Drafting defect"

#: The fields a person can change, in the order they are shown.
EDITABLE_FIELDS = ("risk", "recommendation", "response", "owner", "due", "state")

_SATISFIED_WHEN = "Satisfied when "

#: How sample wording is introduced wherever it is shown.
SAMPLE_WORDING_LABEL = "Sample wording (a starting point for counsel, not legal advice)"


def default_recommendation(requirement: str, guidance: str) -> str:
    """What to change, from the checklist: the guidance's test for 'satisfied', as an action."""
    first = re.split(r"(?<=\.)\s+", guidance.strip(), maxsplit=1)[0]
    if first.startswith(_SATISFIED_WHEN):
        return "Revise the policy so that " + first[len(_SATISFIED_WHEN):]
    return f"Revise the policy: {requirement}" if requirement else guidance


def defect_number(item_id: str) -> int | None:
    """n of a "defect-<n>" finding id, else None (an item id)."""
    if not item_id.startswith(DEFECT_PREFIX) or not item_id[len(DEFECT_PREFIX):].isdigit():
        return None
    return int(item_id[len(DEFECT_PREFIX):])


def default_risk(level: Level, status: Status | None) -> Risk:
    """A must-level gap is high risk, a partial one medium; should-level one step lower."""
    if status not in FINDING_STATUSES:
        return Risk.LOW
    missing = status == Status.MISSING
    if level == Level.MUST:
        return Risk.HIGH if missing else Risk.MEDIUM
    if level == Level.SHOULD:
        return Risk.MEDIUM if missing else Risk.LOW
    return Risk.LOW


@dataclass(frozen=True)
class StoredFinding:
    """What a person decided about a finding. None for risk or recommendation: the default."""

    id: int
    audit_id: int
    item_id: str
    risk: Risk | None = None
    recommendation: str | None = None
    response: str = ""
    owner: str = ""
    due: str = ""
    state: FindingState = FindingState.OPEN
    closing_evidence: str = ""
    carried_from: int | None = None

    def fields(self) -> dict[str, str | None]:
        """The editable fields as stored (the shape the trail records)."""
        return {"risk": None if self.risk is None else self.risk.value,
                "recommendation": self.recommendation, "response": self.response,
                "owner": self.owner, "due": self.due, "state": self.state.value}


@dataclass(frozen=True)
class Finding:
    """One line of the remediation plan, with defaults filled in."""

    audit_id: int
    item_id: str
    title: str
    citation: str
    level: Level
    status: Status | None       # the item's status (reviewed, else suggested); None: a defect
    decided_by: str             # who decided that status; "" while it is only suggested
    risk: Risk
    recommendation: str
    response: str = ""
    owner: str = ""
    due: str = ""
    state: FindingState = FindingState.OPEN
    risk_is_default: bool = True
    recommendation_is_default: bool = True
    closing_evidence: str = ""
    #: The clause that now satisfies the item, when a person decided it is satisfied while the
    #: finding is still open: the finding can be closed with it as evidence.
    closing_offer: str = ""
    carried: bool = False
    sample_wording: str = ""

    @property
    def status_label(self) -> str:
        return self.status.label if self.status is not None else DEFECT_LABEL

    @property
    def status_symbol(self) -> str:
        return self.status.symbol if self.status is not None else "⚠"

    @property
    def closable(self) -> bool:
        return bool(self.closing_offer)

    def overdue(self, today: dt.date) -> bool:
        return self.state.is_open and bool(self.due) and self.due < today.isoformat()


def parse_risk(text: str) -> Risk:
    try:
        return Risk(text.strip().lower())
    except ValueError:
        raise WorkflowError(f"unknown risk {text!r}; use one of: high, medium, low") from None


def parse_state(text: str) -> FindingState:
    word = text.strip().lower().replace(" ", "-").replace("_", "-")
    try:
        return FindingState(word)
    except ValueError:
        allowed = ", ".join(s.value for s in FindingState)
        raise WorkflowError(f"unknown finding state {text!r}; use one of: {allowed}") from None


def parse_due(text: str) -> str:
    """An ISO date (YYYY-MM-DD), or "" to clear it."""
    text = text.strip()
    if not text:
        return ""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise WorkflowError(f"the due date {text!r} is not a date in the form YYYY-MM-DD") \
            from None


def check_fields(fields: dict[str, str | None]) -> None:
    """Rules across fields: accepting a risk needs the reason in the management response."""
    if fields.get("state") == FindingState.RISK_ACCEPTED.value and \
            not (fields.get("response") or "").strip():
        raise WorkflowError("accepting a risk needs a reason: give it as the management "
                            "response (--response TEXT)")
