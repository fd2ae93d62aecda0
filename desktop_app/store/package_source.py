"""What an audit package is made of, read from the database (call inside one read)."""

from __future__ import annotations

from sqlite_utils import Database

from desktop_app.audit_package.build import PackageSource
from desktop_app.core.audit import AuditSnapshot
from desktop_app.store import repo


def package_source(db: Database, snapshot: AuditSnapshot) -> PackageSource:
    """The stored checklist body and the trail from its start to the audit's last event.

    The report is left empty: the caller renders it from the same snapshot.
    """
    audit = repo.audit_row(db, snapshot.audit_id)
    body = db.execute("SELECT body FROM checklist_snapshots WHERE id = ?",
                      [audit["checklist_snapshot_id"]]).fetchone()[0]
    last = db.execute("SELECT max(seq) FROM trail WHERE audit_id = ?",
                      [snapshot.audit_id]).fetchone()[0] or 0
    rows = list(db.query("SELECT * FROM trail WHERE seq <= ? ORDER BY seq", [last]))
    return PackageSource(snapshot=snapshot, checklist_body=body, trail_rows=rows,
                         report_pdf=b"")
