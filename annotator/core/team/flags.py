"""Flags: an annotator's "this document has a problem" (Ctrl+Shift+K, or ``set_status(..., "flagged",
comment)``), for the reviewer to read beside the document. A flag is the annotator's status of the
document while it says flagged; marking the document done again lifts it.

(The names follow ``notes.ListedNote`` / ``notes.flag_comments`` of the notes listing another branch
adds, so the window can take that one instead.)"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import GOLD
from . import flags_store


@dataclass(frozen=True)
class Flag:
    doc_id: int
    annotator: str
    text: str  # the comment
    time: str  # when the status was set (UTC, ISO)


def flag_comments(project, annotator: str | None = None, doc_id: int | None = None) -> list[Flag]:
    """Every flag standing (of ``annotator``, of one document, when given), oldest first."""
    return [Flag(*row) for row in flags_store.flag_rows(project.store, GOLD, annotator, doc_id)]
