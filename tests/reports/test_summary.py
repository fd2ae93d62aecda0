"""Scores, counts and findings computed from audits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.core.audit import ItemReview
from desktop_app.core.status import Level, Status
from desktop_app.reports.summary import (
    checklist_score,
    findings,
    is_draft,
    score_of,
    status_counts,
    top_findings,
    topic_scores,
    trail_head,
)
from tests.reports.helpers import make_checklist, make_snapshot, sign


def _pair(level: Level, status: Status | None, suggested: Status = Status.MISSING):
    item = replace(make_checklist().items[0], level=level)
    return item, ItemReview(item.id, suggested, 0.5, "", status=status)


def test_score_weights_levels_and_credits_partial_half() -> None:
    pairs = [_pair(Level.MUST, Status.SATISFIED), _pair(Level.SHOULD, Status.PARTIAL),
             _pair(Level.GOOD_PRACTICE, Status.MISSING)]
    score = score_of(pairs)
    assert score.value == pytest.approx(100 * (3 * 1 + 2 * 0.5 + 0) / 6)
    assert score.applicable == 3
    assert not score.provisional


def test_not_applicable_is_left_out_and_unreviewed_makes_score_provisional() -> None:
    pairs = [_pair(Level.MUST, Status.NOT_APPLICABLE), _pair(Level.SHOULD, None, Status.PARTIAL)]
    score = score_of(pairs)
    assert score.value == pytest.approx(50.0)
    assert score.applicable == 1
    assert score.provisional
    assert score.text() == "50%"


def test_score_with_nothing_applicable_is_not_a_number() -> None:
    score = score_of([_pair(Level.MUST, Status.NOT_APPLICABLE)])
    assert score.value is None
    assert score.text() == "n/a"


def test_counts_split_reviewed_from_suggested() -> None:
    snapshot = make_snapshot()
    counts = status_counts(snapshot)
    assert counts.items == len(snapshot.reviews)
    assert counts.reviewed_items == sum(1 for r in snapshot.reviews if r.reviewed)
    for status in Status:
        assert counts.suggested[status] == sum(
            1 for r in snapshot.reviews if not r.reviewed and r.suggested_status is status)


def test_checklist_score_matches_manual_computation() -> None:
    snapshot = make_snapshot()
    credit = {Status.SATISFIED: 1.0, Status.PARTIAL: 0.5, Status.MISSING: 0.0}
    earned = possible = 0.0
    for item in snapshot.checklist.items:
        status = snapshot.review(item.id).effective_status
        if status is not Status.NOT_APPLICABLE:
            earned += item.level.weight * credit[status]
            possible += item.level.weight
    assert checklist_score(snapshot).value == pytest.approx(100 * earned / possible)


def test_findings_put_missing_musts_first() -> None:
    found = findings(make_snapshot())
    assert found, "the helper audit has missing and partial items"
    keys = [(-f.item.level.weight, f.status is not Status.MISSING) for f in found]
    assert keys == sorted(keys)
    assert all(f.status in (Status.MISSING, Status.PARTIAL) for f in found)
    assert found[0].item.level is Level.MUST and found[0].status is Status.MISSING


def test_unreviewed_finding_says_so_in_plain_words() -> None:
    found = findings(make_snapshot())
    unreviewed = next(f for f in found if not f.review.reviewed)
    reviewed = next(f for f in found if f.review.reviewed)
    assert "not yet been reviewed" in unreviewed.plain_words()
    assert "not yet been reviewed" not in reviewed.plain_words()


def test_top_findings_are_limited_and_span_audits() -> None:
    snapshots = [make_snapshot(1), make_snapshot(2, checklist=make_checklist("gdpr"))]
    top = top_findings(snapshots, limit=3)
    assert len(top) == 3
    assert {f.snapshot.audit_id for f in top_findings(snapshots, limit=50)} == {1, 2}


def test_report_is_draft_unless_every_audit_is_signed_off() -> None:
    open_audit, signed = make_snapshot(1), make_snapshot(2, signed_off=True)
    assert is_draft([open_audit])
    assert is_draft([open_audit, signed])
    assert not is_draft([signed, sign(open_audit)])


def test_topic_scores_cover_each_topic_of_the_checklist() -> None:
    snapshot = make_snapshot()
    scores = topic_scores(snapshot)
    assert set(scores) == {item.topic for item in snapshot.checklist.items}


def test_trail_head_is_the_newest_event() -> None:
    snapshot = make_snapshot()
    newest = max(snapshot.trail, key=lambda event: event.seq)
    assert trail_head(snapshot) == newest.hash
    assert trail_head(replace(snapshot, trail=())) == ""



def test_items_needing_re_review_make_the_score_provisional() -> None:
    item, review = _pair(Level.MUST, Status.SATISFIED)
    assert not score_of([(item, review)]).provisional
    assert score_of([(item, replace(review, needs_rereview=True))]).provisional
