"""A clean policy in a different house style: the lint must report nothing."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.ingest import load_document
from desktop_app.core.lint import lint

CLEAN_POLICY = """\
# PRIVACY NOTICE

**Last Updated: January 1, 2024**

Acme Widgets, Inc. ("**Acme**," "**we**," "**us**," or "**our**") respects your privacy. This Privacy Notice describes how we collect, use, disclose and otherwise process personal information about you when you use our websites, e.g., www.acme.example, and our mobile apps (the "Services").

## TABLE OF CONTENTS

1. Information We Collect
2. How We Use Your Information
3. How We Share Your Information
4. Your Choices

## 1. INFORMATION WE COLLECT

We collect the following categories of personal information:

* **Contact information**, such as your name, e-mail address, postal address and phone number.
* **Account information**, such as your username and password.
* **Payment information**, such as your credit card number (processed by Stripe, Inc.).

We may also collect information automatically, including:

- IP address and device identifiers;
- browsing history on our Services; and
- approximate location.

## 2. HOW WE USE YOUR INFORMATION

We use personal information to:

(i) provide and improve the Services;
(ii) communicate with you, including to send you marketing e-mails (you can opt out at any time by clicking "unsubscribe" in any e-mail);
(iii) comply with law; and
(iv) protect the rights, property or safety of Acme, our users or others.

## 3. HOW WE SHARE YOUR INFORMATION

We share personal information with: (a) service providers; (b) our affiliates; and (c) law enforcement where required by law.

## 4. YOUR CHOICES

You may access, correct or delete your personal information by e-mailing privacy@acme.example or by writing to us at Acme Widgets, Inc., Attn: Legal, 100 Main St., Suite 200, Springfield, IL 62701, USA.

California residents: see our California Privacy Notice at https://www.acme.example/ca-privacy. Nevada residents may opt out of sales by e-mailing us at privacy@acme.example.

If you have questions, call us toll-free at 1-800-555-0100 (Monday–Friday, 9 a.m.–5 p.m. CT).

We retain personal information for as long as your account is active and for up to 7 years afterwards to comply with our tax obligations.

You have the right to lodge a complaint with a supervisory authority. Our Data Protection Officer can be reached at dpo@acme.example.
"""


def test_clean_policy_has_no_defects(tmp_path: Path) -> None:
    path = tmp_path / "clean-policy.md"
    path.write_text(CLEAN_POLICY, encoding="utf-8")
    assert [(defect.kind, defect.text) for defect in lint(load_document(path))] == []
