"""Any note, quote or policy name builds a report (no markup error, no layout error)."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.reports.pdf import build_report
from tests.reports.helpers import make_checklist, make_snapshot

SNAPSHOT = make_snapshot(checklist=make_checklist())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=st.text(max_size=3000), quote=st.text(min_size=1, max_size=3000),
       name=st.text(min_size=1, max_size=200))
def test_any_user_text_builds(note: str, quote: str, name: str) -> None:
    review = SNAPSHOT.reviews[1]
    evidence = replace(review.evidence[0], quote=quote)
    changed = replace(review, note=note, evidence=(evidence,))
    audit = replace(SNAPSHOT, reviews=(SNAPSHOT.reviews[0], changed, *SNAPSHOT.reviews[2:]),
                    policy=replace(SNAPSHOT.policy, name=name))
    out = BytesIO()
    build_report([audit], out)
    assert out.getvalue().startswith(b"%PDF")
