"""Checklist loading: shipped files match the catalog; broken files give one located message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.core.checklist import TOPICS
from desktop_app.core.checklist_loader import (
    ChecklistRegistry,
    checklist_from_dict,
    checklist_to_dict,
    load_checklist,
)
from desktop_app.errors import ChecklistError

SHIPPED_IDS = ("pdpo", "pdpa", "gdpr", "idpdp", "ccpa", "nevada", "ukgdpr")

VALID = """\
id: internal
name: Internal standard
jurisdiction: Group
law: Group privacy standard
law_version: 2026 edition
regulator: Group DPO
version: "3"
last_reviewed: 2026-11-01
items:
  - id: internal.purposes
    title: Purposes
    citation: GPS 1.1
    level: must
    topic: purposes
    requirement: Say why data are used.
    guidance: Satisfied when purposes are listed.
    cues: [purpose, we use your data to]
  - id: internal.marketing-opt-out
    title: Marketing opt-out
    citation: GPS 4.2
    level: should
    topic: marketing
    requirement: Offer an opt-out of marketing.
    guidance: Satisfied when an opt-out is described.
    cues: [unsubscribe]
    condition:
      description: If the company sends marketing.
      cues: [marketing]
    aspects:
      - name: how
        cues: [unsubscribe link]
"""


CATALOG_ROW = re.compile(r"^\| ([a-z]+\.[a-z0-9-]+) \| ([^|]+) \|[^|]+\| ([a-z-]+) \|", re.M)
ADDENDUM = paths.SHIPPED_CHECKLISTS / "catalog-2026.3.md"


def catalog_items(shared_dir: Path) -> dict[str, tuple[str, str]]:
    """id -> (citation, level) from the requirement catalog's tables."""
    text = (shared_dir / "spec" / "requirements.md").read_text(encoding="utf-8")
    return {item_id: (citation.strip(), level) for item_id, citation, level in CATALOG_ROW.findall(text)}


def addendum_items() -> dict[str, tuple[str, str]]:
    """id -> (citation, level) for the items the 2026.3 addendum adds or changes."""
    text = ADDENDUM.read_text(encoding="utf-8")
    return {item_id: (citation.strip(), level) for item_id, citation, level in CATALOG_ROW.findall(text)}


def write(tmp_path: Path, text: str, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("checklist_id", SHIPPED_IDS)
def test_every_shipped_checklist_loads(checklist_id: str) -> None:
    checklist = load_checklist(paths.SHIPPED_CHECKLISTS / f"{checklist_id}.yaml")
    assert checklist.id == checklist_id
    assert checklist.items and checklist.sources and checklist.deadlines
    assert all(item.topic in TOPICS for item in checklist.items)
    assert len(checklist.content_hash) == 64


def test_shipped_checklists_cover_the_catalog_and_its_addendum_exactly(shared_dir: Path) -> None:
    catalog = catalog_items(shared_dir)
    assert len(catalog) == 166
    catalog.update(addendum_items())
    shipped = {item.id: item for cid in SHIPPED_IDS
               for item in load_checklist(paths.SHIPPED_CHECKLISTS / f"{cid}.yaml").items}
    assert set(shipped) == set(catalog)
    for item_id, (citation, level) in catalog.items():
        assert shipped[item_id].citation == citation, item_id
        assert shipped[item_id].level.value == level, item_id


def test_conditional_catalog_items_have_conditions(shared_dir: Path) -> None:
    text = (shared_dir / "spec" / "requirements.md").read_text(encoding="utf-8")
    text += ADDENDUM.read_text(encoding="utf-8")
    conditional = re.findall(r"^\| ([a-z]+\.[a-z0-9-]+) \| [^|]+ \| If ", text, re.M)
    shipped = {item.id: item for cid in SHIPPED_IDS
               for item in load_checklist(paths.SHIPPED_CHECKLISTS / f"{cid}.yaml").items}
    assert conditional
    assert [i for i in conditional if shipped[i].condition is None] == []


def test_valid_file_loads_with_conditions_and_aspects(tmp_path: Path) -> None:
    checklist = load_checklist(write(tmp_path, VALID), origin="user")
    assert checklist.version == "3" and checklist.last_reviewed == "2026-11-01"
    item = checklist.item("internal.marketing-opt-out")
    assert item.condition is not None and item.condition.cues == ("marketing",)
    assert item.aspects[0].name == "how"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t.replace("    cues: [unsubscribe]\n", "    cues: [unsubscribe]\n    colour: red\n"),
         r"line 26 \(key 'items\[1\]\.colour'\): unknown key 'colour'"),
        (lambda t: t.replace("id: internal.marketing-opt-out", "id: internal.purposes"),
         r"line 18 \(key 'items\[1\]\.id'\): duplicate item id 'internal.purposes'"),
        (lambda t: t.replace("level: should", "level: may"),
         r"line 21 \(key 'items\[1\]\.level'\): level 'may' is not one of"),
        (lambda t: t.replace("    citation: GPS 4.2\n", ""),
         r"line 18 \(key 'items\[1\]'\): missing required key 'citation'"),
        (lambda t: t.replace("topic: marketing", "topic: fishing"),
         r"key 'items\[1\]\.topic'\): topic 'fishing' is not one of"),
        (lambda t: t.replace("title: Purposes\n", "title: Purposes: [\n"),
         r"line 1\d: invalid YAML"),
        (lambda t: t.replace('version: "3"\n', 'version: "3"\nversion: "4"\n'),
         r"line 8 \(key 'version'\): duplicate key 'version'"),
        (lambda t: t.replace("last_reviewed: 2026-11-01", "last_reviewed: next week"),
         r"key 'last_reviewed'\): 'next week' is not a date"),
        (lambda t: t.replace("id: internal.purposes", "id: other.purposes"),
         r"item id 'other.purposes' must look like 'internal.<slug>'"),
        (lambda t: t.replace("cues: [unsubscribe]", "cues: []"),
         r"key 'items\[1\]\.cues'\): must list at least one entry"),
    ],
    ids=["unknown-key", "duplicate-id", "wrong-level", "missing-field", "wrong-topic",
         "bad-yaml", "duplicate-key", "bad-date", "foreign-item-id", "no-cues"],
)
def test_broken_files_give_one_located_message(tmp_path: Path, change, expected: str) -> None:
    path = write(tmp_path, change(VALID))
    with pytest.raises(ChecklistError) as caught:
        load_checklist(path)
    message = caught.value.user_text()
    assert str(path) in message
    assert re.search(expected, message), message
    assert "\n" not in message


