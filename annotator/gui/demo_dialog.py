"""The first start (``make run``, ``annotator`` alone): the demo project is built while a dialog says
so. Importing the sample articles loads Kiwi and analyses them (seconds); a worker thread does it
(``core.demo.prepare_demo``) while the event loop runs, and the dialog shows once the import starts,
with the articles done so far. A demo built before opens at once, without the dialog."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout

from ..core.demo import prepare_demo
from ..core.errors import ProjectError
from .workers import Worker


class DemoDialog(QDialog):
    importStarted = Signal()  # emitted on the worker thread

    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.folder = folder
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)  # the window opens when it is done
        self.explanation = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # Kiwi loads before the first article is done: a bar that sweeps
        self.bar.setFormat("%v / %m")
        self.elapsed = QLabel(textFormat=Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.bar)
        layout.addWidget(self.elapsed)
        self.setMinimumWidth(460)
        self._started = time.monotonic()
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self._show_elapsed)
        self.importStarted.connect(self.begin)
        self.running = True

    def begin(self) -> None:
        self.setWindowTitle(self.tr("Preparing the demo project"))
        self.explanation.setText(self.tr(
            "First start: the demo project is being made in %1. Its sample articles are analysed once with "
            "Kiwi (Korean morphemes, so selections snap to them); the window opens when it is done.")
            .replace("%1", str(self.folder)))
        self._started = time.monotonic()
        self._clock.start()
        self._show_elapsed()
        self.adjustSize()
        self.show()

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _show_elapsed(self) -> None:
        seconds = int(time.monotonic() - self._started)
        self.elapsed.setText(self.tr("%1 s elapsed").replace("%1", str(seconds)))

    def reject(self) -> None:  # Escape: the import goes on (the window needs the demo)
        if not self.running:
            super().reject()


def prepare_demo_project(folder: Path, parent=None) -> None:
    """Make the demo project in ``folder`` if it has no documents yet, on a worker thread, with
    ``DemoDialog`` over ``parent`` meanwhile; raises ``ProjectError`` with the reason if it fails."""
    dialog = DemoDialog(Path(folder), parent)
    worker = Worker(lambda context: prepare_demo(Path(folder), started=dialog.importStarted.emit,
                                                 progress=context.progress))
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
    if failures:
        raise ProjectError(failures[0])
