"""Page furniture around a policy is reported as removed text and kept out of every clause."""

from __future__ import annotations

from desktop_app.core.clean import find_boilerplate
from desktop_app.core.ingest import analyse_text

COPIED_PAGE = (
    "Home | Products | Support\n"
    "Shop Online\n"
    "Contact Us\n"
    "Acme Privacy Policy\n"
    "We collect your name when you register for an account with us.\n"
    "We use your name to greet you.\n"
    "Contact Us\n"
    "Write to privacy@acme.example.\n"
    "About Us | Careers | News\n"
    "Follow us on Facebook\n"
    "© 2024 Acme Ltd. All rights reserved.\n"
)


def test_menus_above_and_below_a_copied_page_are_removed() -> None:
    document = analyse_text(COPIED_PAGE)
    assert [span.reason for span in document.removed] == ["site navigation", "site footer"]
    assert document.removed[0].text.endswith("Contact Us")
    assert document.removed[1].text.startswith("About Us")
    texts = [clause.text for clause in document.clauses]
    assert texts == ["We collect your name when you register for an account with us.",
                     "We use your name to greet you.", "Write to privacy@acme.example."]
    assert document.clauses[-1].heading == "Contact Us"
    assert document.organisation == ""       # the only company name sits in the footer


def test_a_policy_heading_is_not_mistaken_for_a_menu() -> None:
    text = "Privacy Policy\nHow We Use Your Data\nWe use your data to run the service.\n"
    assert find_boilerplate(text) == []
    text = ("Support Services Privacy Notice\nWe collect your name when you register.\n"
            "We use it to greet you.\nContact Us\nCustomer Support\n")
    assert find_boilerplate(text) == []


def test_site_section_label_and_skip_link_are_removed() -> None:
    text = ("PRIVACY CENTER\nSkip to content\nPrivacy Policy\nWe collect your name.\n"
            "We keep it safe.\nWe delete it when you ask.\n")
    removed = find_boilerplate(text)
    # Neighbouring lines removed for the same reason are one finding.
    assert [(span.text, span.reason) for span in removed] == [
        ("PRIVACY CENTER\nSkip to content", "site navigation")]


def test_cookie_banner_at_the_end_of_a_page() -> None:
    text = ("Privacy Policy\n" + "We collect your name and keep it safe.\n" * 8
            + "This site uses cookies. By clicking Accept Cookies you agree to optional cookies.\n")
    document = analyse_text(text)
    assert [span.reason for span in document.removed] == ["cookie banner"]
    assert not any("Accept Cookies" in clause.text for clause in document.clauses)


def test_the_policys_own_cookie_section_is_kept() -> None:
    text = ("Privacy Policy\nCookies\nWe use cookies to remember your settings. You can manage "
            "cookies in your browser.\n" + "We collect your name.\n" * 8)
    document = analyse_text(text)
    assert document.removed == []
    assert document.clauses[0].text.startswith("We use cookies to remember")