def test_unreadable_files(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(VALID.replace("Purposes", "Zwecke für").encode("latin-1"))
    with pytest.raises(ChecklistError, match="not UTF-8"):
        load_checklist(latin)
    with pytest.raises(ChecklistError, match="no such checklist file"):
        load_checklist(tmp_path / "missing.yaml")
    with pytest.raises(ChecklistError, match="expected a mapping"):
        load_checklist(write(tmp_path, "- just\n- a list\n"))


def test_user_checklists_appear_beside_shipped_ones_and_bad_ones_are_reported(
        tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    write(user, VALID, "internal.yaml")
    write(user, VALID.replace("level: must", "level: nope"), "broken.yaml")
    write(user, VALID.replace("id: internal\n", "id: gdpr\n").replace("internal.", "gdpr."),
          "clash.yaml")
    registry = ChecklistRegistry.load(paths.SHIPPED_CHECKLISTS, user)
    assert registry.get("internal").origin == "user"
    assert registry.get("gdpr").origin == "shipped"
    assert len(registry.problems) == 2
    assert any("broken.yaml" in p and "level 'nope'" in p for p in registry.problems)
    assert any("clash.yaml" in p and "already used" in p for p in registry.problems)
    with pytest.raises(ChecklistError, match="no checklist with id 'nope'"):
        registry.get("nope")


def test_round_trip_keeps_content_and_hash(tmp_path: Path) -> None:
    original = load_checklist(write(tmp_path, VALID))
    restored = checklist_from_dict(checklist_to_dict(original))
    assert restored.items == original.items
    assert restored.content_hash == original.content_hash
    changed = load_checklist(write(tmp_path, VALID.replace("Say why data", "Say why all data"),
                                   "changed.yaml"))
    assert changed.content_hash != original.content_hash


def test_item_notes_sources_and_same_as_round_trip(tmp_path: Path) -> None:
    text = VALID.replace("id: internal\n", "id: internal-uk\n").replace(
        "internal.", "internal-uk.").replace(
        "    cues: [purpose, we use your data to]\n",
        "    cues: [purpose, we use your data to]\n    same_as: internal.purposes\n"
        "    notes: Identical in both standards.\n"
        "    sources:\n      - url: https://example.org/gps\n        note: GPS 1.1 text\n")
    checklist = load_checklist(write(tmp_path, text))
    item = checklist.item("internal-uk.purposes")
    assert item.same_as == "internal.purposes" and item.notes == "Identical in both standards."
    assert item.sources[0].note == "GPS 1.1 text"
    assert checklist_from_dict(checklist_to_dict(checklist)).content_hash == checklist.content_hash


def test_same_as_must_point_to_another_checklist(tmp_path: Path) -> None:
    text = VALID.replace("    cues: [unsubscribe]\n",
                         "    cues: [unsubscribe]\n    same_as: internal.purposes\n")
    with pytest.raises(ChecklistError, match=r"items\[1\]\.same_as.*another checklist"):
        load_checklist(write(tmp_path, text))


def test_a_same_as_link_to_a_missing_item_is_a_problem_not_a_checklist(tmp_path: Path) -> None:
    base = tmp_path / "shipped"
    base.mkdir()
    write(base, VALID, "internal.yaml")
    linked = VALID.replace("id: internal\n", "id: internal-uk\n").replace("internal.", "internal-uk.")
    good = linked.replace("    cues: [unsubscribe]\n",
                          "    cues: [unsubscribe]\n    same_as: internal.marketing-opt-out\n")
    write(base, good, "uk.yaml")
    assert ChecklistRegistry.load(base, None).get("internal-uk").items[1].same_as
    write(base, good.replace("same_as: internal.marketing-opt-out", "same_as: internal.nothing"),
          "uk.yaml")
    registry = ChecklistRegistry.load(base, None)
    assert "internal-uk" not in registry.checklists
    assert "'internal.nothing'" in registry.problems[0] and "internal has no such item" in registry.problems[0]


def test_shipped_same_as_links_resolve() -> None:
    registry = ChecklistRegistry.default()
    assert registry.problems == []
    links = [item.same_as for c in registry.all() for item in c.items if item.same_as]
    for link in links:
        registry.get(link.split(".")[0]).item(link)
