"""Ctrl+Enter's next document, chosen by the queue's stated rule (``core.model.queue``), with the
reason in the status bar ("다음 문서 — 불확실: 0.42").

Without a model the choice is the next unfinished document of the list (returned and
calibration documents first), made at once when the list is unfiltered or
"my documents". With one, or when the list is searched or filtered by status
or label (a query of seconds at a million documents), the choice is made on a
worker thread; the window opens it when it comes (unless another document was
opened meanwhile).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal

from annotator.core.model.queue import (CALIBRATION, ORDER, RANDOM, RARE, RETURNED, UNCERTAIN, QueueEntry, QueueInputs,
                                next_documents, team_inputs)
from annotator.core.team.assignment import next_unfinished_document
from annotator.core.store.worklist import DocumentFilter, WorklistStore
from annotator.gui.dashboard.project_worker import ProjectWorker


class NextDocument(QObject):
    chosen = Signal(object)  # QueueEntry, or None when every document is finished

    def __init__(self, project, annotator: Callable[[], str], parent=None):
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.worker = ProjectWorker(project, self)
        # Calibration and assigned documents (the team's work) come in through this hook.
        self.inputs: Callable[[str], QueueInputs] = lambda name: team_inputs(project.store, name)
        self._asked = 0
        self.after: int | None = None  # the document the latest choice follows

    def offer(self, after: int | None, flt: DocumentFilter = DocumentFilter()) -> None:
        """Choose the document after ``after`` (in the list ``flt`` shows, else anywhere)."""
        self._asked += 1
        self.after = after
        asked, annotator = self._asked, self.annotator()
        inputs = self.inputs(annotator)
        if self.project.model_info() is None and flt.reads_ids_only():
            self.chosen.emit(self._choose(self.project, annotator, after, flt, inputs))
            return
        self.worker.run(lambda project: self._choose(project, annotator, after, flt, inputs),
                        lambda entry: self.chosen.emit(entry) if asked == self._asked else None,
                        lambda message: self.chosen.emit(None) if asked == self._asked else None)

    @staticmethod
    def _choose(project, annotator: str, after: int | None, flt: DocumentFilter,
                inputs: QueueInputs) -> QueueEntry | None:
        if project.model_files.current() is None and not inputs.calibration and inputs.returned is None:
            return _in_order(project, annotator, after, flt)  # the list's own order: one indexed query
        filtered = None if flt == DocumentFilter() else set(WorklistStore(project.store).document_ids(annotator, flt))
        found = next_documents(project, annotator, after=after, inputs=inputs, candidates=filtered)
        if not found and filtered is not None:
            found = next_documents(project, annotator, after=after, inputs=inputs)
        return found[0] if found else None

    def wait(self) -> bool:
        return self.worker.wait()

    def message(self, entry: QueueEntry | None) -> str:
        """What the status bar says about the choice."""
        if entry is None:
            return self.tr("Every document is finished")
        return self.tr("Next document — %1").replace("%1", self.describe(entry))

    def describe(self, entry: QueueEntry) -> str:
        """The reason, in the interface language."""
        if entry.reason == UNCERTAIN:
            return self.tr("uncertain: %1").replace("%1", f"{entry.score:.2f}")
        if entry.reason == RARE:
            return self.tr("rare label %1: %2 expected").replace("%1", entry.label).replace("%2", f"{entry.score:.1f}")
        return {RETURNED: self.tr("returned to you"), CALIBRATION: self.tr("calibration document"),
                RANDOM: self.tr("chosen at random"), ORDER: self.tr("next in order")}.get(entry.reason, entry.reason)


def _in_order(project, annotator: str, after: int | None, flt: DocumentFilter) -> QueueEntry | None:
    """The list's own choice (returned documents first), in the list, else anywhere; only the
    annotator's own documents when documents are assigned."""
    worklist = WorklistStore(project.store)
    following = next_unfinished_document(worklist, annotator, after or 0, flt)
    if following is None:
        return None
    return QueueEntry(following, RETURNED if following in worklist.returned_ids(annotator) else ORDER)


def attach(window) -> NextDocument:
    """Ctrl+Enter marks the document done, then opens what the queue offers and says why."""
    chooser = NextDocument(window.project, lambda: window.annotator, window)

    def chosen(entry) -> None:
        if window.document is not None and window.document.id != chooser.after:
            return  # the annotator opened another document meanwhile
        if entry is not None:
            window.open_document(entry.doc_id)
        window.show_message(chooser.message(entry))

    chooser.chosen.connect(chosen)
    return chooser
