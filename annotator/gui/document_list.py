"""The left panel: search, status and label filters, and the document table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..core.records import STATUSES
from ..core.schema import Schema
from ..core.worklist_store import DocumentFilter, SearchError
from .assignment_filter import AssignmentFilter
from .document_model import DATE, SPANS, STATUS, TITLE, DocumentModel, status_name
from .tables import row_table
from .translation import language

SEARCH_DELAY_MS = 300


class DocumentList(QWidget):
    documentChosen = Signal(int)  # the user picked a document
    message = Signal(str)

    def __init__(self, model: DocumentModel, schema: Schema, parent=None):
        super().__init__(parent)
        self.model = model
        self.schema = schema
        self.search = QLineEdit(clearButtonEnabled=True)
        self.status_filter = QComboBox()
        self.label_filter = QComboBox()
        self.assignment_filter = AssignmentFilter()
        self.assignment_filter.choose_for(model.worklist.store, model.annotator)
        self.error = QLabel(wordWrap=True, visible=False, textFormat=Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b3261e;")
        self.count = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.table = row_table(model, self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # Fixed widths: sizing to contents would read every row, defeating the paged model.
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(DATE, self.fontMetrics().horizontalAdvance("2025-03-14") + 12)
        header.resizeSection(SPANS, self.fontMetrics().horizontalAdvance("9999") + 12)
        filters = QHBoxLayout()
        filters.addWidget(self.assignment_filter, 1)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.label_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._delay = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._delay.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._delay.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.label_filter.currentIndexChanged.connect(self.apply_filter)
        self.assignment_filter.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.retranslate()

    # -- filters -----------------------------------------------------------------

    def current_filter(self) -> DocumentFilter:
        return DocumentFilter(status=self.status_filter.currentData(), label=self.label_filter.currentData(),
                              query=self.search.text().strip(), mine=self.assignment_filter.mine())

    def set_annotator(self, annotator: str) -> None:
        """List ``annotator``'s documents (theirs by default when they have assigned ones)."""
        self.assignment_filter.choose_for(self.model.worklist.store, annotator)
        self.model.annotator = annotator
        self.apply_filter()

    def apply_filter(self) -> None:
        self._delay.stop()
        current = self.current_doc_id()
        try:
            self.model.set_filter(self.current_filter())
        except SearchError as error:
            self.error.setText(str(error))
            self.error.show()
            self.message.emit(str(error))
            return
        self.error.hide()
        self._update_count()
        if current is not None:
            self.show_current(current)

    def _update_count(self) -> None:
        total = self.model.rowCount()
        self.count.setText(self.tr("%n document(s)", "", total))

    # -- the current document ------------------------------------------------------

    def current_doc_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.doc_id(index.row()) if index.isValid() else None

    def show_current(self, doc_id: int) -> None:
        """Mark ``doc_id`` as current without emitting ``documentChosen``."""
        row = self.model.row_of(doc_id)
        selection = self.table.selectionModel()
        with QSignalBlocker(selection):
            if row is None:
                selection.clear()
                self.table.viewport().update()
                return
            index = self.model.index(row, TITLE)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self.table.viewport().update()

    def neighbour(self, doc_id: int | None, step: int) -> int | None:
        """The document ``step`` rows away from ``doc_id`` in the list (the first row when none)."""
        row = self.model.row_of(doc_id) if doc_id is not None else None
        target = 0 if row is None else row + step
        return self.model.doc_id(target)

    def _row_changed(self, current, _previous) -> None:
        doc_id = self.model.doc_id(current.row()) if current.isValid() else None
        if doc_id is not None:
            self.documentChosen.emit(doc_id)

    # -- language ------------------------------------------------------------------

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search titles and texts (Ctrl+Shift+F)"))
        self.search.setToolTip(self.tr(
            "Words must all occur, anywhere in a word (원주시 finds 원주시가).\n"
            "Quotes keep a phrase together; AND, OR, NOT and parentheses combine words:\n"
            "(원주시 OR \"국비 120억\") NOT 추경"))
        for combo, items in (
            (self.status_filter, [(self.tr("All statuses"), None)] + [(status_name(s), s) for s in STATUSES]),
            (self.label_filter, [(self.tr("All labels"), None)]
             + [(label.display(language()), label.name) for label in self.schema.labels]),
        ):
            with QSignalBlocker(combo):
                selected = combo.currentIndex()
                combo.clear()
                for text, data in items:
                    combo.addItem(text, data)
                combo.setCurrentIndex(max(selected, 0))
        self.model.retranslate()
        self._update_count()
        widest = max(self.fontMetrics().horizontalAdvance(status_name(s)) for s in STATUSES)
        self.table.horizontalHeader().resizeSection(STATUS, widest + 14)
