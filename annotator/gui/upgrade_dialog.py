"""Opening a project whose database an earlier version wrote: the upgrade runs on a worker thread,
and a dialog says what it does while the event loop keeps running.

Migration 0008 rebuilds the search index: about 40 s per 100,000 documents,
minutes at a million. Opened on the GUI thread, that showed nothing at all
(or froze the window it was opened from). Here a worker thread opens the
project first, on a connection of its own that applies the migrations and is
closed, and reports each step (``migrations.reporting_upgrades``); the dialog
appears with the first step, so a project that needs no upgrade opens
without one. The window's connection then opens the upgraded database. A
database written by a newer version is refused as before (``ProjectError``).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout

from ..core.errors import ProjectError, ServerUnavailableError
from ..core.migrations import UpgradeStep, reporting_upgrades
from ..core.project import DATABASE_FILE, Project
from .workers import Worker


class UpgradeDialog(QDialog):
    stepStarted = Signal(object)  # an UpgradeStep, emitted on the worker thread

    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.folder = folder
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)  # a step cannot stop half-way
        self.explanation = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.step = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.bar = QProgressBar(textVisible=False)
        self.bar.setRange(0, 0)  # a step reports no fraction done: a bar that sweeps
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
        self.stepStarted.connect(self.show_step)
        self.running = True

    def show_step(self, step: UpgradeStep) -> None:
        self.setWindowTitle(self.tr("Upgrading the project"))
        self.explanation.setText(self.tr(
            "%1 was written by an earlier version of annotator: its database is being upgraded. "
            "A large project takes a few minutes; the window opens when it is done.")
            .replace("%1", str(self.folder / DATABASE_FILE)))
        self.step.setText(self.tr("Step %1 of %2: %3").replace("%1", str(step.number))
                          .replace("%2", str(step.total)).replace("%3", self.describe(step)))
        if not self.isVisible():  # the first step: the upgrade starts now
            self._started = time.monotonic()
            self._clock.start()
            self.adjustSize()
            self.show()
        self._show_elapsed()

    def describe(self, step: UpgradeStep) -> str:
        if step.name == "0008_compact_search_index":
            return self.tr("rebuilding the search index (about 40 s per 100,000 documents)")
        return self.tr("updating the tables (%1)").replace("%1", step.name)

    def _show_elapsed(self) -> None:
        seconds = int(time.monotonic() - self._started)
        self.elapsed.setText(self.tr("%1 elapsed").replace("%1", f"{seconds // 60}:{seconds % 60:02d}"))

    def reject(self) -> None:  # Escape: the upgrade goes on (each step is one transaction)
        if not self.running:
            super().reject()


def open_project(folder: Path, parent=None) -> Project:
    """The project in ``folder``, its database upgraded first when an earlier version wrote it (on a
    worker thread, with ``UpgradeDialog`` over ``parent``); raises ``ProjectError`` as ``Project.open``."""
    folder = Path(folder)
    dialog = UpgradeDialog(folder, parent)

    unreachable: list[ServerUnavailableError] = []  # kept whole: the window may start on a local copy

    def upgrade(_context) -> None:
        with reporting_upgrades(dialog.stepStarted.emit):
            try:
                Project.open(folder, backup=False).close()
            except ServerUnavailableError as error:
                unreachable.append(error)
                raise

    worker = Worker(upgrade)
    failures: list[str] = []
    worker.failed.connect(failures.append)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    loop.exec()  # the dialog, the other windows and their timers go on meanwhile
    worker.wait()
    worker.deleteLater()
    dialog.running = False
    dialog.close()
    dialog.deleteLater()
    if unreachable:
        raise unreachable[0]
    if failures:
        raise ProjectError(failures[0])
    return Project.open(folder)
