"""`show` and the JSON export give an item's closest passages under their own key, apart from
evidence, and accepting the suggestions leaves them out of the evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.paths import EXAMPLE_POLICY
from tests.cli.helpers import run_in as run
from tests.cli.helpers import run_json


def _items(capsys: pytest.CaptureFixture[str], db: Path) -> dict[str, dict]:
    return {item["item_id"]: item for item in run_json(capsys, db, "show", "1")["items"]}


def test_show_and_export_keep_closest_passages_apart_from_evidence(
        capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    run_json(capsys, db, "import", str(EXAMPLE_POLICY), "--checklist", "gdpr",
             "--reviewer", "alice")
    before = _items(capsys, db)
    with_closest = {i: item for i, item in before.items() if item["closest"]}
    assert with_closest, "the example policy has items suggested missing or not applicable"
    for item in with_closest.values():
        assert item["suggested_status"] in ("missing", "not-applicable")
        assert item["evidence"] == []
        for passage in item["closest"]:
            assert set(passage) == {"ref", "start", "end", "quote"} and passage["quote"]

    code, out, _ = run(capsys, db, "show", "1")
    assert code == 0
    block = out.split(next(iter(with_closest)), 1)[1]
    assert block.splitlines()[1].strip() == "closest passages (not evidence; check them):"

    run_json(capsys, db, "accept", "1", "--reviewer", "bob")
    after = _items(capsys, db)
    assert {i: item["evidence"] for i, item in after.items()} == \
        {i: item["evidence"] for i, item in before.items()}
    assert {i: item["closest"] for i, item in after.items()} == \
        {i: item["closest"] for i, item in before.items()}

    out_file = tmp_path / "audit.json"
    code, _, err = run(capsys, db, "export", "1", "--format", "json", "--out", str(out_file))
    assert code == 0, err
    exported = {r["item_id"]: r for r in json.loads(out_file.read_text("utf-8"))["reviews"]}
    assert {i: r["closest"] for i, r in exported.items()} == \
        {i: item["closest"] for i, item in after.items()}
    assert all(r["evidence"] == [] for i, r in exported.items() if i in with_closest)
