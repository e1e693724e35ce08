"""The read-only, row-selecting table every list panel uses (documents, spans, review candidates),
and the dashboard's table over its chart."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTableView, QWidget


def row_table(model: QAbstractItemModel, row_height: int) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    return table


def fit_column(table: QTableView, column: int, width: int) -> None:
    """Give ``column`` ``width`` pixels, or what its header's title needs if that is more (a clipped
    "Attribu…" says nothing)."""
    header = table.horizontalHeader()
    header.resizeSection(column, max(width, header.sectionSizeHint(column)))


def select_row_silently(table: QTableView, row: int | None, column: int = 0) -> None:
    """Make ``row`` current (or clear) without the selection signals: the view already shows it."""
    selection = table.selectionModel()
    with QSignalBlocker(selection):
        if row is None:
            selection.clear()
        else:
            index = table.model().index(row, column)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            table.scrollTo(index)
    table.viewport().update()


def table_over_chart(table: QTableView, chart: QWidget) -> QSplitter:
    """A dashboard figure: its table above its bar chart, the chart taking more room."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(table)
    splitter.addWidget(chart)
    splitter.setSizes([220, 300])
    return splitter
