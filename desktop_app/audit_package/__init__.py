"""Audit packages (.pap): one zip a second auditor can check without the database.

It holds a manifest (the sha256 of every other member, signed with the packager's key), the
policy text, the checklist snapshot, the reviews, the audit's trail (events of other audits are
kept as bare links: their sequence number and hashes), the signatures and the PDF report.
"""

FORMAT = "policy-auditor-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SIGNATURE = "manifest.sig.json"
POLICY = "policy.txt"
CHECKLIST = "checklist.json"
REVIEWS = "reviews.json"
TRAIL = "trail.json"
SIGNATURES = "signatures.json"
REPORT = "report.pdf"
#: The members the manifest lists, in the order they are written.
MEMBERS = (POLICY, CHECKLIST, REVIEWS, TRAIL, SIGNATURES, REPORT)
