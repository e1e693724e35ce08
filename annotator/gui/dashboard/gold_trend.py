"""The agreement dashboard's "Gold over time" tab: each annotator's span F1 (strict) against gold
per week they did the work (``core.team.gold_agreement``), as a table and a chart, so drift shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from annotator.core.review.gold_agreement import gold_over_time
from annotator.gui.dashboard.agreement_tables import FigureTable
from annotator.gui.dashboard.bar_chart import BarChart, ChartData
from annotator.gui.window.tables import table_over_chart


def compute_trend(project) -> dict[str, list[dict]]:
    """{annotator: [period as a dict]} (runs on the worker thread with the rest of the report)."""
    return {name: [p.to_dict() for p in periods] for name, periods in gold_over_time(project).items()}


def trend_rows(trend: dict[str, list[dict]]) -> list[list]:
    return [[name, p["period"], p["documents"], p["spans"], p["gold_spans"], p["exact"], p["f1_strict"]]
            for name, periods in trend.items() for p in periods]


class GoldTrend(QWidget):
    def __init__(self, table_factory, parent=None):
        super().__init__(parent)
        self.figures = FigureTable(self)
        self.table: QTableView = table_factory(self.figures)
        self.chart = BarChart()
        self.note = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        splitter = table_over_chart(self.table, self.chart)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        self.trend: dict[str, list[dict]] = {}

    def show_trend(self, trend: dict[str, list[dict]]) -> None:
        self.trend = trend
        self.figures.set_table([self.tr("Annotator"), self.tr("Week"), self.tr("Documents"), self.tr("Spans"),
                                self.tr("Gold spans"), self.tr("Exact"), self.tr("F1 strict")],
                               trend_rows(trend), score_columns=(6,))
        weeks = sorted({p["period"] for periods in trend.values() for p in periods})
        values = [[next((p["f1_strict"] for p in periods if p["period"] == week), None) for week in weeks]
                  for periods in trend.values()]
        self.chart.set_data(ChartData(weeks, list(trend), values, maximum=1.0),
                            self.tr("F1 strict against gold, per week"))
        counted = sum(p["documents"] for periods in trend.values() for p in periods)
        self.note.setText(self.tr("Documents an annotator marked done and the reviewer adjudicated, by the week "
                                  "the annotator marked them done (%n compared). "
                                  "`annotator agreement --annotators gold,…` prints the same.", "", counted))

    def retranslate(self) -> None:
        self.show_trend(self.trend)
