"""The search box's query language: hostile queries end in a clear SearchError, never a traceback
or a raw SQLite message, and parsing takes time in proportion to the query (issue 21 §4)."""

from __future__ import annotations

import pytest

from annotator.core.worklist import search_query
from annotator.core.project import Project
from annotator.core.worklist.search_query import All, Any, Not, SearchError, Term, parse
from annotator.core.store.worklist import DocumentFilter, WorklistStore


@pytest.fixture
def worklist():
    project = Project.in_memory()
    with project.store.transaction():
        for n, text in enumerate(["원주시가 국비 120억 원을 확보했다", "대구시는 디지털 치료기기를 키운다"]):
            project.store.insert_document(uid=f"u{n}", title=f"제목 {n}", text=text, raw=None, meta={},
                                          source="", encoding="utf-8", morphemes=b"", sentences=b"")
    yield WorklistStore(project.store)
    project.close()


def test_deeply_nested_parentheses_are_a_search_error(worklist):
    query = "(" * 300 + "원주시" + ")" * 300
    with pytest.raises(SearchError, match="nested") as raised:
        parse(query)
    assert raised.value.problem == "too deep" and raised.value.details == {"limit": search_query.MAX_DEPTH}
    with pytest.raises(SearchError):
        worklist.document_ids("kim", DocumentFilter(query=query))
    nested = "(" * search_query.MAX_DEPTH + "원주시" + ")" * search_query.MAX_DEPTH
    assert parse(nested) == Term("원주시")  # as deep as allowed still searches
    assert list(worklist.document_ids("kim", DocumentFilter(query=nested))) == [1]


def test_a_chain_of_nots_neither_recurses_nor_counts_as_depth():
    assert parse("원주시 " + "NOT " * 400 + "대구시") == All((Term("원주시"), Term("대구시")))
    assert parse("원주시 " + "NOT " * 401 + "대구시") == All((Term("원주시"), Not(Term("대구시"))))


def test_too_many_words_are_a_search_error_not_an_sqlite_error(worklist):
    with pytest.raises(SearchError):  # the 600 OR terms: a raw SQLite error before
        worklist.document_ids("kim", DocumentFilter(query=" OR ".join(f"낱말{n}" for n in range(600))))
    query = " OR ".join(f"{n:03d}" for n in range(search_query.MAX_TERMS + 1))  # short enough, too many
    with pytest.raises(SearchError, match="words") as raised:
        worklist.document_ids("kim", DocumentFilter(query=query))
    assert raised.value.problem == "too many words"
    allowed = " OR ".join(["원주시"] + [f"낱말{n}" for n in range(search_query.MAX_TERMS - 1)])
    assert list(worklist.document_ids("kim", DocumentFilter(query=allowed))) == [1]
    assert isinstance(parse(allowed), Any)


def test_a_query_longer_than_the_limit_is_a_search_error(worklist):
    with pytest.raises(SearchError) as raised:
        parse("가" * (search_query.MAX_LENGTH + 1))
    assert raised.value.problem == "too long"
    long_phrase = '"' + "원주시가 국비" + " " * (search_query.MAX_LENGTH - 20) + '"'
    assert list(worklist.document_ids("kim", DocumentFilter(query=long_phrase))) == []


def test_parsing_is_linear_in_the_query(monkeypatch):
    """Without the limits, 200,000 words parse in about a second; the old tokenizer counted every
    earlier parenthesis again at each word (20,000 words took 23 s, 200,000 would take 40 minutes)."""
    monkeypatch.setattr(search_query, "MAX_LENGTH", 10**9)
    monkeypatch.setattr(search_query, "MAX_TERMS", 10**9)
    words = 200_000
    tree = parse("(" + " ".join(f"w{n}" for n in range(words)) + ") OR x)")
    assert isinstance(tree, Any) and len(tree.parts[0].parts) == words
    assert tree.parts[1] == Term("x)")  # a ")" with no group open is part of the word


def test_the_tokens_read_stop_at_the_first_word_over_the_limit(monkeypatch):
    """A query is read only as far as it is accepted: a pasted article costs what its first words do."""
    read = []
    real = search_query._tokens
    monkeypatch.setattr(search_query, "_tokens", lambda text: (read.append(t) or t for t in real(text)))
    with pytest.raises(SearchError):
        parse("원주시 " * 300)
    assert len(read) <= search_query.MAX_TERMS + 2  # and the one the parser looks ahead to
