"""What a desktop tool owes its users (issue 12): New/Open/Open recent, a title per project, an empty
project that says what to do, the F1 sheet, zoom, find in the document, file dialogs that start where
the work is and speak the interface's language, columns one can read."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from annotator.gui.window import settings
from annotator.gui.window.main_window import MainWindow

from .conftest import EMOJI_TITLE, open_titled
from .test_gestures import longest_sample
from .test_labelling import my_spans

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def other_windows():
    """Windows the menu opens own their projects; close them after the test."""
    before = set(QApplication.topLevelWidgets())
    yield lambda: [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w not in before and w.isVisible()]
    for widget in set(QApplication.topLevelWidgets()) - before:
        if isinstance(widget, MainWindow):
            widget.close()  # deleted (and its project closed) with the test's own windows


def test_open_project_opens_a_window_titled_by_its_folder_and_remembers_it(window, qtbot, project_dir, tmp_path,
                                                                           file_dialog, other_windows):
    copy = tmp_path / "lee-copy"
    shutil.copytree(project_dir, copy)
    settings.clear_recent_projects()
    file_dialog.answers.append([copy])
    qtbot.keyClick(window.view, Qt.Key.Key_O, CTRL)
    [opened] = other_windows()
    [asked] = file_dialog.asked
    assert asked.directory().absolutePath() == str(project_dir.absolute().parent)  # beside the open project
    assert opened.windowTitle() == "lee-copy — kim — annotator"
    assert window.windowTitle() == "project — kim — annotator"
    assert opened.project.folder == copy.absolute()
    assert settings.recent_projects() == [copy.absolute()]
    window.project_menu.recent.aboutToShow.emit()
    entries = [a for a in window.project_menu.recent.actions() if a.text().startswith("lee-copy")]
    assert len(entries) == 1
    entries[0].trigger()  # already open: brought to the front, not opened twice
    assert other_windows() == [opened]
    project = opened.project
    opened.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert other_windows() == []
    with pytest.raises(sqlite3.ProgrammingError):  # the window took its project with it
        project.store.conn.execute("SELECT 1")


def test_a_folder_that_is_no_project_is_refused_with_a_message(window, qtbot, tmp_path, monkeypatch, file_dialog,
                                                              other_windows):
    file_dialog.answers.append([tmp_path])
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    qtbot.keyClick(window.view, Qt.Key.Key_O, CTRL)
    assert other_windows() == [] and "project.toml" in warned[0]


def test_a_new_project_opens_empty_and_says_what_to_do(window, qtbot, tmp_path, file_dialog, other_windows):
    file_dialog.answers.append([tmp_path / "my-articles"])
    qtbot.keyClick(window.view, Qt.Key.Key_N, CTRL)
    [fresh] = other_windows()
    assert (tmp_path / "my-articles" / "project.toml").is_file()
    assert fresh.windowTitle().startswith("my-articles — ")
    assert fresh.empty_state.isVisible() and not fresh.view.isVisible()
    assert "Ctrl+I" in fresh.empty_state.import_files.text()
    assert not window.empty_state.isVisible() and window.view.isVisible()


def test_the_title_names_the_mode(window, qtbot):
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)
    assert window.windowTitle() == "project — 검토 — annotator"
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)
    assert window.windowTitle() == "project — kim — annotator"


def sheet_rows(window) -> dict[str, str]:
    tree = window.shortcut_sheet.tree
    return {tree.topLevelItem(i).child(j).text(1): tree.topLevelItem(i).child(j).text(0)
            for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())}


def test_f1_shows_the_keys_of_the_current_mode_read_from_the_actions(window, qtbot):
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    sheet = window.shortcut_sheet
    assert sheet.isVisible()
    rows = sheet_rows(window)
    a = window.shortcuts
    assert rows["실행 취소"] == "Ctrl+Z"  # nothing to undo yet: listed all the same
    assert rows["AGENCY 기관"] == "2"
    assert rows[a.delete_span.text()] == "Del, Backspace"  # waits for a selected span, still listed
    assert rows[a.accept_suggestion.text()] == "A, Return, Enter"  # Enter in the text joins A
    assert rows[window.find_bar.find_action.text()] == "Ctrl+F"
    assert window.review.merge.text() not in rows  # a review key
    groups = [sheet.tree.topLevelItem(i).text(0) for i in range(sheet.tree.topLevelItemCount())]
    assert groups[:2] == ["파일(F)", "편집(E)"]
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    assert not sheet.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)  # review mode
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    rows = sheet_rows(window)
    assert rows[window.review.merge.text()] == "Ctrl+M"
    assert rows[window.review.accept.text()] == "A, Return, Enter"
    assert a.accept_all_suggestions.text() not in rows and a.mark_done.text() not in rows
    for keys in rows.values():
        assert keys  # every row names its key


def test_zoom_scales_the_text_and_its_tags_and_is_remembered(window, qtbot, open_window, project_dir):
    open_titled(window, EMOJI_TITLE)
    start = window.document.text.index("과기정통부")
    window.project.add_span(window.document.id, start, start + 5, "AGENCY", "kim")
    window.open_document(window.documents.neighbour(window.document.id, -1))
    open_titled(window, EMOJI_TITLE)  # opened again: the span is drawn
    size = window.view.font().pointSizeF()
    [(_n, _s, tag)] = window.view.tag_boxes()
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, CTRL)
    assert window.view.font().pointSizeF() == pytest.approx(size * 1.25)
    [(_n, _s, bigger)] = window.view.tag_boxes()
    assert bigger.width() > tag.width() and bigger.height() > tag.height()
    assert settings.zoom_percent() == 125
    qtbot.keyClick(window.view, Qt.Key.Key_0, CTRL)
    assert window.view.font().pointSizeF() == pytest.approx(size) and settings.zoom_percent() == 100
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, CTRL)
    assert window.view.font().pointSizeF() < size
    again = open_window(project_dir)  # the next window starts at the size chosen last
    assert again.view.font().pointSizeF() == pytest.approx(window.view.font().pointSizeF())
    qtbot.keyClick(again.view, Qt.Key.Key_0, CTRL)


def test_find_highlights_every_hit_enter_goes_to_the_next_and_a_label_key_labels_it(window, qtbot):
    open_titled(window, EMOJI_TITLE)
    text = window.document.text
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    bar.field.setText("디지털트윈")  # Korean arrives through the IME; QTest types ASCII only
    qtbot.waitUntil(lambda: len(bar.hits) == text.count("디지털트윈"))
    assert "find" in window.view.overlay_names() and len(bar.hits) == 2
    assert window.view.selection_range() == (bar.hits[0].start, bar.hits[0].end)
    assert bar.count.text() == "1 / 2"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert window.view.selection_range() == (bar.hits[1].start, bar.hits[1].end) and bar.count.text() == "2 / 2"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # round to the first
    assert bar.count.text() == "1 / 2"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.view.hasFocus()
    assert "find" not in window.view.overlay_names()
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # the found text is still selected: label it
    assert [(s.label, s.start) for s in my_spans(window)] == [("TECH", text.index("디지털트윈"))]
    bar.field.setText("없는말")
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(lambda: bar.count.text() == "찾은 곳 없음")


def test_the_list_search_highlights_its_words_in_the_opened_article(window, qtbot):
    window.documents.search.setText('"국비" OR 과기정통부')
    qtbot.waitUntil(lambda: window.documents.model.rowCount() < len(list(window.project.documents())))
    doc_id = open_titled(window, EMOJI_TITLE)
    text = window.project.document(doc_id).text
    qtbot.waitUntil(lambda: "find" in window.view.overlay_names())
    assert [window.document.text[h.start:h.end] for h in window.find_bar.hits] == ["국비", "과기정통부"]
    assert window.find_bar.hits[0].start == text.index("국비")
    window.documents.search.clear()
    qtbot.waitUntil(lambda: "find" not in window.view.overlay_names())


def test_file_dialogs_start_in_the_project_folder_and_speak_the_interface_language(window, qtbot, monkeypatch,
                                                                                   project_dir, file_dialog):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.English)))
    file_dialog.answers.append([])  # cancelled
    qtbot.keyClick(window.view, Qt.Key.Key_I, CTRL)
    [asked] = file_dialog.asked
    assert asked.directory().absolutePath() == str(project_dir.absolute())
    assert asked.options() & QFileDialog.Option.DontUseNativeDialog  # the desktop is English, the interface Korean
    labels = [asked.labelText(label) for label in (QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileName,
                                                    QFileDialog.DialogLabel.FileType, QFileDialog.DialogLabel.Reject)]
    assert labels == ["다음에서 찾기:", "파일 이름(&N):", "파일 형식:", "취소"]


def test_columns_are_readable_text_beside_attributes_and_titles_at_1600_pixels(window, qtbot):
    window.resize(1600, 900)
    open_titled(window, EMOJI_TITLE)
    qtbot.waitUntil(lambda: window.suggestions.ready and bool(window.suggestions.marks()), timeout=5000)
    qtbot.keyClick(window.view, Qt.Key.Key_A, SHIFT)  # accept all: amounts and canonical names
    table = window.spans.table
    assert not table.isColumnHidden(2)
    metrics = table.fontMetrics()
    widest = max(metrics.horizontalAdvance(s.text) for s in my_spans(window) if len(s.text) <= 12)
    assert table.columnWidth(1) >= widest + 8  # the text column is not cut off by the attributes
    titles = window.documents.table
    longest_sample(window)
    assert titles.columnWidth(0) >= metrics.horizontalAdvance("가" * 16)
