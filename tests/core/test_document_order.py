"""The document list's order without a list of every id: returned first, then the rest ascending."""

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.worklist.document_order import DocumentOrder, IdsWithout
from annotator.core.operations import SetStatus
from annotator.core.project import Project
from annotator.core.store.worklist import DocumentFilter, WorklistStore


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 50), st.integers(0, 60), st.sets(st.integers(-5, 120), max_size=20))
def test_a_range_without_some_ids_behaves_like_the_list(first, count, skipped):
    ids = range(first, first + count)
    expected = [i for i in ids if i not in skipped]
    order = IdsWithout(ids, skipped)
    assert len(order) == len(expected) and list(order) == expected
    assert order[:] == expected and order[2:7] == expected[2:7]
    if expected:
        assert order[-1] == expected[-1]
    for doc_id in range(first - 3, first + count + 3):
        assert order.row_of(doc_id) == (expected.index(doc_id) if doc_id in expected else None)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 80), unique=True, max_size=8), st.integers(0, 60))
def test_returned_first_then_the_rest(first, count):
    rest = IdsWithout(range(1, count + 1), first)
    order = DocumentOrder(first, rest)
    expected = first + [i for i in range(1, count + 1) if i not in first]
    assert list(order) == expected and order == expected
    for doc_id in range(0, 90):
        assert order.row_of(doc_id) == (expected.index(doc_id) if doc_id in expected else None)
    listed = DocumentOrder(first, [i for i in range(1, count + 1) if i not in first])
    assert listed == expected and [listed.row_of(d) for d in expected] == list(range(len(expected)))


def test_the_list_puts_returned_documents_first_without_reading_every_id():
    project = Project.in_memory()
    with project.store.transaction():
        for n in range(6):
            project.store.insert_document(uid=f"u{n}", title=f"제목 {n}", text=f"문서 {n} 원주시", raw=None, meta={},
                                          source="", encoding="utf-8", morphemes=b"", sentences=b"")
    project.apply(SetStatus(5, "kim", "returned"))
    project.apply(SetStatus(2, "kim", "returned"))
    worklist = WorklistStore(project.store)
    order = worklist.document_ids("kim")
    assert isinstance(order.rest, IdsWithout)  # a range less the returned ones
    assert list(order) == [2, 5, 1, 3, 4, 6] and order.row_of(5) == 1 and order.row_of(4) == 4
    assert list(worklist.document_ids("kim", DocumentFilter(query="원주시"))) == [2, 5, 1, 3, 4, 6]
    assert list(worklist.document_ids("lee")) == [1, 2, 3, 4, 5, 6]
    assert worklist.next_unfinished("kim", 2) == 5 and worklist.next_unfinished("lee", 2) == 3
    project.close()
