"""Compare with gold (View › Compare with gold, Ctrl+Shift+G): an annotator's own spans beside
the reviewer's gold in an adjudicated document, so they learn the guideline.

Drawn over the annotator's spans: gold spans they lack (green, dashed, gold's label), their spans
gold rejected (red hatching), and gold's version of spans with other boundaries or another label
(orange outline, gold's label). The status bar counts each kind. Suggestions step aside meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from annotator.core.operations import Change
from annotator.core.review.gold_comparison import DIFFERENT, MISSING, REJECTED, SAME, GoldComparison, compare_with_gold
from annotator.gui.text.overlays import Overlay, OverlayStyle

STYLES = {
    MISSING: OverlayStyle(fill_alpha=0, outline=Qt.PenStyle.DashLine, colour="#2e7d32", pen_width=2.0, z=4),
    REJECTED: OverlayStyle(fill_alpha=0, outline=Qt.PenStyle.SolidLine, colour="#c62828",
                           pattern=Qt.BrushStyle.BDiagPattern, pen_width=1.6, tags=False, z=5),
    DIFFERENT: OverlayStyle(fill_alpha=0, outline=Qt.PenStyle.SolidLine, colour="#ef6c00", pen_width=2.0, z=4),
}


@dataclass(frozen=True)
class GoldMark:
    """A span the document view draws for the comparison; ``id`` is its place in the list."""

    id: int
    start: int
    end: int
    label: str
    text: str
    tooltip: str


def overlay_name(kind: str) -> str:
    return f"gold:{kind}"


def kind_name(kind: str) -> str:
    names = {
        MISSING: QCoreApplication.translate("GoldComparison", "gold only"),
        REJECTED: QCoreApplication.translate("GoldComparison", "rejected by gold"),
        DIFFERENT: QCoreApplication.translate("GoldComparison", "other boundaries or label"),
        SAME: QCoreApplication.translate("GoldComparison", "same as gold"),
    }
    return names[kind]


def marks(comparison: GoldComparison) -> dict[str, list[GoldMark]]:
    """What to draw per kind: missing and different show gold's spans, rejected shows the annotator's."""
    found: dict[str, list[GoldMark]] = {kind: [] for kind in STYLES}
    for difference in comparison.differences:
        if difference.kind == SAME:
            continue
        spans = difference.gold if difference.kind == DIFFERENT else (difference.span,)
        for span in spans:
            tip = f"{kind_name(difference.kind)}: {span.label} “{span.text}”"
            if difference.kind == DIFFERENT:
                mine = difference.span
                tip += "\n" + QCoreApplication.translate("GoldComparison", "yours: %1 “%2”").replace(
                    "%1", mine.label).replace("%2", mine.text)
            if span.note:
                tip += f"\n✎ {span.note}"
            items = found[difference.kind]
            items.append(GoldMark(len(items), span.start, span.end, span.label, span.text, tip))
    return found


class GoldComparisonView(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.toggle = QAction(window, checkable=True)
        self.toggle.setShortcuts([QKeySequence("Ctrl+Shift+G")])
        window.addAction(self.toggle)
        window.shortcuts.view_menu.addAction(self.toggle)
        self.status = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.status.hide()
        window.statusBar().addPermanentWidget(self.status)
        self.comparison: GoldComparison | None = None
        self.toggle.toggled.connect(self._toggled)
        window.documentOpened.connect(lambda _doc_id: self.refresh())
        window.changeApplied.connect(self._change_applied)
        window.review.toggle.toggled.connect(self._review_toggled)
        window.installEventFilter(self)
        self.retranslate()

    def _toggled(self, on: bool) -> None:
        if not self.window.review.active:  # suggestions' dashed outlines would read as gold's
            shown = self.window.shortcuts.show_suggestions.isChecked()
            self.window.suggestions.set_visible(shown and not on, remember=False)
        self.refresh()

    def _review_toggled(self, active: bool) -> None:
        self.toggle.setEnabled(not active)  # the reviewer sees gold beside everyone in review mode
        self.refresh()

    def _change_applied(self, change: Change) -> None:
        if self.window.document is not None and self.window.document.id in change.doc_ids:
            self.refresh()

    def refresh(self) -> None:
        view = self.window.view
        for kind in STYLES:
            view.remove_overlay(overlay_name(kind))
        document = self.window.document
        on = self.toggle.isChecked() and self.toggle.isEnabled() and document is not None
        self.comparison = compare_with_gold(self.window.project, document.id, self.window.annotator) if on else None
        self.status.setVisible(on)
        if on and self.comparison.adjudicated:
            for kind, items in marks(self.comparison).items():
                view.set_overlay(Overlay(overlay_name(kind), items, STYLES[kind]))
        self._show_counts()

    def _show_counts(self) -> None:
        if self.comparison is None:
            return
        if not self.comparison.adjudicated:
            self.status.setText(self.tr("Gold: not adjudicated yet"))
            return
        counts = self.comparison.counts()
        self.status.setText(self.tr("Gold: %1").replace("%1", " · ".join(
            f"{kind_name(kind)} {counts[kind]}" for kind in (MISSING, REJECTED, DIFFERENT, SAME))))

    def retranslate(self) -> None:
        self.toggle.setText(self.tr("Compare with gold"))
        self.toggle.setToolTip(self.tr("In an adjudicated document, show how gold differs from your spans"))
        self._show_counts()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
