"""The dashboard's Model tab: when the model was trained and on how much, each label's
held-out F1 with its training spans and threshold, which labels it suggests for, and a
button that trains it now (in the background, ``training_job``)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from annotator.core.model import label_states
from annotator.core.model.gate import BELOW, LIVE, OFF
from annotator.gui.dashboard.agreement_tables import FigureTable, format_value
from annotator.gui.dashboard.bar_chart import BarChart, ChartData
from annotator.gui.window.tables import row_table


class ModelPanel(QWidget):
    trainRequested = Signal()

    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.project = project
        self.info = None
        self.summary = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.train_button = QPushButton()
        self.phase = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.scores = FigureTable(self)
        self.chart = BarChart()
        self.table = row_table(self.scores, self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.phase)
        row.addWidget(self.busy)
        row.addWidget(self.train_button)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.table, 1)
        column.addWidget(self.chart, 1)
        self.train_button.clicked.connect(self.trainRequested)
        self.retranslate()

    def refresh(self) -> None:
        """Read the model's description again (small JSON beside the project)."""
        self.info = self.project.model_info()
        self._show()

    def set_training(self, running: bool, phase: str = "") -> None:
        self.busy.setVisible(running)
        self.train_button.setEnabled(not running)
        self.phase.setText(self._phase_text(phase) if running else "")

    def _phase_text(self, key: str) -> str:
        return {"reading": self.tr("Reading the finished documents…"), "scoring": self.tr("Scoring held out…"),
                "training": self.tr("Training…")}.get(key, self.tr("Training…"))

    def _state_text(self, state: str) -> str:
        return {LIVE: self.tr("suggests"), OFF: self.tr("off (not among its recognisers)"),
                BELOW: self.tr("below threshold")}.get(state, self.tr("no spans to learn from"))

    def _show(self) -> None:
        info = self.info
        states = label_states(self.project.schema, info)
        live = [s.label for s in states if s.live]
        if info is None:
            self.summary.setText(self.tr("No model yet. It trains by itself once %1 documents are finished "
                                         "(adjudicated, or marked done), or press Train now.")
                                 .replace("%1", str(self.project.schema.model.retrain_every)))
        else:
            when = datetime.fromisoformat(info.trained_at).astimezone().strftime("%Y-%m-%d %H:%M")
            self.summary.setText(
                self.tr("Trained %1 on %2 finished documents (%3 sentences) in %4 s; F1 held out over %5 folds. "
                        "Suggests for: %6")
                .replace("%1", when).replace("%2", format_value(info.documents))
                .replace("%3", format_value(info.sentences)).replace("%4", f"{info.seconds:.1f}")
                .replace("%5", str(info.folds)).replace("%6", ", ".join(live) or self.tr("no label yet")))
        rows = []
        for state in states:
            score = info.scores.get(state.label) if info is not None else None
            rows.append([state.label, score.f1 if score else None, score.precision if score else None,
                         score.recall if score else None, state.training_spans, state.threshold,
                         self._state_text(state.state)])
        self.scores.set_table([self.tr("Label"), self.tr("F1 held out"), self.tr("Precision"), self.tr("Recall"),
                               self.tr("Training spans"), self.tr("Threshold"), self.tr("Model suggestions")],
                              rows, score_columns=(1, 2, 3))
        self.chart.set_data(ChartData([r[0] for r in rows], [self.tr("F1 held out"), self.tr("Threshold")],
                                      [[r[1] for r in rows], [r[5] for r in rows]], maximum=1.0),
                            self.tr("Model F1 per label against its threshold"))

    def retranslate(self) -> None:
        self.train_button.setText(self.tr("Train now"))
        self.train_button.setToolTip(self.tr("Train the model on the finished documents, in the background"))
        self._show()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
