"""Whole-project figures computed off the GUI thread.

A job opens its own ``Project`` (its own SQLite connection, in WAL mode a
consistent snapshot next to the window's writes) on a worker thread, runs a
function on it and hands the result back to the GUI thread through a queued
signal. A project in memory has no file a second connection could open, so
its jobs run at once on the calling thread.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.errors import AnnotatorError
from ..core.project import Project


class JobSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, folder, work: Callable[[Project], Any], signals: JobSignals):
        super().__init__()
        self.folder = folder
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            with Project.open(self.folder, backup=False) as project:
                result = self.work(project)
        except AnnotatorError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - a worker must report, never die silently
            self.signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.signals.finished.emit(result)


class ProjectWorker(QObject):
    """Runs jobs one at a time on its own thread; the pool waits for a running job when destroyed."""

    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.project = project
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals: set[JobSignals] = set()

    def run(self, work: Callable[[Project], Any], done: Callable[[Any], None],
            failed: Callable[[str], None]) -> None:
        """``work(project)`` on the worker thread, then ``done(result)`` or ``failed(message)`` here."""
        if self.project.store.path is None:
            try:
                result = work(self.project)
            except AnnotatorError as error:
                failed(str(error))
            else:
                done(result)
            return
        # Lives in this thread, so its signals reach ``done`` queued; a child of the worker, so it goes
        # with it (after the pool, created first, waited for the job) and no result outlives the window.
        signals = JobSignals(self)
        self._signals.add(signals)  # kept alive until the job reports
        signals.finished.connect(done)
        signals.failed.connect(failed)
        for signal in (signals.finished, signals.failed):
            signal.connect(lambda *_args, s=signals: self._finished(s))
        self.pool.start(_Job(self.project.folder, work, signals))

    def _finished(self, signals: JobSignals) -> None:
        self._signals.discard(signals)
        signals.deleteLater()

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
