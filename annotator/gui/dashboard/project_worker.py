"""Whole-project figures computed off the GUI thread, one job at a time.

Each job runs on a ``workers.Worker`` thread with its own ``Project`` (its own
SQLite connection, in WAL mode a consistent snapshot beside the window's
writes) and hands its result back to the GUI thread through queued signals.
Jobs wait for the one before them, so figures arrive in the order asked. A
project in memory has no file a second connection could open, so its jobs run
at once on the calling thread.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Callable

from PySide6.QtCore import QObject

from annotator.core.errors import AnnotatorError
from annotator.core.project import Project
from annotator.gui.jobs.workers import Worker, open_project


class ProjectWorker(QObject):
    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.project = project
        self._queue: deque[Worker] = deque()

    def run(self, work: Callable[[Project], Any], done: Callable[[Any], None],
            failed: Callable[[str], None]) -> None:
        """``work(project)`` on a worker thread, then ``done(result)`` or ``failed(message)`` here."""
        if self.project.store.in_memory:
            try:
                result = work(self.project)
            except AnnotatorError as error:
                failed(str(error))
            else:
                done(result)
            return
        folder, database = self.project.folder, self.project.store.path  # the window's file, if any

        def job(_context):
            with open_project(folder, database) as project:
                return work(project)

        worker = Worker(job, self)
        worker.succeeded.connect(done)
        worker.failed.connect(failed)
        worker.finished.connect(lambda: self._finished(worker))
        self._queue.append(worker)
        self._start_next()

    def _start_next(self) -> None:
        if self._queue and not (self._queue[0].isRunning() or self._queue[0].isFinished()):
            self._queue[0].start()

    def _finished(self, worker: Worker) -> None:
        """Called once a job ended (queued signal, or ``wait``); safe to call twice."""
        if worker in self._queue:
            self._queue.remove(worker)
            worker.deleteLater()
        self._start_next()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the queued jobs (tests, screenshots, closing)."""
        while self._queue:
            head = self._queue[0]
            self._start_next()
            if not (head.wait() if msecs < 0 else head.wait(msecs)):
                return False
            self._finished(head)
        return True
