"""The document list's queries (searches, status and label filters) on a worker thread.

A word found in half of a million documents takes about 3 s to list, a
label filter 1–3 s: on the GUI thread that froze the window, and every key
typed meanwhile waited. The worker asks its own connection
(``request_worker``); a newer query interrupts the one running, and the
list shows only the answer to the newest (``DocumentList``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from ..core.document_order import DocumentOrder
from ..core.project import Project
from ..core.worklist_store import DocumentFilter, WorklistStore
from .request_worker import LatestRequestWorker


def matching_documents(project: Project, annotator: str, flt: DocumentFilter) -> DocumentOrder:
    """The ids the list shows for ``flt`` (run on the worker thread)."""
    return WorklistStore(project.store).document_ids(annotator, flt)


class DocumentSearch(LatestRequestWorker):
    found = Signal(int, str, object, object)  # request number, annotator, DocumentFilter, DocumentOrder
    failed = Signal(int, str)  # request number, message

    thread_name = "document list"
    interruptible = True  # a query still running for an older filter stops when a newer one is asked

    def request(self, annotator: str, flt: DocumentFilter) -> int:
        """List ``annotator``'s documents matching ``flt``; returns the request's number."""
        return self.submit(annotator, flt)

    def answer(self, project: Project, number: int, annotator: str, flt: DocumentFilter) -> None:
        ids = matching_documents(project, annotator, flt)
        if not self.is_stale(number):
            self.emit(self.found, number, annotator, flt, ids)

    def failed_to_answer(self, number: int, message: str) -> None:
        self.emit(self.failed, number, message)
