"""Flags: an annotator's "this document has a problem" (Ctrl+Shift+K, or ``set_status(..., "flagged",
comment)``), for the reviewer to read beside the document. A flag is the annotator's status of the
document while it says flagged; marking the document done again lifts it."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import GOLD
from . import flags_store


@dataclass(frozen=True)
class Flag:
    doc_id: int
    annotator: str
    comment: str
    flagged_at: str  # the status's time (UTC, ISO)

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "annotator": self.annotator, "comment": self.comment,
                "flagged_at": self.flagged_at}


def flags(project, doc_id: int | None = None) -> list[Flag]:
    """Every flag standing (of one document when ``doc_id`` is given), oldest first."""
    return [Flag(*row) for row in flags_store.flag_rows(project.store, GOLD, doc_id)]
