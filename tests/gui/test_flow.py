"""Moving through the work: done, skip, flag, previous/next, and everything kept on disk."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.gui.window import dialogs

from .conftest import EMOJI_TITLE, open_titled
from .test_labelling import label_entity

CTRL = Qt.KeyboardModifier.ControlModifier


def status(window, doc_id):
    return window.project.status(doc_id, "kim")


def test_starts_at_the_first_document_and_marks_done_then_opens_the_next(window, qtbot):
    first = window.documents.neighbour(None, 0)
    assert window.document.id == first
    assert window.progress_status.text() == "0/16 완료"
    assert window.annotator_status.text() == "작업자: kim"
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert status(window, first).status == "done"
    assert window.document.id == window.documents.neighbour(first, 1)
    assert window.documents.current_doc_id() == window.document.id
    assert window.progress_status.text() == "1/16 완료"
    row = window.documents.model.row_of(first)
    assert window.documents.model.index(row, 2).data() == "완료"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # undo shows the document it changed
    assert status(window, first).status == "new"
    assert window.document.id == first
    assert window.progress_status.text() == "0/16 완료"


def test_done_skips_finished_documents_and_wraps_around(window, qtbot):
    ids = [window.documents.model.doc_id(r) for r in range(window.documents.model.rowCount())]
    window.open_document(ids[1])
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    window.open_document(ids[0])
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert window.document.id == ids[2]  # ids[1] is done already
    window.open_document(ids[-1])
    qtbot.keyClick(window.view, Qt.Key.Key_K, CTRL)
    assert status(window, ids[-1]).status == "skipped"
    assert window.document.id == ids[2]  # wrapped around to the first unfinished


def test_flag_asks_for_a_comment(window, qtbot, monkeypatch):
    doc_id = window.document.id
    monkeypatch.setattr(dialogs, "ask_flag_comment", lambda parent, current="": "제목과 본문이 다른 기사")
    qtbot.keyClick(window.view, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.ShiftModifier)
    flagged = status(window, doc_id)
    assert (flagged.status, flagged.comment) == ("flagged", "제목과 본문이 다른 기사")
    window.open_document(doc_id)
    assert "제목과 본문이 다른 기사" in window.header.status.text()
    monkeypatch.setattr(dialogs, "ask_flag_comment", lambda parent, current="": None)  # cancelled
    qtbot.keyClick(window.view, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.stack.count() == 1


def test_page_keys_move_through_the_list(window, qtbot):
    first = window.document.id
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)
    second = window.document.id
    assert second == window.documents.neighbour(first, 1)
    qtbot.keyClick(window.view, Qt.Key.Key_PageUp)
    assert window.document.id == first
    qtbot.keyClick(window.view, Qt.Key.Key_PageUp)
    assert window.document.id == first
    assert window.statusBar().currentMessage()


def test_clicking_a_row_opens_the_document(window, qtbot):
    table = window.documents.table
    row = 3
    rect = table.visualRect(window.documents.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.document.id == window.documents.model.doc_id(row)
    assert window.header.title.text() == window.document.title


def test_everything_is_still_there_after_reopening(open_window, project_dir, qtbot):
    window = open_window(project_dir)
    doc_id = open_titled(window, EMOJI_TITLE)
    label_entity(window, qtbot)
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    window.close()
    window.project.close()

    again = open_window(project_dir)
    assert again.progress_status.text() == "1/16 완료"
    again.open_document(doc_id)
    assert [(s.label, s.text) for s in again.spans.model.spans()] == [("AGENCY", "원주의료기기테크노밸리")]
    assert again.header.status.text() == "완료"
    row = again.documents.model.row_of(doc_id)
    assert again.documents.model.index(row, 3).data() == 1
    assert again.documents.model.index(row, 2).data() == "완료"


def test_switching_annotator_shows_their_own_work(window, qtbot, monkeypatch):
    doc_id = open_titled(window, EMOJI_TITLE)
    label_entity(window, qtbot)
    monkeypatch.setattr(dialogs, "ask_annotator_name", lambda parent, current="", check=None: "lee")
    window.shortcuts.switch_annotator.trigger()
    assert window.annotator == "lee"
    assert window.annotator_status.text() == "작업자: lee"
    assert window.document.id == doc_id
    assert window.spans.model.spans() == []
    assert window.stack.count() == 0
    from annotator.gui.window import settings

    assert settings.saved_annotator() == "lee"
