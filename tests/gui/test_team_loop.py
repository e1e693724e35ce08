"""The team loop in the workbench: the reviewer returns a document with a reason, the annotator
finds it first with the reason above the text and marks it done again, the reviewer sees it came
back fixed; notes with N; compare with gold; gold over time in the dashboard."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog

from annotator.core.project import Project
from annotator.core.records import GOLD
from annotator.gui.documents.document_model import STATUS
from annotator.gui.review.review_model import NOTES

from .conftest import listed
from .test_review_mode import CTRL, at, emoji_doc, review_dir, reviewing  # noqa: F401 - fixtures

SHIFT = Qt.KeyboardModifier.ShiftModifier
REASON = "120억 원은 단위까지 BUDGET입니다 (지침 1.1)"


def answer_return(annotator: str, reason: str) -> None:
    """Fill in and accept the return dialog once it is shown (it is modal)."""
    def fill():
        dialog = QApplication.activeModalWidget()
        dialog.annotator.setCurrentText(annotator)
        dialog.reason.setPlainText(reason)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    QTimer.singleShot(0, fill)


def answer_note(text: str) -> None:
    def fill():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(text)
        dialog.accept()
    QTimer.singleShot(0, fill)


def activate(window, qtbot) -> None:
    """Back to the window after a modal dialog (the offscreen platform does not do it by itself)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def list_status(window, doc_id: int) -> str:
    model = window.documents.model
    return model.data(model.index(model.row_of(doc_id), STATUS))


def test_return_in_review_mode_then_fixed_by_the_annotator(reviewing, open_window, qtbot):
    window = reviewing
    doc_id = window.document.id
    assert [a.text() for a in window.review_returns.menu.actions()] == ["kim에게 반려…", "lee에게 반려…"]
    answer_return("lee", REASON)
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL | SHIFT)
    activate(window, qtbot)
    status = window.project.status(doc_id, "lee")
    assert (status.status, status.reason) == ("returned", REASON)
    assert list_status(window, doc_id).endswith("↩")  # the reviewer's list: returned, waiting
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # one undo step
    assert window.project.status(doc_id, "lee").status == "done"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.project.status(doc_id, "lee").status == "returned"
    folder = window.project.folder
    window.close()

    lee = open_window(folder, "lee")
    assert lee.documents.model.doc_id(0) == doc_id  # returned documents come first
    assert lee.document.id == doc_id  # and open first
    assert lee.header.reason.isVisible() and REASON in lee.header.reason.text()
    assert lee.annotator_returns.button.isVisible() and "1" in lee.annotator_returns.button.text()
    lee.annotator_returns.button.click()  # lists only the returned ones
    assert listed(lee, qtbot) == [doc_id]
    qtbot.keyClick(lee.view, Qt.Key.Key_Return, CTRL)  # done again
    status = lee.project.status(doc_id, "lee")
    assert (status.status, status.reason) == ("done", REASON)
    assert not lee.annotator_returns.button.isVisible()
    lee.open_document(doc_id)
    assert not lee.header.reason.isVisible()
    lee.close()

    reviewer = open_window(folder, "kim")
    qtbot.keyClick(reviewer.view, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: reviewer.review.columns.reviews is not None)
    assert list_status(reviewer, doc_id).endswith("↩✓")  # came back fixed
    model = reviewer.documents.model
    assert "lee" in model.data(model.index(model.row_of(doc_id), STATUS), Qt.ItemDataRole.ToolTipRole)


def test_notes_on_a_span_the_document_and_a_candidate(reviewing, open_window, qtbot):
    window = reviewing
    doc_id = window.document.id
    [row] = [r for r, c in enumerate(window.review.model.candidates()) if c.text == "인공지능"]
    window.review.panel.table.setCurrentIndex(window.review.model.index(row, 0))
    answer_note("AI와 함께 하나로?")
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    activate(window, qtbot)
    notes = window.review.model.data(window.review.model.index(row, NOTES))
    assert notes == "gold: AI와 함께 하나로?" and not window.review.panel.table.isColumnHidden(NOTES)
    folder = window.project.folder
    window.close()

    kim = open_window(folder, "kim")
    kim.open_document(doc_id)
    span = next(s for s in kim.spans.model.spans() if s.text == "인공지능")
    kim.select_span(span.id)
    answer_note("기술명 맞나요?")
    qtbot.keyClick(kim.view, Qt.Key.Key_N)
    activate(kim, qtbot)
    noted = kim.project.span(span.id)
    assert noted.note == "기술명 맞나요?" and noted.uid == span.uid
    assert "✎ 기술명 맞나요?" in kim.view.describe(noted, "annotations")  # shown on hover
    assert not kim.spans.table.isColumnHidden(3)  # the span list's note column
    qtbot.keyClick(kim.view, Qt.Key.Key_Z, CTRL)
    assert kim.project.span(span.id).note == ""
    kim.select_span(None)
    answer_note("제목에 이모지가 있어요")
    qtbot.keyClick(kim.view, Qt.Key.Key_N)  # nothing selected: the document's note
    activate(kim, qtbot)
    assert kim.project.document_notes(doc_id) == {"kim": "제목에 이모지가 있어요"}
    assert kim.header.notes.isVisible() and "제목에 이모지가 있어요" in kim.header.notes.text()
    kim.documents.search.setText("이모지가 있어요")
    kim.documents.apply_filter()
    assert listed(kim, qtbot) == [doc_id]


