"""Merging by span identity: edits, deletions and withdrawals travel; true conflicts are reported with
both versions and settled by --prefer; a dry run writes nothing; old copies merge by content."""

import sqlite3
from pathlib import Path

import pytest

from annotator import GOLD, Project, ProjectError
from annotator.core.store.migrations import apply_pending
from annotator.core.project_move import move_to_server
from annotator.core.operations import RejectSpans, RemoveSpans, WithdrawRejections
from annotator.core.records import Rejection
from annotator.core.store.store import now
from annotator.core.text.normalize import document_uid

from .synthetic import Words, numbered_text
from .team_copies import copy_project, dump
from ..engines import database_for, engine  # noqa: F401 (copy a on SQLite and on PostgreSQL)

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def team(tmp_path, engine, request):
    """A base project where kim marked words 0 and 2; copied to ``a`` and ``b`` (kim's laptop and desktop).
    On PostgreSQL, ``a`` is then moved to the server: the copies merged into it are SQLite files."""
    with Project.create(tmp_path / "base") as base:
        words = Words(base, numbered_text(8, "a"))
        words.mark("kim", 0, 0, "AGENCY")
        words.mark("kim", 2, 3, "BUDGET")
    for name in ("a", "b"):
        copy_project(tmp_path / "base", tmp_path / name)
    server = database_for(request, engine)
    if server is not None:
        move_to_server(tmp_path / "a", server)
    return tmp_path


def merging_from_a(engine):
    """A test that merges ``a`` into ``b``: on PostgreSQL ``a`` is no copy (its folder names the server)."""
    if engine == "postgresql":
        pytest.skip("a project on a server is not merged from (its folder holds no copy); packages are")


def test_a_server_project_is_not_merged_from(team, engine):
    if engine == "sqlite":
        return
    with Project.open(team / "b") as b, pytest.raises(ProjectError, match="on a PostgreSQL server"):
        b.merge_from(team / "a")


def only_span(project, label):
    [span] = project.spans(annotator="kim", label=label)
    return span


def diverge(team):
    """The AGENCY span relabelled TECH in a, deleted in b: a true conflict."""
    with Project.open(team / "a") as a:
        a.relabel_span(only_span(a, "AGENCY").id, "TECH")
    with Project.open(team / "b") as b:
        b.remove_span(only_span(b, "AGENCY").id)


def test_edits_deletions_and_undone_deletions_travel(team, engine):
    merging_from_a(engine)
    with Project.open(team / "a") as a:
        budget = only_span(a, "BUDGET")
        a.resize_span(budget.id, budget.start, budget.end - 4)
        removal = a.remove_span(only_span(a, "AGENCY").id)
    with Project.open(team / "b") as b:
        report = b.merge_from(team / "a")
        assert (report.spans_updated, report.spans_deleted, report.conflicts) == ({"kim": 1}, {"kim": 1}, [])
        assert [s.label for s in b.spans(annotator="kim")] == ["BUDGET"]
        assert only_span(b, "BUDGET").text == "다a2"
    with Project.open(team / "a") as a:
        a.apply(removal.inverse)  # the deletion undone: the same span comes back
    with Project.open(team / "b") as b:
        report = b.merge_from(team / "a")
        assert report.spans_restored == {"kim": 1} and not report.conflicts
        with Project.open(team / "a") as a:
            assert dump(a) == dump(b)
        assert not b.merge_from(team / "a").changed


def test_a_true_conflict_is_reported_with_both_versions_and_ours_kept(team):
    diverge(team)
    with Project.open(team / "a") as a:
        before = dump(a)
        report = a.merge_from(team / "b")
        [conflict] = report.conflicts
        assert conflict.resolution == "unsettled" and conflict.annotator == "kim"
        assert (conflict.ours.label, conflict.ours.deleted, conflict.theirs.deleted) == ("TECH", False, True)
        assert "TECH" in str(conflict) and "deleted" in str(conflict) and "--prefer" in str(conflict)
        as_json = report.to_dict()["conflicts"][0]
        assert as_json["ours"]["label"] == "TECH" and as_json["theirs"]["deleted"] is True
        assert dump(a) == before  # nothing lost, nothing changed
        assert len(a.merge_from(team / "b").conflicts) == 1  # reported until settled


