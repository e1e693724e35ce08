"""Room under the lines for label tags that stack.

Every line leaves room for one row of tags under it (``LINE_HEIGHT_PERCENT``).
Tags that would collide go on further rows (overlapping spans, review
candidates of several annotators on one word), which would cover the next
line's text; so a paragraph whose lines on screen need more rows gets a taller
line height, and gets the usual one back once it is wholly on screen without
them. Only what is painted is measured (a 200,000-character article is never
walked), and the change is made after the paint, keeping the first line on
screen where it was.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QTextBlockFormat, QTextCursor

LINE_HEIGHT_PERCENT = 185  # room under each line for one row of label tags
TAG_OFFSET = 1.5  # between a line and its first row of tags
TAG_ROW_GAP = 1.0  # between rows of tags


def set_line_height(cursor: QTextCursor, percent: float) -> None:
    block = cursor.blockFormat()
    block.setLineHeight(percent, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.setBlockFormat(block)


class TagRoom(QObject):
    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self._grown: dict[int, float] = {}  # block number -> its line height, where it is not the usual one
        self._pending: dict[int, float] = {}
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._apply)

    def reset(self) -> None:
        """A new document: every block has the usual line height."""
        self._grown.clear()
        self._pending.clear()
        self._timer.stop()

    def needed(self, rows: dict[int, int], tag_height: float) -> None:
        """After a paint: ``rows`` says how many rows of tags the lines on screen of each block need."""
        document = self.view.document()
        wanted = {}
        for number, count in rows.items():
            percent = self._percent(number, count, tag_height)
            if percent > self._grown.get(number, LINE_HEIGHT_PERCENT):
                wanted[number] = percent
        for number, grown in self._grown.items():
            if number not in wanted and self._wholly_shown(document.findBlockByNumber(number)):
                percent = self._percent(number, rows.get(number, 0), tag_height)
                if percent < grown:
                    wanted[number] = percent
        if wanted:
            self._pending.update(wanted)
            self._timer.start()

    def _percent(self, number: int, rows: int, tag_height: float) -> float:
        layout = self.view.document().findBlockByNumber(number).layout()
        line = max((layout.lineAt(i).height() for i in range(layout.lineCount())), default=0.0)
        if rows <= 0 or line <= 0:
            return LINE_HEIGHT_PERCENT
        room = TAG_OFFSET + rows * (tag_height + TAG_ROW_GAP) + 1
        return max(LINE_HEIGHT_PERCENT, math.ceil(100 * (line + room) / line))

    def _wholly_shown(self, block) -> bool:
        rect = self.view.document().documentLayout().blockBoundingRect(block)
        top = rect.top() - self.view.verticalScrollBar().value()
        return block.isValid() and top >= 0 and top + rect.height() <= self.view.viewport().height()

    def _apply(self) -> None:
        view = self.view
        document = view.document()
        first = QTextCursor(document)
        first.setPosition(view.cursorForPosition(QPoint(0, 0)).position())
        before = view.cursorRect(first).top()
        editing = QTextCursor(document)
        editing.beginEditBlock()  # one layout for all of them
        for number, percent in sorted(self._pending.items()):
            block = document.findBlockByNumber(number)
            if not block.isValid():
                continue
            editing.setPosition(block.position())
            set_line_height(editing, percent)
            if percent == LINE_HEIGHT_PERCENT:
                self._grown.pop(number, None)
            else:
                self._grown[number] = percent
        editing.endEditBlock()
        self._pending.clear()
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + view.cursorRect(first).top() - before)  # the first line stays put
