"""The left panel: search, status and label filters, and the document table.

Searches and the status and label filters are answered by a worker thread
(``DocumentSearch``): the table keeps showing the previous answer, a busy bar
and "Searching…" show under it when the answer takes a moment, and the
keys keep working on the open document. The first page of rows comes first
("at least 200 documents, counting…"); the rest are added below it, without
moving the selection or the scroll, when the worker has them all, and the
count then shows. Each filter asked makes the answers to the earlier ones
stale; they are dropped when they come. The unfiltered list (and "my
documents") reads only ids and is shown at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar, QVBoxLayout,
                               QWidget)

from annotator.core.worklist.document_order import DocumentOrder
from annotator.core.records import STATUSES
from annotator.core.schema import Schema
from annotator.core.worklist.search_query import parse
from annotator.core.store.worklist import DocumentFilter, SearchError
from annotator.gui.documents.assignment_filter import AssignmentFilter
from annotator.gui.documents.document_model import DATE, SPANS, STATUS, TITLE, DocumentModel, status_name
from annotator.gui.documents.document_search import DocumentSearch
from annotator.gui.window.messages import error_message
from annotator.gui.jobs.request_worker import run_until
from annotator.gui.window.tables import fit_column, row_table
from annotator.gui.window.translation import language

SEARCH_DELAY_MS = 300
BUSY_DELAY_MS = 150  # an answer quicker than this shows no busy bar (no flicker on every key)


class DocumentList(QWidget):
    documentChosen = Signal(int)  # the user picked a document
    message = Signal(str)
    listed = Signal()  # the list shows the answer to the latest filter (or its error)

    def __init__(self, model: DocumentModel, schema: Schema, worker: DocumentSearch | None = None, parent=None):
        """``worker`` answers the costly filters on a thread of its own; without it they are read here."""
        super().__init__(parent)
        self.model = model
        self.schema = schema
        self.annotator = model.annotator  # whose list is asked for; the model shows it once it is read
        self.search_worker = worker
        self._asked = 0  # the worker's number for the filter asked last; 0 when none is out
        self._counting = False  # the list shows the first page of the answer to ``_asked``; the rest will follow
        self._open_doc_id: int | None = None  # the window's document, selected in whatever list is shown
        self.search = QLineEdit(clearButtonEnabled=True)
        self.status_filter = QComboBox()
        self.label_filter = QComboBox()
        self.assignment_filter = AssignmentFilter()
        self.assignment_filter.choose_for(model.worklist.store, model.annotator)
        self.error = QLabel(wordWrap=True, visible=False, textFormat=Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b3261e;")
        self.count = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.busy = QProgressBar(textVisible=False, visible=False, maximumHeight=8, maximumWidth=90)
        self.busy.setRange(0, 0)  # no measure of how far a query is: a bar that sweeps
        self.table = row_table(model, self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # Fixed widths: sizing to contents would read every row, defeating the paged model.
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
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
        footer = QHBoxLayout()
        footer.addWidget(self.count, 1)
        footer.addWidget(self.busy)
        layout.addLayout(footer)
        self._busy_delay = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_delay.timeout.connect(self._show_busy)
        if worker is not None:
            worker.found.connect(self._found)
            worker.failed.connect(self._search_failed)
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
        self.annotator = annotator
        self.apply_filter()

    def apply_filter(self) -> None:
        """List the documents the search box and the filters ask for: at once when only ids are read,
        else on the worker thread (the answer replaces the rows when it comes)."""
        self._delay.stop()
        if self._asked:
            self.search_worker.cancel()  # the answer on its way is for an older filter
            self._asked = 0
            self._counting = False
        flt = self.current_filter()
        try:
            parse(flt.query)  # a malformed query is reported at once, and the rows stay
        except SearchError as error:
            self._show_error(error_message(error))
            return
        self.error.hide()
        worker = self.search_worker
        if worker is None or not worker.threaded or flt.reads_ids_only():
            self._show(self.annotator, flt, self.model.worklist.document_ids(self.annotator, flt))
            return
        self._asked = worker.request(self.annotator, flt)
        if not self.busy.isVisible():
            self._busy_delay.start()

    def searching(self) -> bool:
        """The list does not show what the search box and the filters ask yet: typing has not paused,
        or the worker's answer has not come."""
        return bool(self._asked) or self._delay.isActive()

    def wait_until_listed(self, seconds: float = 60.0) -> bool:
        """Run the event loop until the list shows the latest filter (screenshots, benchmarks, tests)."""
        if self._delay.isActive():
            self.apply_filter()
        return run_until(lambda: not self.searching(), self.listed, seconds)

    def stop(self) -> None:
        """The window closes: the worker thread ends (a query it runs is interrupted)."""
        self._delay.stop()
        self._asked = 0
        self._counting = False
        if self.search_worker is not None:
            self.search_worker.stop()

    def _found(self, number: int, annotator: str, flt: DocumentFilter, ids: DocumentOrder, complete: bool) -> None:
        if number != self._asked:
            return  # a newer filter was asked meanwhile: its answer is the one to show
        if complete:
            self._asked = 0
        if self._counting:  # the whole list, whose first page is shown
            self._counting = False
            was_shown = self._open_doc_id is not None and self.model.row_of(self._open_doc_id) is not None
            self.model.extend(ids)
            self._searching_ended()
            if self._open_doc_id is not None and not was_shown:  # marked, but the rows read meanwhile stay in view
                self.show_current(self._open_doc_id, scroll=False)
            self.listed.emit()
            return
        self._counting = not complete
        self._show(annotator, flt, ids)

    def _search_failed(self, number: int, message: str) -> None:
        if number != self._asked:
            return
        self._asked = 0
        self._counting = False
        self._show_error(message)

    def _show(self, annotator: str, flt: DocumentFilter, ids: DocumentOrder) -> None:
        self.model.show(annotator, flt, ids)
        if self._counting:
            self._update_count()
        else:
            self._searching_ended()
        if self._open_doc_id is not None:
            self.show_current(self._open_doc_id)
        if self.current_doc_id() is None:  # a new list starts at its top (a reset keeps the old scroll)
            self.table.scrollToTop()
        self.listed.emit()

    def _show_error(self, message: str) -> None:
        self._searching_ended()
        self.error.setText(message)
        self.error.show()
        self.message.emit(message)
        self.listed.emit()

    def _show_busy(self) -> None:
        if self.searching():
            self.busy.show()
            self._update_count()

    def _searching_ended(self) -> None:
        self._busy_delay.stop()
        self.busy.hide()
        self._update_count()

    def _update_count(self) -> None:
        if self._counting:
            self.count.setText(self.tr("At least %n document(s), counting…", "", self.model.rowCount()))
            return
        if self.busy.isVisible():
            self.count.setText(self.tr("Searching…"))
            return
        total = self.model.rowCount()
        self.count.setText(self.tr("%n document(s)", "", total))

    # -- the current document ------------------------------------------------------

    def current_doc_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.doc_id(index.row()) if index.isValid() else None

    def show_current(self, doc_id: int, scroll: bool = True) -> None:
        """Mark ``doc_id`` (the window's open document) as current without emitting ``documentChosen``,
        and scroll to it unless told not to; it is marked again in every list shown later that has it."""
        self._open_doc_id = doc_id
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
        if scroll:
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
        self.fit_columns()

    def fit_columns(self) -> None:
        """Widths for the longest date, status and count, or the columns' titles in this language."""
        metrics = self.fontMetrics()
        fit_column(self.table, DATE, metrics.horizontalAdvance("2025-03-14") + 12)
        fit_column(self.table, STATUS, max(metrics.horizontalAdvance(status_name(s)) for s in STATUSES) + 14)
        fit_column(self.table, SPANS, metrics.horizontalAdvance("9999") + 12)
