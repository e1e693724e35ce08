"""A modal dialog over a job that must not stop half-way (a database upgrade, the demo's first
import): what is happening, a bar, the time elapsed. The job runs on a worker thread and the event
loop keeps running meanwhile (other windows and their timers go on); the dialog shows only once the
job says it has started something slow, so a quick job shows none."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout

from annotator.gui.jobs.workers import Job, Worker


class WaitDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)  # a step cannot stop half-way
        self.explanation = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.step = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.bar = QProgressBar(textVisible=False)
        self.bar.setRange(0, 0)  # until the job reports a fraction done: a bar that sweeps
        self.elapsed = QLabel(textFormat=Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addSpacing(6)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        layout.addWidget(self.elapsed)
        self.setMinimumWidth(460)
        self._started = time.monotonic()
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self._show_elapsed)
        self.running = True

    def appear(self) -> None:
        """The slow part starts now: show the dialog (once) and count the time from here."""
        if not self.isVisible():
            self._started = time.monotonic()
            self._clock.start()
            self.adjustSize()
            self.show()
        self._show_elapsed()

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setTextVisible(True)
        self.bar.setFormat("%v / %m")
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _show_elapsed(self) -> None:
        seconds = int(time.monotonic() - self._started)
        self.elapsed.setText(QCoreApplication.translate("WaitDialog", "%1 elapsed").replace(
            "%1", f"{seconds // 60}:{seconds % 60:02d}"))

    def reject(self) -> None:  # Escape: the job goes on
        if not self.running:
            super().reject()


def run_waiting(job: Job, dialog: WaitDialog) -> list[str]:
    """Run ``job`` on a worker thread while the event loop runs (``dialog`` shows what the job tells
    it, and its progress); returns the messages of a failure (empty when it succeeded)."""
    worker = Worker(job)
    worker.progressed.connect(dialog.show_progress)
    failures: list[str] = []
    worker.failed.connect(failures.append)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    loop.exec()
    worker.wait()
    worker.deleteLater()
    dialog.running = False
    dialog.close()
    dialog.deleteLater()
    return failures
