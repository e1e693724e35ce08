"""The reviewer's side panel: the open document's candidates, counts per state,
and the buttons for what the keys do (accept, reject, accept all of one
annotator, mark adjudicated)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.core.review.merged_view import CANDIDATE_STATES, DocumentReview
from annotator.gui.review.review_model import ANNOTATORS, LABEL, NOTES, STATE, TEXT, CandidateModel, annotators_text
from annotator.gui.review.review_styles import SHOWN_STATES, document_state_name, state_hint, state_name, swatch
from annotator.gui.window.tables import row_table, select_row_silently

BUTTONS_PER_ROW = 2


class ReviewPanel(QWidget):
    candidateSelected = Signal(int)  # row: a click or arrow key shows the candidate in the text
    candidateActivated = Signal(int)  # row: a double-click or Enter accepts it
    acceptRequested = Signal()
    rejectRequested = Signal()
    adjudicateRequested = Signal()
    acceptAllRequested = Signal(str)  # annotator

    def __init__(self, model: CandidateModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.title = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold;")
        self.document_state = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.counts: dict[str, QLabel] = {}
        legend = QGridLayout()
        legend.setHorizontalSpacing(10)
        legend.setVerticalSpacing(2)
        for i, state in enumerate(SHOWN_STATES):
            icon = QLabel()
            icon.setPixmap(swatch(state).pixmap(14, 14))
            count = QLabel(textFormat=Qt.TextFormat.PlainText)
            self.counts[state] = count
            cell = QHBoxLayout()
            cell.setSpacing(4)
            cell.addWidget(icon)
            cell.addWidget(count, 1)
            legend.addLayout(cell, i // 3, i % 3)
        self.table = row_table(model, self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        model.modelReset.connect(self._fit_columns)  # once per document, not on every scroll (ResizeToContents)
        self.accept_button = QPushButton()
        self.reject_button = QPushButton()
        self.adjudicate_button = QPushButton()
        for button in (self.accept_button, self.reject_button, self.adjudicate_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the keyboard where it is
        self.accept_button.clicked.connect(self.acceptRequested)
        self.reject_button.clicked.connect(self.rejectRequested)
        self.adjudicate_button.clicked.connect(self.adjudicateRequested)
        decisions = QHBoxLayout()
        decisions.addWidget(self.accept_button)
        decisions.addWidget(self.reject_button)
        self.accept_all_title = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.accept_all = QGridLayout()
        self.accept_all.setSpacing(4)
        self._accept_all_buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 6, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.document_state)
        layout.addLayout(legend)
        layout.addWidget(self.table, 1)
        layout.addLayout(decisions)
        layout.addWidget(self.accept_all_title)
        layout.addLayout(self.accept_all)
        layout.addWidget(self.adjudicate_button)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.activated.connect(lambda index: self.candidateActivated.emit(index.row()))
        self._review: DocumentReview | None = None
        self.retranslate()

    # -- content -----------------------------------------------------------------

    def show_review(self, review: DocumentReview | None) -> None:
        """The open document's review state, candidate counts and annotators (their accept-all buttons)."""
        self._review = review
        names = review.annotators if review else ()
        if tuple(self._accept_all_buttons) != names:
            for button in self._accept_all_buttons.values():
                self.accept_all.removeWidget(button)
                button.deleteLater()
            self._accept_all_buttons = {}
            for i, name in enumerate(names):
                button = QPushButton()
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.clicked.connect(lambda _checked=False, n=name: self.acceptAllRequested.emit(n))
                self.accept_all.addWidget(button, i // BUTTONS_PER_ROW, i % BUTTONS_PER_ROW)
                self._accept_all_buttons[name] = button
        self.accept_all_title.setVisible(bool(names))
        self._show_texts()

    def accept_all_button(self, annotator: str) -> QPushButton | None:
        return self._accept_all_buttons.get(annotator)

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def select_row(self, row: int | None) -> None:
        """Mark a row as current without emitting ``candidateSelected``."""
        select_row_silently(self.table, row, STATE)

    def _fit_columns(self) -> None:
        """Widths from the texts themselves: asking the view to fit its contents reads every cell's roles."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        candidates = self.model.candidates()
        texts = {
            STATE: [state_name(s) for s in SHOWN_STATES],
            LABEL: [label.name for label in self.model.schema.labels],
            ANNOTATORS: [annotators_text(c) for c in candidates],
        }
        for column, values in texts.items():
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            widest = max([metrics.horizontalAdvance(v) for v in values] + [metrics.horizontalAdvance(title) + 8])
            header.resizeSection(column, widest + (34 if column in (STATE, LABEL) else 14))  # icons
        self.table.setColumnHidden(NOTES, not self.model.has_notes())  # notes only when there are some

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            self.candidateSelected.emit(current.row())

    # -- language ------------------------------------------------------------------

    def _show_texts(self) -> None:
        review = self._review
        self.title.setText(self.tr("Candidates (%n)", "", self.model.rowCount()))
        counts = review.counts if review else dict.fromkeys(CANDIDATE_STATES, 0)
        lone = review is not None and len(review.annotators) == 1
        for state, label in self.counts.items():
            label.setText(f"{state_name(state, lone)} {counts[state]}")
            label.setToolTip(state_hint(state, lone))
        if review is None:
            self.document_state.setText("")
        else:
            done = ", ".join(review.done) or "–"
            self.document_state.setText(self.tr("%1 · marked done by %2").replace("%1", document_state_name(
                review.state)).replace("%2", done))
        for name, button in self._accept_all_buttons.items():
            button.setText(self.tr("All of %1").replace("%1", name))
            button.setToolTip(self.tr("Accept every span of %1 in this document into gold").replace("%1", name))

    def retranslate(self) -> None:
        self.accept_button.setText(self.tr("Accept (A)"))
        self.reject_button.setText(self.tr("Reject (X)"))
        self.adjudicate_button.setText(self.tr("Mark adjudicated, next (Ctrl+Enter)"))
        self.accept_all_title.setText(self.tr("Accept all spans of one annotator:"))
        self.model.retranslate()
        self._fit_columns()
        self._show_texts()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
