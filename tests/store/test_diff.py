"""Clause-by-clause differences between two versions of a policy."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.document import Clause
from desktop_app.errors import NotFoundError
from desktop_app.services import Workspace
from desktop_app.store.diff import diff_clauses
from tests.store.helpers import CLAUSES_V1, import_doc, make_document


def _clauses(*pairs: tuple[str, str]) -> list[Clause]:
    return [Clause(ref, "", 0, len(text), text) for ref, text in pairs]


OLD = _clauses(("1", "We are Northwind and we run shops."),
               ("2", "We collect names, emails and postal addresses."),
               ("3", "We keep records for seven years."),
               ("4", "We never sell data to anyone at all."))


def _kinds(old: list[Clause], new: list[Clause]) -> list[tuple[str, str]]:
    return [(d.kind, d.ref) for d in diff_clauses(old, new)]


def test_identical_versions_are_all_unchanged() -> None:
    assert _kinds(OLD, OLD) == [("unchanged", c.ref) for c in OLD]


def test_changed_added_and_removed() -> None:
    new = _clauses(("1", "We are Northwind and we run shops."),
                   ("2", "We collect names, emails, phone numbers and postal addresses."),
                   ("3", "We keep records for seven years."),
                   ("5", "Contact our officer at dpo@example.com for questions."))
    assert _kinds(OLD, new) == [("unchanged", "1"), ("changed", "2"), ("unchanged", "3"),
                                ("removed", "4"), ("added", "5")]


def test_renumbered_clauses_are_matched_by_text() -> None:
    new = _clauses(("1", "We are Northwind and we run shops."),
                   ("2", "Cookies are used on our site for analytics purposes."),
                   ("3", "We collect names, emails and postal addresses."),
                   ("4", "We keep records for seven years."),
                   ("5", "We never sell data to anyone."))
    deltas = diff_clauses(OLD, new)
    assert [(d.kind, d.ref, d.old_ref) for d in deltas] == [
        ("unchanged", "1", "1"), ("added", "2", ""), ("unchanged", "3", "2"),
        ("unchanged", "4", "3"), ("changed", "5", "4")]


def test_removed_clause_stays_in_place() -> None:
    new = [OLD[0], OLD[2], OLD[3]]
    assert _kinds(OLD, new) == [("unchanged", "1"), ("removed", "2"), ("unchanged", "3"),
                                ("unchanged", "4")]


def test_white_space_alone_is_no_change() -> None:
    new = _clauses(*((c.ref, "  " + c.text.replace(" ", "\n ")) for c in OLD))
    assert {d.kind for d in diff_clauses(OLD, new)} == {"unchanged"}


def test_workspace_diff_between_versions(workspace: Workspace) -> None:
    first = import_doc(workspace, make_document())
    changed = list(CLAUSES_V1)
    changed[3] = ("4", "We keep order records for ten years, then delete them.")
    import_doc(workspace, make_document(tuple(changed)))
    diff = workspace.diff(first.policy_id)
    assert (diff.from_version, diff.to_version) == (1, 2)
    assert [(c.kind, c.ref) for c in diff.changes if c.kind != "unchanged"] == [("changed", "4")]
    assert "ten years" in diff.changes[3].new_text and "seven" in diff.changes[3].old_text
    same = workspace.diff(first.policy_id, from_version=2, to_version=2)
    assert {c.kind for c in same.changes} == {"unchanged"}
    with pytest.raises(NotFoundError, match="no version 7"):
        workspace.diff(first.policy_id, from_version=7)
    with pytest.raises(NotFoundError, match="no policy with id 42"):
        workspace.diff(42)


_WORDS = ["we", "collect", "data", "keep", "share", "never", "names", "years", "rights"]
_clause_text = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8).map(" ".join)
_clause_list = st.lists(_clause_text, max_size=8).map(
    lambda texts: _clauses(*((str(i + 1), text) for i, text in enumerate(texts))))


@given(old=_clause_list, new=_clause_list)
def test_every_clause_is_accounted_for_once(old: list[Clause], new: list[Clause]) -> None:
    deltas = diff_clauses(old, new)
    assert [d.new_text for d in deltas if d.kind != "removed"] == [c.text for c in new]
    olds = sorted(d.old_text for d in deltas if d.kind != "added")
    assert olds == sorted(c.text for c in old)
    assert all((d.kind == "unchanged") == (d.old_text.split() == d.new_text.split())
               for d in deltas if d.kind in ("changed", "unchanged"))
