"""The next document: returned and calibration documents first, then by the model's stated rule."""

from __future__ import annotations

import dataclasses

import pytest

from annotator import Project
from annotator.core.model.queue import QueueEntry, QueueInputs, annotator_warning, next_documents
from annotator.core.store import assignments as assignment_store
from annotator.core.team.assignment import assign

from .model_fixtures import labelled_project
from .test_model import schema_with_person
from ..engines import database_for, engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)


@pytest.fixture
def queue_project(tmp_path, engine, request):
    project = Project.create(tmp_path / "queue", schema_with_person(tmp_path), server=database_for(request, engine))
    finished = labelled_project(project, 8)
    unfinished = labelled_project(project, 6, annotator="other", seed=21, done=False)  # kim has not started these
    yield project, finished, unfinished
    project.close()


def with_random_share(project, share: float) -> None:
    project.schema = dataclasses.replace(project.schema, model=dataclasses.replace(project.schema.model,
                                                                                     random_share=share))


def test_without_a_model_the_next_unfinished_in_order_after_the_current_one(queue_project):
    project, finished, unfinished = queue_project
    assert [(e.doc_id, e.reason) for e in next_documents(project, "kim", count=2, after=unfinished[2])] == [
        (unfinished[3], "order"), (unfinished[4], "order")]
    assert next_documents(project, "kim", after=unfinished[-1])[0].doc_id == unfinished[0]  # wraps round


def test_returned_then_calibration_documents_come_first(queue_project):
    project, finished, unfinished = queue_project
    project.return_document(finished[3], "kim", "경계가 틀림")
    entries = next_documents(project, "kim", count=3, inputs=QueueInputs(calibration=[unfinished[4], finished[0]]))
    assert [(e.doc_id, e.reason) for e in entries] == [
        (finished[3], "returned"), (unfinished[4], "calibration"), (unfinished[0], "order")]  # done: no calibration
    assert next_documents(project, "kim", inputs=QueueInputs(returned=[unfinished[5]]))[0].reason == "returned"


def test_assignments_and_a_filtered_list_narrow_the_choice(queue_project):
    project, _, unfinished = queue_project
    assert next_documents(project, "kim", inputs=QueueInputs(assigned={unfinished[3]}))[0].doc_id == unfinished[3]
    assert next_documents(project, "kim", candidates={unfinished[5]})[0].doc_id == unfinished[5]
    assert next_documents(project, "kim", candidates=set()) == []


def test_with_a_model_the_least_certain_document_with_its_probability(queue_project):
    project, _, unfinished = queue_project
    project.train()
    with_random_share(project, 0.0)
    entries = next_documents(project, "kim", count=6)
    uncertain = [e for e in entries if e.reason == "uncertain"]
    assert uncertain and all(0.0 < e.score <= 1.0 for e in uncertain)
    assert [e.score for e in uncertain] == sorted(e.score for e in uncertain)  # least certain first
    assert sorted(e.doc_id for e in entries) == unfinished
    assert entries == next_documents(project, "kim", count=6)  # the same draw until something is finished
    assert uncertain[0].to_json() == {"id": uncertain[0].doc_id, "reason": "uncertain",
                                      "score": round(uncertain[0].score, 4), "label": None}


def test_a_random_share_keeps_the_model_from_steering_every_choice(queue_project):
    project, _, unfinished = queue_project
    project.train()
    with_random_share(project, 1.0)
    entries = next_documents(project, "kim", count=3)
    assert {e.reason for e in entries} == {"random"} and len({e.doc_id for e in entries}) == 3


def test_a_document_expected_to_hold_a_rare_label_is_offered(queue_project, monkeypatch):
    project, _, unfinished = queue_project
    project.train()
    with_random_share(project, 0.0)
    from annotator.core.model import queue

    monkeypatch.setattr(queue, "RARE_SHARE", 1.0)  # every model choice looks for rare labels first
    monkeypatch.setattr(queue, "RARE_SPANS", 100)  # PERSON and AGENCY (32 spans each) count as rare
    entry = next_documents(project, "kim")[0]
    assert entry.reason == "rare" and entry.label in {"PERSON", "AGENCY"} and entry.score >= 1.0
    assert "rare label" in entry.describe()


def test_the_queue_takes_calibration_and_assigned_documents_from_the_assignment(queue_project):
    """Without inputs given, the team's assignment decides: kim's calibration documents first, then
    only documents assigned to her (never someone else's)."""
    project, _, unfinished = queue_project
    assign(project, ["kim", "lee"], per_document=1, calibration_ids=[unfinished[4]], seed=3)
    kims = set(assignment_store.assigned_ids(project.store, "kim"))
    entries = next_documents(project, "kim", count=len(unfinished))
    assert entries[0] == QueueEntry(unfinished[4], "calibration")
    assert {e.doc_id for e in entries} <= kims and len(entries) == len(kims & set(unfinished))
    assert annotator_warning(project, "kim") is None
    assert annotator_warning(project, "other") == (
        "other has no assigned documents (the project assigns its documents to kim, lee); "
        "this queue is over every document")
    assert annotator_warning(project, "LEE").endswith("did you mean lee?")