def test_compare_with_gold(review_dir, open_window, qtbot):
    with Project.open(review_dir) as project:
        doc_id = emoji_doc(project)
        text = project.document(doc_id).text
        project.add_span(doc_id, *at(text, "원주의료기기테크노밸리"), "AGENCY", GOLD, snap=False)  # same as kim's
        project.add_span(doc_id, *at(text, "120억"), "BUDGET", GOLD, snap=False)  # kim: 120억 원
        project.add_span(doc_id, *at(text, "의료영상"), "TECH", GOLD, snap=False)  # kim lacks it
        project.mark_adjudicated(doc_id)
    window = open_window(review_dir, "kim")
    window.open_document(emoji_doc(window.project))
    qtbot.keyClick(window.view, Qt.Key.Key_G, CTRL | SHIFT)
    assert window.gold_comparison.toggle.isChecked()
    counts = window.gold_comparison.comparison.counts()
    assert counts == {"missing": 1, "rejected": 3, "different": 1, "same": 1}  # 디지털트윈, 과기정통부, 인공지능
    overlays = window.view.overlay_names()
    assert {"gold:missing", "gold:rejected", "gold:different"} <= set(overlays)
    assert "골드에만 1" in window.gold_comparison.status.text()
    window.open_document(window.project.store.document_ids()[0])  # not adjudicated
    assert "gold:missing" not in window.view.overlay_names()
    assert window.gold_comparison.status.text() == "골드: 아직 판정 전"
    qtbot.keyClick(window.view, Qt.Key.Key_G, CTRL | SHIFT)
    assert not window.gold_comparison.status.isVisible()


def test_the_dashboard_shows_agreement_with_gold_over_time(reviewing, qtbot):
    window = reviewing
    qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL)  # adjudicate the emoji article
    qtbot.keyClick(window.view, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = window.review.agreement_dialog
    with qtbot.waitSignal(dialog.reportShown, timeout=20000):
        pass
    trend = dialog.gold_trend
    rows = {(row[0], row[2]) for row in trend.figures.rows}
    assert rows == {("kim", 1), ("lee", 1)} and trend.chart.data.series == ["kim", "lee"]
    assert dialog.tabs.tabText(4) == "골드와의 일치 추이"


def test_the_reviewer_reads_flags_beside_the_document_and_in_the_list(review_dir, open_window, qtbot, monkeypatch):
    from annotator.gui.window import database_watch

    monkeypatch.setattr(database_watch, "POLL_MS", 50)
    with Project.open(review_dir) as project:
        doc_id = emoji_doc(project)
        project.set_status(doc_id, "lee", "flagged", "제목에 이모지가 있어요")
    window = open_window(review_dir, "kim")
    window.open_document(doc_id)
    assert not window.header.flags.isVisible()  # blind: an annotator does not see another's flag
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.review.columns.reviews is not None)
    assert window.header.flags.isVisible()
    shown = window.header.flags.text()
    assert "lee" in shown and "제목에 이모지가 있어요" in shown and "20" in shown  # who, the comment, when
    assert "⚑" in list_status(window, doc_id)  # the reviewer finds flagged documents in the list
    model = window.documents.model
    assert "제목에 이모지가 있어요" in model.data(model.index(model.row_of(doc_id), STATUS), Qt.ItemDataRole.ToolTipRole)
    script = ("import sys; from annotator import Project\n"
              "with Project.open(sys.argv[1]) as p:\n"
              f"    p.set_status({doc_id}, 'lee', 'done')\n")
    subprocess.run([sys.executable, "-c", script, str(review_dir)], check=True)  # lee's copy merged, say
    qtbot.waitUntil(lambda: not window.header.flags.isVisible(), timeout=5000)
    assert "⚑" not in list_status(window, doc_id)
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)
    assert not window.header.flags.isVisible()


def test_a_return_another_program_brings_in_shows_in_the_count_and_comes_first(project_dir, open_window, qtbot,
                                                                                monkeypatch):
    # The reviewer's copy merged into lee's project by `annotator merge` while lee's window is open.
    from annotator.gui.window import database_watch

    monkeypatch.setattr(database_watch, "POLL_MS", 50)
    with Project.open(project_dir) as project:
        ids = project.store.document_ids()
        returned = ids[5]  # not the open one, and not first in the list
        project.set_status(returned, "lee", "done")
    lee = open_window(project_dir, "lee")
    assert lee.document.id != returned and not lee.annotator_returns.button.isVisible()
    script = ("import sys; from annotator import Project\n"
              "with Project.open(sys.argv[1]) as p:\n"
              f"    p.return_document({returned}, 'lee', sys.argv[2])\n")
    subprocess.run([sys.executable, "-c", script, str(project_dir), REASON], check=True)
    qtbot.waitUntil(lambda: lee.annotator_returns.button.isVisible(), timeout=5000)
    assert "1" in lee.annotator_returns.button.text()
    qtbot.waitUntil(lambda: listed(lee, qtbot)[:1] == [returned], timeout=5000)  # returned documents first
    assert lee.documents.current_doc_id() == lee.document.id  # the open document stays selected
