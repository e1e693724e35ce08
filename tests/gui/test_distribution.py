"""Assignments in the workbench: my documents by default, progress of my assigned documents,
Ctrl+Enter to my next unfinished one; active time recorded from real events; the Progress tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from annotator.core.project import Project
from annotator.core.records import GOLD
from annotator.core.store import activity as activity_store
from annotator.core.store import assignments as assignment_store
from annotator.core.team.activity import ActiveTimeClock, save_active_time
from annotator.core.team.assignment import assign
from annotator.core.team.effort import team_figures
from annotator.gui.window import activity_tracker

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def rows(window) -> list[int]:
    model = window.documents.model
    return [model.doc_id(r) for r in range(model.rowCount())]


@pytest.fixture
def assigned_dir(project_dir):
    """The sample project, every document to one of kim and lee."""
    with Project.open(project_dir) as project:
        assign(project, ["kim", "lee"], 1, seed=2)
    return project_dir


def assigned(window, name: str) -> list[int]:
    return assignment_store.assigned_ids(window.project.store, name)


def test_the_list_shows_my_documents_by_default_and_all_on_request(open_window, assigned_dir):
    window = open_window(assigned_dir, "kim")
    kims, total = assigned(window, "kim"), window.project.document_count()
    choice = window.documents.assignment_filter
    assert choice.isVisible() and choice.currentText() == "내 문서"
    assert rows(window) == kims and window.document.id == kims[0]
    assert window.documents.count.text() == f"문서 {len(kims)}건"
    choice.setCurrentIndex(choice.findText("모든 문서"))
    assert len(rows(window)) == total
    window.set_annotator("lee")  # another annotator sees their own by default
    assert choice.currentText() == "내 문서" and rows(window) == assigned(window, "lee")
    window.set_annotator("choi")  # nothing assigned to choi: every document, no choice
    assert not choice.isVisible() and len(rows(window)) == total
    window.set_annotator("kim")
    window.review.set_active(True)  # the reviewer works on gold: every document
    window.review.worker.wait()  # review states are counted on a worker thread
    assert not choice.isVisible() and len(rows(window)) == total
    window.review.set_active(False)
    assert choice.isVisible() and rows(window) == kims


def test_without_assignments_there_is_no_choice(window):
    assert not window.documents.assignment_filter.isVisible()
    assert len(rows(window)) == window.project.document_count()
    assert window.progress_status.text() == f"0/{window.project.document_count()} 완료"


def test_progress_counts_my_documents_and_ctrl_enter_opens_my_next_unfinished(open_window, assigned_dir, qtbot):
    window = open_window(assigned_dir, "kim")
    kims = assigned(window, "kim")
    assert window.progress_status.text() == f"0/{len(kims)} 완료"
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert window.project.status(kims[0], "kim").status == "done"
    assert window.progress_status.text() == f"1/{len(kims)} 완료"
    assert window.document.id == kims[1]
    # with every document listed, Ctrl+Enter still goes to the next of mine
    choice = window.documents.assignment_filter
    choice.setCurrentIndex(choice.findText("모든 문서"))
    lees = assigned(window, "lee")
    window.open_document(lees[0])  # someone else's, opened from the full list
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    following = [d for d in kims if d > lees[0] and d != kims[0]] or kims[1:]
    assert window.document.id == following[0]
    for doc_id in kims:
        window.project.set_status(doc_id, "kim", "done")
    window.open_document(kims[-1])
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)
    assert window.document.id == kims[-1]  # all of mine are done: no one else's document is opened
    assert window.statusBar().currentMessage() == "모든 문서를 마쳤습니다"


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_active_time_is_recorded_from_focus_and_input(open_window, assigned_dir, qtbot, monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(activity_tracker, "ActiveTimeClock", lambda: ActiveTimeClock(fake, lambda: "2025-03-14"))
    window = open_window(assigned_dir, "kim")
    kims = assigned(window, "kim")
    app = QGuiApplication.instance()
    assert app.applicationState() == Qt.ApplicationState.ApplicationActive

    def seconds() -> dict[int, float]:
        return {r.doc_id: r.seconds for r in activity_store.active_time_rows(window.project.store, "kim")}

    for _ in range(4):  # reading and moving the caret for two minutes
        fake.now += 30
        qtbot.keyClick(window.view, Qt.Key.Key_Right)
    fake.now += 600  # a coffee: only its first two minutes count
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)  # the next document: the time so far is saved
    assert window.document.id == kims[1]
    assert seconds() == {kims[0]: 120 + 120}
    fake.now += 50
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)  # another program in front
    fake.now += 300
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    fake.now += 10
    window.activity.save()
    assert seconds() == {kims[0]: 240.0, kims[1]: 60.0}
    window.review.set_active(True)  # reviewing: the time is the gold layer's
    window.review.worker.wait()
    fake.now += 20
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    window.close()  # closing saves
    review = {r.doc_id: r.seconds for r in activity_store.active_time_rows(window.project.store, GOLD)}
    assert review == {window.document.id: 20.0} and seconds()[kims[1]] == 60.0


def test_the_progress_tab_shows_each_annotators_figures(open_window, assigned_dir, qtbot):
    with Project.open(assigned_dir) as project:
        kims = assignment_store.assigned_ids(project.store, "kim")
        project.set_status(kims[0], "kim", "done")
        save_active_time(project.store, "kim", {(kims[0], "2025-03-14"): 1800.0, (kims[1], "2025-03-15"): 900.0})
        expected = team_figures(project)
    window = open_window(assigned_dir, "kim")
    qtbot.keyClick(window.view, Qt.Key.Key_A, CTRL_SHIFT)  # Review › Agreement…
    dialog = window.review.agreement_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    tab = dialog.progress_tab
    with qtbot.waitSignal(tab.shown, timeout=20000):
        dialog.tabs.setCurrentWidget(tab)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "진행·작업 시간"
    kim = expected.annotators[0]
    table = {row[0]: row[1:] for row in tab.model.rows}
    assert table["kim"][:3] == [f"1/{len(kims)}", "0.8", f"{kim.minutes_per_document:.1f}"]
    assert table["lee"][:2] == [f"0/{len(assignment_store.assigned_ids(window.project.store, 'lee'))}", "0.0"]
    assert "16개 중 16개 배정" in tab.summary.text()
    assert tab.chart.data.categories == ["2025-03-14", "2025-03-15"]
    assert tab.chart.data.series == ["kim"] and tab.chart.data.values == [[0.5, 0.25]]
    dialog.grab()
