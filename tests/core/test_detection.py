"""Detection reads each checklist's own weighted cues: a new checklist needs YAML alone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.checklist import DetectionCue
from desktop_app.core.checklist_loader import (
    ChecklistRegistry,
    checklist_from_dict,
    checklist_to_dict,
    load_checklist,
)
from desktop_app.core.detection import detect
from desktop_app.core.ingest import analyse_text, load_document
from desktop_app.errors import ChecklistError
from tests.core.test_checklist_loader import VALID, write

UK_CUES = """\
applicability_cues:
  - regex: 'Information Commissioner(?:''s|’s)? Office|\\bICO\\b'
    weight: 3
    kind: regulator
  - {phrase: UK GDPR, weight: 3, kind: statute}
  - {phrase: United Kingdom, weight: 1, kind: jurisdiction}
"""


def uk_checklist(tmp_path: Path):
    text = VALID.replace("id: internal\n", "id: uk-test\n").replace("internal.", "uk-test.")
    text = text.replace("items:\n", UK_CUES + "items:\n")
    return load_checklist(write(tmp_path, text, "uk.yaml"))


def test_cues_load_in_both_forms_and_round_trip(tmp_path: Path) -> None:
    cues = ("applicability_cues:\n  - acme land\n"
            "  - {phrase: ACME, weight: 2.5, case_sensitive: true}\n"
            "  - {regex: 'acme (?:act|law)', min_count: 2, kind: statute}\n")
    text = VALID.replace("items:\n", cues + "items:\n")
    checklist = load_checklist(write(tmp_path, text))
    assert checklist.applicability_cues == (
        DetectionCue(phrase="acme land"),
        DetectionCue(phrase="ACME", weight=2.5, case_sensitive=True),
        DetectionCue(regex="acme (?:act|law)", min_count=2, kind="statute"))
    assert checklist_from_dict(checklist_to_dict(checklist)).content_hash == checklist.content_hash
    assert checklist_to_dict(checklist)["applicability_cues"][0] == "acme land"


@pytest.mark.parametrize(("cue", "where", "message"), [
    ("{weight: 3}", r"applicability_cues\[0\]", "exactly one of 'phrase' and 'regex'"),
    ("{phrase: a, regex: b}", r"applicability_cues\[0\]", "exactly one of"),
    ("{regex: 'a(b', weight: 3}", r"applicability_cues\[0\]\.regex", "not a valid regular"),
    ("{phrase: a, weight: 0}", r"applicability_cues\[0\]\.weight", "above 0"),
    ("{phrase: a, weight: heavy}", r"applicability_cues\[0\]\.weight", "above 0"),
    ("{phrase: a, min_count: 0}", r"applicability_cues\[0\]\.min_count", "at least 1"),
    ("{phrase: a, kind: country}", r"applicability_cues\[0\]\.kind", "not one of"),
    ("{phrase: a, case_sensitive: maybe}", r"applicability_cues\[0\]\.case_sensitive",
     "true or false"),
    ("{phrase: a, weigth: 3}", r"applicability_cues\[0\]\.weigth", "unknown key"),
])
def test_bad_cues_are_located(tmp_path: Path, cue: str, where: str, message: str) -> None:
    text = VALID.replace("items:\n", f"applicability_cues:\n  - {cue}\nitems:\n")
    with pytest.raises(ChecklistError, match=rf"line \d+ \(key '{where}'\).*{message}"):
        load_checklist(write(tmp_path, text))


def test_weights_add_up_to_the_threshold(tmp_path: Path) -> None:
    uk = uk_checklist(tmp_path)
    assert detect("We are based in the United Kingdom.", [uk]) == ()
    (hit,) = detect("Complain to the Information Commissioner's Office in the United Kingdom.",
                    [uk])
    assert hit.id == "uk-test"
    assert hit.reason == 'mentions "Information Commissioner\'s Office" and "United Kingdom"'


def test_min_count_and_case(tmp_path: Path) -> None:
    base = uk_checklist(tmp_path)
    often = replace(base, applicability_cues=(
        DetectionCue(phrase="Ruritania", weight=3, min_count=3),
        DetectionCue(phrase="RDA", weight=3, case_sensitive=True)))
    assert detect("Ruritania, Ruritania.", [often]) == ()
    assert detect("Ruritania, Ruritania and ruritania.", [often])[0].id == base.id
    assert detect("the rda says", [often]) == ()
    assert detect("the RDA says", [often])[0].id == base.id


def test_a_checklist_without_cues_is_never_detected(tmp_path: Path) -> None:
    checklist = load_checklist(write(tmp_path, VALID))
    assert analyse_text("Privacy Policy\nGroup privacy standard applies.\n",
                        checklists=[checklist]).jurisdictions == []


def test_the_uk_regulator_offers_a_uk_checklist_beside_gdpr(policies_dir: Path,
                                                            tmp_path: Path) -> None:
    shipped = ChecklistRegistry.default().all()
    document = load_document(policies_dir / "sony-eu.txt", [*shipped, uk_checklist(tmp_path)])
    assert {hit.id for hit in document.jurisdictions} >= {"gdpr", "uk-test"}
    others = load_document(policies_dir / "sony-hk.txt", [*shipped, uk_checklist(tmp_path)])
    assert "uk-test" not in {hit.id for hit in others.jurisdictions}
