"""Reports name the date the law was applied as at and the checklist versions of an upgrade."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from io import BytesIO

from desktop_app.core.audit import AuditSnapshot
from desktop_app.reports.json_export import export_json
from desktop_app.reports.json_import import audit_from_dict
from desktop_app.reports.pdf import build_report
from tests.reports.conftest import page_texts


def test_cover_names_the_as_at_date_and_both_versions(snapshot: AuditSnapshot) -> None:
    upgraded = replace(snapshot, as_at="2027-02-01", upgraded_from_version="2026.2")
    out = BytesIO()
    build_report([upgraded], out)
    first = re.sub(r"\s+", " ", page_texts(out.getvalue())[0])
    assert f"checklist v{snapshot.checklist.version} (upgraded from v2026.2)" in first
    assert "law as at 2027-02-01" in first


def test_json_export_keeps_as_at_engine_and_upgrade(snapshot: AuditSnapshot) -> None:
    upgraded = replace(snapshot, as_at="2027-02-01", engine_version="2",
                       upgraded_from_version="2026.2")
    stream = io.StringIO()
    export_json(upgraded, stream)
    data = json.loads(stream.getvalue())
    assert data["audit"]["as_at"] == "2027-02-01" and data["audit"]["engine_version"] == "2"
    assert audit_from_dict(data) == upgraded
