"""Suggestions computed off the GUI thread, through the worker's own connection to the project.

Suggesting a long article takes a tenth of a second or more, and the learned
strings are re-read from every layer after each change in a big project;
neither may hold up a keypress. The worker thread opens the project folder a
second time (its own SQLite connection, which sees every committed change
through WAL) and answers only the newest request: requests that queued up
while it was busy are skipped. An in-memory project has no folder to open
again, so its suggestions are computed on the spot.
"""

from __future__ import annotations

import queue
import threading
import traceback

from PySide6.QtCore import QObject, Signal

from ..core.errors import AnnotatorError
from ..core.project import Project

_STOP = None


class SuggestionWorker(QObject):
    computed = Signal(int, int, object)  # request number, doc id, list[Suggestion]
    failed = Signal(int, str)  # request number, message

    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self._project = project
        self._folder = project.folder if not project.store.in_memory else None
        self._requests: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._latest = 0

    @property
    def latest(self) -> int:
        """The number of the newest request."""
        return self._latest

    def request(self, doc_id: int, annotator: str) -> int:
        """Ask for ``doc_id`` 's suggestions for ``annotator``; returns the request's number.

        The answer (``computed`` or ``failed``) carries the number, so a caller keeps
        only the answer to its latest request.
        """
        self._latest += 1
        if self._folder is None:
            self._answer(self._project, self._latest, doc_id, annotator)
            return self._latest
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="suggestions", daemon=True)
            self._thread.start()
        # The database the window works on now: its local copy while the server is away.
        self._requests.put((self._latest, doc_id, annotator, self._project.store.path))
        return self._latest

    def stop(self) -> None:
        """End the thread and close its connection (waits for a running computation)."""
        if self._thread is not None:
            self._requests.put(_STOP)
            self._thread.join(timeout=10)
            self._thread = None

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
                number, doc_id, annotator, wanted = request
                if project is not None and wanted != database:  # the window went offline or came back
                    _close_quietly(project)
                    project = None
                if project is None:
                    try:
                        project, database = Project.open(self._folder, backup=False, database=wanted), wanted
                    except AnnotatorError as error:
                        self._emit(self.failed, number, str(error))
                        continue
                self._answer(project, number, doc_id, annotator)
        finally:
            if project is not None:
                _close_quietly(project)

    def _answer(self, project: Project, number: int, doc_id: int, annotator: str) -> None:
        try:
            suggestions = project.suggest(doc_id, annotator)
        except AnnotatorError as error:
            self._emit(self.failed, number, str(error))
        except Exception as error:  # noqa: BLE001 - a bug must not silence suggestions for the session
            traceback.print_exc()
            self._emit(self.failed, number, f"{type(error).__name__}: {error}")
        else:
            self._emit(self.computed, number, doc_id, suggestions)

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)  # queued to the GUI thread when called from the worker
        except RuntimeError:  # the window is gone
            pass


def _close_quietly(project: Project) -> None:
    try:
        project.close()
    except Exception:  # noqa: BLE001 - a connection to a server that went away may refuse even to close
        pass
