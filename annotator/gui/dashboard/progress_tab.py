"""The dashboard's Progress tab: per annotator, documents done of assigned, active hours,
median minutes per document and per 1,000 characters, spans per hour and F1 against gold
(``core.team.effort``), and a chart of active hours per day. Computed on the worker thread
when the tab is shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout,
                               QWidget)

from annotator.core.team.effort import TeamFigures, team_figures
from annotator.gui.dashboard.agreement_tables import FigureTable
from annotator.gui.dashboard.bar_chart import BarChart, ChartData
from annotator.gui.window.tables import table_over_chart

DAYS_SHOWN = 14  # the chart's most recent days with recorded time


def _decimal(value: float | None, digits: int = 1) -> str | None:
    return None if value is None else f"{value:.{digits}f}"


def progress_rows(figures: TeamFigures) -> list[list]:
    """One row per annotator; numbers as shown (strings with one decimal), F1 as a score."""
    rows = []
    for a in figures.annotators:
        rows.append([a.name, f"{a.done}/{a.assigned}" if a.assigned else f"{a.done}/–", _decimal(a.active_hours),
                     _decimal(a.minutes_per_document), _decimal(a.minutes_per_1000_characters),
                     _decimal(a.spans_per_hour), a.f1_gold, a.gold_documents])
    return rows


def hours_per_day(figures: TeamFigures, days: int = DAYS_SHOWN) -> ChartData:
    """Active hours per day (the last ``days`` with any), one series per layer, gold (review) last."""
    shown = sorted(figures.days)[-days:]
    layers = sorted({name for day in shown for name in figures.days[day]}, key=lambda n: (n == "gold", n))
    return ChartData(shown, layers, [[round(figures.days[day].get(name, 0.0) / 3600, 2) or None for day in shown]
                                     for name in layers], decimals=1)


class ProgressTable(FigureTable):
    """Figures arrive as text with one decimal; all but the name column read right-aligned."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class ProgressTab(QWidget):
    shown = Signal()  # fresh figures are on screen (tests wait for it)

    def __init__(self, project, worker, parent=None):
        super().__init__(parent)
        self.project = project
        self.worker = worker
        self.figures: TeamFigures | None = None
        self._generation = 0
        self._stale = True
        self.summary = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.model = ProgressTable(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = BarChart()
        splitter = table_over_chart(self.table, self.chart)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        """Compute the figures again, now if the tab is on screen, else when it is next shown."""
        self._stale = True
        if self.isVisible():
            self._compute()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._compute()

    def _compute(self) -> None:
        self._stale = False
        self._generation += 1
        generation = self._generation
        self.worker.run(team_figures, lambda figures: self._computed(generation, figures), self.summary.setText)

    def _computed(self, generation: int, figures: TeamFigures) -> None:
        if generation == self._generation:
            self.figures = figures
            self._show()
            self.shown.emit()

    def _show(self) -> None:
        figures = self.figures
        if figures is None:
            return
        if figures.has_assignments:
            text = (self.tr("%1 of %2 documents assigned, %3 of them calibration documents (assigned to everyone).")
                    .replace("%1", str(figures.documents_assigned)).replace("%2", str(figures.documents))
                    .replace("%3", str(figures.calibration_documents)))
        else:
            text = self.tr("No assignments yet (annotator assign): done counts every document.")
        text += " " + self.tr("Active time counts while a document is open in a focused window with input "
                              "in the last two minutes. Review: %1 h.").replace(
            "%1", f"{figures.review_seconds / 3600:.1f}")
        self.summary.setText(text)
        self.model.set_table([self.tr("Annotator"), self.tr("Done/assigned"), self.tr("Active hours"),
                              self.tr("Min/document"), self.tr("Min/1,000 chars"), self.tr("Spans/hour"),
                              self.tr("F1 with gold"), self.tr("Gold documents")],
                             progress_rows(figures), score_columns=(6,))
        self.chart.set_data(hours_per_day(figures), self.tr("Active hours per day"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
