"""The workbench's actions, their keys and the menus that list them.

Keys are window shortcuts: they work wherever the focus is, except that a
text field (the search box) keeps its own typing and editing keys. Tab,
Shift+Tab and Enter step through and accept suggestions only while the text
has the focus (``text_actions``); elsewhere they keep their usual meaning.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow

from annotator.core.text.boundaries import END, START
from annotator.core.schema import Schema
from annotator.gui.window.translation import LANGUAGES, language

LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
# (edge, direction, by character) -> key
EDGE_KEYS = {
    (END, -1, False): "Ctrl+Left", (END, 1, False): "Ctrl+Right",
    (START, -1, False): "Ctrl+Shift+Left", (START, 1, False): "Ctrl+Shift+Right",
    (END, -1, True): "Ctrl+Alt+Left", (END, 1, True): "Ctrl+Alt+Right",
    (START, -1, True): "Ctrl+Alt+Shift+Left", (START, 1, True): "Ctrl+Alt+Shift+Right",
}


def window_action(window: QMainWindow, *keys: str | QKeySequence.StandardKey, triggered=None) -> QAction:
    """An action whose keys work anywhere in ``window``; ``triggered`` is connected when given."""
    action = QAction(window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    if triggered is not None:
        action.triggered.connect(triggered)
    window.addAction(action)
    return action


def _text_action(window: QMainWindow, *keys: str) -> QAction:
    """An action whose keys work only in the widget it is added to (the text view)."""
    action = QAction(window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    return action


class WorkbenchActions(QObject):
    def __init__(self, window: QMainWindow, schema: Schema, stack: QUndoStack):
        super().__init__(window)
        self.window = window
        self.schema = schema
        self.undo = stack.createUndoAction(window)
        self.undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo = stack.createRedoAction(window)
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        window.addAction(self.undo)
        window.addAction(self.redo)
        self.delete_span = window_action(window, "Delete", "Backspace")
        self.find = window_action(window, "Ctrl+Shift+F")  # Ctrl+F finds in the open document (find_bar)
        self.mark_done = window_action(window, "Ctrl+Return", "Ctrl+Enter")
        self.skip = window_action(window, "Ctrl+K")
        self.flag = window_action(window, "Ctrl+Shift+K")
        self.previous = window_action(window, "PgUp")
        self.next = window_action(window, "PgDown")
        self.import_files = window_action(window, "Ctrl+I")
        self.import_folder = window_action(window, "Ctrl+Shift+I")
        self.export = window_action(window, "Ctrl+E")
        self.switch_annotator = window_action(window)
        self.quit = window_action(window, "Ctrl+Q")
        self.labels = {label.name: window_action(window, *([label.key] if label.key else [])) for label in schema.labels}
        self.edges = {edge: window_action(window, key) for edge, key in EDGE_KEYS.items()}
        self.next_same_label = window_action(window, "Alt+PgDown")  # from the selected span, suggestion, candidate
        self.previous_same_label = window_action(window, "Alt+PgUp")
        self.accept_suggestion = window_action(window, "A")
        self.accept_all_suggestions = window_action(window, "Shift+A")
        self.reject_suggestion = window_action(window, "X")
        self.next_suggestion = _text_action(window, "Tab")
        self.previous_suggestion = _text_action(window, "Shift+Tab")
        self.accept_suggestion_in_text = _text_action(window, "Return", "Enter")
        self.text_actions = [self.next_suggestion, self.previous_suggestion, self.accept_suggestion_in_text]
        self.suggestion_actions = [self.accept_suggestion, self.accept_all_suggestions, self.reject_suggestion,
                                   *self.text_actions]
        self.show_suggestions = QAction(window, checkable=True)
        self.language_group = QActionGroup(self)
        self.languages = {}
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], window, checkable=True)
            action.setChecked(lang == language())
            self.language_group.addAction(action)
            self.languages[lang] = action
        self.set_span_selected(False)
        self._build_menus()
        self.retranslate()

    @property
    def selection_actions(self) -> list[QAction]:
        """Actions that wait for a selected span (they are disabled until there is one)."""
        return [*self.edges.values(), self.delete_span]

    def set_span_selected(self, selected: bool) -> None:
        """Edge keys act only on a selected span; otherwise Ctrl+arrows move the caret as usual."""
        for action in self.selection_actions:
            action.setEnabled(selected)

    def set_suggestions_shown(self, shown: bool) -> None:
        """Suggestion keys act only on suggestions one can see."""
        self.show_suggestions.setChecked(shown)
        for action in (self.accept_suggestion, self.accept_all_suggestions, self.reject_suggestion,
                       *self.text_actions):
            action.setEnabled(shown)

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.import_files, self.import_folder, self.export])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.switch_annotator, self.quit])
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo, self.redo])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.delete_span, self.find])
        self.label_menu = bar.addMenu("")
        self.label_menu.addActions(list(self.labels.values()))
        self.label_menu.addSeparator()
        self.label_menu.addActions(list(self.edges.values()))
        self.label_menu.addSeparator()
        self.label_menu.addActions([self.next_same_label, self.previous_same_label])
        self.suggestion_menu = bar.addMenu("")
        self.suggestion_menu.addActions([self.accept_suggestion, self.accept_all_suggestions, self.reject_suggestion])
        self.suggestion_menu.addSeparator()
        self.suggestion_menu.addActions([self.next_suggestion, self.previous_suggestion])
        self.document_menu = bar.addMenu("")
        self.document_menu.addActions([self.mark_done, self.skip, self.flag])
        self.document_menu.addSeparator()
        self.document_menu.addActions([self.previous, self.next])
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.show_suggestions)
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.languages.values()))

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.label_menu.setTitle(self.tr("&Labels"))
        self.suggestion_menu.setTitle(self.tr("&Suggestions"))
        self.document_menu.setTitle(self.tr("&Document"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("Language"))
        self.import_files.setText(self.tr("Import files…"))
        self.import_folder.setText(self.tr("Import folder…"))
        self.export.setText(self.tr("Export…"))
        self.switch_annotator.setText(self.tr("Switch annotator…"))
        self.quit.setText(self.tr("Quit"))
        self.delete_span.setText(self.tr("Delete span"))
        self.find.setText(self.tr("Search all documents"))
        self.mark_done.setText(self.tr("Mark done and open the next"))
        self.skip.setText(self.tr("Skip"))
        self.flag.setText(self.tr("Flag with a comment…"))
        self.previous.setText(self.tr("Previous document"))
        self.next.setText(self.tr("Next document"))
        self.accept_suggestion.setText(self.tr("Accept the suggestion at the cursor"))
        self.accept_suggestion_in_text.setText(self.accept_suggestion.text())
        self.accept_all_suggestions.setText(self.tr("Accept all suggestions in the document"))
        self.reject_suggestion.setText(self.tr("Reject the suggestion"))
        self.next_suggestion.setText(self.tr("Next suggestion (in the text)"))
        self.previous_suggestion.setText(self.tr("Previous suggestion (in the text)"))
        self.show_suggestions.setText(self.tr("Show suggestions"))
        self.next_same_label.setText(self.tr("Next with the same label"))
        self.previous_same_label.setText(self.tr("Previous with the same label"))
        for label in self.schema.labels:
            self.labels[label.name].setText(label.display(language()))
            self.labels[label.name].setToolTip(label.description)
        edge_texts = {
            (END, -1, False): self.tr("End one morpheme left"), (END, 1, False): self.tr("End one morpheme right"),
            (START, -1, False): self.tr("Start one morpheme left"),
            (START, 1, False): self.tr("Start one morpheme right"),
            (END, -1, True): self.tr("End one character left"), (END, 1, True): self.tr("End one character right"),
            (START, -1, True): self.tr("Start one character left"),
            (START, 1, True): self.tr("Start one character right"),
        }
        for edge, action in self.edges.items():
            action.setText(edge_texts[edge])
        for lang, action in self.languages.items():
            action.setChecked(lang == language())
