"""Returns (반려): the reviewer sends a document back with a reason; it comes first in the
annotator's list and back to the reviewer as fixed once done again."""

import pytest

from annotator import GOLD, ProjectError
from annotator.core.records import Status
from annotator.core.store.worklist import DocumentFilter, WorklistStore

from .synthetic import Words, numbered_text
from ..engines import engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)


@pytest.fixture
def docs(project):
    """Three documents kim marked done, the second adjudicated."""
    words = [Words(project, numbered_text(4, seed)) for seed in "abc"]
    for w in words:
        w.mark("kim", 0, 0, "AGENCY")
        project.set_status(w.doc_id, "kim", "done")
    project.mark_adjudicated(words[1].doc_id)
    return [w.doc_id for w in words]


def test_a_return_is_an_undoable_status_with_its_reason(project, docs):
    change = project.return_document(docs[2], "kim", "  AGENCY 경계를 확인하세요 ")
    status = project.status(docs[2], "kim")
    assert (status.status, status.reason) == ("returned", "AGENCY 경계를 확인하세요") and status.returned_at
    assert [(r.doc_id, r.state) for r in project.returns()] == [(docs[2], "returned")]
    project.apply(change.inverse)
    assert project.status(docs[2], "kim") == Status(docs[2], "kim", "done")
    assert project.returns() == []


def test_returned_documents_come_first_and_first_among_the_unfinished(project, docs):
    worklist = WorklistStore(project.store)
    project.return_document(docs[2], "kim", "다시")
    assert worklist.document_ids("kim") == [docs[2], docs[0], docs[1]]
    assert worklist.document_ids("lee") == docs  # only kim's list changes
    assert worklist.document_ids("kim", DocumentFilter(status="returned")) == [docs[2]]
    assert worklist.next_unfinished("kim", docs[0]) == docs[2]
    assert worklist.next_unfinished("kim", docs[2]) is None  # all others are done


def test_done_again_keeps_the_reason_and_shows_as_fixed_until_adjudicated_again(project, docs):
    project.return_document(docs[1], "kim", "BUDGET 단위 포함")
    project.set_status(docs[1], "kim", "done")
    status = project.status(docs[1], "kim")
    assert (status.status, status.reason) == ("done", "BUDGET 단위 포함")
    [fixed] = project.returns()
    assert (fixed.doc_id, fixed.annotator, fixed.state, fixed.reason) == (docs[1], "kim", "fixed", "BUDGET 단위 포함")
    project.mark_adjudicated(docs[1])  # the reviewer looks again
    assert project.returns() == []


def test_what_a_return_refuses(project, docs):
    with pytest.raises(ProjectError, match="a reason is required"):
        project.return_document(docs[0], "kim", "  ")
    with pytest.raises(ProjectError, match="lee has no spans or status in document 1 \\(annotators there: kim\\)"):
        project.return_document(docs[0], "lee", "x")
    with pytest.raises(ProjectError, match="not to the gold layer"):
        project.return_document(docs[0], GOLD, "x")
    with pytest.raises(ProjectError, match="use return_document"):
        project.set_status(docs[0], "kim", "returned")
    assert project.returns() == []
