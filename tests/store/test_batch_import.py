"""Batch import: files analysed in parallel, stored in order, bad files reported in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.errors import InputError
from desktop_app.services import ImportResult, Workspace


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_import_keeps_order_and_reports_bad_files(tmp_path: Path, workers: int) -> None:
    source = paths.EXAMPLE_POLICY.read_text(encoding="utf-8")
    files = []
    for index in range(4):
        path = tmp_path / f"policy-{index}.md"
        path.write_text(source.replace("Northwind", f"Company {index}"), encoding="utf-8")
        files.append(path)
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    files.insert(2, empty)
    with Workspace(tmp_path / "batch.sqlite") as workspace:
        results = workspace.import_policies(files, ["gdpr"], actor="alice", workers=workers)
        assert [type(r) for r in results] == [ImportResult] * 2 + [InputError] + [ImportResult] * 2
        assert "empty.md" in str(results[2])
        names = [p.name for p in workspace.policies()]
        assert names == sorted(f.name for f in files if f != empty)
        assert workspace.verify().ok


def test_batch_import_uses_detected_checklists(tmp_path: Path) -> None:
    with Workspace(tmp_path / "batch.sqlite") as workspace:
        (result,) = workspace.import_policies([paths.EXAMPLE_POLICY], actor="alice")
        assert isinstance(result, ImportResult)
        detected = {workspace.audit(a).checklist.id for a in result.audit_ids}
        single = Workspace(tmp_path / "single.sqlite")
        expected = {single.audit(a).checklist.id
                    for a in single.import_policy(paths.EXAMPLE_POLICY, actor="alice").audit_ids}
        single.close()
        assert detected == expected and detected
