"""Labelling as a person does it: select, press a key, fix, undo."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.core.text import kiwi
from annotator.core.text.normalize import codepoint_to_utf16
from annotator.gui.text.span_model import format_attributes

from .conftest import EMOJI_TITLE, open_titled

ENTITY = "원주의료기기테크노밸리"


def select_codepoints(window, start: int, end: int) -> None:
    """Select like Shift+arrows would: a QTextCursor over the UTF-16 positions."""
    text = window.document.text
    cursor = window.view.textCursor()
    cursor.setPosition(codepoint_to_utf16(text, start))
    cursor.setPosition(codepoint_to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)


def point_of(window, offset: int) -> QPoint:
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(codepoint_to_utf16(window.document.text, offset))
    return window.view.cursorRect(cursor).center()


def label_entity(window, qtbot, key=Qt.Key.Key_2) -> int:
    start = window.document.text.index(ENTITY + "에서")
    select_codepoints(window, start, start + len(ENTITY + "에서"))
    qtbot.keyClick(window.view, key)
    return start


def my_spans(window):
    return window.project.spans(window.document.id, "kim")


def test_key_labels_selection_at_snapped_codepoint_offsets_after_emoji(window, qtbot, monkeypatch):
    def no_kiwi():
        raise AssertionError("the GUI snaps with stored morphemes, never Kiwi")

    monkeypatch.setattr(kiwi, "get_kiwi", no_kiwi)
    doc_id = open_titled(window, EMOJI_TITLE)
    assert window.document.text.startswith("😀🇰🇷 ")
    start = label_entity(window, qtbot)
    assert start == 4  # 😀 and the two regional indicators are one code point each
    [span] = my_spans(window)
    assert (span.label, span.start, span.end, span.text) == ("AGENCY", 4, 4 + len(ENTITY), ENTITY)
    assert window.document.text[span.start:span.end] == ENTITY
    assert window.project.status(doc_id, "kim").status == "in_progress"  # first span of an untouched document
    assert window.spans.model.spans() == [span]
    assert window.view.selected_span() == ("annotations", span.id)
    assert not window.view.textCursor().hasSelection()


def test_mouse_drag_snaps_on_release_and_alt_keeps_characters(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    viewport = window.view.viewport()
    start = window.document.text.index(ENTITY + "에서")
    end = start + len(ENTITY + "에서")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, start))
    qtbot.mouseMove(viewport, point_of(window, end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_of(window, end))
    assert window.view.selection_range() == (start, start + len(ENTITY))

    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, point_of(window, start))
    qtbot.mouseMove(viewport, point_of(window, end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, point_of(window, end))
    assert window.view.selection_range() == (start, end)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert [s.text for s in my_spans(window)] == [ENTITY + "에서"]


def test_relabel_delete_undo_redo(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    label_entity(window, qtbot)
    [span] = my_spans(window)
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # the new span is selected: relabel
    assert [s.label for s in my_spans(window)] == ["TECH"]
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert my_spans(window) == []
    assert window.spans.model.rowCount() == 0
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [(s.id, s.label) for s in my_spans(window)] == [(span.id, "TECH")]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.label for s in my_spans(window)] == ["AGENCY"]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert my_spans(window) == []
    assert window.project.status(window.document.id, "kim").status == "new"  # the add and its status went together
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [s.label for s in my_spans(window)] == ["AGENCY"]
    qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [s.label for s in my_spans(window)] == ["TECH"]
    assert [s.label for s in window.spans.model.spans()] == ["TECH"]


def test_click_on_a_span_selects_it_and_a_key_relabels_it(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    label_entity(window, qtbot)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.view.selected_span() is None
    [span] = my_spans(window)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, span.start + 3))
    assert window.view.selected_span() == ("annotations", span.id)
    assert window.spans.table.currentIndex().row() == 0
    qtbot.keyClick(window.view, Qt.Key.Key_4)
    assert [s.label for s in my_spans(window)] == ["PROGRAM"]


def test_keys_move_the_edges_by_morpheme_and_character(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    start = window.document.text.index("국비 120억 원을")
    select_codepoints(window, start + 3, start + 9)  # 120억 원
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    [span] = my_spans(window)
    assert span.text == "120억 원"
    ctrl, shift, alt = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                        Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Left, ctrl | shift)  # start one morpheme left
    assert my_spans(window)[0].text == "국비 120억 원"
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ctrl)  # end one morpheme right: the particle
    assert my_spans(window)[0].text == "국비 120억 원을"
    qtbot.keyClick(window.view, Qt.Key.Key_Left, ctrl | alt)  # end one character left
    assert my_spans(window)[0].text == "국비 120억 원"
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ctrl | shift | alt)  # start one character right
    assert my_spans(window)[0].text == "비 120억 원"
    qtbot.keyClick(window.view, Qt.Key.Key_Right, ctrl | shift | alt)  # and past the space
    assert my_spans(window)[0].text == "120억 원"
    assert window.spans.model.spans()[0].text == "120억 원"
    assert window.stack.count() == 2  # the add, and the five steps merged into one resize
    qtbot.keyClick(window.view, Qt.Key.Key_Z, ctrl)
    assert my_spans(window)[0].text == "120억 원"
    assert window.stack.index() == 1


def test_overlap_refused_by_the_schema_is_a_status_message(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    start = label_entity(window, qtbot)
    select_codepoints(window, start + 2, start + 6)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    # The core's refusal, in the interface language (Korean by default).
    assert window.statusBar().currentMessage().startswith("AGENCY “원주의료기기테크노밸리”와(과) 겹칩니다")
    assert [s.label for s in my_spans(window)] == ["AGENCY"]
    assert window.stack.count() == 1


def test_overlapping_spans_are_stacked_when_the_schema_allows(open_window, project_dir, qtbot):
    schema = project_dir / "project.toml"
    schema.write_text(schema.read_text(encoding="utf-8").replace('overlap = "forbid"', 'overlap = "allow"'),
                      encoding="utf-8")
    window = open_window(project_dir)
    open_titled(window, EMOJI_TITLE)
    start = label_entity(window, qtbot)
    select_codepoints(window, start, start + 2)  # 원주, inside the agency
    window.view.raw_selection = True
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert sorted(s.label for s in my_spans(window)) == ["AGENCY", "TECH"], window.statusBar().currentMessage()
    placed = window.view._overlays["annotations"].spans
    assert sorted(p.level for p in placed) == [0, 1]


def test_palette_applies_a_label_and_span_list_selects_and_jumps(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    start = window.document.text.index("과기정통부는")
    select_codepoints(window, start, start + len("과기정통부는"))
    qtbot.mouseClick(window.palette_panel.buttons["AGENCY"], Qt.MouseButton.LeftButton)
    [span] = my_spans(window)
    assert span.text == "과기정통부"
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.view.selected_span() is None
    table = window.spans.table
    row_centre = table.visualRect(window.spans.model.index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=row_centre)
    assert window.view.selected_span() == ("annotations", span.id)
    table.setFocus()
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=row_centre)
    assert window.view.hasFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert [s.label for s in my_spans(window)] == ["TECH"]


def test_nothing_to_label_and_no_selection_are_messages(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert window.statusBar().currentMessage()
    start = window.document.text.index("에서")
    select_codepoints(window, start, start + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert my_spans(window) == []
    assert window.statusBar().currentMessage()


def test_span_model_passes_the_model_tester(window, qtbot, qtmodeltester):
    open_titled(window, EMOJI_TITLE)
    label_entity(window, qtbot)
    qtmodeltester.check(window.spans.model)


def test_span_list_shows_normalised_amounts(window):
    doc_id = open_titled(window, EMOJI_TITLE)
    start = window.document.text.index("120억 원")
    window.project.add_span(doc_id, start, start + 6, "BUDGET", "kim",
                            attrs={"value": "12000000000", "currency": "KRW"})
    window.open_document(window.documents.neighbour(doc_id, -1))
    window.open_document(doc_id)
    assert not window.spans.table.isColumnHidden(2)
    assert window.spans.model.index(0, 2).data() == "120억 원"  # the Korean interface's units
    assert "12,000,000,000 KRW" in window.spans.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)  # every digit
    assert format_attributes({"value": "9640000000.50", "currency": "USD", "source": "rule"}) == \
        "9,640,000,000.5 USD, source=rule"
    assert format_attributes({"value": "30000000000", "currency": "KRW", "approximate": True}) == "≈30,000,000,000 KRW"
    assert format_attributes({"canonical": "과학기술정보통신부"}, "과기정통부") == "= 과학기술정보통신부"
    assert format_attributes({"canonical": "원주시"}, "원주시") == ""
    # The span list of the Korean interface: 만/억/조 as articles write them, short enough for its column.
    assert format_attributes({"value": "12000000000", "currency": "KRW"}, korean_units=True) == "120억 원"
    assert format_attributes({"value": "1156000000000", "currency": "KRW", "approximate": True},
                             korean_units=True) == "≈1조 1,560억 원"
    assert format_attributes({"value": "2540000000000", "currency": "USD"}, korean_units=True) == "2조 5,400억 달러"
    assert format_attributes({"value": "50001234", "currency": "GBP"}, korean_units=True) == "5,000만 1,234 GBP"
    assert format_attributes({"value": "9640000000.50", "currency": "USD"}, korean_units=True) == \
        "9,640,000,000.5 USD"  # not whole: digits
    assert format_attributes({"value": "0"}, korean_units=True) == "0"


def test_an_amount_drawn_by_hand_carries_its_value(window, qtbot):
    """Issue 22: only accepted suggestions had the amount's value; gold inherited the empty one."""
    open_titled(window, EMOJI_TITLE)
    start = window.document.text.index("120억 원을")
    select_codepoints(window, start, start + len("120억 원을"))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    [span] = my_spans(window)
    assert (span.label, span.text) == ("BUDGET", "120억 원")
    assert dict(span.attrs) == {"value": "12000000000", "currency": "KRW"}
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert my_spans(window) == []
