"""Suggestions in the workbench: drawn apart from annotations, one key from being spans, undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.gui.window import settings
from annotator.gui.text.suggestions import OVERLAY

from .conftest import EMOJI_TITLE, open_titled
from .test_labelling import point_of, select_codepoints

AMOUNT = "120억 원"


def ready(window, qtbot):
    qtbot.waitUntil(lambda: window.suggestions.ready, timeout=5000)
    return window.suggestions.marks()


def mark_at(window, qtbot, text):
    return next(m for m in ready(window, qtbot) if m.text == text)


def my_spans(window):
    return window.project.spans(window.document.id, "kim")


def put_caret(window, offset):
    select_codepoints(window, offset, offset)


def test_suggestions_are_their_own_overlay_and_the_key_accepts_one_with_its_value(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    marks = ready(window, qtbot)
    assert {(m.label, m.text) for m in marks} >= {("BUDGET", AMOUNT), ("AGENCY", "과기정통부")}
    assert OVERLAY in window.view.overlay_names()
    assert my_spans(window) == []  # suggestions are not annotations
    amount = mark_at(window, qtbot, AMOUNT)
    assert window.view.describe(amount, OVERLAY).split("\n")[:3] == [
        "제안: BUDGET 예산·금액 (금액 패턴)", AMOUNT, "12,000,000,000 KRW"]
    put_caret(window, amount.start + 2)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    [span] = my_spans(window)
    assert (span.label, span.text, span.attrs["value"], span.attrs["currency"]) == (
        "BUDGET", AMOUNT, "12000000000", "KRW")
    assert AMOUNT not in [m.text for m in window.suggestions.marks()]  # hidden at once under the new span
    assert window.spans.model.spans() == [span]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert my_spans(window) == []
    qtbot.waitUntil(lambda: AMOUNT in [m.text for m in window.suggestions.marks()])


def test_accept_all_is_one_undo_step_and_the_span_list_shows_the_amount(window, qtbot):
    doc_id = open_titled(window, EMOJI_TITLE)
    marks = ready(window, qtbot)
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    spans = my_spans(window)
    assert [(s.start, s.end, s.label) for s in spans] == [(m.start, m.end, m.label) for m in marks]
    assert window.suggestions.marks() == []
    assert window.project.status(doc_id, "kim").status == "in_progress"
    row = next(r for r, s in enumerate(window.spans.model.spans()) if s.text == AMOUNT)
    assert not window.spans.table.isColumnHidden(2)
    assert window.spans.model.index(row, 2).data() == "120억 원"  # 만/억 in the Korean interface
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert my_spans(window) == []
    assert window.project.status(doc_id, "kim").status == "new"
    qtbot.waitUntil(lambda: len(window.suggestions.marks()) == len(marks))


def test_reject_is_remembered_for_the_document_and_undone(window, qtbot):
    doc_id = open_titled(window, EMOJI_TITLE)
    first, second, *_ = ready(window, qtbot)
    put_caret(window, 0)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert window.suggestions.selected().key == first.key
    assert window.view.selected_span() == (OVERLAY, first.id)
    qtbot.keyClick(window.view, Qt.Key.Key_X)
    assert [(r.start, r.end, r.label) for r in window.project.rejected_suggestions(doc_id, "kim")] == [first.key]
    assert first.key not in [m.key for m in window.suggestions.marks()]
    assert window.suggestions.selected().key == second.key  # X X X walks through a run
    window.open_document(next(d.id for d in window.project.documents() if d.id != doc_id))
    window.open_document(doc_id)
    assert first.key not in [m.key for m in ready(window, qtbot)]
    assert my_spans(window) == []
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.rejected_suggestions(doc_id, "kim") == []
    qtbot.waitUntil(lambda: first.key in [m.key for m in window.suggestions.marks()])


def test_a_labelled_string_becomes_a_suggestion_elsewhere(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    text = window.document.text
    ready(window, qtbot)
    assert "실증" not in [m.text for m in window.suggestions.marks()]
    body = text.index("실증을")
    select_codepoints(window, body, body + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert [s.text for s in my_spans(window)] == ["실증"]
    qtbot.waitUntil(lambda: "실증" in [m.text for m in window.suggestions.marks()])
    learned = next(m for m in window.suggestions.marks() if m.text == "실증")
    assert (learned.start, learned.label, learned.suggestion.source) == (text.index("실증"), "TECH", "learned")


def test_click_tab_enter_and_label_keys_on_suggestions(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    amount = mark_at(window, qtbot, AMOUNT)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, amount.start + 2))
    assert window.suggestions.selected().key == amount.key
    assert AMOUNT in window.statusBar().currentMessage()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # Shift+Tab: the previous one
    previous = window.suggestions.selected()
    assert previous.end <= amount.start and previous.text == "원주의료기기테크노밸리"
    qtbot.keyClick(window.view, Qt.Key.Key_4)  # a label key accepts it under that label, without its attributes
    [span] = my_spans(window)
    assert (span.start, span.end, span.label, span.attrs) == (previous.start, previous.end, "PROGRAM", {})
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert window.suggestions.selected().key == amount.key
    assert window.selected_span() is None  # a selected suggestion is no span: Delete leaves the spans alone
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert [s.text for s in my_spans(window)] == [previous.text]
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert [s.text for s in my_spans(window)] == [previous.text, AMOUNT]


def test_suggestion_keys_leave_the_search_box_alone(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    ready(window, qtbot)
    window.documents.search.setFocus()
    qtbot.keyClicks(window.documents.search, "aAx")
    assert window.documents.search.text() == "aAx"
    assert my_spans(window) == []
    assert window.project.rejected_suggestions(window.document.id, "kim") == []


@pytest.fixture
def shown_again():
    yield
    settings.save_show_suggestions(True)  # the other tests' windows show suggestions


def test_the_view_menu_hides_suggestions_and_remembers_it(window, qtbot, shown_again):
    open_titled(window, EMOJI_TITLE)
    count = len(ready(window, qtbot))
    assert window.suggestions.count_label.text() == f"제안 {count}"
    window.shortcuts.show_suggestions.trigger()
    assert not settings.show_suggestions()
    assert OVERLAY not in window.view.overlay_names()
    assert window.suggestions.marks() == [] and window.suggestions.count_label.isHidden()
    assert not window.shortcuts.accept_suggestion.isEnabled()
    window.shortcuts.show_suggestions.trigger()
    assert settings.show_suggestions()
    assert len(ready(window, qtbot)) == count


def test_switching_documents_quickly_shows_only_the_last_ones_suggestions(window, qtbot):
    first, *rest = [d.id for d in window.project.documents()]
    for doc_id in rest[:4]:
        window.open_document(doc_id)
    last = rest[3]
    marks = ready(window, qtbot)
    assert window.document.id == last
    assert marks == window.suggestions.marks()
    assert [(m.start, m.end, m.label) for m in marks] == [
        (s.start, s.end, s.label) for s in window.project.suggest(last, "kim")]
    assert window.suggestions.count_label.text() == f"제안 {len(marks)}"


def test_an_in_memory_project_computes_suggestions_on_the_spot(qtbot, korean, tmp_path):
    from annotator.core.project import Project
    from annotator.gui.window.main_window import MainWindow

    from ..conftest import write
    from .conftest import EMOJI_ARTICLE

    project = Project.in_memory()
    project.import_paths([write(tmp_path / "a.txt", EMOJI_ARTICLE)])
    window = MainWindow(project, "kim")
    qtbot.addWidget(window)
    assert window.suggestions.ready
    assert AMOUNT in [m.text for m in window.suggestions.marks()]
    window.suggestions.select(next(m.id for m in window.suggestions.marks() if m.text == AMOUNT))
    window.shortcuts.accept_suggestion.trigger()
    assert [(s.text, s.attrs["value"]) for s in project.spans(window.document.id, "kim")] == [(AMOUNT, "12000000000")]
    window.close()
    project.close()


def test_a_relabelled_span_and_a_suggestion_taken_under_another_label_drop_the_old_label_s_attributes(window, qtbot):
    """Issue 12, bug 6: 과기정통부 accepted as AGENCY carries its canonical name; as TECH it must not."""
    open_titled(window, EMOJI_TITLE)
    agency = mark_at(window, qtbot, "과기정통부")
    assert agency.attrs["canonical"] == "과학기술정보통신부"
    put_caret(window, agency.start + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    [span] = my_spans(window)
    assert span.attrs["canonical"] == "과학기술정보통신부"
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # the new span is selected: relabel it TECH
    [span] = my_spans(window)
    assert (span.label, dict(span.attrs)) == ("TECH", {})
    assert window.spans.table.isColumnHidden(2)  # nothing left to show in the attribute column
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert my_spans(window)[0].attrs["canonical"] == "과학기술정보통신부"
    amount = mark_at(window, qtbot, AMOUNT)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, amount.start + 2))
    qtbot.keyClick(window.view, Qt.Key.Key_4)  # a label key on a suggestion: accept it as PROGRAM
    taken = next(s for s in my_spans(window) if s.text == AMOUNT)
    assert (taken.label, dict(taken.attrs)) == ("PROGRAM", {})
