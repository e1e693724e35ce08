"""The agreement dashboard (Review › Agreement…): the figures of ``core.agreement``
as tables and bar charts, computed on the worker thread.

Tabs: the pairwise matrix (F1 strict, F1 lenient or κ) with every pair's
figures; per-label scores with a chart; each annotator's progress and label
distribution with a chart; the documents that were counted; progress and
effort per annotator (``progress_tab``); the model (``model_panel``). Label
figures and span counts come from the same (compared) documents. Where
nothing could be compared, an empty state says why and what to do. A busy
bar runs while the report is computed; a double-click on a document opens it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QProgressBar, QPushButton, QStackedWidget,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from annotator.core.records import GOLD
from annotator.core.store.worklist import WorklistStore
from annotator.gui.dashboard.agreement_tables import (MEASURES, FigureTable, document_rows, format_value, label_rows, matrix_rows,
                               pair_rows, progress_rows)
from annotator.gui.dashboard.bar_chart import BarChart, ChartData
from annotator.gui.documents.document_model import status_name
from annotator.gui.dashboard.gold_trend import GoldTrend, compute_trend
from annotator.gui.dashboard.model_panel import ModelPanel
from annotator.gui.dashboard.progress_tab import ProgressTab
from annotator.gui.window.tables import table_over_chart


def compute_report(project, all_documents: bool, label: str | None) -> tuple[dict, dict[int, str], dict]:
    """The report as plain data, the titles of the counted documents, and each annotator's agreement
    with gold over time (runs on the worker thread)."""
    report = project.agreement(None, label, all_documents).to_dict()
    summaries = WorklistStore(project.store).summaries(report["alpha_document_ids"], GOLD)
    return report, {doc_id: summary.title for doc_id, summary in summaries.items()}, compute_trend(project)


def _table(model: FigureTable, stretch_last: bool = False) -> QTableView:
    """A read-only table sized to its figures; only a text column at the end takes the spare width."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("0.000") + 24)
    header.setStretchLastSection(stretch_last)
    return table


