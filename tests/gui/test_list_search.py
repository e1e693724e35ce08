"""The document list's searches and filters run on a worker thread: the window keeps taking keys,
stale answers are dropped, the answer shows when it comes (issue 17)."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt

from annotator.core.project import Project
from annotator.core.team.assignment import assign
from annotator.gui.documents import document_search

from .conftest import EMOJI_TITLE, listed, open_titled
from .test_labelling import ENTITY, label_entity

CTRL = Qt.KeyboardModifier.ControlModifier


def rows(window) -> list[int]:
    model = window.documents.model
    return [model.doc_id(r) for r in range(model.rowCount())]


@pytest.fixture
def held(window, monkeypatch):
    """Queries for the words in ``held.words`` wait on the worker thread until ``held.release()``, or
    until a newer query makes them stale (as SQLite's progress check stops a real one)."""

    class Held:
        def __init__(self):
            self.words: set[str] = set()
            self.gate = threading.Event()
            self.asked: list[str] = []

        def release(self):
            self.gate.set()

    state = Held()
    real = document_search.first_documents  # what the worker asks first
    worker = window.documents.search_worker

    def slow(project, annotator, flt, rows):
        assert threading.current_thread() is not threading.main_thread()
        number = worker.latest
        state.asked.append(flt.query)
        while flt.query in state.words and not state.gate.wait(0.02) and worker.latest == number:
            pass
        return real(project, annotator, flt, rows)

    monkeypatch.setattr(document_search, "first_documents", slow)
    yield state
    state.release()


def type_search(window, qtbot, text: str) -> None:
    window.documents.search.setFocus()
    window.documents.search.setText(text)  # QTest types ASCII only; Korean arrives through the IME
    qtbot.keyClick(window.documents.search, Qt.Key.Key_Return)


def test_a_label_key_labels_while_a_slow_search_runs(window, qtbot, held):
    doc_id = open_titled(window, EMOJI_TITLE)
    everything = rows(window)
    held.words = {"국비"}
    type_search(window, qtbot, "국비")
    qtbot.waitUntil(lambda: held.asked == ["국비"])
    assert window.documents.searching()
    qtbot.waitUntil(window.documents.busy.isVisible)  # the list says it is searching
    assert window.documents.count.text() == "검색 중…"
    assert rows(window) == everything  # the previous answer stays until the new one comes
    window.view.setFocus()
    label_entity(window, qtbot)  # select, press 2: labelled while the query is still out
    assert [(s.text, s.label) for s in window.project.spans(doc_id, "kim")] == [(ENTITY, "AGENCY")]
    assert window.documents.searching()
    held.release()
    found = listed(window, qtbot)
    assert found == sorted(window.project.search("국비")) and doc_id in found
    assert not window.documents.busy.isVisible()
    assert window.documents.count.text() == f"문서 {len(found)}건"
    assert window.documents.current_doc_id() == doc_id  # the open document stays selected
    assert window.document.id == doc_id


def test_a_newer_query_drops_the_answer_to_the_older_one(window, qtbot, held):
    shown = []
    window.documents.model.modelReset.connect(lambda: shown.append(window.documents.model.filter.query))
    held.words = {"원주시"}
    type_search(window, qtbot, "원주시")
    qtbot.waitUntil(lambda: held.asked == ["원주시"])
    type_search(window, qtbot, "대구시")  # asked while the first is still running
    held.release()
    assert listed(window, qtbot) == sorted(window.project.search("대구시"))
    qtbot.wait(50)  # any late answer would have arrived by now
    assert shown == ["대구시"]  # the answer to 원주시 was never shown
    assert rows(window) == sorted(window.project.search("대구시"))


def test_clearing_the_search_lists_everything_at_once(window, qtbot, held):
    held.words = {"원주시"}
    type_search(window, qtbot, "원주시")
    qtbot.waitUntil(lambda: held.asked == ["원주시"])
    window.documents.search.clear()
    qtbot.keyClick(window.documents.search, Qt.Key.Key_Return)
    assert not window.documents.searching()  # ids only: no worker, no wait
    assert len(rows(window)) == window.project.document_count()
    held.release()
    qtbot.wait(50)
    assert len(rows(window)) == window.project.document_count()


def test_ctrl_enter_and_page_down_work_while_a_search_runs(window, qtbot, held):
    first = window.document.id
    held.words = {"원주시"}
    type_search(window, qtbot, "원주시")
    qtbot.waitUntil(lambda: held.asked == ["원주시"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)  # steps through the list shown
    assert window.document.id == rows(window)[rows(window).index(first) + 1]
    stepped = window.document.id
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert window.project.status(stepped, "kim").status == "done"
    assert window.document.id != stepped  # the next unfinished one opened
    assert window.documents.searching()
    held.release()
    listed(window, qtbot)
    assert window.documents.current_doc_id() == (window.document.id if window.document.id in rows(window) else None)


def test_ctrl_enter_in_a_searched_list_asks_the_worker(window, qtbot):
    type_search(window, qtbot, "원주시")
    found = listed(window, qtbot)
    window.open_document(found[0])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.document.id == found[1])  # the next one in the searched list
    assert window.project.status(found[0], "kim").status == "done"


def test_a_running_query_is_interrupted_by_a_newer_one(window, qtbot, monkeypatch):
    """A query of minutes (a recursive count on the worker's own connection) gives way at once."""
    real = document_search.first_documents
    started = threading.Event()

    def endless_for_one_word(project, annotator, flt, rows):
        if flt.query == "원주시":
            started.set()
            project.store.conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n").fetchone()
        return real(project, annotator, flt, rows)

    monkeypatch.setattr(document_search, "first_documents", endless_for_one_word)
    type_search(window, qtbot, "원주시")
    assert started.wait(5)
    began = time.monotonic()
    type_search(window, qtbot, "대구시")
    assert listed(window, qtbot) == sorted(window.project.search("대구시"))
    assert time.monotonic() - began < 5


def test_a_search_in_my_documents_and_in_review_mode(open_window, project_dir, qtbot):
    with Project.open(project_dir) as project:
        assign(project, ["kim", "lee"], 1, seed=2)
    window = open_window(project_dir, "kim")
    mine = set(rows(window))
    assert window.documents.assignment_filter.mine() and len(mine) < window.project.document_count()
    type_search(window, qtbot, "원주시")
    assert listed(window, qtbot) == sorted(mine & set(window.project.search("원주시")))
    window.review.set_active(True)  # the reviewer: every document, with the review columns
    window.review.worker.wait()
    assert listed(window, qtbot) == sorted(window.project.search("원주시"))
    assert window.documents.model.annotator == "gold"
    assert window.documents.model.headerData(2, Qt.Orientation.Horizontal) != "상태"  # review columns kept


@pytest.fixture
def gate():
    """Released at the end of the test whatever happens: the worker thread must not stay blocked."""
    event = threading.Event()
    yield event
    event.set()


def test_the_first_page_shows_before_the_count_and_the_rest_is_added_below(window, qtbot, monkeypatch, gate):
    """At a million documents a common word's first page is read in milliseconds and its count in
    seconds (issue 27): the rows come first, the rest are added under them without moving the
    selection, and the count shows when known."""
    monkeypatch.setattr(document_search, "FIRST_ROWS", 3)
    real = document_search.matching_documents

    def slow_count(project, annotator, flt):
        gate.wait(10)
        return real(project, annotator, flt)

    monkeypatch.setattr(document_search, "matching_documents", slow_count)
    everything = sorted(window.project.search("다"))  # in every document
    assert len(everything) > 3
    resets, inserted = [], []
    model = window.documents.model
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    type_search(window, qtbot, "다")
    qtbot.waitUntil(lambda: rows(window) == everything[:3])
    assert window.documents.searching()
    qtbot.waitUntil(window.documents.busy.isVisible)
    assert window.documents.count.text() == "문서 3건 이상 · 세는 중…"
    window.documents.table.selectRow(1)  # the annotator opens one of the first rows meanwhile
    qtbot.waitUntil(lambda: window.document.id == everything[1])
    gate.set()
    assert listed(window, qtbot) == everything
    assert resets == [3] and inserted == [(3, len(everything) - 1)]  # added below, not a new list
    assert window.documents.current_doc_id() == everything[1] == window.document.id
    assert window.documents.count.text() == f"문서 {len(everything)}건"
    assert not window.documents.busy.isVisible()


def test_a_newer_query_drops_the_rest_of_an_older_list(window, qtbot, monkeypatch, gate):
    monkeypatch.setattr(document_search, "FIRST_ROWS", 3)
    real = document_search.matching_documents

    def slow_count(project, annotator, flt):
        if flt.query == "다":
            gate.wait(10)
        return real(project, annotator, flt)

    monkeypatch.setattr(document_search, "matching_documents", slow_count)
    type_search(window, qtbot, "다")
    qtbot.waitUntil(lambda: len(rows(window)) == 3)
    type_search(window, qtbot, "대구시")
    gate.set()
    assert listed(window, qtbot) == sorted(window.project.search("대구시"))
    qtbot.wait(50)
    assert rows(window) == sorted(window.project.search("대구시"))


def test_the_open_document_further_down_is_marked_when_the_rest_comes_without_scrolling(window, qtbot, monkeypatch,
                                                                                        gate):
    monkeypatch.setattr(document_search, "FIRST_ROWS", 12)
    real = document_search.matching_documents
    monkeypatch.setattr(document_search, "matching_documents",
                        lambda project, annotator, flt: gate.wait(10) and real(project, annotator, flt))
    window.resize(1280, 300)  # fewer rows in view than the first page has
    everything = sorted(window.project.search("다"))
    window.open_document(everything[-1])
    type_search(window, qtbot, "다")
    qtbot.waitUntil(lambda: rows(window) == everything[:12])
    scroll = window.documents.table.verticalScrollBar()
    assert window.documents.current_doc_id() is None  # not among the first rows
    qtbot.waitUntil(lambda: scroll.maximum() > 0)
    assert scroll.value() == 0  # a new list shows its top
    gate.set()
    assert listed(window, qtbot) == everything
    qtbot.wait(20)
    assert window.documents.current_doc_id() == everything[-1] == window.document.id
    assert scroll.value() == 0  # the first rows, which the annotator may be reading, stay in view
