"""The commonest gestures on a long article, driven as a person does them (issue 12):
scroll with the wheel and drag, delete twice, type right after opening."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from annotator.core.records import GOLD

from .conftest import EMOJI_TITLE, open_titled
from .test_labelling import my_spans, point_of, select_codepoints

CTRL = Qt.KeyboardModifier.ControlModifier


def wheel_down(view, notches: int) -> None:
    """Turn the mouse wheel over the text, as a person scrolls."""
    viewport = view.viewport()
    centre = QPointF(viewport.rect().center())
    for _ in range(notches):
        event = QWheelEvent(centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(viewport, event)


def visible_word_near_bottom(window) -> tuple[int, int]:
    """Code-point range of a word (2+ Hangul letters, a space before it) in the lower third of the viewport."""
    view, text = window.view, window.document.text
    height = view.viewport().height()
    start = view.offsets.from_qt(view.cursorForPosition(QPoint(10, height * 2 // 3)).position())
    while True:
        start = text.index(" ", start) + 1
        end = start
        while end < len(text) and "가" <= text[end] <= "힣":
            end += 1
        if end - start >= 2 and height // 2 < point_of(window, end).y() < height - 10:
            return start, end
        assert point_of(window, start).y() < height, "no word found near the bottom"


def longest_sample(window) -> int:
    documents = [d for d in window.project.documents() if d.title != EMOJI_TITLE]
    longest = max(documents, key=lambda d: len(d.text))
    window.open_document(longest.id)
    return longest.id


def test_a_drag_after_scrolling_selects_what_is_under_the_mouse_and_keeps_the_view(window, qtbot):
    window.resize(1280, 560)  # the article is longer than the view
    longest_sample(window)
    text = window.document.text
    first = text.index(" ") + 1
    select_codepoints(window, first, first + 4)  # a span near the top: the caret stays up there
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 200 and bar.value() == 0
    wheel_down(window.view, 4)
    scrolled = bar.value()
    assert scrolled > 100
    start, end = visible_word_near_bottom(window)
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start))
    assert bar.value() == scrolled  # the press does not jump back to the old caret
    qtbot.mouseMove(viewport, point_of(window, end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, end))
    assert bar.value() == scrolled
    assert window.view.selection_range() == window.editor.snap(window.document, start, end)


def test_escape_and_a_click_on_empty_text_after_scrolling_keep_the_view(window, qtbot):
    window.resize(1280, 560)
    longest_sample(window)
    bar = window.view.verticalScrollBar()
    wheel_down(window.view, 4)
    scrolled = bar.value()
    start, _end = visible_word_near_bottom(window)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, start))
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert bar.value() == scrolled


def test_delete_removes_one_span_selects_nothing_and_says_how_to_undo(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    text = window.document.text
    for word, key in (("120억 원을", Qt.Key.Key_1), ("디지털트윈", Qt.Key.Key_3), ("과기정통부는", Qt.Key.Key_2)):
        start = text.index(word)
        select_codepoints(window, start, start + len(word))
        qtbot.keyClick(window.view, key)
    spans = my_spans(window)
    assert [s.text for s in spans] == ["디지털트윈", "120억 원", "과기정통부"]
    middle = spans[1]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, middle.start + 2))
    assert window.view.selected_span() == ("annotations", middle.id)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert [s.text for s in my_spans(window)] == ["디지털트윈", "과기정통부"]
    assert window.view.selected_span() is None
    assert not window.spans.table.selectionModel().hasSelection()
    message = window.statusBar().currentMessage()
    assert "120억 원" in message and "Ctrl+Z" in message
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)  # the second press (or key repeat) deletes nothing more
    qtbot.keyClick(window.view, Qt.Key.Key_Backspace)
    assert [s.text for s in my_spans(window)] == ["디지털트윈", "과기정통부"]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert [s.text for s in my_spans(window)] == ["디지털트윈", "120억 원", "과기정통부"]
    assert "120억 원" in window.statusBar().currentMessage()  # undo says what it did
    undone = window.statusBar().currentMessage()
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert [s.text for s in my_spans(window)] == ["디지털트윈", "과기정통부"]
    redone = window.statusBar().currentMessage()
    assert "120억 원" in redone and redone != undone


def test_keys_go_to_the_text_right_after_opening(window, qtbot):
    assert QApplication.focusWidget() is window.view
    qtbot.waitUntil(lambda: window.suggestions.ready)
    suggested = len(window.suggestions.marks())
    assert suggested
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A)  # accepts a suggestion, types nothing
    assert window.documents.search.text() == ""
    assert len(my_spans(window)) == 1


def test_keys_go_to_the_text_right_after_opening_in_review_mode(project_dir, qtbot, korean):
    from annotator.core.project import Project
    from annotator.gui.window.main_window import MainWindow

    project = Project.open(project_dir)
    window = MainWindow(project, "kim", review=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    try:
        assert window.annotator == GOLD
        assert QApplication.focusWidget() is window.view
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_X)
        assert window.documents.search.text() == ""
    finally:
        window.close()
        project.close()

