"""Builders for realistic audit snapshots used by the report tests and the report benchmark."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from desktop_app.core.audit import (
    AuditSnapshot,
    EvidenceRecord,
    ItemReview,
    PolicyVersionInfo,
    TrailEvent,
)
from desktop_app.core.checklist import (
    TOPICS,
    Checklist,
    ChecklistItem,
    ChildAgeRule,
    Deadline,
    Source,
)
from desktop_app.core.document import Clause, Defect
from desktop_app.core.status import Decision, Level, Status

AWKWARD_NOTE = "<b>bold?</b> & AT&T <tom@example.com>"
CJK_NOTE = "客户资料只在香港处理。"
INDONESIAN_NOTE = "Kebijakan ini belum menyebutkan jangka waktu penyimpanan data pribadi."

CLAUSE_TEXTS = (
    ("1", "About us", "Example Ltd is the data controller for the personal data described "
                      "in this policy."),
    ("2.1", "What we collect", "We collect your name, email address, purchase history and "
                               "device identifiers when you use our services."),
    ("2.2", "What we collect", "We may receive data about you from partners and public "
                               "sources such as social networks."),
    ("3", "Why we use it", "We use personal data to provide the services, to process "
                           "payments, and to send marketing where you agreed to it."),
    ("4", "Sharing", "We share personal data with service providers, group companies and, "
                     "where the law requires it, with authorities."),
    ("5", "Transfers", "Your data may be transferred to and stored in countries outside "
                       "your own, including Japan and the United States."),
    ("6", "Your rights", "You may ask for access to and correction of your personal data by "
                         "writing to privacy@example.com."),
    ("7", "Retention", "We keep data for as long as necessary for the purposes above."),
    ("8", "Children", "Our services are not directed to children under 13."),
    ("9", "联系我们", "如有疑问，请联系我们的资料保护主任。"),
    ("10", "Hak Anda", "Anda berhak meminta akses dan koreksi atas data pribadi Anda."),
)

ITEM_TEMPLATES = (
    ("controller", "Identity of the data user", Level.MUST, "controller-identity"),
    ("purposes", "Purposes of collection", Level.MUST, "purposes"),
    ("categories", "Kinds of data collected", Level.MUST, "data-categories"),
    ("recipients", "Classes of transferees", Level.MUST, "recipients"),
    ("access", "Right of access and correction", Level.MUST, "rights-access"),
    ("retention", "Retention period", Level.SHOULD, "retention"),
    ("transfers", "Cross-border transfers", Level.SHOULD, "transfers"),
    ("children", "Children's data", Level.SHOULD, "children"),
    ("dpo", "Contact of the privacy officer", Level.SHOULD, "dpo-contact"),
    ("security", "Security measures", Level.GOOD_PRACTICE, "security"),
    ("cookies", "Cookies and tracking", Level.GOOD_PRACTICE, "cookies-tracking"),
    ("automated", "Automated decisions", Level.GOOD_PRACTICE, "automated-decisions"),
)

# (reviewed status or None, suggested status, note) per template, so every status appears both
# reviewed and as an unreviewed suggestion.
REVIEW_PLAN = (
    (Status.SATISFIED, Status.SATISFIED, ""),
    (Status.PARTIAL, Status.SATISFIED, AWKWARD_NOTE),
    (None, Status.SATISFIED, ""),
    (None, Status.MISSING, ""),
    (Status.SATISFIED, Status.PARTIAL, CJK_NOTE),
    (Status.MISSING, Status.PARTIAL, INDONESIAN_NOTE),
    (None, Status.PARTIAL, ""),
    (Status.NOT_APPLICABLE, Status.SATISFIED, "The service is not offered to children."),
    (Status.MISSING, Status.MISSING, ""),
    (None, Status.NOT_APPLICABLE, ""),
    (Status.PARTIAL, Status.PARTIAL, "Only the cookie banner is referred to."),
    (Status.SATISFIED, Status.SATISFIED, ""),
)


def policy_text() -> tuple[str, tuple[Clause, ...]]:
    """A small multilingual policy with numbered clauses and offsets into its text."""
    parts: list[str] = []
    clauses: list[Clause] = []
    position = 0
    for ref, heading, body in CLAUSE_TEXTS:
        line = f"{ref} {body}"
        clauses.append(Clause(ref, heading, position, position + len(line), line))
        parts.append(line)
        position += len(line) + 1
    return "\n".join(parts), tuple(clauses)


def make_checklist(checklist_id: str = "pdpo", *, copies: int = 1) -> Checklist:
    """A checklist with items of every level; `copies` repeats the templates for big reports."""
    items = []
    for copy in range(copies):
        suffix = "" if copy == 0 else f"-{copy + 1}"
        for slug, title, level, topic in ITEM_TEMPLATES:
            items.append(ChecklistItem(
                id=f"{checklist_id}.{slug}{suffix}",
                title=title + ("" if copy == 0 else f" ({copy + 1})"),
                citation=f"DPP1(3)(b)({slug[:3]})",
                requirement=f"The policy must state the {title.lower()} clearly enough for a "
                            f"data subject to understand {TOPICS[topic].lower()}.",
                level=level,
                topic=topic,
                cues=(slug,),
                guidance="Satisfied when stated in full; partial when only mentioned.",
            ))
    return Checklist(
        id=checklist_id,
        name=f"{checklist_id.upper()} — Example privacy law",
        jurisdiction="Hong Kong SAR",
        law="Personal Data (Privacy) Ordinance (Cap. 486)",
        law_version="as amended in 2021",
        regulator="Privacy Commissioner",
        version="2026.1",
        last_reviewed="2026-11-01",
        items=tuple(items),
        sources=(Source("https://example.org/statute", "statute text"),
                 Source("https://example.org/guidance")),
        deadlines=(Deadline("Data access request", "40 days", "s.19(1)"),),
        child_age=ChildAgeRule("No fixed age; consent of a parent is expected for minors.", None),
        content_hash=hashlib.sha256(checklist_id.encode()).hexdigest(),
    )


def _evidence(clauses: tuple[Clause, ...], index: int, count: int) -> tuple[EvidenceRecord, ...]:
    records = []
    for offset in range(count):
        clause = clauses[(index + offset) % len(clauses)]
        records.append(EvidenceRecord(
            id=index * 10 + offset + 1, ref=clause.ref, start=clause.start, end=clause.end,
            quote=clause.text, source="auto" if offset == 0 else "manual",
            note="Found by the reviewer." if offset else "",
        ))
    return tuple(records)


def make_snapshot(audit_id: int = 1, *, checklist: Checklist | None = None,
                  policy_name: str = "Example privacy policy", signed_off: bool = False,
                  version: int = 1, policy_id: int | None = None) -> AuditSnapshot:
    """An audit covering every status, reviewed and not, with evidence, notes and a trail."""
    checklist = checklist or make_checklist()
    policy_id = audit_id if policy_id is None else policy_id
    text, clauses = policy_text()
    reviews = []
    for index, item in enumerate(checklist.items):
        status, suggested, note = REVIEW_PLAN[index % len(REVIEW_PLAN)]
        evidence_count = 0 if suggested is Status.MISSING else 1 + index % 2
        reviews.append(ItemReview(
            item_id=item.id, suggested_status=suggested, confidence=0.4 + (index % 6) / 10,
            reason=f"Matched {evidence_count} clause(s) on the item's cues.",
            status=status,
            reviewer="alice" if status is not None else "",
            reviewed_at="2026-11-20T10:00:00Z" if status is not None else "",
            note=note,
            needs_rereview=index % 7 == 3,
            evidence=_evidence(clauses, index, evidence_count),
            decision=Decision.PERSON if status is not None else None,
        ))
    trail = tuple(
        TrailEvent(seq=seq, at=f"2026-11-20T10:0{seq}:00Z", actor="alice", action=action,
                   audit_id=audit_id, item_id=item, before=before, after=after,
                   hash=hashlib.sha256(f"{audit_id}-{seq}".encode()).hexdigest())
        for seq, (action, item, before, after) in enumerate((
            ("create-audit", "", "", "open"),
            ("set-status", checklist.items[0].id, "", "satisfied"),
            ("set-note", checklist.items[1].id, "", AWKWARD_NOTE),
        ), start=1)
    )
    snapshot = AuditSnapshot(
        audit_id=audit_id,
        policy=PolicyVersionInfo(
            policy_id=policy_id, version_id=policy_id * 10 + version, name=policy_name,
            version=version, file_name="policy.txt", source_format="txt",
            sha256=hashlib.sha256(text.encode()).hexdigest(), imported_at="2026-11-19T09:00:00Z",
            title="Privacy Policy", organisation="Example Ltd & Co.", effective_date="2026-01-01",
        ),
        checklist=checklist,
        checklist_hash=checklist.content_hash,
        state="open",
        created_at="2026-11-19T09:00:00Z",
        reviews=tuple(reviews),
        clauses=clauses,
        defects=(
            Defect("placeholder", 10, 20, "[COMPANY NAME]", "Placeholder left in the text."),
            Defect("blank-reference", 30, 40, "see section  above", "Reference with no target."),
        ),
        text=text,
        trail=trail,
        reviewers=("alice", "bob"),
    )
    return sign(snapshot) if signed_off else snapshot


def sign(snapshot: AuditSnapshot) -> AuditSnapshot:
    """The same audit, signed off by bob."""
    return replace(snapshot, state="signed-off", signed_off_by="bob",
                   signed_off_at="2026-11-21T16:00:00Z")