class AgreementDialog(QDialog):
    documentChosen = Signal(int)
    reportShown = Signal()  # the tables show a fresh report (tests wait for it)

    def __init__(self, project, worker, parent=None):
        super().__init__(parent)
        self.project = project
        self.worker = worker
        self.report: dict | None = None
        self.titles: dict[int, str] = {}
        self._generation = 0
        self.all_documents = QCheckBox()
        self.label_filter = QComboBox()
        self.refresh_button = QPushButton()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no known end: a moving bar
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.summary = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.measure = QComboBox()
        self.matrix, self.pairs, self.labels, self.progress, self.documents = (FigureTable(self) for _ in range(5))
        self.label_chart, self.annotator_chart = BarChart(), BarChart()
        self.tabs = QTabWidget()
        self.empty_state = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True,
                                  alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setStyleSheet("font-size: 13pt; color: palette(placeholder-text); padding: 40px;")
        self.pages = QStackedWidget()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.progress_tab = ProgressTab(project, worker)
        self._layout()
        self.all_documents.toggled.connect(self.refresh)
        self.label_filter.currentIndexChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.measure.currentIndexChanged.connect(self._show_matrix)
        self.document_table.doubleClicked.connect(
            lambda index: self.documentChosen.emit(self.documents.payloads[index.row()]))
        self.resize(960, 640)
        self.retranslate()

    def _layout(self) -> None:
        options = QHBoxLayout()
        options.addWidget(self.all_documents)
        options.addWidget(self.label_filter)
        options.addStretch(1)
        options.addWidget(self.busy)
        options.addWidget(self.refresh_button)
        pairs_tab = QWidget()
        pairs_column = QVBoxLayout(pairs_tab)
        measure_row = QHBoxLayout()
        self.measure_title = QLabel()
        measure_row.addWidget(self.measure_title)
        measure_row.addWidget(self.measure)
        measure_row.addStretch(1)
        pairs_column.addLayout(measure_row)
        self.matrix_table = _table(self.matrix)
        pairs_column.addWidget(self.matrix_table, 1)
        self.pairs_table = _table(self.pairs)
        pairs_column.addWidget(self.pairs_table, 1)
        self.label_table = _table(self.labels)
        self.progress_table = _table(self.progress, stretch_last=True)
        self.document_table = _table(self.documents, stretch_last=True)
        self.document_note = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        documents_tab = QWidget()
        documents_column = QVBoxLayout(documents_tab)
        documents_column.addWidget(self.document_note)
        documents_column.addWidget(self.document_table, 1)
        # Nothing compared: the figure tab says why and what to do; progress and effort stay reachable.
        self.pages.addWidget(pairs_tab)
        self.pages.addWidget(self.empty_state)
        self.tabs.addTab(self.pages, "")
        self.tabs.addTab(table_over_chart(self.label_table, self.label_chart), "")
        self.tabs.addTab(table_over_chart(self.progress_table, self.annotator_chart), "")
        self.tabs.addTab(documents_tab, "")
        self.gold_trend = GoldTrend(_table)
        self.tabs.addTab(self.gold_trend, "")
        self.tabs.addTab(self.progress_tab, "")
        self.model_panel = ModelPanel(self.project)  # the model: when trained, per-label F1, live labels
        self.tabs.addTab(self.model_panel, "")
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    # -- computing -----------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the report again on the worker thread; a newer request makes older results stale."""
        self._generation += 1
        generation = self._generation
        all_documents = self.all_documents.isChecked()
        label = self.label_filter.currentData()
        self.busy.show()
        self.refresh_button.setEnabled(False)
        self.model_panel.refresh()
        self.worker.run(lambda project: compute_report(project, all_documents, label),
                        lambda result: self._computed(generation, result), self._failed)
        self.progress_tab.refresh()

    def _computed(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        self.busy.hide()
        self.refresh_button.setEnabled(True)
        self.report, self.titles, trend = result
        self.gold_trend.show_trend(trend)
        self._show()
        self.reportShown.emit()

    def _failed(self, message: str) -> None:
        self.busy.hide()
        self.refresh_button.setEnabled(True)
        self.summary.setText(message)

    # -- showing -----------------------------------------------------------------------

    def _show(self) -> None:
        report = self.report
        if report is None:
            return
        names = report["annotators"]
        empty = self._nothing_compared(report)
        self.empty_state.setText(empty or "")
        self.pages.setCurrentWidget(self.empty_state if empty else self.pages.widget(0))
        if empty:
            self.tabs.setCurrentIndex(0)
        if empty:
            self.summary.setText("")
        else:
            overall = report["overall"]
            basis = self.tr("every document") if self.all_documents.isChecked() else self.tr(
                "documents both annotators marked done")
            self.summary.setText(
                self.tr("Compared over %1: %2 of %3 documents. Krippendorff's α %4 over %5 morphemes. "
                        "Mean F1 %6 strict, %7 lenient; mean κ %8.")
                .replace("%1", basis).replace("%2", format_value(report["documents_counted"]))
                .replace("%3", format_value(report["documents"])).replace("%4", format_value(report["alpha"]))
                .replace("%5", format_value(report["alpha_units"]))
                .replace("%6", format_value(overall["f1_strict"])).replace("%7", format_value(overall["f1_lenient"]))
                .replace("%8", format_value(overall["kappa"])))
        self._show_matrix()
        self.pairs.set_table([self.tr("A"), self.tr("B"), self.tr("Documents"), self.tr("F1 strict"),
                              self.tr("F1 lenient"), self.tr("κ"), self.tr("Spans of A"), self.tr("Spans of B")],
                             pair_rows(report), score_columns=(3, 4, 5))
        labels = label_rows(report)
        self.labels.set_table([self.tr("Label"), self.tr("F1 strict"), self.tr("F1 lenient"), self.tr("Exact matches")]
                              + [self.tr("Spans of %1").replace("%1", n) for n in names], labels,
                              score_columns=(1, 2))
        self.label_chart.set_data(ChartData([r[0] for r in labels], [self.tr("F1 strict"), self.tr("F1 lenient")],
                                            [[r[1] for r in labels], [r[2] for r in labels]], maximum=1.0),
                                  self.tr("F1 per label, over every pair"))
        self.progress.set_table([self.tr("Annotator"), self.tr("Done"), self.tr("Spans"), self.tr("Statuses")],
                                progress_rows(report, status_name))
        label_names = list(report["labels"])
        self.annotator_chart.set_data(
            ChartData(label_names, list(report["progress"]),
                      [[row["labels"].get(label, 0) for label in label_names] for row in report["progress"].values()],
                      decimals=0),
            self.tr("Spans per label, by annotator, in every document"))
        rows, ids = document_rows(report, self.titles)
        self.documents.set_table([self.tr("Title"), self.tr("Compared")], rows, payloads=ids)
        self.document_note.setText(self.tr("%n document(s) counted: each was compared between the annotators "
                                           "listed. Double-click one to open it.", "", len(ids)))

    def _nothing_compared(self, report: dict) -> str | None:
        """Why there are no figures, and what to do; None when some documents were compared."""
        names = report["annotators"]
        if len(names) < 2:
            return self.tr("Agreement needs at least two annotators (found: %1). Merge your team's copies "
                           "first (annotator merge).").replace("%1", ", ".join(names) or "–")
        if report["documents_counted"]:
            return None
        if not report["documents"]:
            return self.tr("The project has no documents yet: import articles first (Ctrl+I).")
        if self.all_documents.isChecked():
            return self.tr("No document could be compared.")
        who = (self.tr("both %1 and %2").replace("%1", names[0]).replace("%2", names[1]) if len(names) == 2
               else self.tr("two of %1").replace("%1", ", ".join(names)))
        return (self.tr("No document is marked done by %1: press Ctrl+Enter when a document is finished, "
                        "or tick “%2” above.").replace("%1", who).replace("%2", self.all_documents.text()))

    def _show_matrix(self) -> None:
        if self.report is None or self.measure.currentIndex() < 0:
            return
        measure = MEASURES[self.measure.currentIndex()]
        names = self.report["annotators"]
        self.matrix.set_table([""] + names, matrix_rows(self.report, measure), score_columns=range(1, len(names) + 1))

    # -- language -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Agreement"))
        self.all_documents.setText(self.tr("Count every document (not only those marked done)"))
        self.refresh_button.setText(self.tr("Recompute"))
        self.measure_title.setText(self.tr("Pairwise:"))
        current = max(self.measure.currentIndex(), 0)
        self.measure.blockSignals(True)
        self.measure.clear()
        self.measure.addItems([self.tr("F1 strict (same start, end, label)"),
                               self.tr("F1 lenient (overlapping, same label)"), self.tr("Cohen's κ over morphemes")])
        self.measure.setCurrentIndex(current)
        self.measure.blockSignals(False)
        selected = self.label_filter.currentData()
        self.label_filter.blockSignals(True)
        self.label_filter.clear()
        self.label_filter.addItem(self.tr("All labels"), None)
        for label in self.project.schema.labels:
            self.label_filter.addItem(label.name, label.name)
        self.label_filter.setCurrentIndex(max(self.label_filter.findData(selected), 0))
        self.label_filter.blockSignals(False)
        for i, title in enumerate((self.tr("Pairs"), self.tr("Labels"), self.tr("Annotators"), self.tr("Documents"),
                                   self.tr("Gold over time"), self.tr("Progress"), self.tr("Model"))):
            self.tabs.setTabText(i, title)
        self.gold_trend.retranslate()
        self._show()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
