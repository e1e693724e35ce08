"""Notes in the workbench: N edits the note of what is selected (a span, a review candidate, or
else the open document), as one undo step; the header shows the document's notes.

A span's note is shown on hover and in the span list, a candidate's (the annotators' and the
reviewer's) in the candidate table; the document search finds notes too (core.worklist_store).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

from annotator.core.operations import Change
from annotator.core.team.notes import (SetNote, candidate_note, candidate_note_operation, document_note,
                               span_note_operation)
from annotator.gui.window.commands import OperationCommand


def ask_note(parent, title: str, current: str) -> str | None:
    """The note, edited in a dialog; None when cancelled."""
    text, ok = QInputDialog.getMultiLineText(
        parent, title, QCoreApplication.translate("NoteEditor", "Note (empty to remove it):"), current)
    return text.strip() if ok else None


class NoteEditor(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.edit = QAction(window)
        self.edit.setShortcuts([QKeySequence("N")])
        window.addAction(self.edit)
        window.shortcuts.edit_menu.addAction(self.edit)
        self.edit.triggered.connect(self.edit_selected)
        window.changeApplied.connect(self._change_applied)
        window.documentOpened.connect(lambda _doc_id: self.show_notes())
        self.retranslate()

    def _push(self, operation, text: str) -> None:
        w = self.window
        w.stack.push(OperationCommand(self.project, operation, text, w.apply_change, w.show_message))

    def edit_selected(self) -> None:
        """The note of the selected candidate (review mode) or span, else of the open document."""
        w = self.window
        if w.document is None:
            return
        doc_id = w.document.id
        candidate = w.review.selected_candidate() if w.review.active else None
        span = w.selected_span()
        if candidate is not None and (span is None or candidate.gold_span_id == span.id):
            title = self.tr("Note on “%1”").replace("%1", candidate.text)
            text = ask_note(w, title, candidate_note(self.project, doc_id, candidate))
            if text is not None:
                self._push(candidate_note_operation(doc_id, candidate, text), title)
        elif span is not None:
            title = self.tr("Note on “%1”").replace("%1", span.text)
            text = ask_note(w, title, span.note)
            if text is not None and text != span.note:
                self._push(span_note_operation(span.id, text), title)
        else:
            title = self.tr("Note on the document")
            current = document_note(self.project, doc_id, w.annotator)
            text = ask_note(w, title, current)
            if text is not None and text != current:
                self._push(SetNote(doc_id, w.annotator, text), title)

    def show_notes(self) -> None:
        w = self.window
        notes = self.project.document_notes(w.document.id) if w.document is not None else {}
        w.header.show_notes(notes)

    def _change_applied(self, change: Change) -> None:
        if self.window.document is not None and any(after.doc_id == self.window.document.id and after.key is None
                                                    for _, after in change.notes):
            self.show_notes()

    def retranslate(self) -> None:
        self.edit.setText(self.tr("Edit note… (span, candidate or document)"))
