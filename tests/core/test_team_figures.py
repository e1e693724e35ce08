"""What assignments change elsewhere: review readiness, agreement's documents, progress and
effort figures, the next document, and the hours an export records."""

import json

import pytest

from annotator import GOLD, Project
from annotator.core.review.merged_view import READY, ready_documents
from annotator.core.store import assignments as assignment_store
from annotator.core.team.activity import save_active_time
from annotator.core.team.assignment import next_unfinished_document
from annotator.core.team.effort import team_figures
from annotator.core.store.worklist import DocumentFilter, WorklistStore

from .synthetic import Words, numbered_text
from ..engines import database_for, engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)

STAMP = "2025-03-14T09:00:00+00:00"


@pytest.fixture
def project(tmp_path, engine, request):
    project = Project.create(tmp_path / "p", server=database_for(request, engine))
    yield project
    project.close()


@pytest.fixture
def docs(project):
    """Four documents of 400, 200, 600 and 100 words."""
    return [Words(project, numbered_text(n, seed=str(i))) for i, n in enumerate((400, 200, 600, 100))]


def give(project, pairs):
    assignment_store.write_assignments(project.store, [(d, name, False) for d, name in pairs], STAMP)


def test_a_document_is_ready_when_its_assigned_annotators_are_done(project, docs):
    a, b, c, d = (w.doc_id for w in docs)
    give(project, [(a, "kim"), (a, "lee"), (b, "kim"), (c, "kim"), (c, "lee")])
    # d is assigned to nobody: two annotators done makes it ready, as before assignments
    for name in ("kim", "lee"):
        project.set_status(d, name, "done")
    project.set_status(a, "kim", "done")
    project.set_status(a, "park", "done")  # not assigned: does not stand in for lee
    project.set_status(b, "kim", "done")  # assigned to kim alone: ready with one
    project.set_status(c, "kim", "done")
    project.set_status(c, "lee", "skipped")  # lee skipped it: kim's part is all there is
    states = {doc_id: review.state for doc_id, review in project.review_states().items()}
    assert states == {a: "not_ready", b: READY, c: READY, d: READY}
    assert ready_documents(project) == [b, c, d]
    project.set_status(a, "lee", "done")
    assert project.review_state(a).state == READY and ready_documents(project) == [a, b, c, d]
    project.set_status(b, GOLD, "adjudicated")
    assert ready_documents(project) == [a, c, d]


def test_agreement_over_every_document_counts_only_the_assigned_ones(project, docs):
    a, b, c, _ = docs
    give(project, [(a.doc_id, "kim"), (b.doc_id, "kim"), (b.doc_id, "lee"), (c.doc_id, "lee")])
    b.mark("kim", 0, None, "TECH")
    b.mark("lee", 0, None, "TECH")
    a.mark("kim", 1, None, "TECH")  # lee was never given a: no disagreement there
    [pair] = project.agreement(all_documents=True).pairs
    assert pair.document_ids == [b.doc_id]
    assert pair.to_dict()["f1_strict"] == 1.0


