"""A thread with its own connection to the project that answers only the newest request.

Suggestions and the document list's queries are asked for again and again
(after every change, every pause in typing); only the answer to the latest
question is wanted. The thread opens the project folder a second time (its
own connection, which sees every committed change; in SQLite through WAL),
skips the requests that queued up while it was busy, and can interrupt the
query it is running when a newer request arrives. Answers carry the
request's number, so the GUI thread drops any that are stale by the time
they arrive. Each request names the database the window works on, so the
thread follows the window onto its local copy while a server is away, and
back. An in-memory project has no folder to open again: its requests are
answered on the spot.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback
from typing import Callable

from PySide6.QtCore import QEventLoop, QObject, QTimer

from annotator.core.errors import AnnotatorError
from annotator.core.project import Project

_STOP = None


class LatestRequestWorker(QObject):
    """Subclasses implement ``answer(project, number, *args)`` and emit their own signals."""

    thread_name = "requests"
    # Stop a query as soon as its request is stale: SQLite calls a check every few thousand steps of
    # a statement (its progress handler; checked continuously, so no newer request is missed between
    # two statements, as a one-off ``interrupt()`` could be). The statement fails and is dropped.
    interruptible = False
    CHECK_EVERY_STEPS = 10_000

    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self._project = project
        self._folder = project.folder if not project.store.in_memory else None
        self._requests: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._latest = 0
        self._running: int | None = None  # the number of the request the thread is answering

    @property
    def latest(self) -> int:
        """The number of the newest request."""
        return self._latest

    @property
    def threaded(self) -> bool:
        """False for a project in memory, whose requests are answered on the calling thread."""
        return self._folder is not None

    def submit(self, *args) -> int:
        """Ask (``answer(project, number, *args)``); returns the request's number."""
        self._latest += 1
        if self._folder is None:
            self._safely_answer(self._project, self._latest, args)
            return self._latest
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
            self._thread.start()
        # The database the window works on now: its local copy while the server is away.
        self._requests.put((self._latest, args, self._project.store.path))
        return self._latest

    def cancel(self) -> None:
        """Make every request asked so far stale: none is answered, and with ``interruptible`` the
        query running for one of them stops."""
        self._latest += 1

    def stop(self) -> None:
        """End the thread and close its connection, once the computation it runs is over (a query of an
        ``interruptible`` worker stops at once)."""
        if self._thread is not None:
            self.cancel()
            self._requests.put(_STOP)
            self._thread.join(timeout=10)
            self._thread = None

    def is_stale(self, number: int) -> bool:
        return number != self._latest

    # -- the worker thread ---------------------------------------------------------------

    def _run(self) -> None:
        project, database = None, None
        try:
            while True:
                request = self._requests.get()
                while request is not _STOP and not self._requests.empty():
                    request = self._requests.get()  # a newer request makes the older ones moot
                if request is _STOP:
                    return
                number, args, wanted = request
                if project is not None and wanted != database:  # the window went offline or came back
                    _close_quietly(project)
                    project = None
                if project is None:
                    try:
                        project, database = Project.open(self._folder, backup=False, database=wanted), wanted
                    except AnnotatorError as error:
                        self.failed_to_answer(number, str(error))
                        continue
                    self._watch_staleness(project)
                self._running = number
                try:
                    self._safely_answer(project, number, args)
                finally:
                    self._running = None
        finally:
            if project is not None:
                _close_quietly(project)

    def _watch_staleness(self, project: Project) -> None:
        watch = getattr(project.store.conn, "set_progress_handler", None)  # SQLite's; a server's query runs out
        if self.interruptible and watch is not None:
            watch(lambda: self._running is not None and self._running != self._latest, self.CHECK_EVERY_STEPS)

    def _safely_answer(self, project: Project, number: int, args: tuple) -> None:
        try:
            self.answer(project, number, *args)
        except AnnotatorError as error:
            if not self.is_stale(number):
                self.failed_to_answer(number, str(error))
        except Exception as error:  # noqa: BLE001 - a bug must not silence the answers for the session
            if self.is_stale(number):
                return  # interrupted, most likely: a newer request is on its way
            traceback.print_exc()
            self.failed_to_answer(number, f"{type(error).__name__}: {error}")

    def answer(self, project: Project, number: int, *args) -> None:
        raise NotImplementedError

    def failed_to_answer(self, number: int, message: str) -> None:
        raise NotImplementedError

    @staticmethod
    def emit(signal, *args) -> None:
        try:
            signal.emit(*args)  # queued to the GUI thread when called from the worker
        except RuntimeError:  # the window is gone
            pass


def _close_quietly(project: Project) -> None:
    try:
        project.close()
    except Exception:  # noqa: BLE001 - a connection to a server that went away may refuse even to close
        pass


def run_until(done: Callable[[], bool], signal, seconds: float) -> bool:
    """Run the event loop until ``done()``, checking each time ``signal`` fires (``--screenshot``,
    benchmarks, closing); False when ``seconds`` passed first."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        loop = QEventLoop()
        timer = QTimer(loop, singleShot=True)
        timer.timeout.connect(loop.quit)
        timer.start(max(1, round((deadline - time.monotonic()) * 1000)))
        signal.connect(loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)
    return done()
