"""The document list: search, filters, a lazy model that pages summaries in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.project import Project
from annotator.core.store.worklist import DocumentFilter, WorklistStore
from annotator.gui.documents import document_model
from annotator.gui.documents.document_model import DocumentModel

from .conftest import EMOJI_TITLE, listed, open_titled
from .test_labelling import label_entity


def rows(window) -> list[int]:
    model = window.documents.model
    return [model.doc_id(r) for r in range(model.rowCount())]


def search(window, qtbot, text: str) -> None:
    window.documents.search.setFocus()  # keys act where the focus is: a person clicks the box (or Ctrl+Shift+F)
    window.documents.search.setText(text)  # QTest types ASCII only; Korean arrives through the IME
    qtbot.keyClick(window.documents.search, Qt.Key.Key_Return)
    listed(window, qtbot)


def test_search_finds_korean_substrings_and_keeps_the_open_document(window, qtbot):
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.documents.search.hasFocus()
    search(window, qtbot, "원주시")
    found = rows(window)
    assert found and found == sorted(window.project.search("원주시"))
    assert all("원주시" in window.project.document(d).text for d in found)
    assert window.documents.count.text() == f"문서 {len(found)}건"
    search(window, qtbot, "테크노밸리 국비")  # both words, anywhere
    assert [window.project.document(d).title for d in rows(window)] == [EMOJI_TITLE]
    search(window, qtbot, "원주시 OR 대구시")  # full-text syntax
    assert set(rows(window)) == set(window.project.search("원주시")) | set(window.project.search("대구시"))


def test_a_malformed_query_is_a_message(window, qtbot):
    search(window, qtbot, "예산")
    before = rows(window)
    search(window, qtbot, '"국비 120억')
    assert window.documents.error.isVisible()
    assert "국비 120억" in window.documents.error.text()
    assert "국비 120억" in window.statusBar().currentMessage()
    assert rows(window) == before
    search(window, qtbot, "국비")
    assert not window.documents.error.isVisible()


def test_hostile_queries_are_a_message_in_the_interface_language(window, qtbot):
    """300 nested parentheses raised RecursionError in the window, 600 OR terms showed a raw SQLite
    error, and every search error was in English in the Korean interface (issues 21, 22)."""
    search(window, qtbot, "예산")
    before = rows(window)
    for query, korean in (("(" * 300 + "원주시" + ")" * 300, "괄호"), (" OR ".join(f"낱말{n}" for n in range(600)), "글자"),
                          (" OR ".join(f"{n:03d}" for n in range(150)), "낱말"), ('"국비 120억', "따옴표")):
        search(window, qtbot, query)
        message = window.documents.error.text()
        assert window.documents.error.isVisible() and korean in message, message
        assert "cannot" not in message and "Error" not in message
        assert window.statusBar().currentMessage() == message
        assert rows(window) == before
    window.shortcuts.languages["en"].trigger()
    qtbot.waitUntil(lambda: window.shortcuts.file_menu.title() == "&File")
    search(window, qtbot, "(" * 300 + "원주시" + ")" * 300)
    assert "nested" in window.documents.error.text()
    window.shortcuts.languages["ko"].trigger()
    qtbot.waitUntil(lambda: window.shortcuts.file_menu.title() == "파일(&F)")


def test_typing_searches_after_a_pause(window, qtbot):
    window.documents.search.setText("대구시")
    qtbot.waitUntil(lambda: len(rows(window)) == len(window.project.search("대구시")), timeout=2000)


def test_status_and_label_filters(window, qtbot):
    doc_id = open_titled(window, EMOJI_TITLE)
    label_entity(window, qtbot)
    window.documents.status_filter.setCurrentIndex(window.documents.status_filter.findData("in_progress"))
    assert listed(window, qtbot) == [doc_id]
    window.documents.status_filter.setCurrentIndex(0)
    window.documents.label_filter.setCurrentIndex(window.documents.label_filter.findData("AGENCY"))
    assert listed(window, qtbot) == [doc_id]
    window.documents.label_filter.setCurrentIndex(window.documents.label_filter.findData("BUDGET"))
    assert listed(window, qtbot) == []
    window.documents.label_filter.setCurrentIndex(0)
    window.documents.status_filter.setCurrentIndex(window.documents.status_filter.findData("new"))
    assert doc_id not in listed(window, qtbot) and len(rows(window)) == 15


def test_document_model_passes_the_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.documents.model)


def test_the_model_reads_only_the_pages_it_shows(qtbot, qtmodeltester, monkeypatch):
    project = Project.in_memory()
    with project.store.transaction():
        for n in range(5000):
            project.store.insert_document(uid=f"u{n}", title=f"문서 {n}", text=f"본문 {n}", raw=None,
                                          meta={"date": "2025-01-02"}, source="", encoding="utf-8",
                                          morphemes=b"", sentences=b"")
    worklist = WorklistStore(project.store)
    asked = []
    real = worklist.summaries
    monkeypatch.setattr(worklist, "summaries", lambda ids, annotator: asked.append(len(ids)) or real(ids, annotator))
    model = DocumentModel(worklist, "kim")
    model.set_filter(model.filter)
    assert model.rowCount() == 5000 and asked == []
    assert model.index(4321, 0).data() == "문서 4321"
    assert model.index(4322, 1).data() == "2025-01-02"
    assert asked == [document_model.PAGE_SIZE]
    qtmodeltester.check(model)
    project.close()


def test_the_whole_list_extends_its_first_page(qtbot, qtmodeltester):
    """A search's first page, then every id: rows are added below, summaries read stay right."""
    project = Project.in_memory()
    with project.store.transaction():
        for n in range(450):
            project.store.insert_document(uid=f"u{n}", title=f"문서 {n}", text=f"본문 {n} 예산" if n % 2 else f"본문 {n}",
                                          raw=None, meta={}, source="", encoding="utf-8", morphemes=b"", sentences=b"")
    worklist = WorklistStore(project.store)
    model = DocumentModel(worklist, "kim")
    qtmodeltester.check(model)
    flt = DocumentFilter(query="예산")
    page, complete = worklist.document_page("kim", flt, 150)
    assert not complete and list(page) == list(range(2, 302, 2))
    model.show("kim", flt, page)
    assert model.index(149, 0).data() == "문서 299"  # the first page of summaries read, cut at row 150
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.extend(worklist.document_ids("kim", flt))
    assert inserted == [(150, 224)] and model.rowCount() == 225
    assert [model.index(r, 0).data() for r in (149, 150, 199, 224)] == ["문서 299", "문서 301", "문서 399", "문서 449"]
    qtmodeltester.check(model)
    model.extend(worklist.document_ids("kim", DocumentFilter(query='"본문 1"')))  # not an extension: a new list
    assert model.rowCount() == len(project.search("본문 1")) and model.index(0, 0).data() == "문서 1"
    project.close()
