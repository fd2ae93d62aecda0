"""Fixtures for report tests: sample audits and PDF text extraction."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from desktop_app.core.audit import AuditSnapshot
from tests.reports.helpers import make_checklist, make_snapshot


@pytest.fixture
def snapshot() -> AuditSnapshot:
    return make_snapshot()


@pytest.fixture
def three_audits() -> list[AuditSnapshot]:
    """One policy against two checklists, plus a second policy."""
    return [make_snapshot(1), make_snapshot(2, checklist=make_checklist("gdpr"), policy_id=1),
            make_snapshot(3, checklist=make_checklist("pdpa"), policy_id=3,
                          policy_name="Kebijakan Privasi 隐私政策")]


def page_texts(data: bytes) -> list[str]:
    reader = PdfReader(BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]
