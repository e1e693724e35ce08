"""What the export and import dialogs share: options, a progress bar, Cancel, the outcome.

The dialog is not modal: the job runs on a ``Worker`` thread and the
annotator can go on labelling in the main window. Subclasses put their
options in ``self.form``, start a job with ``run_job`` and show what came of
it with ``show_outcome`` in ``outcome``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QListWidget, QListWidgetItem,
                               QProgressBar, QPushButton, QToolButton, QVBoxLayout, QWidget)

from annotator.gui.jobs.workers import Job, Worker

ERROR_COLOUR = QColor("#b3261e")
MAX_DETAILS = 2000  # lines listed; the rest are counted


class JobDialog(QDialog):
    jobFinished = Signal(object)  # the job's result, once it is shown and the dialog is ready again

    def __init__(self, parent=None):
        super().__init__(parent)
        self.worker: Worker | None = None
        self._render_outcome = lambda: self.show_outcome("", [])  # again on a language change
        self._close_when_stopped = False
        self._result = None
        self.options = QWidget()
        self.form = QFormLayout(self.options)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.phase = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.bar.setFormat("%v / %m")
        self.bar.hide()  # until a job runs; then it keeps showing how far the last one got
        self.summary = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.details_button = QToolButton(checkable=True, arrowType=Qt.ArrowType.RightArrow)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setAutoRaise(True)
        self.details_button.toggled.connect(self._toggle_details)
        self.details = QListWidget()
        self.details.setWordWrap(True)
        self.details.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.buttons = QDialogButtonBox()
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.close_button = QPushButton()
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.options)
        layout.addSpacing(6)
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

    def ready(self) -> None:
        """The dialog's own widgets exist: fill in the texts (called at the end of a subclass's ``__init__``)."""
        self._idle()

    # -- to be provided by the dialogs -------------------------------------------------

    def start(self) -> None:
        """Read the options and ``run_job`` (or say what is wrong)."""
        raise NotImplementedError

    def phase_text(self, key: str) -> str:
        return key

    def outcome(self, result) -> None:
        """Show what the job returned with ``show_outcome`` (in the interface language)."""
        raise NotImplementedError

    def stopped_text(self, message: str) -> str:
        return message

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("Cancel") if self.running() else self.tr("Close"))
        self.details_button.setText(self.tr("Details"))
        self._render_outcome()

    # -- running ------------------------------------------------------------------

    def running(self) -> bool:
        return self.worker is not None

    def run_job(self, job: Job, first_phase: str) -> None:
        self._set_outcome(lambda: self.show_outcome("", []))
        self.worker = worker = Worker(job, self)
        worker.progressed.connect(self._progressed)
        worker.phaseChanged.connect(self._phase_reported)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(lambda message: self._set_outcome(lambda: self.show_outcome(message, [], error=True)))
        worker.stopped.connect(
            lambda message: self._set_outcome(lambda: self.show_outcome(self.stopped_text(message), [])))
        worker.finished.connect(self._worker_finished)
        self._show_phase(self.phase_text(first_phase))
        self.bar.setRange(0, 0)
        self.bar.show()  # busy until the first progress report
        self.options.setEnabled(False)
        self.start_button.setEnabled(False)
        self.retranslate()
        self.repaint()  # Kiwi holds Python's lock while it loads: show the phase before the worker starts
        worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self._show_phase(self.tr("Cancelling…"))
            self.close_button.setEnabled(False)

    def _phase_reported(self, key: str) -> None:
        if self.worker is not None and not self.worker.cancel_event.is_set():  # "Cancelling…" stays
            self._show_phase(self.phase_text(key))

    def _show_phase(self, text: str) -> None:
        self.phase.setText(text)
        self.phase.setVisible(bool(text))

    def _progressed(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _set_outcome(self, render) -> None:
        self._render_outcome = render
        render()

    def _succeeded(self, result) -> None:
        self._result = result
        self._set_outcome(lambda: self.outcome(result))

    def _worker_finished(self) -> None:
        self.worker.deleteLater()
        self.worker = None
        self._idle()
        if self._close_when_stopped:
            self._close_when_stopped = False
            super().reject()
        result, self._result = self._result, None
        if result is not None:
            self.jobFinished.emit(result)

    def _idle(self) -> None:
        self.options.setEnabled(True)
        self.close_button.setEnabled(True)
        if self.bar.maximum() == 0:  # still busy: the job ended before reporting progress
            self.bar.setRange(0, 1)
        self._show_phase("")
        self.update_start_button()
        self.retranslate()

    def update_start_button(self) -> None:
        self.start_button.setEnabled(not self.running() and self.problem() is None)

    def problem(self) -> str | None:
        """Why the job cannot start with the options as they are (None when it can)."""
        return None

    def _close_clicked(self) -> None:
        """The button reads Cancel while a job runs (the dialog stays, to show the outcome), else Close."""
        if self.running():
            self.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        """Esc: close, or while a job runs cancel it and close once it has stopped."""
        if self.running():
            self.cancel()
            self._close_when_stopped = True
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.running():
            self.cancel()
            self._close_when_stopped = True
            event.ignore()
            return
        super().closeEvent(event)

    # -- the outcome ------------------------------------------------------------------

    def show_outcome(self, summary: str, details: list[tuple[str, bool]], error: bool = False,
                     expanded: bool = False) -> None:
        """``summary`` above a list of ``(line, is_error)`` behind a Details expander."""
        self.summary.setText(summary)
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR.name()};" if error else "")
        self.summary.setVisible(bool(summary))
        self.details.clear()
        for text, is_error in details[:MAX_DETAILS]:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            if is_error:
                item.setForeground(ERROR_COLOUR)
            self.details.addItem(item)
        if len(details) > MAX_DETAILS:
            self.details.addItem(self.tr("… and %1 more").replace("%1", f"{len(details) - MAX_DETAILS:,}"))
        self.details_button.setVisible(bool(details))
        self.details_button.setChecked(bool(details) and expanded)
        self._toggle_details(self.details_button.isChecked())

    def forget_outcome(self) -> None:
        """The options changed: the last run's outcome (an error in red, say) no longer describes them."""
        if not self.running():
            self._set_outcome(lambda: self.show_outcome("", []))
            self.bar.hide()

    def _toggle_details(self, shown: bool) -> None:
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.details.setVisible(shown)
        self.adjustSize()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
