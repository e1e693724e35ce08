"""Flags for the reviewer: in review mode the header shows who flagged the open document, when and
why (Ctrl+Shift+K in their window), and the document list marks flagged documents (⚑, the comments
in the tooltip; ``review_model.ReviewColumns``). An annotator never sees another's flag (blind
annotation); their own stands in the header's status line.

The whole project's flags come with the review states (``review_mode``, on the worker thread); after
that a document's flags are read again when a status of it changes, here or elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from annotator.core.operations import Change
from annotator.core.team.notes import flag_comments


class ReviewFlags(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.project = window.project
        window.documentOpened.connect(lambda _doc_id: self.show_open())
        window.review.toggle.toggled.connect(lambda _active: self.show_open())
        window.changeApplied.connect(self._change_applied)
        window.changedElsewhere.connect(self._changed_elsewhere)

    def show_open(self) -> None:
        """The open document's flags in the header, in review mode only."""
        w = self.window
        shown = w.review.active and w.document is not None
        w.header.show_flags(flag_comments(self.project, doc_id=w.document.id) if shown else [])

    def _reread(self, doc_ids: set) -> None:
        if not self.window.review.active:
            return
        ids = {d for d in doc_ids if d is not None}
        found = [flag for doc_id in sorted(ids) for flag in flag_comments(self.project, doc_id=doc_id)]
        self.window.review.columns.set_flags(found, ids)
        self.window.documents.model.review_changed(ids)
        document = self.window.document
        if document is not None and document.id in doc_ids:
            self.show_open()

    def _change_applied(self, change: Change) -> None:
        if change.statuses:
            self._reread({status.doc_id for _, status in change.statuses})

    def _changed_elsewhere(self, doc_ids: set) -> None:
        document = self.window.document
        self._reread(doc_ids | ({document.id} if None in doc_ids and document is not None else set()))
