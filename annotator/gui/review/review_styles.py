"""How review states look: the overlay style of each candidate state, its swatch, its name.

Gold spans are the ordinary solid spans. Candidates not in gold are drawn on
top, one overlay per state, so the states stay apart at a glance: a green
outline for what everyone agreed on, red hatching for disagreements, a grey
dashed outline for spans only some annotators marked, and a faint dotted
outline with a struck-through tag for rejected ones.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from annotator.core.review.merged_view import ACCEPTED, ADJUDICATED, AGREED, DISAGREEMENT, INCOMPLETE, NOT_READY, READY, REJECTED
from annotator.gui.text.overlays import ANNOTATIONS, OverlayStyle

CANDIDATE_STYLES = {
    AGREED: OverlayStyle(fill_alpha=35, outline=Qt.PenStyle.SolidLine, colour="#2e7d32", pen_width=2.0, z=2),
    DISAGREEMENT: OverlayStyle(fill_alpha=0, outline=Qt.PenStyle.SolidLine, colour="#c62828",
                               pattern=Qt.BrushStyle.BDiagPattern, pen_width=1.6, z=3),
    INCOMPLETE: OverlayStyle(fill_alpha=30, outline=Qt.PenStyle.DashLine, colour="#6d6d6d", pen_width=1.4, z=1),
    REJECTED: OverlayStyle(fill_alpha=0, outline=Qt.PenStyle.DotLine, colour="#a0a0a0", muted_tag=True, z=1),
}
SHOWN_STATES = (DISAGREEMENT, INCOMPLETE, AGREED, ACCEPTED, REJECTED)  # the order of the legend and counts
UNDECIDED = (DISAGREEMENT, INCOMPLETE, AGREED)  # what the reviewer still has to decide
REVIEW_COLOURS = {NOT_READY: QColor("#8a8a8a"), READY: QColor("#1d6fb8"), ADJUDICATED: QColor("#2e7d32")}


def overlay_name(state: str) -> str:
    return f"review:{state}"


def state_name(state: str, lone: bool = False) -> str:
    """A candidate state as the reviewer reads it; ``lone``: the document has one annotator, so
    every span is "incomplete" only because nobody else worked on it."""
    if lone and state == INCOMPLETE:
        return QCoreApplication.translate("ReviewState", "one annotator")
    names = {
        AGREED: QCoreApplication.translate("ReviewState", "agreed"),
        ACCEPTED: QCoreApplication.translate("ReviewState", "accepted"),
        REJECTED: QCoreApplication.translate("ReviewState", "rejected"),
        DISAGREEMENT: QCoreApplication.translate("ReviewState", "disagreement"),
        INCOMPLETE: QCoreApplication.translate("ReviewState", "incomplete"),
    }
    return names.get(state, state)


def state_hint(state: str, lone: bool = False) -> str:
    if lone and state == INCOMPLETE:
        return QCoreApplication.translate("ReviewState", "only one annotator worked on this document: "
                                                         "there is nobody to compare with")
    hints = {
        AGREED: QCoreApplication.translate("ReviewState", "every annotator marked it; not in gold yet"),
        ACCEPTED: QCoreApplication.translate("ReviewState", "in the gold layer"),
        REJECTED: QCoreApplication.translate("ReviewState", "rejected, or a different gold span covers it"),
        DISAGREEMENT: QCoreApplication.translate("ReviewState", "another annotator marked it differently"),
        INCOMPLETE: QCoreApplication.translate("ReviewState", "only some annotators marked it"),
    }
    return hints.get(state, "")


def document_state_name(state: str) -> str:
    """A document's review state (the document list in review mode)."""
    names = {
        NOT_READY: QCoreApplication.translate("ReviewState", "not ready"),
        READY: QCoreApplication.translate("ReviewState", "ready"),
        ADJUDICATED: QCoreApplication.translate("ReviewState", "adjudicated"),
    }
    return names.get(state, state)


def swatch(state: str, size: int = 14) -> QIcon:
    """A small picture of how a candidate in ``state`` is drawn (legend, table rows)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1.5, 1.5, size - 3, size - 3)
    style = CANDIDATE_STYLES.get(state, ANNOTATIONS)
    if state == ACCEPTED:
        painter.fillRect(box, QColor("#5b8def"))
    else:
        colour = QColor(style.colour)
        if style.fill_alpha:
            fill = QColor(colour)
            fill.setAlpha(style.fill_alpha * 2)
            painter.fillRect(box, fill)
        if style.pattern is not None:
            painter.fillRect(box, QBrush(colour, style.pattern))
        painter.setPen(QPen(colour, style.pen_width, style.outline))
        painter.drawRoundedRect(box, 2, 2)
    painter.end()
    return QIcon(pixmap)
