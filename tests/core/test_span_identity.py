"""Spans keep an identity across copies and a revision per edit; deletions leave tombstones;
ids are never reused; undo and redo refuse to touch a span someone else changed."""

import sqlite3

import pytest

from annotator.core.errors import StaleSpanError
from annotator.core.operations import AddSpans, RemoveSpans, UpdateSpan
from annotator.core.records import SpanDraft

from ..conftest import write
from ..engines import engine, second_connection  # noqa: F401 (these tests run on SQLite and on PostgreSQL)


@pytest.fixture
def doc(project, tmp_path, article_text):
    write(tmp_path / "in" / "a.txt", article_text)
    assert project.import_paths([tmp_path / "in"]).ok
    return next(project.documents())


def tombstones(project):
    return project.store.conn.execute("SELECT uid, rev, history FROM span_tombstones").fetchall()


def test_every_edit_is_a_new_revision_with_history(project, doc):
    span = project.add_span(doc.id, 0, 3, "AGENCY", "kim")
    assert len(span.uid) == 32 and span.rev
    relabelled = project.relabel_span(span.id, "TECH")
    assert relabelled.uid == span.uid and relabelled.rev != span.rev
    history = project.store.conn.execute("SELECT history FROM spans WHERE id = ?", (span.id,)).fetchone()[0]
    assert history.split() == [span.rev]


def test_ids_are_never_reused(project, doc):
    first = project.add_span(doc.id, 0, 3, "AGENCY", "kim")
    project.remove_span(first.id)
    second = project.add_span(doc.id, 0, 3, "AGENCY", "kim")
    assert second.id != first.id and second.uid != first.uid


def test_deletion_leaves_a_tombstone_and_undo_brings_the_same_span_back(project, doc):
    span = project.add_span(doc.id, 0, 3, "AGENCY", "kim")
    removal = project.apply(RemoveSpans([span.id]))
    [(uid, rev, history)] = tombstones(project)
    assert uid == span.uid and history.split() == [span.rev] and rev != span.rev
    [back] = project.apply(removal.inverse).added
    assert (back.id, back.uid, back.text) == (span.id, span.uid, span.text)
    assert tombstones(project) == []
    history = project.store.conn.execute("SELECT history FROM spans WHERE uid = ?", (span.uid,)).fetchone()[0]
    assert history.split() == [span.rev, rev]  # the deletion is part of the span's story


def other_connection_relabels(project, span_id, label):
    """Another program (a second window, a merge) changes the span behind this one's back."""
    with second_connection(project) as conn:
        conn.execute("UPDATE spans SET label = ?, rev = 'elsewhere' WHERE id = ?", (label, span_id))


def test_undo_of_an_add_refuses_a_span_changed_elsewhere(project, doc):
    change = project.apply(AddSpans([SpanDraft(doc.id, "kim", 0, 3, "AGENCY")]))
    other_connection_relabels(project, change.added[0].id, "TECH")
    with pytest.raises(StaleSpanError, match="changed since"):
        project.apply(change.inverse)
    assert [s.label for s in project.spans(doc.id)] == ["TECH"]


def test_undo_of_an_edit_refuses_a_span_changed_elsewhere(project, doc):
    span = project.add_span(doc.id, 0, 3, "AGENCY", "kim")
    change = project.apply(UpdateSpan(span.id, label="TECH"))
    other_connection_relabels(project, span.id, "PROGRAM")
    with pytest.raises(StaleSpanError):
        project.apply(change.inverse)
    assert project.span(span.id).label == "PROGRAM"


def test_undo_after_the_id_was_taken_by_another_span(project, doc):
    """After a restore the old id can belong to someone else's span: undo removes nothing of theirs."""
    change = project.apply(AddSpans([SpanDraft(doc.id, "kim", 0, 3, "AGENCY")]))
    mine = change.added[0]
    with second_connection(project) as conn:
        conn.execute("UPDATE spans SET uid = 'someone-else', annotator = 'lee' WHERE id = ?", (mine.id,))
    with pytest.raises(StaleSpanError):
        project.apply(change.inverse)
    assert [s.annotator for s in project.spans(doc.id)] == ["lee"]


@pytest.mark.parametrize("start, end", [("x", 3), (1.5, 3), (1, "3a"), (b"\x01", 3)])
def test_offsets_must_be_integers(project, doc, start, end, engine):
    """Text sorts above numbers in SQLite, so ``end > start`` alone let text offsets in (PostgreSQL's
    integer columns refuse them by type)."""
    if engine == "postgresql" and isinstance(start, float):
        pytest.skip("PostgreSQL rounds a float into an integer column (the columns' type keeps text out)")
    with pytest.raises(sqlite3.IntegrityError if engine == "sqlite" else project.store.engine.errors):
        project.store.conn.execute(
            "INSERT INTO spans (uid, doc_id, annotator, start, end, label, rev, created_at, updated_at)"
            " VALUES ('u', ?, 'kim', ?, ?, 'AGENCY', 'r', '', '')", (doc.id, start, end))
