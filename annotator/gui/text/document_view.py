"""The article as plain text with span overlays drawn over it.

Text goes in through ``QTextCursor.insertText`` (never HTML). A QTextEdit
rather than a QPlainTextEdit, because only the full document layout honours a
taller line height, which leaves room for label tags under the spans. Spans
are painted, not formatted: each repaint finds the spans in the visible range
by binary search and draws only those, so a 200,000-character article with
thousands of spans opens and scrolls without touching the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QTextCursor,
                           QTextDocument, QTextOption)
from PySide6.QtWidgets import QTextEdit, QToolTip

from annotator.gui.text.offsets import OffsetMap
from annotator.gui.text.overlays import Overlay, OverlayStyle, PlacedOverlay, PlacedSpan
from annotator.gui.text.plain_text import plain_tooltip
from annotator.gui.text.tag_room import LINE_HEIGHT_PERCENT, TAG_OFFSET, TAG_ROW_GAP, TagRoom, set_line_height

TAG_NUDGE_MARGIN = 6  # a tag pushed right by its neighbour still starts this far inside its span
RAW_MODIFIERS = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier


@dataclass(frozen=True)
class LabelLook:
    color: QColor
    display: str  # "AGENCY 기관"


@dataclass
class _Hit:
    rect: QRectF
    overlay: str
    placed: PlacedSpan


def _text_colour(background: QColor) -> QColor:
    return QColor("#111111") if background.lightnessF() > 0.6 else QColor("#ffffff")


class DocumentView(QTextEdit):
    selectionReleased = Signal(int, int, bool)  # code-point start, end, raw (no snapping)
    spanClicked = Signal(str, int)  # overlay name, span id
    emptyClicked = Signal()
    contextMenuAsked = Signal(QPoint, QPoint, bool)  # viewport point, global point, by the mouse (not the Menu key)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.offsets = OffsetMap("")
        self.labels: dict[str, LabelLook] = {}
        self._overlays: dict[str, PlacedOverlay] = {}
        self._selected: tuple[str, int] | None = None
        self._press_modifiers = Qt.KeyboardModifier.NoModifier
        self.raw_selection = False  # the selection was dragged with Alt or Ctrl: no snapping
        self.tag_font = QFont(self.font())
        self.tag_font.setBold(True)
        self._tag_sizes: dict[str, tuple[float, float]] = {}
        self._filled: QTextDocument | None = None
        self.tag_room = TagRoom(self)

    # -- content ---------------------------------------------------------------

    def show_text(self, text: str) -> None:
        """Replace the text (plain, never interpreted) and drop overlays and selection.

        The new document is filled before the view has it: filling a document
        that has no layout yet is ten times faster than filling the shown one.
        """
        self.offsets = OffsetMap(text)
        self._overlays.clear()
        self._selected = None
        self.tag_room.reset()
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(14)
        document.setDefaultFont(self.font())
        cursor = QTextCursor(document)
        set_line_height(cursor, LINE_HEIGHT_PERCENT)
        cursor.insertText(text)  # new blocks inherit the block format
        self.setDocument(document)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        if self._filled is not None:  # the editor deletes only the document it made itself
            self._filled.deleteLater()
        self._filled = document
        self.verticalScrollBar().setValue(0)

    def setFont(self, font: QFont) -> None:  # noqa: N802 - Qt override
        super().setFont(font)
        self.document().setDefaultFont(font)
        self.tag_font = QFont(font)
        self.tag_font.setPointSizeF(max(6.5, font.pointSizeF() * 0.62))
        self.tag_font.setBold(True)
        self._tag_sizes.clear()

    def set_labels(self, labels: dict[str, LabelLook]) -> None:
        self.labels = dict(labels)
        self.viewport().update()

    def set_overlay(self, overlay: Overlay) -> None:
        self._overlays[overlay.name] = PlacedOverlay.place(overlay, self.offsets)
        self.viewport().update()

    def update_overlay(self, name: str, remove, add) -> bool:
        """Remove and add spans of a placed overlay; False when it must be set whole instead."""
        placed = self._overlays.get(name)
        result = placed.updated(remove, add, self.offsets) if placed is not None else None
        if result is None:
            return False
        self._overlays[name] = result
        self.viewport().update()
        return True

    def filter_overlay(self, name: str, keep) -> None:
        """Drop the spans ``keep`` refuses from an overlay, without placing the rest again."""
        placed = self._overlays.get(name)
        if placed is not None:
            self._overlays[name] = placed.subset(keep)
            self.viewport().update()

    def remove_overlay(self, name: str) -> None:
        if self._overlays.pop(name, None) is not None:
            self.viewport().update()

    def overlay_names(self) -> list[str]:
        return list(self._overlays)

    def set_selected_span(self, overlay: str | None, span_id: int | None = None) -> None:
        self._selected = (overlay, span_id) if overlay is not None and span_id is not None else None
        self.viewport().update()

    def selected_span(self) -> tuple[str, int] | None:
        return self._selected

    # -- selection in code points ----------------------------------------------

    def selection_range(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.range_from_qt(cursor.selectionStart(), cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        qt_start, qt_end = self.offsets.range_to_qt(start, end)
        cursor = self.textCursor()
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        """Drop the selection where the caret is, without scrolling to the caret: ``setTextCursor``
        brings the caret into view, which after a wheel scroll would jump back to it."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        cursor.clearSelection()
        horizontal, vertical = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        self.setTextCursor(cursor)
        self.horizontalScrollBar().setValue(horizontal)
        self.verticalScrollBar().setValue(vertical)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring code-point ``offset`` into view, a third from the top when it was off screen."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(offset))
        rect = self.cursorRect(cursor)
        if not self.viewport().rect().adjusted(0, 0, 0, -rect.height()).contains(rect):  # with its tag row
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def scroll_to_top(self, offset: int) -> None:
        """Scroll so that the line holding code-point ``offset`` is the first one shown."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(offset))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())

    # -- input -------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._press_modifiers = event.modifiers()
        if event.button() == Qt.MouseButton.LeftButton and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.clear_selection()  # a press inside a selection starts a new one, never a text drag
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        selection = self.selection_range()
        if selection is not None:
            self.raw_selection = bool((self._press_modifiers | event.modifiers()) & RAW_MODIFIERS)
            self.selectionReleased.emit(selection[0], selection[1], self.raw_selection)
            return
        hit = self.hit_at(event.position().toPoint())
        if hit is not None:
            self.spanClicked.emit(hit.overlay, hit.placed.span.id)
        else:
            self.emptyClicked.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.clear_selection()
            self.emptyClicked.emit()
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.raw_selection = False  # keyboard selections are snapped when labelled
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        """The window builds the menu from its actions (``context_menu``), not Qt's Copy / Select All."""
        self.contextMenuAsked.emit(event.pos(), event.globalPos(), event.reason() == event.Reason.Mouse)
        event.accept()

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            hit = self.hit_at(event.pos())
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), plain_tooltip(self.describe(hit.placed.span, hit.overlay)),
                                  self.viewport())
            return True
        return super().viewportEvent(event)

    def describe(self, span, overlay: str) -> str:
        if getattr(span, "tooltip", None):  # records that describe themselves (review candidates, suggestions)
            return span.tooltip
        look = self.labels.get(span.label)
        lines = [look.display if look else span.label, span.text]
        attrs = getattr(span, "attrs", None) or {}
        lines += [f"{key}: {value}" for key, value in attrs.items()]
        if getattr(span, "note", ""):
            lines.append(f"✎ {span.note}")
        if overlay != "annotations":
            lines.append(overlay)
        return "\n".join(lines)

    def hit_at(self, point: QPoint, among=None) -> _Hit | None:
        """The innermost span under ``point`` (viewport coordinates), of the overlays ``among`` accepts
        by name when given."""
        hits = [_Hit(rect, name, placed) for name, style, placed, rects in self._visible_geometry() for rect in rects
                if style.clickable and (among is None or among(name))
                and rect.adjusted(-1, -1, 1, 1).contains(QPointF(point))]
        return max(hits, key=lambda h: (h.placed.level, h.overlay == "annotations"), default=None)

    # -- painting ----------------------------------------------------------------

    def visible_range(self) -> tuple[int, int]:
        """Qt positions of the first and last character on screen."""
        first = self.cursorForPosition(QPoint(0, 0)).position()
        corner = QPoint(self.viewport().width(), self.viewport().height())
        return first, self.cursorForPosition(corner).position() + 1

    def _line_rects(self, qt_start: int, qt_end: int) -> list[QRectF]:
        """One rectangle per screen line the range covers, in viewport coordinates."""
        document = self.document()
        layout = document.documentLayout()
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        rects = []
        block = document.findBlock(qt_start)
        while block.isValid() and block.position() < qt_end:
            text_layout = block.layout()
            origin = layout.blockBoundingRect(block).topLeft()
            start = max(qt_start, block.position()) - block.position()
            end = min(qt_end, block.position() + block.length() - 1) - block.position()
            line = text_layout.lineForTextPosition(start)
            while line.isValid() and line.textStart() < end:
                line_end = line.textStart() + line.textLength()
                left = line.cursorToX(max(start, line.textStart()))[0]
                right = line.cursorToX(min(end, line_end))[0]
                if right > left:
                    rects.append(QRectF(origin.x() + left + dx, origin.y() + line.y() + dy, right - left,
                                        line.height()))
                line = text_layout.lineAt(line.lineNumber() + 1)
            block = block.next()
        return rects

    def _visible_geometry(self) -> list[tuple[str, OverlayStyle, PlacedSpan, list[QRectF]]]:
        """(overlay name, style, span, rectangles) of the spans on screen, lowest overlay first."""
        first, last = self.visible_range()
        visible = []
        for name, placed_overlay in sorted(self._overlays.items(), key=lambda item: item[1].overlay.style.z):
            style = placed_overlay.overlay.style
            for placed in placed_overlay.visible(first, last):
                own = getattr(placed.span, "style", None)  # a span drawn its own way (model suggestions)
                visible.append((name, own or style, placed, self._line_rects(placed.qt_start, placed.qt_end)))
        return visible

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        visible = self._visible_geometry()
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for _, style, placed, rects in visible:
            inset = min(placed.level * 2.5, 6.0)
            if style.fill_alpha:
                fill = QColor(style.fill_colour or self._colour(placed.span.label))
                fill.setAlpha(style.fill_alpha)
                for rect in rects:
                    painter.fillRect(rect.adjusted(-1, inset - 1, 1, 1 - inset), fill)
            if style.pattern is not None:
                hatch_colour = QColor(style.colour) if style.colour else QColor(self._colour(placed.span.label))
                hatch_colour.setAlpha(130)  # a texture under the text, which must stay readable
                hatch = QBrush(hatch_colour, style.pattern)
                for rect in rects:
                    painter.fillRect(rect.adjusted(-1, inset - 1, 1, 1 - inset), hatch)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for name, style, placed, rects in visible:
            colour = self._colour(placed.span.label)
            if style.outline is not None:
                pen_colour = QColor(style.colour) if style.colour else colour.darker(130)
                painter.setPen(QPen(pen_colour, style.pen_width, style.outline))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                inset = min(placed.level * 2.5, 6.0)  # nested outlines stay apart, like nested fills
                for rect in rects:
                    painter.drawRoundedRect(rect.adjusted(-1, inset - 1, 1, 1 - inset), 3, 3)
            if self._selected == (name, placed.span.id):
                painter.setPen(QPen(colour.darker(170), 2.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect in rects:
                    painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 3, 3)
        rows: dict[int, int] = {}  # block number -> rows of tags its lines on screen need
        for _name, style, placed, box, row in self._tag_boxes(visible):
            self._draw_tag(painter, placed.span.label, box, self._colour(placed.span.label), style.muted_tag)
            block = self.document().findBlock(placed.qt_start).blockNumber()
            rows[block] = max(rows.get(block, 0), row + 1)
        painter.end()
        self.tag_room.needed(rows, self._tag_size("X")[1])

    def tag_boxes(self) -> list[tuple[str, object, QRectF]]:
        """(overlay name, span, tag rectangle) of the label tags on screen, in viewport coordinates."""
        boxes = self._tag_boxes(self._visible_geometry())
        return [(name, placed.span, box) for name, _style, placed, box, _row in boxes]

    def _tag_boxes(self, visible) -> list[tuple[str, OverlayStyle, PlacedSpan, QRectF, int]]:
        """Each tag under the start of its own span, whichever overlay it belongs to, and its row. On
        a line, tags are placed left to right; one that would collide moves right only while it stays
        under its span, else it goes on a row of its own below (``tag_room`` makes room for it)."""
        wanted: dict[int, list] = {}  # line top -> tags on that line
        for order, (name, style, placed, rects) in enumerate(visible):
            if style.tags and rects:
                wanted.setdefault(round(rects[0].top()), []).append((rects[0], order, name, style, placed))
        boxes = []
        for line in wanted.values():
            row_right: list[float] = []  # per stacked row: where its last tag ends
            for rect, _order, name, style, placed in sorted(line, key=lambda tag: (tag[0].left(), tag[1])):
                width, height = self._tag_size(placed.span.label)
                for row, right in enumerate(row_right):
                    left = max(rect.left(), right + 2)
                    if left <= rect.right() - TAG_NUDGE_MARGIN:
                        break
                else:
                    row, left = len(row_right), rect.left()
                    row_right.append(0.0)
                row_right[row] = left + width
                top = rect.bottom() + TAG_OFFSET + row * (height + TAG_ROW_GAP)
                boxes.append((name, style, placed, QRectF(left, top, width, height), row))
        return boxes

    def _colour(self, label: str) -> QColor:
        look = self.labels.get(label)
        return look.color if look else QColor("#bbbbbb")

    def _tag_size(self, text: str) -> tuple[float, float]:
        size = self._tag_sizes.get(text)
        if size is None:
            metrics = QFontMetricsF(self.tag_font)
            size = self._tag_sizes[text] = (metrics.horizontalAdvance(text) + 6, metrics.height() + 1)
        return size

    def _draw_tag(self, painter: QPainter, text: str, box: QRectF, colour: QColor, muted: bool = False) -> None:
        if muted:
            colour = QColor("#d5d5d5")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(box, 3, 3)
        painter.setFont(self.tag_font)
        painter.setPen(QColor("#6b6b6b") if muted else _text_colour(colour))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        if muted:
            painter.drawLine(QPointF(box.left() + 2, box.center().y()), QPointF(box.right() - 2, box.center().y()))
