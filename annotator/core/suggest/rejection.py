"""Rejected suggestions: remembered per document and annotator, and undoable like any change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..operations import Change, Operation


@dataclass(frozen=True)
class Rejection:
    doc_id: int
    start: int
    end: int
    label: str
    annotator: str


@dataclass
class RejectSuggestions(Operation):
    """Stop suggesting these spans to their annotator in their document."""

    rejections: Sequence[Rejection]
    description: str = "reject suggestion"

    def run(self, store) -> Change:
        from .suggestion_store import SuggestionStore

        done = SuggestionStore(store).insert_rejections(self.rejections)
        return Change(suggestions_rejected=done, inverse=UnrejectSuggestions(done, description=self.description))


@dataclass
class UnrejectSuggestions(Operation):
    """Suggest these spans again (the undo of a rejection)."""

    rejections: Sequence[Rejection]
    description: str = "reject suggestion"

    def run(self, store) -> Change:
        from .suggestion_store import SuggestionStore

        done = SuggestionStore(store).delete_rejections(self.rejections)
        return Change(suggestions_unrejected=done, inverse=RejectSuggestions(done, description=self.description))
