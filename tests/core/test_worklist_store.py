"""The work list: filters, search, summaries without texts, progress, next unfinished."""

from __future__ import annotations

import pytest

from annotator.core.operations import SetStatus
from annotator.core.project import Project
from annotator.core.worklist_store import DocumentFilter, SearchError, WorklistStore, search_terms
from ..engines import engine  # noqa: F401 (these tests run on SQLite and on PostgreSQL)


@pytest.fixture
def listing():
    project = Project.in_memory()
    texts = ["원주시가 국비 120억 원을 확보했다", "대구시는 디지털 치료기기를 키운다", "원주시와 대구시가 협력한다", "AI 예산"]
    with project.store.transaction():
        for n, text in enumerate(texts):
            project.store.insert_document(uid=f"u{n}", title=f"제목 {n}", text=text, raw=None,
                                          meta={"date": f"2025-01-0{n + 1} 09:00"} if n != 3 else {},
                                          source="", encoding="utf-8", morphemes=b"", sentences=b"")
    yield project, WorklistStore(project.store)
    project.close()


def test_search_terms():
    assert search_terms("  ") == (None, [])
    assert search_terms("원주시 대구시") == ('"원주시" AND "대구시"', [])
    assert search_terms("원주 AI") == (None, ["%원주%", "%AI%"])
    assert search_terms('50%_') == ('"50%_"', [])
    assert search_terms('원주시 OR 대구시') == ("원주시 OR 대구시", [])
    assert search_terms('"국비 120억"') == ('"국비 120억"', [])


def test_filters_and_search(listing):
    project, worklist = listing
    assert worklist.document_ids("kim") == [1, 2, 3, 4]
    assert worklist.document_ids("kim", DocumentFilter(query="원주시")) == [1, 3]
    assert worklist.document_ids("kim", DocumentFilter(query="원주시 대구시")) == [3]
    assert worklist.document_ids("kim", DocumentFilter(query="원주시 OR 치료기기")) == [1, 2, 3]
    assert worklist.document_ids("kim", DocumentFilter(query="AI")) == [4]  # too short for trigrams: a scan
    assert worklist.document_ids("kim", DocumentFilter(query="제목 3")) == [4]  # titles too
    project.add_span(1, 0, 3, "AGENCY", "kim", snap=False)
    project.add_span(2, 0, 3, "AGENCY", "lee", snap=False)
    project.apply(SetStatus(1, "kim", "done"))
    assert worklist.document_ids("kim", DocumentFilter(label="AGENCY")) == [1]
    assert worklist.document_ids("kim", DocumentFilter(status="done")) == [1]
    assert worklist.document_ids("kim", DocumentFilter(status="new")) == [2, 3, 4]
    assert worklist.document_ids("kim", DocumentFilter(status="new", query="원주시")) == [3]


def test_malformed_query_is_a_search_error(listing):
    _, worklist = listing
    for query in ('"원주시', "원주시 AND", "NOT"):
        with pytest.raises(SearchError, match="cannot search"):
            worklist.document_ids("kim", DocumentFilter(query=query))


def test_summaries_progress_and_next_unfinished(listing):
    project, worklist = listing
    project.add_span(2, 0, 3, "AGENCY", "kim", snap=False)
    project.apply(SetStatus(2, "kim", "in_progress"))
    project.apply(SetStatus(3, "kim", "done"))
    summaries = worklist.summaries([2, 3, 4], "kim")
    assert (summaries[2].title, summaries[2].date, summaries[2].status, summaries[2].spans) == \
        ("제목 1", "2025-01-02 09:00", "in_progress", 1)
    assert summaries[4].date == "" and summaries[3].status == "done"
    assert worklist.progress("kim") == (1, 4)
    assert worklist.next_unfinished("kim", 2) == 4
    assert worklist.next_unfinished("kim", 4) == 1  # wraps around
    assert worklist.next_unfinished("kim", 1, DocumentFilter(query="대구시")) == 2
    for doc_id in (1, 2, 4):
        project.apply(SetStatus(doc_id, "kim", "skipped"))
    assert worklist.next_unfinished("kim", 1) is None


def test_the_list_survives_metadata_that_is_not_strict_json(listing):
    """NaN was stored by earlier versions (Python's json writes it); SQLite's JSON functions refuse it."""
    project, worklist = listing
    for doc_id, meta in ((1, '{"date": "2025-02-01", "views": NaN}'), (2, "[" * 2000 + "]" * 2000),
                         (3, '{"date": 20250301}')):
        project.store.conn.execute("UPDATE documents SET meta = ? WHERE id = ?", (meta, doc_id))
    summaries = worklist.summaries([1, 2, 3, 4], "kim")
    assert [summaries[i].date for i in (1, 2, 3, 4)] == ["2025-02-01", "", "20250301", ""]
