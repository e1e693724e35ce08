"""A reviewer's decisions as undo commands: the GUI side of ``core.adjudication``.

The core decides what a decision changes (accepting a candidate removes the
gold spans it conflicts with, auto-merge finds what agrees), so a decision's
first ``redo()`` calls the core function, which applies one operation and
returns the ``Change`` with its inverse; from then on the command replays
operations like every other undo command. A decision that changes nothing
is dropped from the undo stack.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.review import adjudication
from annotator.core.errors import AnnotatorError
from annotator.core.operations import Change
from annotator.core.review.merged_view import Candidate
from annotator.gui.window.commands import OperationCommand


class DecisionCommand(OperationCommand):
    def __init__(self, project, decide: Callable[[], Change], text: str, on_change, on_error, on_replay=None):
        super().__init__(project, None, text, on_change, on_error, on_replay)
        self.decide = decide
        self.change: Change | None = None  # what the first redo did

    def _run(self, operation) -> Change | None:
        if operation is not None:
            return super()._run(operation)
        try:
            change = self.decide()
        except AnnotatorError as error:
            self.on_error(str(error))
            return None
        if change.inverse is None:  # nothing to do: not worth an undo step
            return None
        self.change = change
        return change


class Adjudicator(QObject):
    changed = Signal(object)  # core.operations.Change
    failed = Signal(str)
    replayed = Signal(str)  # what an undo or redo did

    def __init__(self, project, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.project = project
        self.stack = stack

    def _push(self, decide: Callable[[], Change], text: str) -> Change | None:
        """Run a decision as an undo step; returns its change, or None when nothing changed."""
        command = DecisionCommand(self.project, decide, text, self.changed.emit, self.failed.emit,
                                  self.replayed.emit)
        self.stack.push(command)
        return command.change

    def accept(self, doc_id: int, candidate: Candidate) -> Change | None:
        """Put the candidate into gold (with its annotators' attributes), replacing conflicting gold spans."""
        text = self.tr("Accept %1 “%2”").replace("%1", candidate.label).replace("%2", candidate.text)
        if candidate.span_ids:
            return self._push(lambda: adjudication.accept_span(self.project, candidate.span_ids[0]), text)
        return self._push(lambda: adjudication.accept_candidate(
            self.project, doc_id, candidate.start, candidate.end, candidate.label), text)

    def reject(self, doc_id: int, candidate: Candidate) -> Change | None:
        text = self.tr("Reject %1 “%2”").replace("%1", candidate.label).replace("%2", candidate.text)
        return self._push(lambda: adjudication.reject_candidate(
            self.project, doc_id, candidate.start, candidate.end, candidate.label), text)

    def accept_annotator(self, doc_id: int, annotator: str) -> Change | None:
        return self._push(lambda: adjudication.accept_annotator(self.project, doc_id, annotator),
                          self.tr("Accept all of %1").replace("%1", annotator))

    def auto_merge(self, doc_id: int) -> Change | None:
        """Merge what the candidates show as agreed: the reviewer chose the document, and review mode
        shows every annotator's layer (so every annotator votes, finished or not)."""
        return self._push(lambda: adjudication.auto_merge(self.project, doc_id, all_documents=True).change,
                          self.tr("Merge agreed spans"))

    def mark_adjudicated(self, doc_id: int) -> Change | None:
        return self._push(lambda: adjudication.mark_adjudicated(self.project, doc_id), self.tr("Mark adjudicated"))
