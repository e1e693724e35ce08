"""The remote recogniser in the workbench: its service is asked on a thread of its own.

The suggestion worker never waits for the service (``wait_for_remote=False``): the rules'
suggestions show at once. When a document opens, this thread asks the service for it (the newest
document only, if several opened while it was busy); once the answer is kept, the suggestions are
asked for again and the service's join them. A failure is one status-bar message (not one per
document or key) and the status bar's ``Remote`` label says why on hover; the service rests for
``retry_after`` seconds before it is asked again (``core.suggest.remote``).
"""

from __future__ import annotations

import queue
import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from annotator.core.suggest.remote.client import RemoteError

_STOP = None


class RemoteFetcher(QObject):
    fetched = Signal(int)  # the document whose answer is now kept
    failed = Signal(int, str)  # the document, why the service gave nothing
    busy = Signal(bool)

    def __init__(self, recogniser, parent=None):
        super().__init__(parent)
        self.recogniser = recogniser
        self._requests: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def request(self, doc_id: int, text: str) -> None:
        if self.recogniser.has_answer(text):
            self.fetched.emit(doc_id)
            return
        if self.recogniser.waiting():
            self.failed.emit(doc_id, self.recogniser.problem or "")
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="remote suggestions", daemon=True)
            self._thread.start()
        self._requests.put((doc_id, text))

    def stop(self) -> None:
        """The window closes; a request on its way ends within the service's time-out, unwaited for."""
        if self._thread is not None:
            self._requests.put(_STOP)
            self._thread = None

    def _run(self) -> None:
        while True:
            request = self._requests.get()
            while request is not _STOP and not self._requests.empty():
                request = self._requests.get()  # only the newest document is wanted
            if request is _STOP:
                return
            doc_id, text = request
            self._emit(self.busy, True)
            try:
                self.recogniser.fetch([text])
            except RemoteError as error:
                self._emit(self.failed, doc_id, str(error))
            except Exception as error:  # noqa: BLE001 - a bug must not end the thread for the session
                self._emit(self.failed, doc_id, f"{type(error).__name__}: {error}")
            else:
                self._emit(self.fetched, doc_id)
            finally:
                self._emit(self.busy, False)

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)  # queued to the GUI thread
        except RuntimeError:  # the window is gone
            pass


class RemoteStatus(QObject):
    """Asks for the open document, refreshes the suggestions when the answer is kept, and keeps the
    status bar's ``Remote`` label (and one message per new problem) up to date."""

    message = Signal(str)

    def __init__(self, controller, recogniser, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.fetcher = RemoteFetcher(recogniser, self)
        self.label = QLabel()
        self._problem: str | None = None
        self._busy = False
        self.fetcher.fetched.connect(self._fetched)
        self.fetcher.failed.connect(self._failed)
        self.fetcher.busy.connect(self._set_busy)
        self._show()

    def document_opened(self, document) -> None:
        if document is not None and self.controller.visible:
            self.fetcher.request(document.id, document.text)

    def _fetched(self, doc_id: int) -> None:
        self._problem = None
        document = self.controller.document
        if document is not None and document.id == doc_id:
            self.controller.refresh()
        self._show()

    def _failed(self, doc_id: int, problem: str) -> None:
        if problem and problem != self._problem:
            self.message.emit(self.tr("Remote suggestions unavailable: %1").replace("%1", problem))
        self._problem = problem or self._problem
        self._show()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._show()

    def _show(self) -> None:
        url = self.fetcher.recogniser.settings.url
        if self._busy:
            self.label.setText(self.tr("Remote: asking…"))
        elif self._problem:
            self.label.setText(self.tr("Remote: unavailable"))
        else:
            self.label.setText(self.tr("Remote: ready"))
        tip = self.tr("Suggestions from the remote service %1").replace("%1", url)
        self.label.setToolTip(tip + ("\n" + self._problem if self._problem else ""))

    def retranslate(self) -> None:
        self._show()

    def stop(self) -> None:
        self.fetcher.stop()
