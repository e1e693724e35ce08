"""Undo commands: each wraps a core operation.

``redo()`` applies the operation (one committed transaction) and keeps the
inverse the core returned; ``undo()`` applies that inverse and keeps *its*
inverse for the next redo. Nothing is held only in memory: the database is
the state, the commands hold operations. A command whose first ``redo()`` is
refused (a ``SpanError``, say) marks itself obsolete, so ``QUndoStack.push``
drops it, and reports the message instead. Undoing and redoing it later say
what they did (``on_replay``), since the step may be out of sight.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.core.errors import AnnotatorError
from annotator.core.operations import Change, Operation, UpdateSpan
from annotator.gui.window.messages import error_message

RESIZE_MERGE_ID = 1


class OperationCommand(QUndoCommand):
    def __init__(self, project, operation: Operation, text: str,
                 on_change: Callable[[Change], None], on_error: Callable[[str], None],
                 on_replay: Callable[[str], None] | None = None):
        super().__init__(text)
        self.project = project
        self.forward: Operation | None = operation
        self.backward: Operation | None = None
        self.on_change = on_change
        self.on_error = on_error
        self.on_replay = on_replay
        self._done_once = False

    def _run(self, operation: Operation) -> Change | None:
        try:
            return self.project.apply(operation)
        except AnnotatorError as error:
            self.on_error(error_message(error))
            return None

    def redo(self) -> None:
        change = self._run(self.forward)
        if change is None:
            if not self._done_once:
                self.setObsolete(True)  # refused on push: QUndoStack drops the command
            return
        replay = self._done_once
        self._done_once = True
        self.backward = change.inverse
        self.on_change(change)
        if replay:
            self._say(QCoreApplication.translate("OperationCommand", "Redone: %1"))

    def undo(self) -> None:
        change = self._run(self.backward)
        if change is None:
            return
        self.forward = change.inverse
        self.on_change(change)
        self._say(QCoreApplication.translate("OperationCommand", "Undone: %1 (Ctrl+Shift+Z redoes it)"))

    def _say(self, template: str) -> None:
        if self.on_replay is not None:
            self.on_replay(template.replace("%1", self.text()))


class ResizeCommand(OperationCommand):
    """Moving one span's edges: consecutive steps on the same span merge into one undo step."""

    def __init__(self, project, operation: UpdateSpan, text: str, on_change, on_error, on_replay=None):
        super().__init__(project, operation, text, on_change, on_error, on_replay)
        self.span_id = operation.span_id

    def id(self) -> int:  # noqa: A003 - Qt API
        return RESIZE_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, ResizeCommand) or other.span_id != self.span_id or other.isObsolete():
            return False
        self.forward = other.forward  # undo still restores the edges from before the first step,
        if isinstance(self.backward, UpdateSpan) and isinstance(other.backward, UpdateSpan):
            self.backward = replace(self.backward, expect=other.backward.expect)  # of the span as it is now
        return True
