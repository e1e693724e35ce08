"""What the annotator's keys do to the project, as undoable operations.

The editor composes core operations (add, relabel, remove, resize, status)
and pushes them on the window's undo stack; it never changes anything itself
and keeps no copy of the spans. Results arrive as ``changed`` (a core
``Change``), refusals as ``failed`` (the core's message), and what an undo or
redo did as ``replayed``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.text.boundaries import MorphemeStops, move_edge
from annotator.core.operations import AddSpans, Batch, RejectSpans, RemoveSpans, SetStatus, UpdateSpan, relabel
from annotator.core.records import Document, Rejection, Span, SpanDraft
from annotator.core.text.snapping import snap_to_morphemes
from annotator.core.suggest import Suggestion, accept_operation
from annotator.gui.window.commands import OperationCommand, ResizeCommand


class Editor(QObject):
    changed = Signal(object)  # core.operations.Change
    failed = Signal(str)
    replayed = Signal(str)  # "Undone: …", "Redone: …"

    def __init__(self, project, annotator: str, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.stack = stack
        self._stops: tuple[int, MorphemeStops] | None = None

    def _push(self, operation, text: str, command_class=OperationCommand) -> bool:
        """Run ``operation`` as an undo step; False when the core refused it (``failed`` says why)."""
        refused: list[str] = []

        def fail(message: str) -> None:
            refused.append(message)
            self.failed.emit(message)

        # push() deletes a refused (obsolete) or merged command: nothing may be read from it afterwards
        self.stack.push(command_class(self.project, operation, text, self.changed.emit, fail, self.replayed.emit))
        return not refused

    # -- selections and spans -----------------------------------------------------

    def snap(self, document: Document, start: int, end: int) -> tuple[int, int]:
        """The selection snapped to the stored morphemes (unchanged when the schema turns snapping off)."""
        if not self.project.schema.snapping:
            return start, end
        return snap_to_morphemes(document.text, start, end, self.project.morphemes(document.id))

    def add_span(self, document: Document, start: int, end: int, label: str, raw: bool = False) -> None:
        if not raw:
            start, end = self.snap(document, start, end)
        if start >= end:
            self.failed.emit(self.tr("Nothing to label: the selection holds only particles, endings or punctuation"))
            return
        operation = self._starting(document, AddSpans([SpanDraft(document.id, self.annotator, start, end, label)]))
        self._push(operation, self.tr("Add %1 “%2”").replace("%1", label).replace("%2", document.text[start:end]))

    def _starting(self, document: Document, operation):
        """The first span in an untouched document also sets it in progress (one undo step)."""
        if self.project.status(document.id, self.annotator).status == "new":
            return Batch([operation, SetStatus(document.id, self.annotator, "in_progress")])
        return operation

    def relabel(self, span: Span, label: str) -> None:
        if span.label != label:
            self._push(relabel(span, label, self.project.schema, checked=True),
                       self.tr("Relabel as %1").replace("%1", label))

    def remove(self, span: Span) -> bool:
        return self._push(RemoveSpans([span.id], revs={span.id: span.rev}),
                          self.tr("Delete %1 “%2”").replace("%1", span.label).replace("%2", span.text))

    def move_edge(self, document: Document, span: Span, edge: str, direction: int, by_character: bool) -> None:
        if self._stops is None or self._stops[0] != document.id:
            self._stops = (document.id, MorphemeStops(self.project.morphemes(document.id)))
        start, end = move_edge(document.text, self._stops[1], span.start, span.end, edge, direction, by_character)
        if (start, end) == (span.start, span.end):
            self.failed.emit(self.tr("The span cannot move further that way"))
            return
        self._push(UpdateSpan(span.id, start=start, end=end, rev=span.rev), self.tr("Resize span"), ResizeCommand)

    # -- suggestions ----------------------------------------------------------------------

    def accept_suggestions(self, document: Document, suggestions: list[Suggestion], label: str | None = None) -> None:
        """Store suggestions (with their attributes) as spans, under ``label`` if given: one undo step."""
        operation = self._starting(document, accept_operation(suggestions, document.id, self.annotator, label))
        if len(suggestions) == 1:
            text = self.tr("Accept %1 “%2”").replace("%1", label or suggestions[0].label).replace(
                "%2", suggestions[0].text)
        else:
            text = self.tr("Accept %1 suggestions").replace("%1", str(len(suggestions)))
        self._push(operation, text)

    def reject_suggestions(self, document: Document, suggestions: list[Suggestion]) -> None:
        """Stop suggesting these to this annotator in this document (undoable)."""
        rejections = [Rejection(document.id, s.start, s.end, s.label, self.annotator) for s in suggestions]
        first = suggestions[0]
        self._push(RejectSpans(rejections, description="reject suggestion"),
                   self.tr("Reject %1 “%2”").replace("%1", first.label).replace("%2", first.text))

    # -- documents -------------------------------------------------------------------

    def set_status(self, doc_id: int, status: str, comment: str = "") -> None:
        texts = {"done": self.tr("Mark done"), "skipped": self.tr("Skip"), "flagged": self.tr("Flag")}
        self._push(SetStatus(doc_id, self.annotator, status, comment), texts.get(status, status))
