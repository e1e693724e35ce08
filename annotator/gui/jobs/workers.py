"""Long jobs (export, import) on a worker thread, reporting back through signals.

A job is a plain function ``job(context) -> result`` run on a ``QThread``.
SQLite connections belong to the thread that uses them, so a job opens its
own ``Project`` from the folder inside the thread (``open_project``) and
closes it at the end; the window's connection stays with the window, and the
annotator keeps labelling meanwhile (SQLite's WAL lets one write while the
other reads). The job reports progress and its phase through the context;
the signals reach the GUI thread queued. Cancelling sets a
``threading.Event`` the job polls (``context.cancelled``).
"""

from __future__ import annotations

import threading
import time
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from PySide6.QtCore import QCoreApplication, QThread, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.project import Project

# A report per file or chunk could flood the GUI thread's event queue (an import
# reports every file), starving its timers and input; a few a second are enough.
PROGRESS_INTERVAL_S = 0.1


class JobContext:
    """What a running job sees: report progress and phases, check for cancellation."""

    def __init__(self, worker: "Worker"):
        self._worker = worker
        self.cancelled = worker.cancel_event
        self._last_report = float("-inf")

    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_report < PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        self._worker.progressed.emit(done, total)

    def phase(self, key: str) -> None:
        """Name the step now running (a key the dialog turns into words in the interface language)."""
        self._worker.phaseChanged.emit(key)


Job = Callable[[JobContext], Any]


@contextmanager
def open_project(folder: Path, database: Path | None = None) -> Iterator[Project]:
    """The job's own connection to the project (to ``database``, the file the window works on, when
    given: its local copy while the server is away). Only SQLite opens the database file: a
    descriptor closed anywhere in this process would drop the window's locks (``core.project_files``)."""
    project = Project.open(folder, backup=False, database=database)
    try:
        yield project
    finally:
        project.close()


class Worker(QThread):
    """Runs one job; exactly one of ``succeeded``, ``failed`` or ``stopped`` follows, then ``finished``."""

    progressed = Signal(int, int)  # done, total
    phaseChanged = Signal(str)
    succeeded = Signal(object)  # the job's result
    failed = Signal(str)  # a message for the user
    stopped = Signal(str)  # cancelled: what was (not) done

    def __init__(self, job: Job, parent=None):
        super().__init__(parent)
        self.job = job
        self.cancel_event = threading.Event()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_and_wait)  # never leave a thread running at exit

    def run(self) -> None:
        try:
            result = self.job(JobContext(self))
        except AnnotatorError as error:
            (self.stopped if self.cancel_event.is_set() else self.failed).emit(str(error))
        except Exception as error:  # noqa: BLE001 - shown to the user, not lost on a worker thread
            traceback.print_exc()
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.succeeded.emit(result)

    def cancel(self) -> None:
        self.cancel_event.set()

    def stop_and_wait(self) -> None:
        self.cancel()
        self.wait()
