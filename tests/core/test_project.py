import pytest

from annotator import Project, ProjectError, SpanError
from annotator.core.operations import AddSpans, Batch, RemoveSpans
from annotator.core.records import SpanDraft

from ..conftest import write
from ..engines import engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)


@pytest.fixture
def doc(project, tmp_path, article_text):
    write(tmp_path / "in" / "a.txt", article_text)
    report = project.import_paths([tmp_path / "in"])
    assert report.ok and report.documents_added == 1
    return next(project.documents())


def test_add_span_snaps_after_emoji(project, doc):
    start = doc.text.index("원주의료기기테크노밸리에서")
    span = project.add_span(doc.id, start, start + len("원주의료기기테크노밸리에서"), "AGENCY", "kim")
    assert (span.start, span.end) == (start, start + len("원주의료기기테크노밸리"))
    assert span.text == doc.text[span.start:span.end] == "원주의료기기테크노밸리"
    assert project.spans(doc.id, "kim") == [span]


def test_raw_span_and_relabel_and_remove(project, doc):
    start = doc.text.index("120억 원을")
    span = project.add_span(doc.id, start, start + 7, "BUDGET", "kim", snap=False)
    assert span.text == "120억 원을"
    relabelled = project.relabel_span(span.id, "TECH")
    assert relabelled.label == "TECH"
    project.remove_span(span.id)
    assert project.spans(doc.id) == []


def test_overlap_refused_by_default_schema(project, doc):
    start = doc.text.index("과기정통부")
    project.add_span(doc.id, start, start + 5, "AGENCY", "kim")
    with pytest.raises(SpanError, match="overlap"):
        project.add_span(doc.id, start + 1, start + 3, "TECH", "kim", snap=False)
    # Another annotator's layer is independent.
    project.add_span(doc.id, start, start + 5, "AGENCY", "lee")


def test_invalid_spans(project, doc):
    with pytest.raises(SpanError, match="unknown label"):
        project.add_span(doc.id, 0, 3, "PERSON", "kim")
    with pytest.raises(SpanError, match="outside"):
        project.add_span(doc.id, 0, 10_000, "TECH", "kim", snap=False)


def test_operations_return_their_inverse(project, doc):
    draft = SpanDraft(doc.id, "kim", 0, 3, "AGENCY")
    change = project.apply(Batch([AddSpans([draft])]))
    [added] = change.added
    undo = project.apply(change.inverse)
    assert project.spans(doc.id) == [] and undo.removed == [added]
    redo = project.apply(undo.inverse)
    assert project.spans(doc.id) == [added] and redo.added[0].id == added.id
    assert project.apply(RemoveSpans([added.id])).doc_ids == {doc.id}


def test_status_roundtrip(project, doc):
    assert project.status(doc.id, "kim").status == "new"
    project.set_status(doc.id, "kim", "flagged", "번역 확인 필요")
    assert project.status(doc.id, "kim").comment == "번역 확인 필요"
    with pytest.raises(ProjectError):
        project.set_status(doc.id, "kim", "finished")


def test_reopen_keeps_everything(project, doc):
    project.add_span(doc.id, 0, 3, "AGENCY", "kim")
    project.set_status(doc.id, "kim", "done")
    project.close()
    again = Project.open(project.folder)
    assert [s.text for s in again.spans(doc.id)] == ["원주시"]
    assert again.status(doc.id, "kim").status == "done"
    again.close()


def test_search_finds_korean_substrings(project, doc):
    assert project.search("원주시") == [doc.id]
    assert project.search("테크노밸리에서") == [doc.id]
    assert project.search("시가") == []  # fewer than three characters still work (scan)
    assert project.search("디지") == [doc.id]
    assert project.search('"') == []
    assert project.search("AND OR NOT (") == []


def test_stats(project, doc):
    project.add_span(doc.id, 0, 3, "AGENCY", "kim")
    stats = project.stats()
    assert stats["documents"] == 1 and stats["spans_by_layer"] == {"kim": {"AGENCY": 1}}


def test_open_missing_and_existing(tmp_path, project):
    with pytest.raises(ProjectError, match="no such project folder"):
        Project.open(tmp_path / "nope")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project.folder)