def test_progress_and_effort_per_annotator(project, docs):
    a, b, c, d = docs
    give(project, [(a.doc_id, "kim"), (b.doc_id, "kim"), (c.doc_id, "kim"), (b.doc_id, "lee"), (d.doc_id, "lee")])
    assignment_store.write_assignments(project.store, [(d.doc_id, "kim", True)], STAMP)  # a calibration document
    for w, spans in ((a, 3), (b, 1)):
        for i in range(spans):
            w.mark("kim", 2 * i, None, "TECH")
    b.mark(GOLD, 0, None, "TECH")
    b.mark(GOLD, 4, None, "AGENCY")
    for w in (a, b):
        project.set_status(w.doc_id, "kim", "done")
    project.set_status(b.doc_id, GOLD, "adjudicated")
    save_active_time(project.store, "kim", {(a.doc_id, "2025-03-14"): 600.0, (b.doc_id, "2025-03-14"): 120.0,
                                            (b.doc_id, "2025-03-15"): 60.0, (c.doc_id, "2025-03-15"): 1020.0})
    save_active_time(project.store, GOLD, {(b.doc_id, "2025-03-15"): 360.0})
    figures = team_figures(project)
    assert (figures.documents, figures.documents_assigned, figures.calibration_documents) == (4, 4, 1)
    kim, lee = figures.annotators
    assert (kim.name, kim.assigned, kim.calibration, kim.done) == ("kim", 4, 1, 2)
    assert (lee.name, lee.assigned, lee.done, lee.active_seconds) == ("lee", 2, 0, 0.0)
    assert kim.active_seconds == 1800.0 and kim.active_hours == 0.5 and kim.timed_documents == 3
    assert kim.minutes_per_document == (10 + 3) / 2  # median over done documents with time: a 10, b 3
    assert kim.minutes_per_1000_characters == (10 / (len(a.text) / 1000) + 3 / (len(b.text) / 1000)) / 2
    assert kim.spans_per_hour == 4 / 0.5  # spans in timed documents (c has none) per hour on them
    assert kim.f1_gold == 2 * 1 / (1 + 2) and kim.gold_documents == 1  # b: kim 1 span, gold 2, one the same
    assert lee.f1_gold is None and lee.minutes_per_document is None and lee.spans_per_hour is None
    assert figures.review_seconds == 360.0
    assert figures.days == {"2025-03-14": {"kim": 720.0}, "2025-03-15": {"kim": 1080.0, GOLD: 360.0}}
    assert figures.to_dict()["days"]["2025-03-15"] == {"kim": 0.3, GOLD: 0.1}


def test_progress_counts_my_assigned_documents_and_the_next_one_is_mine(project, docs):
    a, b, c, d = (w.doc_id for w in docs)
    worklist = WorklistStore(project.store)
    project.set_status(a, "kim", "done")
    assert worklist.progress("kim") == (1, 4)  # no assignments: every document
    assert next_unfinished_document(worklist, "kim", a) == b
    give(project, [(a, "kim"), (c, "kim"), (d, "kim")])
    assert worklist.progress("kim") == (1, 3)
    assert worklist.document_ids("kim", DocumentFilter(mine=True)) == [a, c, d]
    assert next_unfinished_document(worklist, "kim", a) == c  # b is not kim's
    assert next_unfinished_document(worklist, "kim", d) == c  # wrapping around
    assert next_unfinished_document(worklist, "kim", a, DocumentFilter(query=docs[3].text.split()[2])) == d
    project.set_status(c, "kim", "done")
    project.set_status(d, "kim", "done")
    assert next_unfinished_document(worklist, "kim", d) is None  # all of kim's are done; b is someone else's
    assert next_unfinished_document(worklist, "lee", a) == b  # lee has no assignments: any document


def test_the_export_manifest_records_the_hours_the_gold_took(project, docs, tmp_path):
    a, b, c, _ = docs
    for w in (a, b):
        w.mark(GOLD, 0, None, "TECH")
        project.set_status(w.doc_id, GOLD, "adjudicated")
    save_active_time(project.store, "kim", {(a.doc_id, "2025-03-14"): 1800.0, (c.doc_id, "2025-03-14"): 900.0})
    save_active_time(project.store, "lee", {(b.doc_id, "2025-03-14"): 3600.0})
    save_active_time(project.store, GOLD, {(a.doc_id, "2025-03-15"): 720.0})
    report = project.export("jsonl", tmp_path / "out", split="50/50/0", seed=1)
    manifest = json.loads((tmp_path / "out" / "export.json").read_text(encoding="utf-8"))
    effort = {"annotator_hours": 1.5, "review_hours": 0.2, "hours_by_annotator": {"kim": 0.5, "lee": 1.0}}
    assert manifest["effort"] == report.as_dict()["effort"] == effort  # c was not exported: its time is not counted