@pytest.mark.parametrize("prefer, kept", [("ours", "TECH"), ("theirs", None)])
def test_prefer_ours_or_theirs_settles_the_conflict_for_good(team, prefer, kept, engine):
    merging_from_a(engine)
    diverge(team)
    with Project.open(team / "a") as a:
        [conflict] = a.merge_from(team / "b", prefer=prefer).conflicts
        assert conflict.resolution == {"ours": "kept ours", "theirs": "took theirs"}[prefer]
        assert [s.label for s in a.spans(annotator="kim") if s.label != "BUDGET"] == ([kept] if kept else [])
        again = a.merge_from(team / "b")
        assert again.conflicts == [] and not again.changed
    with Project.open(team / "b") as b:  # the settled version wins in the other copy too, without a conflict
        assert b.merge_from(team / "a").conflicts == []
        with Project.open(team / "a") as a:
            assert dump(a) == dump(b)


def test_prefer_newer_picks_the_same_version_in_either_copy(team, engine):
    merging_from_a(engine)
    diverge(team)
    for name in ("a", "b"):  # each copy merges the other as it was before either merge
        copy_project(team / name, team / f"{name}-before")
    with Project.open(team / "a") as a, Project.open(team / "b") as b:
        [one] = a.merge_from(team / "b-before", prefer="newer").conflicts
        [two] = b.merge_from(team / "a-before", prefer="newer").conflicts
        assert {one.resolution, two.resolution} == {"kept ours", "took theirs"}  # b's deletion came later
        assert dump(a) == dump(b) and not a.spans(annotator="kim", label="TECH")


def test_the_same_change_in_two_copies_is_no_conflict(team, engine):
    merging_from_a(engine)
    for name in ("a", "b"):
        with Project.open(team / name) as copy:
            copy.relabel_span(only_span(copy, "AGENCY").id, "TECH")
    with Project.open(team / "a") as a, Project.open(team / "b") as b:
        assert a.merge_from(team / "b").conflicts == [] and b.merge_from(team / "a").conflicts == []
        assert dump(a) == dump(b)



def test_spans_added_in_two_copies_that_overlap_are_reported_after_the_merge(team, engine, capsys):
    # Each copy's edit was fine alone (kim on her laptop and her desktop); together they overlap. Neither
    # copy's span is dropped (that would depend on the order of merges): the overlap is reported to fix.
    from annotator.cli.main import main

    merging_from_a(engine)
    with Project.open(team / "a") as a:
        doc_id = a.spans(annotator="kim")[0].doc_id
        text = a.document(doc_id).text
        fifth, sixth = text.split(" ")[4:6]
        start = text.index(fifth)
        a.add_span(doc_id, start, start + len(fifth), "TECH", "kim", snap=False)
    with Project.open(team / "b") as b:
        b.add_span(doc_id, start, text.index(sixth) + len(sixth), "PROGRAM", "kim", snap=False)
        report = b.merge_from(team / "a")
        [overlap] = report.overlaps
        assert overlap.layer == "kim" and {overlap.first.label, overlap.second.label} == {"PROGRAM", "TECH"}
        assert len(b.spans(doc_id, "kim")) == 4  # both kept
        assert "the schema forbids overlaps" in str(overlap) and report.to_dict()["overlaps"][0]["layer"] == "kim"
    assert main(["merge", str(team / "b"), str(team / "a")]) == 1  # merging again: reported until fixed
    assert "overlaps" in capsys.readouterr().err
    with Project.open(team / "b") as b:
        b.remove_span(next(s for s in b.spans(doc_id, "kim") if s.label == "TECH").id)
        assert b.merge_from(team / "a").overlaps == []

def test_dry_run_reports_without_writing(team):
    diverge(team)
    with Project.open(team / "b") as b:
        b.add_span(next(b.documents()).id, 20, 23, "TECH", "lee", snap=False)
    with Project.open(team / "a") as a:
        before = dump(a)
        dry = a.merge_from(team / "b", dry_run=True)
        assert dry.dry_run and dry.spans_added == {"lee": 1} and len(dry.conflicts) == 1
        assert dump(a) == before
        real = a.merge_from(team / "b")
        assert real.to_dict() | {"dry_run": True} == dry.to_dict()


