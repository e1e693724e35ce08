"""Edit › Find in this document (Ctrl+F): a bar above the text that highlights every hit.

Enter goes to the next hit and Shift+Enter to the previous one (F3 and
Shift+F3 anywhere); the hit is selected in the text, so Esc and a label key
label it. While the bar is empty or closed, the words of the document list's
search are highlighted in the open article instead, so one sees why it was
found. Hits are an overlay of the view (a yellow fill under the text, no
tags, never in the way of a click); matching ignores letter case.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.core.worklist.search_query import wanted_terms
from annotator.gui.window.actions import window_action
from annotator.gui.text.overlays import Overlay, OverlayStyle

OVERLAY = "find"
HITS = OverlayStyle(fill_alpha=170, fill_colour="#ffd54f", tags=False, z=-2, clickable=False)
DELAY_MS = 150
MAX_HITS = 20_000


class Hit(NamedTuple):
    id: int
    start: int
    end: int
    label: str
    text: str


def query_terms(query: str) -> list[str]:
    """The words and quoted phrases of a document-list search, read as the list reads them
    (``search_query``): operators, brackets and the terms after NOT left out."""
    return wanted_terms(query)


def find_hits(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of any term, in text order, overlaps merged."""
    terms = [t for t in terms if t]
    if not terms:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    hits: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        if hits and match.start() < hits[-1][1]:
            hits[-1] = (hits[-1][0], max(hits[-1][1], match.end()))
        else:
            hits.append((match.start(), match.end()))
        if len(hits) >= MAX_HITS:
            break
    return hits


class FindBar(QWidget):
    def __init__(self, window):
        super().__init__()
        self.window = window
        self.view = window.view
        self.field = QLineEdit(clearButtonEnabled=True)
        self.count = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.previous_button = QToolButton(arrowType=Qt.ArrowType.UpArrow, autoRaise=True)
        self.next_button = QToolButton(arrowType=Qt.ArrowType.DownArrow, autoRaise=True)
        self.close_button = QToolButton(autoRaise=True, text="✕")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 4, 14, 4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.hits: list[Hit] = []
        self._starts: list[int] = []
        self.current: int | None = None  # index into hits
        self._delay = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._delay.timeout.connect(self.search)
        self.field.textChanged.connect(self._delay.start)
        self.field.installEventFilter(self)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.close_bar)
        self.find_action = window_action(self.window, "Ctrl+F", triggered=self.open_bar)
        self.next_action = window_action(self.window, "F3", triggered=lambda: self.step(1))
        self.previous_action = window_action(self.window, "Shift+F3", triggered=lambda: self.step(-1))
        window.shortcuts.edit_menu.insertActions(window.shortcuts.find, [self.find_action, self.next_action,
                                                                         self.previous_action])
        self.hide()
        self.retranslate()

    def is_open(self) -> bool:
        return not self.isHidden()

    # -- what is searched ---------------------------------------------------------------

    def terms(self) -> list[str]:
        """The bar's text while it is open and not empty, else the document list's search words."""
        typed = self.field.text().strip()
        if self.is_open() and typed:
            return [typed]
        return query_terms(self.window.documents.search.text())

    def search(self) -> None:
        """Highlight the hits in the open document; with the bar open, select the first from the caret on."""
        self._delay.stop()
        document = self.window.document
        found = find_hits(document.text, self.terms()) if document is not None else []
        self.hits = [Hit(i, start, end, "", document.text[start:end]) for i, (start, end) in enumerate(found)]
        self._starts = [hit.start for hit in self.hits]
        self.current = None
        if self.hits:
            self.view.set_overlay(Overlay(OVERLAY, self.hits, HITS))
        else:
            self.view.remove_overlay(OVERLAY)
        if self.is_open() and self.field.text().strip() and self.hits:
            caret = self.view.offsets.from_qt(self.view.textCursor().selectionStart())
            self._go(bisect_left(self._starts, caret) % len(self.hits))
        self._show_count()

    # -- moving between hits ----------------------------------------------------------------

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) hit after the current one, or after the caret; round at the ends."""
        if self._delay.isActive():
            self.search()
        if not self.hits:
            self._show_count()
            return
        if self.current is not None:
            target = self.current + direction
        else:
            caret = self.view.offsets.from_qt(self.view.textCursor().position())
            target = bisect_right(self._starts, caret) if direction > 0 else bisect_left(self._starts, caret) - 1
        self._go(target % len(self.hits))

    def _go(self, index: int) -> None:
        self.current = index
        hit = self.hits[index]
        self.view.select_range(hit.start, hit.end)
        self.view.raw_selection = True  # a found string is labelled as found
        self.view.scroll_to_offset(hit.start)
        self._show_count()

    # -- opening and closing ---------------------------------------------------------------

    def open_bar(self) -> None:
        selection = self.view.selection_range()
        if selection is not None and self.window.document is not None and selection[1] - selection[0] <= 100:
            self.field.setText(self.window.document.text[selection[0]:selection[1]])
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        """Hide the bar; the current hit stays selected in the text (a label key labels it)."""
        self.hide()
        self.view.setFocus()
        self.search()  # back to the list search's words, if any

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return False

    # -- texts --------------------------------------------------------------------------------

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.hits:
            self.count.setText(self.tr("No matches"))
        else:
            shown = "–" if self.current is None else str(self.current + 1)
            self.count.setText(f"{shown} / {len(self.hits)}")

    def retranslate(self) -> None:
        self.find_action.setText(self.tr("Find in this document…"))
        self.next_action.setText(self.tr("Find next"))
        self.previous_action.setText(self.tr("Find previous"))
        self.field.setPlaceholderText(self.tr("Find in this document (Enter: next, Shift+Enter: previous)"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self._show_count()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def attach(window) -> FindBar:
    """The find bar above the window's text, its keys in the Edit menu, and highlighting on every
    opened document and list search."""
    bar = FindBar(window)
    column = window.view.parentWidget().layout()
    column.insertWidget(column.indexOf(window.view), bar)
    window.documentOpened.connect(lambda _doc_id: bar.search())
    list_delay = QTimer(bar, singleShot=True, interval=DELAY_MS)
    list_delay.timeout.connect(bar.search)
    window.documents.search.textChanged.connect(list_delay.start)
    return bar
