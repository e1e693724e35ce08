"""The right panel's span table: label, text, attributes, in reading order."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from annotator.gui.text.span_model import ATTRIBUTES, LABEL, NOTE, TEXT, SpanModel
from annotator.gui.window.tables import fit_column, row_table, select_row_silently


class SpanList(QWidget):
    spanSelected = Signal(int)  # a click or arrow key: show the span in the document
    spanActivated = Signal(int)  # a double-click or Enter: jump to it and focus the text

    def __init__(self, model: SpanModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.title = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold;")
        self.table = row_table(model, self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        # Fixed widths: sizing to contents would read every row of a long document.
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(ATTRIBUTES, True)
        self.table.setColumnHidden(NOTE, True)
        self._fit_columns()
        self.table.viewport().installEventFilter(self)  # its width decides what the attributes may take
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 6, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(self._activated)
        model.rowsInserted.connect(self._update_title)
        model.rowsRemoved.connect(self._update_title)
        model.modelReset.connect(self._update_title)
        self._update_title()

    def select_span(self, span_id: int | None) -> None:
        """Mark the span's row as current without emitting ``spanSelected``."""
        row = self.model.row_of(span_id) if span_id is not None else None
        select_row_silently(self.table, row, LABEL)

    def apply_change(self, change) -> bool:
        """Take in what an operation did; a removed row's neighbour never becomes the selection
        (Qt would move the current row there, and a second Delete would remove it)."""
        current = self.table.currentIndex()
        if current.isValid():
            span_id = self.model.span_at(current.row()).id
            if any(s.id == span_id for s in change.removed + [before for before, _ in change.updated]):
                self.select_span(None)
        return self.model.apply_change(change)

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            self.spanSelected.emit(self.model.span_at(current.row()).id)

    def _activated(self, index) -> None:
        if index.isValid():
            self.spanActivated.emit(self.model.span_at(index.row()).id)

    def _update_title(self, *_args) -> None:
        self.title.setText(self.tr("Spans (%n)", "", self.model.rowCount()))
        # The attribute column only when some span has attributes (amounts, say).
        self.table.setColumnHidden(ATTRIBUTES, not any(span.attrs for span in self.model.spans()))
        self.table.setColumnHidden(NOTE, not any(span.note for span in self.model.spans()))  # likewise notes
        self._fit_attributes()

    def _fit_columns(self) -> None:
        """Label and note columns as wide as a long value, or as their titles in this language."""
        metrics = self.fontMetrics()
        fit_column(self.table, LABEL, metrics.horizontalAdvance("PROGRAM") + 36)
        fit_column(self.table, NOTE, metrics.horizontalAdvance("경계가 맞는지 모르겠어요") + 12)

    def _fit_attributes(self) -> None:
        """The text goes first: the attribute column takes what is left after the label and a long
        name (its cells are elided, their tooltips whole), up to what a large amount needs."""
        metrics = self.fontMetrics()
        wanted = metrics.horizontalAdvance("12,000,000,000 KRW") + 12
        text_needs = metrics.horizontalAdvance("원주의료기기테크노밸리") + 14
        left = self.table.viewport().width() - self.table.columnWidth(LABEL) - text_needs
        fit_column(self.table, ATTRIBUTES, max(metrics.horizontalAdvance("0,000…"), min(wanted, left)))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_attributes()
        return False

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.model.retranslate()
            self._fit_columns()
            self._update_title()
        super().changeEvent(event)
