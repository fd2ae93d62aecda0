"""Each drafting check on small texts: what it must flag and look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from desktop_app.core.document import Clause, PolicyDocument, RemovedSpan
from desktop_app.core.lint import lint
from desktop_app.core.lint.units import split_units


def found(text: str, kind: str, **extra: object) -> list[str]:
    """Texts of the defects of `kind` that the lint reports in `text`."""
    document = PolicyDocument(text=text, source_format="txt", **extra)  # type: ignore[arg-type]
    return [defect.text for defect in lint(document) if defect.kind == kind]


# --- placeholder ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("This policy is issued by [Company name] and applies worldwide.", "[Company name]"),
    ("Last updated: [insert date]", "[insert date]"),
    ("We keep data for XX years after your last order.", "XX"),
    ("We keep data for [X] years after your last order.", "[X]"),
    ("NTD: confirm the retention period with legal.", "NTD:"),
    ("We share data with partners (TBD).", "TBD"),
    ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "Lorem ipsum"),
    ("f) Add something about AI-related\ng) Your data may be combined.",
     "Add something about AI-related"),
    ("Dear {{first_name}}, thank you for your order.", "{{first_name}}"),
    ("Signed: ________ on behalf of the company.", "________"),
])
def test_placeholder_found(text: str, expected: str) -> None:
    assert expected in found(text, "placeholder")


@pytest.mark.parametrize("text", [
    "See our [cookie policy](https://example.com/cookies) for details.",
    "As the court held [1], consent must be specific.",
    "This applies under Article XX of the treaty.",
    "Our team will tell you what is still to be done.",
    "The item was listed as tbd in an old catalogue.",
    "Transfers are made under the Standard Contractual Clauses.",
    "Cookies\n\n____\n\nSecurity",
    "Read our [terms][1] first.\n\n[1]: https://example.com/terms",
    "We sell XXL jackets and the XX-Series camera.",
])
def test_placeholder_look_alikes_pass(text: str) -> None:
    assert found(text, "placeholder") == []


# --- blank-reference ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("To obtain it, please email your request to, and include your name.", "email your request to,"),
    ("You may contact us by sending an email to or write to us at our office.",
     "sending an email to or"),
    ("This policy applies when you:\n• visit our website at\n• create an account;",
     "visit our website at"),
    ("Create an account, such as My Club membership on When creating it, we ask for your name.",
     "membership on When"),
    ("More information is available at Also note that third parties may collect data.",
     "is available at Also"),
    ("You may contact us in the following ways:\n1. Via our online web form:\n/support/en/contacts/form",
     "/support/en/contacts/form"),
    ("Previous versions of this policy are archived here.\nWe review it yearly.", "archived here"),
    ("If you need help, you can contact us at\n\nOther notices", "contact us at"),
    ("For more information, visit our website at\n\n3. Data we collect", "visit our website at"),
])
def test_blank_reference_found(text: str, expected: str) -> None:
    assert any(expected in quote for quote in found(text, "blank-reference"))


@pytest.mark.parametrize("text", [
    "You can email us at privacy@example.com, and we will reply within 30 days.",
    "Visit our website at www.example.com to learn more.",
    "Please post your request to:\n\nData Protection Office\nPO Box 88, Hong Kong",
    "You can write to us at our business address above, or at The Privacy Office, London.",
    "Traffic to and from applications may be logged, and access to and use of it is limited.",
    "We may share this data with our partners and/or service providers c/o our legal team.",
    "Please send it to our privacy team on 1 March at the latest.",
    "Messages you send to or receive from other users are stored.",
    "Your data is made available to and used by our processors.",
    "For questions, please call us at\n+44 20 7946 0000\nor e-mail us at\nprivacy@example.com",
])
def test_blank_reference_look_alikes_pass(text: str) -> None:
    assert found(text, "blank-reference") == []


# --- truncated ------------------------------------------------------------------------------

def test_item_ending_on_comma_is_truncated() -> None:
    text = ("We may collect:\n- your name and address\n"
            "- when you enter a competition, we may collect your name, address, age, artistic input,\n"
            "- your payment details")
    assert found(text, "truncated") == [
        "when you enter a competition, we may collect your name, address, age, artistic input,"]


def test_paragraph_stopping_on_a_function_word_is_truncated() -> None:
    stopped = "We may also share your data with our franchise partners, including"
    text = f"{stopped}\n\nSecurity\nWe protect it."
    assert found(text, "truncated") == [stopped]


def test_list_without_lead_in_is_truncated() -> None:
    text = ("We will update this policy from time to time.\n"
            "(a) check whether we hold your data;\n(b) ask for a copy of your data;\n"
            "(c) ask us to correct it.")
    assert found(text, "truncated") == ["(a) check whether we hold your data;"]


@pytest.mark.parametrize("text", [
    "You have the right to:\n(a) check whether we hold your data;\n(b) ask for a copy.",
    "We may share your data with:\n• our agents; or\n• our auditors; and\n• the police.",
    "Who we share your personal data with\nWe share it with our agents.",
    "Our offices:\nNorthwind Ltd,\n18 Harbour Road,\nHong Kong",
    "How we use the information and what the legal basis for this is\nWe use it to serve you.",
    "We collect your name, e-mail address and\nphone number when you register.",
    "We collect the following information.\n• your name;\n• your e-mail address.",
    "We collect:\n• information about your device and browser settings,\n"
    "• information about the pages you visit on our website,\n• your name.",
])
def test_truncation_look_alikes_pass(text: str) -> None:
    assert found(text, "truncated") == []


# --- duplicate ------------------------------------------------------------------------------

def test_repeated_paragraph_is_a_duplicate() -> None:
    paragraph = "We may update this policy as new features and services are offered by us."
    text = f"Changes\n\n{paragraph}\n\n{paragraph}\n\nContact us"
    defects = [d for d in lint(PolicyDocument(text, "txt")) if d.kind == "duplicate"]
    assert len(defects) == 1 and defects[0].start == text.rindex(paragraph)


def test_lead_in_repeated_as_first_item_is_a_duplicate() -> None:
    text = ("We will share account details with another group company when you:\n"
            "- We will share account details with another group company when you:\n"
            "- change your account details.")
    assert found(text, "duplicate") == [
        "- We will share account details with another group company when you:"]


def test_repeated_sentence_in_one_paragraph_is_a_duplicate() -> None:
    text = ("We keep your data safe. We keep your data safe at all times. "
            "We keep your data safe at all times.")
    assert found(text, "duplicate") == ["We keep your data safe at all times."]


@pytest.mark.parametrize("text", [
    "Marketing\nIn short\nWe send offers.\nSecurity\nIn short\nWe protect data.",
    "To authorities to prevent fraud and comply with the law\nOther uses\n"
    "To authorities to prevent fraud and comply with the law",
    "-\n-\nCookies",
])
def test_repeats_that_are_not_copy_slips_pass(text: str) -> None:
    assert found(text, "duplicate") == []


# --- numbering-gap --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("These measures include:\nb) Putting safeguards in place.\nc) Training staff.",
     "b) Putting safeguards in place."),
    ("Purposes:\n(a) to sell;\n(b) to deliver;\n(d) to repair.", "(d) to repair."),
    ("1. Scope\nText.\n2. Data\nText.\n3. Use\nText.\n5. Rights\nText.", "5. Rights"),
    ("3.1 First rule.\n3.2 Second rule.\n3.4 Fourth rule.", "3.4 Fourth rule."),
    ("I. Introduction\nText.\nII. Data\nText.\nIV. Rights\nText.", "IV. Rights"),
])
def test_numbering_gap_found(text: str, expected: str) -> None:
    assert found(text, "numbering-gap") == [expected]


@pytest.mark.parametrize("text", [
    "Uses:\n(a) sell;\n(b) deliver;\n(c) repair.\nShared with:\n(a) agents;\n(b) auditors.",
    "Classes:\n" + "".join(f"({letter}) class {letter};\n" for letter in "abcdefghij"),
    "Offers:\ni) electrical goods;\nii) phones;\niii) computers;\niv) rewards.",
    "A. Data we collect\nText.\nB. Sources\nText.\nC. Sharing\nText.\nD Consumer rights\nText.\n"
    "E. Requests",
    "1. Scope\n2. Contact\n1. By e-mail\n2. By post\n3. Data",
    "Call 0844 8466 555 between 9am and 6pm.\n4p per minute from a standard line.",
    "I. Introduction\nText.\nII. Data\nText.\nIII. Use\nText.\nIV. Rights\nText.",
    "Rights:\n(I) access;\n(II) correction;\n(III) deletion.",
    "1. Scope\nText.\n2. Data\nWe collect:\n1. your name;\n2. your e-mail address.\n3. Use\nText.",
])
def test_numbering_look_alikes_pass(text: str) -> None:
    assert found(text, "numbering-gap") == []


def test_run_on_text_is_split_at_list_markers() -> None:
    item = "{}) We may use your personal data for purpose number {} of the list below."
    items = " ".join(item.format(letter, number) for number, letter in enumerate("abcdeg", start=1))
    text = f"Purposes: {items} That is all."
    assert found(text, "numbering-gap") == [item.format("g", 6)]


# --- typo -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Sharing by Acme Europe\nAcme Europe and Acme Europe staff.\nSharing of data by Acme Europee",
     "Europee"),
    ("TTo third parties to enforce our rights.", "TTo"),
    ("we may contact you (in case of difficulties).;", "difficulties).;"),
    ("((e) establish and maintain your account;", "((e)"),
    ("We collect data from publically available sources.", "publically"),
    ("We are full committed to the law.", "full committed"),
    ("We investigate violations or our policies.", "violations or our"),
    ("We send the the newsletter monthly.", "the the"),
    ("The script is active only while you are connected our websites.", "are connected our"),
])
def test_typo_found(text: str, expected: str) -> None:
    assert expected in found(text, "typo")


def test_unbalanced_quotes_are_typos() -> None:
    text = ("For more about linked accounts”, see the “Linked accounts” section.\n"
            "Details of your accounts (see the “Linked accounts section below).")
    quotes = found(text, "typo")
    assert len(quotes) == 2
    assert quotes[0].endswith("accounts”") and quotes[1].startswith("“Linked accounts section")


def test_unbalanced_parentheses_are_typos() -> None:
    text = ("We share account details (such as your name) and preferences as provided by you "
            "from time to time) with group companies.\nSee our notice (in the app.")
    quotes = found(text, "typo")
    assert len(quotes) == 2
    assert quotes[0].endswith("time to time)") and quotes[1].startswith("(in the app")


def test_enumeration_labels_are_not_stray_parentheses() -> None:
    text = "You may: a) access your data; b) correct it; and iv) object. We read device ID(s) (if any)."
    assert found(text, "typo") == []


def test_recurring_misspelling_is_reported_once() -> None:
    document = PolicyDocument("It is publically known. Data made publically visible.", "txt")
    defects = [d for d in lint(document) if d.kind == "typo"]
    assert len(defects) == 1 and "recurs 1 more time" in defects[0].message


@pytest.mark.parametrize("text", [
    "Northwind Outdoor Gear Europe B.V., Amsterdam, acts as controller.",
    "We collect data, e.g., your name, etc., and keep it safe.",
    "Data that that company holds is combined with ours.",
    "Canceled orders\nCanceled orders are refunded. Canceled items are restocked.\nCancelled items",
    "The Committee and the Commission meet; Appeals go to the court.",
    "Details “in quotes” stay balanced, and so do “these ones”.",
    "We are fully committed to the law.",
    "We share data for the performance of our contract or our legitimate interests.",
    "Traffic to and from our servers is logged.",
    "You connected the device to your account while you are connected to our network.",
])
def test_typo_look_alikes_pass(text: str) -> None:
    assert found(text, "typo") == []


# --- boilerplate ----------------------------------------------------------------------------

def test_removed_spans_are_reported_as_boilerplate() -> None:
    text = "Menu Home Products\nPrivacy Policy\nWe respect your privacy."
    removed = [RemovedSpan(0, 18, text[0:18], "site navigation")]
    defects = [d for d in lint(PolicyDocument(text, "txt", removed=removed)) if d.kind == "boilerplate"]
    assert [(d.start, d.end) for d in defects] == [(0, 18)]
    assert "site navigation" in defects[0].message


@pytest.mark.parametrize("text, expected", [
    ("PRIVACY CENTER\nPrivacy Policy\nWe respect your privacy.", "PRIVACY CENTER"),
    ("Skip to content\nPrivacy Policy", "Skip to content"),
    ("Please complete our form (You can obtain it at our Home Page (Download Form) or in store).",
     "(Download Form)"),
    ("Contact Us Page: Click Here\nWe answer within 30 days.", "Click Here"),
    ("Click on the relevant section heading to expand that section:\n1. Data", 
     "Click on the relevant section heading to expand that section:"),
])
def test_leftover_site_text_found(text: str, expected: str) -> None:
    assert expected in found(text, "boilerplate")


@pytest.mark.parametrize("text", [
    "PRIVACY POLICY\nWe respect your privacy.",
    "Click here to unsubscribe from our newsletters at any time.",
    "You can download a form from our website at www.example.com/form.",
    "We run a customer survey each year to improve our service.",
])
def test_site_text_look_alikes_pass(text: str) -> None:
    assert found(text, "boilerplate") == []


def test_defects_inside_removed_spans_are_not_reported_twice() -> None:
    text = "Skip to content [insert menu]\nPrivacy Policy\nWe respect your privacy."
    removed = [RemovedSpan(0, 29, text[0:29], "site navigation")]
    defects = lint(PolicyDocument(text, "txt", removed=removed))
    assert [(d.kind, d.start) for d in defects] == [("boilerplate", 0)]


def test_clause_boundaries_split_run_on_text() -> None:
    items = ("we sell goods in our shops.", "we deliver the goods you buy to your home,",
             "we repair goods.")
    text = "Uses a) " + " b) ".join(items)
    clauses = []
    for item in items:
        start = text.index(item)
        clauses.append(Clause(str(len(clauses)), "", start, start + len(item), item))
    assert found(text, "truncated", clauses=clauses) == [items[1]]


# --- later additions: glued sentences, final sentence, lost list stop, cross-references ----

@pytest.mark.parametrize("text, expected", [
    ("We may share it with our partners.Each time you post, we record it.", "partners.Each"),
    ("We share it with our affiliates or Sony.b) agents who work for us.", "Sony.b)"),
])
def test_missing_space_after_full_stop_is_a_typo(text: str, expected: str) -> None:
    assert expected in found(text, "typo")


@pytest.mark.parametrize("text", [
    "Visit www.example.com or e-mail privacy@example.com for details.",
    "We use Node.js and ASP.NET for our website.",
])
def test_dotted_names_are_not_glued_sentences(text: str) -> None:
    assert found(text, "typo") == []


def test_policy_ending_mid_sentence_is_truncated() -> None:
    text = ("Privacy Policy\n\nWe keep your data safe.\n\n"
            "If you are unhappy with our answer, you may contact the Data Protection Commission")
    assert found(text, "truncated") == [
        "If you are unhappy with our answer, you may contact the Data Protection Commission"]


@pytest.mark.parametrize("ending", [
    "Call toll-free at 1-800-555-0100",
    "Write to Acme Inc., Attn: Privacy Officer, 115 W. Century Road, Suite 250, Paramus, NJ 07652",
    "Acme Outdoor Gear Asia Pacific Pte Ltd Data Protection Officer Singapore Office",
])
def test_policy_ending_on_a_contact_line_passes(ending: str) -> None:
    assert found(f"Privacy Policy\n\nWe keep data safe.\n\n{ending}", "truncated") == []


def test_list_letter_without_its_stop_is_a_typo() -> None:
    text = "A. Data\nText.\nB. Sources\nText.\nC. Sharing\nText.\nD Consumer rights\nText."
    assert found(text, "typo") == ["D Consumer rights"]


def test_cross_reference_to_the_wrong_section_number() -> None:
    text = ("1. Data we collect\nText.\n2. Children\nAsk us using the details in section 2 Contact Us "
            "below.\n3. Contact us\nWrite to us.")
    assert found(text, "numbering-gap") == ["section 2 Contact Us"]


def test_cross_reference_to_the_right_section_passes() -> None:
    text = "1. Data we collect\nSee section 2 Contact Us below.\n2. Contact us\nWrite to us."
    assert found(text, "numbering-gap") == []


def test_sub_bullet_o_stays_with_its_clause() -> None:
    text = "We share it where:\no you have linked your accounts\no we engaged them for services"
    clauses = [Clause(str(number), "", text.index(body), text.index(body) + len(body), body)
               for number, body in enumerate(("you have linked your accounts",
                                              "we engaged them for services"))]
    units = split_units(PolicyDocument(text, "txt", clauses=clauses))
    assert [unit.text for unit in units] == [
        "We share it where:", "o you have linked your accounts", "o we engaged them for services"]


def test_empty_list_item_is_truncated() -> None:
    text = ("Purposes:\n• Providing information.\n• Answering queries.\n•  \n\n"
            "Legal bases\nConsent.")
    assert found(text, "truncated") == ["•"]


def test_dash_separator_lines_are_not_empty_items() -> None:
    assert found("Marketing\nWe send offers.\n-\nSecurity\nWe protect data.", "truncated") == []


def test_contact_label_with_nothing_after_it_is_blank() -> None:
    text = "Rights\nYou may object.\n\nWebsites:\n\nFurther information\nSee below."
    assert found(text, "blank-reference") == ["Websites:"]


def test_contact_label_followed_by_the_detail_passes() -> None:
    text = ("You can contact us:\n2. By email:\nWrite to privacy@example.com.\n"
            "3. By telephone:\nCall 0800 123 456.")
    assert found(text, "blank-reference") == []
