"""The model retrains in the background: after every ``retrain_every`` finished documents, or when
asked (Suggestions › Train the model now, the dashboard's button).

CRFsuite holds Python's lock while it trains, so the training runs in a child
process (``core.model.child_process``) watched by a worker thread; the window
keeps working. When it ends the suggestions are asked for again (the new
model's live labels show at once) and the status bar says how it went.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from annotator.core.model import retraining_due
from annotator.core.jobs.training_job import train_in_child_process
from annotator.gui.jobs.workers import Worker


class TrainingJob(QObject):
    started = Signal()
    phaseChanged = Signal(str)  # "reading", "scoring", "training"
    trained = Signal(object)  # ModelInfo
    failed = Signal(str)
    finished = Signal()  # after trained or failed

    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.project = project
        self.worker: Worker | None = None
        self.train_now = QAction(parent)
        self.train_now.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.train_now.triggered.connect(lambda: self.start())
        self.retranslate()

    def running(self) -> bool:
        return self.worker is not None

    def available(self) -> bool:
        """A project in memory has no folder a child process could open."""
        return not self.project.store.in_memory

    def start(self, automatic: bool = False) -> bool:
        """Train now in the background; False when a training already runs or cannot."""
        if self.running() or not self.available():
            if not self.available() and not automatic:
                self.failed.emit(self.tr("A project in memory cannot be trained in the background"))
            return False
        folder = self.project.folder

        def train(context):
            return train_in_child_process(folder, phase=context.phase, cancelled=context.cancelled.is_set)

        self.worker = worker = Worker(train, self)
        worker.phaseChanged.connect(self.phaseChanged)
        worker.succeeded.connect(self.trained)
        worker.failed.connect(self.failed)
        worker.finished.connect(self._worker_finished)
        worker.start()
        self.started.emit()
        return True

    def start_if_due(self) -> bool:
        """After documents were finished: retrain once ``retrain_every`` more are finished."""
        if self.running() or not self.available():
            return False
        if not retraining_due(self.project, self.project.model_info()):
            return False
        return self.start(automatic=True)

    def watch(self, panel) -> None:
        """A ``ModelPanel`` shows this training and starts it with its button."""
        panel.trainRequested.connect(lambda: self.start())
        self.started.connect(lambda: panel.set_training(True))
        self.phaseChanged.connect(lambda key: panel.set_training(True, key))
        self.finished.connect(lambda: (panel.set_training(False), panel.refresh()))
        panel.set_training(self.running())

    def _worker_finished(self) -> None:
        self.worker.deleteLater()
        self.worker = None
        self.finished.emit()

    def stop(self) -> None:
        """The window closes: the child process ends, nothing is written."""
        if self.worker is not None:
            self.worker.stop_and_wait()

    def wait(self, msecs: int = 60_000) -> bool:
        """Wait for a running training (tests, screenshots)."""
        if self.worker is None:
            return True
        return self.worker.wait(msecs)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def message(self, what: str, detail="") -> str:
        """What the status bar says: "started", "trained" (detail: the ModelInfo) or "failed"."""
        if what == "started":
            return self.tr("Training the model in the background…")
        if what == "running":
            return self.tr("Model: training…")
        if what == "trained":
            return self.tr("Model trained on %1 documents: suggestions updated").replace("%1", str(detail.documents))
        return self.tr("The model was not trained: %1").replace("%1", detail)

    def retranslate(self) -> None:
        self.train_now.setText(self.tr("Train the model now"))
        self.train_now.setToolTip(self.tr("Train the model on the finished documents, in the background"))


def attach(window) -> TrainingJob:
    """The training of a workbench window: the menu entry, retraining after finished documents,
    fresh suggestions and a message when a model is ready."""
    job = TrainingJob(window.project, window)
    menu = window.shortcuts.suggestion_menu
    menu.addSeparator()
    menu.addAction(job.train_now)
    window.installEventFilter(job)  # the menu entry follows the interface language

    def finished_some(change) -> None:
        if any(status.status in ("done", "adjudicated") for _, status in change.statuses):
            job.start_if_due()

    def trained(info) -> None:
        window.suggestions.refresh()
        window.show_message(job.message("trained", info))

    indicator = QLabel(job.message("running"))  # stays in the status bar while the training runs
    indicator.hide()
    window.statusBar().insertPermanentWidget(0, indicator)
    job.started.connect(lambda: (indicator.setText(job.message("running")), indicator.show()))
    job.finished.connect(indicator.hide)
    window.changeApplied.connect(finished_some)
    job.started.connect(lambda: window.show_message(job.message("started")))
    job.trained.connect(trained)
    job.failed.connect(lambda message: window.show_message(job.message("failed", message)))
    job.indicator = indicator
    return job
