"""Right-click in the text: the menu of what is under the pointer, made of the window's actions (the
same keys), acting on what was clicked; Next / Previous with the same label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from annotator.core.records import GOLD

from .conftest import EMOJI_TITLE, open_titled
from .test_labelling import ENTITY, my_spans, point_of, select_codepoints
from .test_review_mode import at, gold, review_dir, reviewing, state  # noqa: F401 - fixtures
from .test_suggestions import AMOUNT, mark_at

ALT = Qt.KeyboardModifier.AltModifier


def right_click(window, offset: int, by_mouse: bool = True) -> QMenu:
    """Right-click (or the Menu key) at a code-point offset of the text; returns the menu shown (the
    one shown before is closed first, as a second right-click does)."""
    before = window.text_menu.shown
    if before is not None:
        before.close()
    point = point_of(window, offset)
    reason = QContextMenuEvent.Reason.Mouse if by_mouse else QContextMenuEvent.Reason.Keyboard
    QApplication.sendEvent(window.view.viewport(),
                           QContextMenuEvent(reason, point, window.view.viewport().mapToGlobal(point)))
    menu = window.text_menu.shown
    assert menu is not before and menu.isVisible()
    return menu


def entries(menu: QMenu) -> list:
    """Every action of the menu and its submenus, in order."""
    found = []
    for action in menu.actions():
        found += entries(action.menu()) if action.menu() is not None else [action]
    return found


def submenu(menu: QMenu, title: str) -> QMenu:
    return next(a.menu() for a in menu.actions() if a.menu() is not None and a.text() == title)


def test_a_selection_is_labelled_from_the_menu(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    start = window.document.text.index(ENTITY + "에서")
    select_codepoints(window, start, start + len(ENTITY + "에서"))
    menu = right_click(window, start + 3)
    assert "원주의료기기테크노밸리에서" in menu.actions()[0].text()
    label_as = submenu(menu, "레이블 지정")
    assert label_as.actions() == list(window.shortcuts.labels.values())  # the label keys' own actions
    assert "복사" in [a.text() for a in menu.actions()]
    window.shortcuts.labels["AGENCY"].trigger()
    assert [(s.label, s.text) for s in my_spans(window)] == [("AGENCY", ENTITY)]  # snapped as by the key


def test_a_span_is_selected_relabelled_noted_and_deleted_from_the_menu(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    start = window.document.text.index(ENTITY + "에서")
    select_codepoints(window, start, start + len(ENTITY))
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    [span] = my_spans(window)
    window.select_span(None)
    menu = right_click(window, start + 3)
    assert window.selected_span().id == span.id  # the right-click selected it
    a = window.shortcuts
    assert {a.delete_span, window.notes.edit, a.next_same_label, *a.edges.values()} <= set(entries(menu))
    assert a.delete_span.isEnabled() and "Del" in a.delete_span.shortcut().toString()
    assert submenu(menu, "레이블 변경").actions() == list(a.labels.values())
    a.labels["TECH"].trigger()
    assert [s.label for s in my_spans(window)] == ["TECH"]
    right_click(window, start + 3)
    a.delete_span.trigger()
    assert my_spans(window) == []
    menu = right_click(window, start + 3)  # nothing there now: the document's own entries
    assert {window.notes.edit, a.mark_done, a.flag} <= set(entries(menu))


def test_a_suggestion_is_accepted_or_rejected_from_the_menu(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    agency = mark_at(window, qtbot, "과기정통부")
    menu = right_click(window, agency.start + 1)
    assert window.suggestions.selected() == agency
    a = window.shortcuts
    assert [a.accept_suggestion, a.reject_suggestion, a.accept_all_suggestions] == [
        x for x in entries(menu) if x in (a.accept_suggestion, a.reject_suggestion, a.accept_all_suggestions)]
    a.reject_suggestion.trigger()
    assert "과기정통부" not in [m.text for m in window.suggestions.marks()] and my_spans(window) == []
    amount = mark_at(window, qtbot, AMOUNT)
    submenu(right_click(window, amount.start + 1), "다른 레이블로 수락").actions()[0].trigger()  # BUDGET, key 1
    assert [(s.label, s.text) for s in my_spans(window)] == [("BUDGET", AMOUNT)]


def test_in_review_mode_a_candidate_is_only_selected_then_decided_from_the_menu(reviewing, qtbot):
    window = reviewing
    before = gold(window)
    start, _end = at(window.document.text, "인공지능")
    menu = right_click(window, start + 1)
    assert gold(window) == before  # a right-click does not accept, as a left click does
    candidate = window.review.selected_candidate()
    assert (candidate.text, candidate.label) == ("인공지능", "TECH")
    assert {window.review.accept, window.review.reject, window.notes.edit} <= set(entries(menu))
    assert window.review_returns.first in entries(menu)  # Return to kim…
    window.review.reject.trigger()
    assert state(window, "인공지능", "TECH") == "rejected"
    menu = right_click(window, at(window.document.text, "원주의료기기테크노밸리")[0] + 2)  # merged into gold
    assert window.selected_span().annotator == GOLD and window.shortcuts.delete_span in entries(menu)
    assert window.review.reject in entries(menu)


def test_next_with_the_same_label_skips_the_others(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    text = window.document.text
    first = text.index(ENTITY)
    second = text.index(ENTITY, first + 1)
    tech = text.index("디지털트윈")
    for start, end, key in ((first, first + len(ENTITY), Qt.Key.Key_2), (tech, tech + 5, Qt.Key.Key_3),
                            (second, second + len(ENTITY), Qt.Key.Key_2)):
        select_codepoints(window, start, end)
        qtbot.keyClick(window.view, key)
    spans = {s.start: s for s in my_spans(window)}
    window.select_span(spans[first].id)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, ALT)
    assert window.selected_span().id == spans[second].id  # the TECH span in between is skipped
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, ALT)
    assert window.selected_span().id == spans[first].id  # round at the end
    menu = right_click(window, 0, by_mouse=False)  # the Menu key: the menu of what is selected
    assert window.shortcuts.previous_same_label in entries(menu)
    window.shortcuts.previous_same_label.trigger()
    assert window.selected_span().id == spans[second].id