def test_a_withdrawn_rejection_and_a_status_set_back_to_new_travel(team, engine):
    merging_from_a(engine)
    with Project.open(team / "a") as a:
        doc_id = next(a.documents()).id
        rejection = Rejection(doc_id, 0, 3, "TECH", GOLD)
        a.apply(RejectSpans([rejection]))
        a.set_status(doc_id, "kim", "done")
    with Project.open(team / "b") as b:
        assert b.merge_from(team / "a").rejections_added == 1
        assert b.status(doc_id, "kim").status == "done"
    with Project.open(team / "a") as a:
        a.apply(WithdrawRejections([rejection]))
        a.set_status(doc_id, "kim", "new")
    with Project.open(team / "b") as b:
        report = b.merge_from(team / "a")
        assert report.rejections_withdrawn == 1 and report.statuses_updated == 1
        assert b.review_candidates(doc_id) and not any(c.state == "rejected" for c in b.review_candidates(doc_id))
        assert b.status(doc_id, "kim").status == "new"


def test_a_stale_gold_in_an_annotators_copy_never_undoes_the_reviewers_decision(team, engine):
    merging_from_a(engine)
    with Project.open(team / "a") as reviewer:  # a: the reviewer's copy; b: kim's
        doc_id = next(reviewer.documents()).id
        gold = reviewer.add_span(doc_id, 0, 3, "AGENCY", GOLD, snap=False)
    with Project.open(team / "b") as kim:
        kim.merge_from(team / "a")  # kim gets gold
    with Project.open(team / "a") as reviewer:
        reviewer.relabel_span(gold.id, "TECH")  # the reviewer changes their mind
        reviewer.apply(RemoveSpans([only_span(reviewer, "BUDGET").id]))  # and is allowed to edit kim's too
        report = reviewer.merge_from(team / "b")
        assert report.conflicts == [] and not report.spans_updated and not report.spans_restored
        assert [s.label for s in reviewer.spans(doc_id, GOLD)] == ["TECH"]


def test_a_copy_from_before_span_identities_merges_by_content(tmp_path):
    with Project.create(tmp_path / "p") as project:
        report = project.merge_from(DATA / "project-0002_rejections.db", trust_full_copy=True)  # another project
        assert report.by_content and report.spans_added == {"kim": 1} and report.documents_added == 1
        again = project.merge_from(DATA / "project-0002_rejections.db", trust_full_copy=True)
        assert not again.changed and again.spans_identical == 1
        [span] = project.spans(annotator="kim")
        assert span.uid and span.text == "원주시"


def test_an_unknown_preference_is_refused(team):
    with Project.open(team / "a") as a:
        with pytest.raises(ProjectError, match="unknown preference"):
            a.merge_from(team / "b", prefer="mine")


def test_a_copy_from_schema_0003_merges_by_identity(tmp_path):
    """Span identities but no returns, withdrawn rejections or document notes yet."""
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    apply_pending(conn, stop_before="0004_team_loop")
    conn.close()
    text = numbered_text(4, "z")
    conn = sqlite3.connect(old)
    t = [now() for _ in range(5)]  # times as annotator writes them (the copy check refuses others)
    conn.execute("INSERT INTO documents (id, uid, text, length, imported_at) VALUES (1, ?, ?, ?, ?)",
                 (document_uid(text), text, len(text), t[0]))  # a uid is the hash of the text (the copy check)
    conn.execute("INSERT INTO spans (uid, doc_id, annotator, start, end, label, rev, history, created_at, updated_at)"
                 " VALUES ('span-1', 1, 'kim', 0, 3, 'AGENCY', 'r2', 'r1', ?, ?)", t[0:2])
    conn.execute("INSERT INTO span_tombstones (uid, doc_id, annotator, start, end, label, rev, history, deleted_at)"
                 " VALUES ('span-2', 1, 'kim', 4, 7, 'TECH', 'r4', 'r3', ?)", t[2:3])
    conn.execute("INSERT INTO statuses (doc_id, annotator, status, comment, updated_at) VALUES (1, 'kim', 'done', '', ?)",
                 t[3:4])
    conn.execute("INSERT INTO rejections (doc_id, layer, start, end, label, created_at) VALUES (1, 'gold', 0, 3, 'TECH', ?)",
                 t[4:5])
    conn.commit()
    conn.close()
    with Project.create(tmp_path / "p") as project:
        old_copy = dict(trust_full_copy=True)  # a database built here, not a copy of the project
        report = project.merge_from(old, **old_copy)
        assert not report.by_content and report.spans_added == {"kim": 1} and report.rejections_added == 1
        [span] = project.spans(annotator="kim")
        assert (span.uid, span.rev, span.text) == ("span-1", "r2", "가z0")
        assert dump(project)["tombstones"]["span-2"][1:3] == ("kim", "r4")
        assert project.status(span.doc_id, "kim").status == "done"
        assert not project.merge_from(old, **old_copy).changed
