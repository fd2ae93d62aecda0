"""Store fixtures: a fresh audit database in tmp_path, with one imported policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services import ImportResult, Workspace
from tests.store.helpers import import_doc, make_document, open_workspace


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "audits.sqlite"


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(db_path)
    yield ws
    ws.close()


@pytest.fixture
def imported(workspace: Workspace) -> ImportResult:
    return import_doc(workspace, make_document())


@pytest.fixture
def audit_id(imported: ImportResult) -> int:
    return imported.audit_ids[0]
