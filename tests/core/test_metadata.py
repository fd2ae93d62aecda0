"""Metadata: title, organisation, date and the checklists a policy's own words point to."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.ingest import analyse_text, load_document
from desktop_app.core.metadata import read_metadata

EXPECTED = {
    "sony-hk.txt": ("Sony Corporation of Hong Kong Limited", "2022-04-01", {"pdpo"}),
    "sony-sg.txt": ("Sony Electronics Asia Pacific Pte. Ltd.", "", {"pdpa"}),
    "sony-eu.txt": ("Sony Europe BV", "", {"gdpr", "ukgdpr"}),
    "sony-id.txt": ("PT Sony Indonesia", "", {"idpdp"}),
    "sony-mobile-us.txt": ("Sony Mobile Communications Inc.", "January 2020", {"ccpa", "nevada"}),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_policy_metadata(policies_dir: Path, name: str) -> None:
    organisation, date, jurisdictions = EXPECTED[name]
    document = load_document(policies_dir / name)
    assert "Privacy" in document.title and len(document.title) <= 80
    assert document.organisation == organisation
    assert document.effective_date == date
    assert {hit.id for hit in document.jurisdictions} == jurisdictions


def test_reason_quotes_the_words_found(policies_dir: Path) -> None:
    document = load_document(policies_dir / "sony-hk.txt")
    (hit,) = document.jurisdictions
    assert '"Personal Data (Privacy) Ordinance"' in hit.reason and '"Hong Kong"' in hit.reason
    assert hit.reason.startswith("mentions ")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Last updated: 3 March 2021.", "2021-03-03"),
        ("Effective date: March 3, 2021", "2021-03-03"),
        ("Updated on: 1st Apr, 2022", "2022-04-01"),
        ("Last revised 2023-11-05.", "2023-11-05"),
        ("Version 3, updated 2023/11/05", "2023-11-05"),
        ("This policy is effective as of September 2019.", "September 2019"),
        ("Last updated 05/06/2020", "05/06/2020"),
        ("We were founded in 1946 and love privacy.", ""),
    ],
)
def test_dates_are_normalised_when_the_day_is_known(sentence: str, expected: str) -> None:
    text = f"Privacy Policy\n{sentence}\nWe collect your name."
    assert read_metadata(text, []).effective_date == expected


@pytest.mark.parametrize(
    ("intro", "organisation"),
    [
        ("This Privacy Policy is provided by Initech Inc. and its affiliates.", "Initech Inc."),
        ('Sony Marketing (Japan) Co., Ltd. ("we") handles data.',
         "Sony Marketing (Japan) Co., Ltd."),
        ('Google LLC provides analytics to us. Acme GmbH ("we") is the controller.', "Acme GmbH"),
        ('Alpha Pte. Ltd., Beta Ltd and/or Gamma Limited (collectively "we") run the shop.',
         "Alpha Pte. Ltd."),
    ],
)
def test_organisation_is_the_company_called_we(intro: str, organisation: str) -> None:
    assert read_metadata(f"Privacy Policy\n{intro}\n", []).organisation == organisation


def test_a_date_in_the_body_is_not_the_effective_date() -> None:
    body = "We collect your name and use it to provide the service you asked for. " * 80
    text = f"Privacy Policy\n{body}\nThe law became effective on 25 May 2018.\n{body}\nContact us."
    assert read_metadata(text, []).effective_date == ""
    text = f"Privacy Policy\n{body}\n{body}\nLast updated: 2 June 2021"
    assert read_metadata(text, []).effective_date == "2021-06-02"


def test_passing_mention_of_europe_does_not_make_gdpr_apply() -> None:
    text = (
        "Acme Inc. Privacy Policy\n"
        "Acme Inc. (\"we\") is part of a group with offices in Europe, Asia and Latin America, "
        "including Acme Europe BV and Acme Asia Ltd.\n"
        "California residents have rights under the California Consumer Privacy Act (CCPA).\n"
    )
    ids = {hit.id for hit in analyse_text(text).jurisdictions}
    assert ids == {"ccpa"}


def test_another_countrys_pdpa_is_not_singapores() -> None:
    text = (
        "Privacy Notice\nWe process personal data in accordance with the Personal Data Protection "
        "Act 2010 of Malaysia (PDPA).\n"
    )
    assert analyse_text(text).jurisdictions == []


def test_a_company_registered_in_the_country_is_evidence() -> None:
    text = (
        "Acme Ltd \u2014 Privacy Policy\nAcme Ltd (\"we\") is incorporated in Hong Kong. Our "
        "Singapore shops are run by Acme (Singapore) Pte. Ltd.\nWe collect your name.\n"
    )
    document = analyse_text(text)
    assert document.title == "Acme Ltd \u2014 Privacy Policy"
    assert {hit.id for hit in document.jurisdictions} == {"pdpo", "pdpa"}


def test_strong_gdpr_evidence_makes_it_apply() -> None:
    text = (
        "Privacy Notice\nUnder the General Data Protection Regulation (GDPR) you may complain "
        "to a supervisory authority in the European Economic Area.\n"
    )
    hits = analyse_text(text).jurisdictions
    assert [hit.id for hit in hits] == ["gdpr"]
    assert '"General Data Protection Regulation"' in hits[0].reason


def test_removed_text_is_not_read_for_metadata() -> None:
    text = (
        "Privacy Policy\nWe collect your name.\nWe keep it safe.\n"
        + "We use it to serve you.\n" * 10
        + "Follow us on Facebook. Copyright © 2023 Acme Singapore Pte. Ltd. All rights reserved.\n"
    )
    document = analyse_text(text)
    assert document.removed and document.organisation == ""
    assert document.jurisdictions == []
