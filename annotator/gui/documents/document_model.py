"""The document list: ids of the matching documents, summaries paged in on demand.

Only the ids of the filtered documents are held (``DocumentOrder``: for the
whole project a range, not a million ints); titles,
dates, statuses and span counts are read a page at a time as rows are
painted, and a bounded number of pages is kept. Texts are never read.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Iterable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.worklist.document_order import DocumentOrder
from annotator.core.store.worklist import DocumentFilter, DocumentSummary, WorklistStore
from annotator.gui.text.plain_text import plain_tooltip

TITLE, DATE, STATUS, SPANS = range(4)
PAGE_SIZE = 200
PAGES_KEPT = 40

STATUS_COLOURS = {
    "new": None,
    "in_progress": QColor("#1d6fb8"),
    "done": QColor("#2e7d32"),
    "skipped": QColor("#8a8a8a"),
    "flagged": QColor("#c62828"),
    "adjudicated": QColor("#2e7d32"),  # the gold layer's status once reviewed
    "returned": QColor("#b3261e"),  # sent back by the reviewer (반려)
}


def status_name(status: str) -> str:
    """The status as the user reads it, in the interface language."""
    names = {
        "new": QCoreApplication.translate("Status", "new"),
        "in_progress": QCoreApplication.translate("Status", "in progress"),
        "done": QCoreApplication.translate("Status", "done"),
        "skipped": QCoreApplication.translate("Status", "skipped"),
        "flagged": QCoreApplication.translate("Status", "flagged"),
        "adjudicated": QCoreApplication.translate("Status", "adjudicated"),
        "returned": QCoreApplication.translate("Status", "returned"),
    }
    return names.get(status, status)


class DocumentModel(QAbstractTableModel):
    def __init__(self, worklist: WorklistStore, annotator: str, parent=None):
        super().__init__(parent)
        self.worklist = worklist
        self.annotator = annotator
        self.filter = DocumentFilter()
        self._ids: DocumentOrder = DocumentOrder([], [])  # returned to the annotator first, then import order
        self._pages: OrderedDict[int, list[DocumentSummary | None]] = OrderedDict()
        self.review = None  # review mode: a ``review_model.ReviewColumns`` fills the last two columns

    def set_review(self, review) -> None:
        self.review = review
        if len(self._ids):  # every row: not a lookup per id of a million
            self.dataChanged.emit(self.index(0, STATUS), self.index(len(self._ids) - 1, SPANS))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, STATUS, SPANS)

    def review_changed(self, doc_ids: Iterable[int]) -> None:
        rows = sorted(r for r in (self.row_of(d) for d in doc_ids) if r is not None)
        if rows:
            self.dataChanged.emit(self.index(rows[0], STATUS), self.index(rows[-1], SPANS))

    # -- content -----------------------------------------------------------------

    def set_filter(self, flt: DocumentFilter) -> None:
        """Show the documents matching ``flt``, read here; raises ``SearchError`` and keeps the rows on a
        bad query. (The window's list asks a worker thread for them: ``DocumentList``.)"""
        self.show(self.annotator, flt, self.worklist.document_ids(self.annotator, flt))

    def show(self, annotator: str, flt: DocumentFilter, ids: DocumentOrder) -> None:
        """Show ``ids``, ``annotator``'s documents matching ``flt`` (their statuses and span counts)."""
        self.beginResetModel()
        self.annotator, self.filter, self._ids = annotator, flt, ids
        self._pages.clear()
        self.endResetModel()

    def extend(self, ids: DocumentOrder) -> None:
        """Show ``ids``, the whole list whose first page is shown: rows are added below, the selection,
        the scroll position and the summaries read stay. (Anything else replaces the rows.)"""
        shown = self._ids
        if len(ids) < len(shown) or any(ids[row] != shown[row] for row in range(len(shown))):
            self.show(self.annotator, self.filter, ids)
            return
        if len(ids) == len(shown):
            self._ids = ids
            return
        self.beginInsertRows(QModelIndex(), len(shown), len(ids) - 1)
        self._ids = ids
        if len(shown) % PAGE_SIZE:  # the last page read was cut short by the end of the list: it is read again
            self._pages.pop(len(shown) // PAGE_SIZE, None)
        self.endInsertRows()

    def doc_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, doc_id: int) -> int | None:
        return self._ids.row_of(doc_id)

    def summary(self, row: int) -> DocumentSummary | None:
        if not 0 <= row < len(self._ids):
            return None
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            ids = self._ids[page_number * PAGE_SIZE:(page_number + 1) * PAGE_SIZE]
            found = self.worklist.summaries(ids, self.annotator)
            page = [found.get(doc_id) for doc_id in ids]
            self._pages[page_number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        return page[row % PAGE_SIZE]

    def refresh(self, doc_ids: Iterable[int]) -> None:
        """Re-read the summaries of these documents (their status or span count changed)."""
        rows = [r for r in (self.row_of(d) for d in doc_ids) if r is not None]
        cached = [r for r in rows if (r // PAGE_SIZE) in self._pages]
        found = self.worklist.summaries([self._ids[r] for r in cached], self.annotator)
        for row in cached:
            self._pages[row // PAGE_SIZE][row % PAGE_SIZE] = found.get(self._ids[row])
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def forget_summaries(self) -> None:
        """Others changed documents this model cannot name: rows are read again as they show."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, STATUS), self.index(len(self._ids) - 1, STATUS))

    # -- Qt model ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self.doc_id(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        column = index.column()
        if self.review is not None and column in (STATUS, SPANS) and role != Qt.ItemDataRole.TextAlignmentRole:
            doc_id = self.doc_id(index.row())
            return self.review.status(doc_id, role) if column == STATUS else self.review.disagreements(doc_id, role)
        summary = self.summary(index.row())
        if summary is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return STATUS_COLOURS.get(summary.status) if column == STATUS else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column == SPANS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(summary.title) if column == TITLE else None
        if column == TITLE:
            return summary.title
        if column == DATE:
            return summary.date[:10]
        if column == STATUS:
            return status_name(summary.status)
        return summary.spans

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Title"), self.tr("Date"), self.tr("Status"), self.tr("Spans"))
        if self.review is not None:
            titles = titles[:STATUS] + self.review.headers()
        return titles[section] if 0 <= section < len(titles) else None
