"""The document list's queries (searches, status and label filters) on a worker thread.

A word found in half of a million documents took about 7 s to list, a label
filter 1–3 s: on the GUI thread that froze the window, and every key typed
meanwhile waited. The worker asks its own connection (``request_worker``),
in two steps: the first page of rows (``WorklistStore.document_page``, read
from the rarest word's candidates and stopped at a page: milliseconds at any
size), then, when there are more, every matching id (the count, and the rows
further down). A newer query interrupts the one running, and the list shows
only the answers to the newest (``DocumentList``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from annotator.core.worklist.document_order import DocumentOrder
from annotator.core.project import Project
from annotator.core.store.worklist import DocumentFilter, WorklistStore
from annotator.gui.documents.document_model import PAGE_SIZE
from annotator.gui.jobs.request_worker import LatestRequestWorker

FIRST_ROWS = PAGE_SIZE  # read before the rest: more than a screenful, one page of the model


def first_documents(project: Project, annotator: str, flt: DocumentFilter, rows: int) -> tuple[DocumentOrder, bool]:
    """The list's first ``rows`` ids for ``flt``, and whether they are all (run on the worker thread)."""
    return WorklistStore(project.store).document_page(annotator, flt, rows)


def matching_documents(project: Project, annotator: str, flt: DocumentFilter) -> DocumentOrder:
    """Every id the list shows for ``flt`` (run on the worker thread)."""
    return WorklistStore(project.store).document_ids(annotator, flt)


class DocumentSearch(LatestRequestWorker):
    # request number, annotator, DocumentFilter, DocumentOrder, complete: False for a first page that
    # the whole list follows (its first ids the same)
    found = Signal(int, str, object, object, bool)
    failed = Signal(int, str)  # request number, message

    thread_name = "document list"
    interruptible = True  # a query still running for an older filter stops when a newer one is asked

    def request(self, annotator: str, flt: DocumentFilter) -> int:
        """List ``annotator``'s documents matching ``flt``; returns the request's number."""
        return self.submit(annotator, flt)

    def answer(self, project: Project, number: int, annotator: str, flt: DocumentFilter) -> None:
        page, complete = first_documents(project, annotator, flt, FIRST_ROWS)
        if self.is_stale(number):
            return
        self.emit(self.found, number, annotator, flt, page, complete)
        if complete:
            return
        ids = matching_documents(project, annotator, flt)
        if not self.is_stale(number):
            self.emit(self.found, number, annotator, flt, ids, True)

    def failed_to_answer(self, number: int, message: str) -> None:
        self.emit(self.failed, number, message)
