"""The service facade the GUI and the CLI both call: one open audit database plus checklists.

Every mutating call is one transaction, stored at once and recorded in the audit trail.
Calls take and return ids and dataclasses, never widgets or raw rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from desktop_app import keys
from desktop_app.audit_package.build import build as build_package
from desktop_app.core.analysis import ChecklistChoice, PolicyAnalysis, analyse_file, analyse_files
from desktop_app.core.assessment import ChecklistAssessment
from desktop_app.core.audit import (
    AuditSnapshot,
    AuditSummary,
    LinkedDecision,
    PolicyVersionInfo,
    TrailEvent,
)
from desktop_app.core.checklist import Checklist
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.document import Clause, Defect, PolicyDocument
from desktop_app.core.engine import assess
from desktop_app.core.finding import Finding, parse_due, parse_risk, parse_state
from desktop_app.core.in_force import all_in_force, in_force, parse_as_at
from desktop_app.core.linked import linked_decisions
from desktop_app.core.plan import PortfolioLine, plan_of
from desktop_app.core.plan import portfolio as portfolio_of
from desktop_app.core.safe_text import readable
from desktop_app.core.status import Status
from desktop_app.errors import (
    AuditorError,
    ChecklistError,
    InputError,
    IntegrityCheckFailed,
    NotFoundError,
    StoreError,
    WorkflowError,
)
from desktop_app.paths import default_db_path
from desktop_app.reports import outputs
from desktop_app.reviewer import default_reviewer
from desktop_app.store import (
    coverage,
    findings,
    imports,
    item_state,
    library,
    repo,
    settings,
    signatures,
    trail,
    workflow,
)
from desktop_app.store import diff as clause_diff
from desktop_app.store.backup import copy_to as copy_database
from desktop_app.store.database import (
    BUSY_TIMEOUT_SECONDS,
    connect,
    now,
    read,
    translate_errors,
    write,
)
from desktop_app.store.diff import ClauseChange
from desktop_app.store.item_state import ItemState, ReviewChange
from desktop_app.store.migrations import migrate
from desktop_app.store.package_source import package_source
from desktop_app.store.refresh import AuditRefresh, refresh
from desktop_app.store.verify import verify as verify_database
from desktop_app.store.workflow import SignOffResult

Progress = Callable[[int, int, str], None]
_T = TypeVar("_T")

@dataclass(frozen=True)
class ImportResult:
    policy_id: int
    version_id: int
    version: int
    audit_ids: tuple[int, ...]
    unchanged: bool = False          # the same file (sha256) was already the latest version
    carried_forward: int = 0         # reviews carried from the previous version
    flagged: int = 0                 # reviews flagged for re-review


@dataclass(frozen=True)
class PolicySummary:
    policy_id: int
    name: str
    latest_version: int
    latest_version_id: int
    organisation: str
    imported_at: str
    audit_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class PolicyDiff:
    policy_id: int
    from_version: int
    to_version: int
    changes: tuple[ClauseChange, ...] = ()


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    events_checked: int
    problems: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)  # what a pass does not prove


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str
    snapshots: tuple[AuditSnapshot, ...]
    verification: VerifyReport
    marked: bool  # a failed check is printed in the output itself (pdf, docx)


def _who(actor: str) -> str:
    """The name recorded for a change: the one given, else the default reviewer."""
    return readable(actor.strip()) or default_reviewer()


class Workspace:
    """An open audit database and the checklists (shipped and user) it can use.

    One connection per Workspace: use it from the thread that created it. A blank actor
    stands for the default reviewer.

    Attributes:
        backup: the copy of the database taken before a migration on opening, or None.

    Raises:
        StoreError: the database cannot be opened, or (with `create=False`) does not exist.
    """

    def __init__(self, db_path: Path | None = None, *,
                 registry: ChecklistRegistry | None = None,
                 busy_timeout: float = BUSY_TIMEOUT_SECONDS, create: bool = True) -> None:
        self._path = Path(db_path) if db_path is not None else default_db_path()
        self._registry = registry
        if not create and not self._path.exists():
            raise StoreError(f"no database at {self._path}; use `import` to create one or "
                             "check the path")
        self._db = connect(self._path, busy_timeout=busy_timeout)
        try:
            with translate_errors(self._path):
                self.backup = migrate(self._db, self._path)
                coverage.install(self._db)
        except BaseException:
            self._db.close()
            raise

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @property
    def db_path(self) -> Path:
        return self._path

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        with translate_errors(self._path):
            yield

    @property
    def registry(self) -> ChecklistRegistry:
        if self._registry is None:
            self._registry = ChecklistRegistry.default()
        return self._registry

    def checklists(self) -> list[Checklist]:
        return self.registry.all()

    def import_policy(self, path: Path, checklist_ids: Sequence[str] | None = None, *,
                      name: str | None = None, actor: str = "", as_at: str | None = None,
                      progress: Progress | None = None) -> ImportResult:
        """Ingest, lint and assess a policy file; with no checklist ids, use the detected ones.

        The law is applied as at `as_at` (an ISO date; default today). Re-importing a policy
        also re-assesses it against the checklists of its latest version.
        """
        path = Path(path)
        as_at = parse_as_at(as_at)
        analysis = analyse_file(path, self._choice(path, checklist_ids, name, as_at), progress)
        result = self._store(analysis, name, actor, as_at)
        if progress:
            progress(3, 3, "Stored")
        return result

    def import_policies(self, files: Sequence[Path], checklist_ids: Sequence[str] | None = None,
                        *, actor: str = "", as_at: str | None = None, workers: int | None = None,
                        progress: Progress | None = None) -> list[ImportResult | AuditorError]:
        """Import many files: analysed in parallel processes, stored one by one in file order.

        A file that cannot be imported gives its error in place of a result; the others go on.
        """
        files = [Path(f) for f in files]
        as_at = parse_as_at(as_at)
        jobs = [(path, self._choice(path, checklist_ids, None, as_at)) for path in files]
        workers = workers if workers is not None else min(len(files), os.cpu_count() or 1)
        results: list[ImportResult | AuditorError] = []
        for index, analysis in enumerate(analyse_files(jobs, workers)):
            if progress:
                progress(index, len(files), f"Storing {files[index].name}")
            if isinstance(analysis, AuditorError):
                results.append(analysis)
            elif isinstance(analysis, Exception):
                raise analysis
            else:
                try:
                    results.append(self._store(analysis, None, actor, as_at))
                except InputError as error:
                    results.append(error)
        return results

    def _choice(self, path: Path, checklist_ids: Sequence[str] | None,
                explicit_name: str | None, as_at: str) -> ChecklistChoice:
        available = all_in_force(self.registry.all(), as_at)
        if checklist_ids:
            return ChecklistChoice(named=tuple(in_force(self.registry.get(cid), as_at)
                                               for cid in dict.fromkeys(checklist_ids)),
                                   available=available)
        with self._guard():
            policy_id = imports.find_policy(self._db, readable(explicit_name or path.name),
                                            "" if explicit_name else readable(str(path.resolve())))
            previous = ([] if policy_id is None
                        else imports.previous_checklist_ids(self._db, policy_id))
        extra = []
        for cid in previous:
            try:
                extra.append(self.registry.get(cid))
            except ChecklistError:  # its file is gone: keep assessing against the stored copy
                with self._guard():
                    extra.append(repo.latest_checklist(self._db, cid))
        return ChecklistChoice(available=available, extra=all_in_force(extra, as_at))

    def _store(self, analysis: PolicyAnalysis, name: str | None, actor: str,
               as_at: str) -> ImportResult:
        path = analysis.path
        if not analysis.assessments:
            raise InputError(f"{path.name}: no jurisdiction checklist was detected; name one with "
                             "--checklist ID (run 'policy-auditor checklists' to list them)")
        # A file name that is not valid UTF-8 is stored (and shown) with U+FFFD in its place.
        source = imports.SourceFile(name=readable(name or path.name), file_name=readable(path.name),
                                    sha256=analysis.sha256,
                                    source_path=readable(str(path.resolve())),
                                    match_path=name is None)
        return self.import_document(analysis.document, analysis.assessments, source=source,
                                    defects=analysis.defects, actor=actor, as_at=as_at)

    def import_document(self, document: PolicyDocument,
                        assessments: Sequence[tuple[Checklist, ChecklistAssessment]], *,
                        source: imports.SourceFile, defects: Sequence[Defect] = (),
                        actor: str = "", as_at: str | None = None) -> ImportResult:
        """Store an already ingested and assessed document (a new version if its sha256 is new).

        The checklists are taken as already resolved for `as_at` (default today).
        """
        with self._guard():
            stored = imports.record_import(self._db, source, document, defects, assessments,
                                           _who(actor), parse_as_at(as_at))
        return ImportResult(stored.policy_id, stored.version_id, stored.version,
                            stored.audit_ids, stored.unchanged, stored.carried_forward,
                            stored.flagged)

    def policies(self) -> list[PolicySummary]:
        sql = """
        SELECT p.id AS policy_id, p.name, v.version AS latest_version,
               v.id AS latest_version_id, v.organisation, v.imported_at
        FROM policies p JOIN policy_versions v ON v.policy_id = p.id
        WHERE v.version = (SELECT max(version) FROM policy_versions WHERE policy_id = p.id)
        ORDER BY p.name COLLATE NOCASE
        """
        with self._guard():
            rows = list(self._db.query(sql))
            return [PolicySummary(**row, audit_ids=tuple(
                r[0] for r in self._db.execute(
                    "SELECT a.id FROM audits a JOIN policy_versions v ON v.id = a.policy_version_id"
                    " WHERE v.policy_id = ? ORDER BY a.id", [row["policy_id"]])))
                for row in rows]

    def versions(self, policy_id: int) -> list[PolicyVersionInfo]:
        """The stored versions of a policy, oldest first."""
        with self._guard():
            found = repo.version_infos(self._db, policy_id)
        if not found:
            raise NotFoundError(f"no policy with id {policy_id}; "
                                "run 'policy-auditor audits' to see what is stored")
        return found

    def audits(self, policy_id: int | None = None, *,
               include_archived: bool = True) -> list[AuditSummary]:
        """The stored audits, each with the version its checklist has now (to spot older ones)."""
        with self._guard():
            summaries = [s for s in repo.audit_summaries(self._db, policy_id)
                         if include_archived or not s.archived]
        current = {c.id: c.version for c in self.registry.all()}
        return [replace(s, current_checklist_version=current.get(s.checklist_id, ""))
                for s in summaries]

    def _linked(self, audit_id: int, row: dict[str, Any],
                checklist: Checklist) -> tuple[LinkedDecision, ...]:
        """Decisions on the same requirements in the other audits of this policy version."""
        others = []
        for other in self._db.query(
                "SELECT id, checklist_snapshot_id FROM audits WHERE policy_version_id = ? "
                "AND id != ?", [row["policy_version_id"], audit_id]):
            other_checklist, _hash = repo.load_checklist(self._db, other["checklist_snapshot_id"])
            others.append((other["id"], other_checklist, repo.reviews(self._db, other["id"])))
        return linked_decisions(checklist, others)

    def audit(self, audit_id: int) -> AuditSnapshot:
        with self._guard():
            row = repo.audit_row(self._db, audit_id)
            version = repo.version(self._db, row["policy_version_id"])
            checklist, checklist_hash = repo.load_checklist(self._db, row["checklist_snapshot_id"])
            events = trail.events(self._db, audit_id)
            return AuditSnapshot(
                audit_id=audit_id,
                policy=repo.version_info(self._db, row["policy_version_id"]),
                checklist=checklist,
                checklist_hash=checklist_hash,
                state=row["state"],
                created_at=row["created_at"],
                signed_off_by=row["signed_off_by"],
                signed_off_at=row["signed_off_at"],
                reviews=repo.reviews(self._db, audit_id),
                clauses=tuple(repo.clauses_from_row(version)),
                defects=tuple(repo.defects_from_row(version)),
                text=version["text"],
                trail=tuple(events),
                reviewers=tuple(dict.fromkeys(e.actor for e in events if e.actor)),
                stored_findings=findings.stored(self._db, audit_id),
                as_at=row["as_at"],
                engine_version=row["engine_version"],
                upgraded_from_version=repo.snapshot_version(self._db,
                                                            row["upgraded_from_snapshot_id"]),
                override_reason=row["override_reason"],
                signatures=signatures.records(self._db, audit_id),
                linked=self._linked(audit_id, row, checklist),
            )

    def refreshed(self, snapshot: AuditSnapshot, item_ids: Sequence[str]) -> AuditSnapshot:
        """The snapshot with these items, the audit's state, findings and new trail events
        re-read: what a review action can change, without reloading the whole audit."""
        after = snapshot.trail[-1].seq if snapshot.trail else 0
        with self._guard(), read(self._db):
            row = repo.audit_row(self._db, snapshot.audit_id)
            fresh = {r.item_id: r for r in repo.reviews_of(self._db, snapshot.audit_id, item_ids)}
            events = trail.events(self._db, snapshot.audit_id, after_seq=after)
            return replace(
                snapshot,
                state=row["state"], signed_off_by=row["signed_off_by"],
                signed_off_at=row["signed_off_at"], override_reason=row["override_reason"],
                reviews=tuple(fresh.get(r.item_id, r) for r in snapshot.reviews),
                trail=snapshot.trail + tuple(events),
                reviewers=tuple(dict.fromkeys((*snapshot.reviewers,
                                               *(e.actor for e in events if e.actor)))),
                stored_findings=findings.stored(self._db, snapshot.audit_id))

    def rename_policy(self, policy_id: int, name: str, actor: str) -> None:
        """Rename a policy in the library; the old and new names go into the trail."""
        with self._guard():
            library.rename_policy(self._db, policy_id, readable(name), _who(actor))

    def set_archived(self, audit_id: int, archived: bool, actor: str) -> bool:
        """Archive an audit (or bring it back); returns False when it already was so."""
        with self._guard():
            return library.set_archived(self._db, audit_id, archived, _who(actor))

    def delete_audit(self, audit_id: int, actor: str) -> dict[str, object]:
        """Delete an open audit for good (recorded in the trail); returns what it was."""
        with self._guard():
            return library.delete_audit(self._db, audit_id, _who(actor))

    def trail_head(self) -> int:
        """The number of the latest trail event: it grows with every change anyone stores."""
        with self._guard():
            return int(self._db.execute("SELECT seq FROM trail_head WHERE id = 1").fetchone()[0])

    def document(self, version_id: int) -> PolicyDocument:
        with self._guard():
            return repo.document_from_row(repo.version(self._db, version_id))

    def _tracked(self, audit_id: int, item_ids: Sequence[str] | None,
                 action: Callable[[], _T]) -> tuple[_T, dict[str, ItemState],
                                                    dict[str, ItemState]]:
        """Run a review action in one transaction, with the state of the items it may change
        before and after it."""
        with self._guard(), write(self._db):
            before = item_state.capture(self._db, audit_id, item_ids)
            result = action()
            return result, before, item_state.capture(self._db, audit_id, item_ids)

    @staticmethod
    def _change(audit_id: int, items: Sequence[str], before: dict[str, ItemState],
                after: dict[str, ItemState], evidence_id: int | None = None) -> ReviewChange:
        return ReviewChange(audit_id, tuple(items), tuple(before[i] for i in items),
                            evidence_id, tuple(after[i] for i in items))

    def accept_suggestions(self, audit_id: int, actor: str, *, min_confidence: float = 0.0,
                           item_ids: Sequence[str] | None = None) -> ReviewChange:
        """Confirm suggested statuses (not yet reviewed items only); returns what changed."""
        changed, before, after = self._tracked(
            audit_id, item_ids, lambda: workflow.accept_suggestions(
                self._db, audit_id, _who(actor), min_confidence=min_confidence,
                item_ids=item_ids))
        return self._change(audit_id, changed, before, after)

    def set_status(self, audit_id: int, item_id: str, status: Status | None,
                   actor: str) -> ReviewChange:
        """Set the reviewed status; None returns the item to 'not reviewed'."""
        _, before, after = self._tracked(audit_id, [item_id], lambda: workflow.set_status(
            self._db, audit_id, item_id, status, _who(actor)))
        return self._change(audit_id, [item_id], before, after)

    def set_note(self, audit_id: int, item_id: str, note: str, actor: str) -> ReviewChange:
        _, before, after = self._tracked(audit_id, [item_id], lambda: workflow.set_note(
            self._db, audit_id, item_id, readable(note), _who(actor)))
        return self._change(audit_id, [item_id], before, after)

    def add_evidence(self, audit_id: int, item_id: str, actor: str, *, start: int | None = None,
                     end: int | None = None, quote: str | None = None,
                     note: str = "") -> ReviewChange:
        """Attach a span (start/end) or an exact quote of the policy text (id in the change)."""
        evidence_id, before, after = self._tracked(
            audit_id, [item_id], lambda: workflow.add_evidence(
                self._db, audit_id, item_id, _who(actor), start=start, end=end, quote=quote,
                note=readable(note)))
        return self._change(audit_id, [item_id], before, after, evidence_id)

    def remove_evidence(self, audit_id: int, evidence_id: int, actor: str) -> ReviewChange:
        with self._guard():
            item_id = item_state.item_of_evidence(self._db, audit_id, evidence_id)
        _, before, after = self._tracked(audit_id, [item_id], lambda: workflow.remove_evidence(
            self._db, audit_id, evidence_id, _who(actor)))
        return self._change(audit_id, [item_id], before, after)

    def restore_item_states(self, states: Sequence[ItemState], actor: str,
                            expected: Sequence[ItemState] = ()) -> ReviewChange:
        """Put items back exactly as captured (undo); the change holds what they were just before
        (restoring that redoes). Each item restored is one `restore` event in the trail.

        With `expected`, items must still be as the undone step left them; an item changed
        since is not overwritten (WorkflowError, nothing written).
        """
        with self._guard(), write(self._db):
            return item_state.restore(self._db, states, _who(actor), expected)

    def review_item(self, audit_id: int, item_id: str, actor: str, *,
                    status: Status | None = None, note: str | None = None,
                    quote: str | None = None) -> int | None:
        """Attach a quote, set the status and the note in one transaction (None: leave as is).

        Returns the new evidence id when a quote was given.
        """
        with self._guard():
            return workflow.review_item(self._db, audit_id, item_id, _who(actor), status=status,
                                        note=None if note is None else readable(note),
                                        quote=quote)

    def sign_off(self, audit_id: int, actor: str, *, override: str = "") -> SignOffResult:
        """Lock the audit once every item has a person's decision and none needs re-review.

        An override reason lets it through anyway; the reason goes into the trail and the report.
        The sign-off is signed with the approver's key (made on first use).
        """
        approver = _who(actor)
        key = keys.load_or_create(approver)
        with self._guard():
            return workflow.sign_off(self._db, audit_id, approver, key, override=override)

    @property
    def four_eyes(self) -> bool:
        """Whether the approver must differ from everyone who decided items of the audit."""
        with self._guard():
            return settings.four_eyes(self._db)

    def set_four_eyes(self, on: bool, actor: str) -> None:
        with self._guard():
            settings.change(self._db, settings.FOUR_EYES, "on" if on else "off", _who(actor))

    def reopen(self, audit_id: int, actor: str, reason: str) -> None:
        with self._guard():
            workflow.reopen(self._db, audit_id, _who(actor), readable(reason))

    def plan(self, audit_id: int) -> list[Finding]:
        """The audit's remediation plan: its findings, most serious open ones first."""
        return plan_of(self.audit(audit_id))

    def set_finding(self, audit_id: int, item_id: str, actor: str, *,
                    risk: str | None = None, recommendation: str | None = None,
                    response: str | None = None, owner: str | None = None,
                    due: str | None = None, state: str | None = None,
                    restore: dict[str, str | None] | None = None) -> Finding:
        """Change the finding on an item (None leaves a field as it is); returns it as it is now.

        `restore` puts back fields exactly as `StoredFinding.fields()` gave them (used by undo);
        a None risk or recommendation there returns it to its default. Closing a finding whose
        item a person has since found satisfied records that clause as the closing evidence.
        """
        changes: dict[str, str | None] = dict(restore or {})
        if risk is not None:
            changes["risk"] = parse_risk(risk).value
        if state is not None:
            changes["state"] = parse_state(state).value
        if due is not None:
            changes["due"] = parse_due(due)
        for name, value in (("recommendation", recommendation), ("response", response),
                            ("owner", owner)):
            if value is not None:
                changes[name] = value.strip()
        closing = None
        if changes.get("state") == "done":
            current = self._finding(audit_id, item_id)
            if current is not None and current.closable:
                closing = current.closing_offer
        with self._guard():
            findings.set_fields(self._db, audit_id, item_id, _who(actor), changes, closing)
        found = self._finding(audit_id, item_id)
        if found is None:
            raise NotFoundError(f"audit {audit_id} has no finding on '{item_id}'")
        return found

    def _finding(self, audit_id: int, item_id: str) -> Finding | None:
        return next((f for f in self.plan(audit_id) if f.item_id == item_id), None)

    def stored_finding_fields(self, audit_id: int, item_id: str) -> dict[str, str | None] | None:
        """The fields of a finding as stored, or None when nothing is (to undo a change)."""
        with self._guard():
            for row in findings.stored(self._db, audit_id):
                if row.item_id == item_id:
                    return row.fields()
        return None

    def clear_finding(self, audit_id: int, item_id: str, actor: str) -> None:
        """Forget what was set on a finding (its defaults apply again; a defect leaves the plan)."""
        with self._guard():
            findings.clear(self._db, audit_id, item_id, _who(actor))

    def portfolio(self, today: dt.date | None = None) -> list[PortfolioLine]:
        """Open findings of every policy's latest audits: overdue first, then by due date."""
        latest = {}
        for summary in self.audits():
            key = (summary.policy_id, summary.checklist_id)
            if key not in latest or summary.policy_version >= latest[key].policy_version:
                latest[key] = summary
        snapshots = [self.audit(s.audit_id) for s in sorted(latest.values(),
                                                               key=lambda s: s.audit_id)]
        return portfolio_of(snapshots, today or dt.date.today())

    def history(self, audit_id: int) -> list[TrailEvent]:
        with self._guard():
            repo.audit_row(self._db, audit_id)
            return trail.events(self._db, audit_id)

    def reviewers(self) -> list[str]:
        """Everyone who has changed anything in this database, by name."""
        with self._guard():
            return [row[0] for row in self._db.execute("SELECT name FROM reviewers ORDER BY name")]

    def diff(self, policy_id: int, from_version: int | None = None,
             to_version: int | None = None) -> PolicyDiff:
        with self._guard():
            numbers = [row[0] for row in self._db.execute(
                "SELECT version FROM policy_versions WHERE policy_id = ? ORDER BY version",
                [policy_id])]
            if not numbers:
                raise NotFoundError(f"no policy with id {policy_id}; "
                                    "run 'policy-auditor audits' to see what is stored")
            to_version = numbers[-1] if to_version is None else to_version
            if from_version is None:
                older = [n for n in numbers if n < to_version]
                from_version = older[-1] if older else to_version
            for number in (from_version, to_version):
                if number not in numbers:
                    raise NotFoundError(f"policy {policy_id} has no version {number} "
                                        f"(it has {', '.join(map(str, numbers))})")
            old, new = (self._clauses(policy_id, n) for n in (from_version, to_version))
        changes = tuple(clause_diff.diff_clauses(old, new))
        return PolicyDiff(policy_id, from_version, to_version, changes)

    def _clauses(self, policy_id: int, number: int) -> list[Clause]:
        row = next(iter(self._db.query("SELECT clauses FROM policy_versions WHERE policy_id = ? "
                                       "AND version = ?", [policy_id, number])))
        return repo.clauses_from_row(row)

    def export(self, kind: str, audit_ids: Sequence[int], out: Path, *,
               allow_unverified: bool = False, summary: bool = False, full: bool = False,
               deterministic: bool = False) -> ExportResult:
        """Write a report or export of the audits to `out`, after the full integrity check.

        The one path for every output, from the CLI and the GUI alike: the audits and the
        check are read from one snapshot. `kind` is pdf, csv, json, docx or xlsx; `summary`
        and `deterministic` apply to pdf, `full` to docx.

        Raises:
            IntegrityCheckFailed: the check failed and `allow_unverified` is not set; then
                nothing is written. With it set, the output says INTEGRITY CHECK FAILED and
                what failed wherever its format can (pdf, docx).
        """
        with self._guard(), read(self._db):
            verification = self.verify()
            snapshots = tuple(self.audit(audit_id) for audit_id in dict.fromkeys(audit_ids))
        if not verification.ok and not allow_unverified:
            raise IntegrityCheckFailed(verification.problems)
        check = outputs.IntegrityCheck(verification.events_checked, verification.problems,
                                       verification.notes)
        data = outputs.render(kind, snapshots, check, summary=summary, full=full,
                              deterministic=deterministic)
        outputs.write_atomically(Path(out), data)
        return ExportResult(Path(out), kind, snapshots, verification,
                            marked=kind in outputs.MARKED_KINDS)

    def package(self, audit_id: int, out: Path, actor: str) -> Path:
        """Write the audit package of a signed-off audit, signed with the packager's key.

        Raises:
            IntegrityCheckFailed: the database does not verify; no package is written.
            WorkflowError: the audit is not signed off.
        """
        packager = _who(actor)
        key = keys.load_or_create(packager)
        with self._guard(), read(self._db):
            verification = self.verify()
            if not verification.ok:
                raise IntegrityCheckFailed(verification.problems)
            snapshot = self.audit(audit_id)
            if not snapshot.signed_off or not snapshot.signatures:
                raise WorkflowError(f"audit {audit_id} has no signed sign-off to package; sign "
                                    f"it off first (policy-auditor signoff {audit_id})")
            source = package_source(self._db, snapshot)
        check = outputs.IntegrityCheck(verification.events_checked, (), verification.notes)
        report = outputs.render("pdf", (snapshot,), check)
        data = build_package(replace(source, report_pdf=report), packager, key,
                             created_at=now())
        outputs.write_atomically(Path(out), data)
        return Path(out)

    def backup_to(self, out: Path) -> int:
        """Copy the database, consistently, to the new file `out`; returns its trail events."""
        with self._guard():
            return copy_database(self._db, self._path, Path(out))

    def upgrade(self, audit_id: int, actor: str, *, as_at: str | None = None) -> AuditRefresh:
        """Move an audit to the current version of its checklist, as in force on `as_at`
        (default: the audit's own as-at date); human decisions are kept."""
        with self._guard():
            row = repo.audit_row(self._db, audit_id)
            stored, _ = repo.load_checklist(self._db, row["checklist_snapshot_id"])
        as_at = parse_as_at(as_at) if as_at else row["as_at"] or parse_as_at(None)
        checklist = in_force(self.registry.get(stored.id), as_at)
        return self._refresh(row, checklist, actor, "checklist-upgrade", as_at)

    def reassess(self, audit_id: int, actor: str) -> AuditRefresh:
        """Re-run the current engine on the audit's unchanged policy version and checklist."""
        with self._guard():
            row = repo.audit_row(self._db, audit_id)
            checklist, _ = repo.load_checklist(self._db, row["checklist_snapshot_id"])
        return self._refresh(row, checklist, actor, "reassess", row["as_at"])

    def _refresh(self, row: dict[str, Any], checklist: Checklist, actor: str, action: str,
                 as_at: str) -> AuditRefresh:
        # The engine runs before the write transaction, so other writers wait only for storing.
        document = self.document(row["policy_version_id"])
        assessment = assess(document, checklist)
        with self._guard():
            return refresh(self._db, row["id"], checklist, assessment, _who(actor),
                           action=action, as_at=as_at)

    def verify(self) -> VerifyReport:
        """The full check, read from one consistent snapshot of the database."""
        try:
            with self._guard():
                result = verify_database(self._db)
        except StoreError as error:
            return VerifyReport(False, 0, (error.user_text(),))
        return VerifyReport(not result.problems, result.events_checked, result.problems,
                            result.notes)
