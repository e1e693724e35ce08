"""SQL for suggestions: the strings people labelled, and those the reviewer rejected (rejections
live in review_store, by layer)."""

from __future__ import annotations

from typing import Iterable

from annotator.core.records import GOLD
from annotator.core.store.store import Store


class SuggestionStore:
    def __init__(self, store: Store):
        self.store = store

    @property
    def conn(self):
        return self.store.conn  # not kept: a window offline works on another connection (offline_copy)

    def labelled_strings(self, ignored_layers: Iterable[str] = ()) -> list[tuple[str, str, int]]:
        """(text, label, how many spans) over every layer but ``ignored_layers``: read from the
        counts the database keeps as spans change (migration 0008), not from every span."""
        ignored = sorted(ignored_layers)
        marks = ",".join("?" * len(ignored))
        return self.conn.execute(
            "SELECT text, label, sum(spans) FROM labelled_strings"
            + (f" WHERE layer NOT IN ({marks})" if ignored else "") + " GROUP BY text, label", ignored).fetchall()

    def string_evidence(self, ignored_layers: Iterable[str] = ()) -> list[tuple[str, str, int, int, int]]:
        """(text, label, gold spans, layers, spans) of each string labelled in every layer but
        ``ignored_layers``: how far the reviewer and how many people back each label of a string."""
        ignored = sorted(ignored_layers)
        marks = ",".join("?" * len(ignored))
        return self.conn.execute(
            "SELECT text, label, sum(CASE WHEN layer = ? THEN spans ELSE 0 END), count(*), sum(spans)"
            " FROM labelled_strings" + (f" WHERE layer NOT IN ({marks})" if ignored else "")
            + " GROUP BY text, label", [GOLD, *ignored]).fetchall()

    def rejected_strings(self) -> set[tuple[str, str]]:
        """(text, label) of every candidate the reviewer rejected (rejections of the gold layer);
        each document's text is read once, as in ``labelled_strings``."""
        rows = self.conn.execute(
            "SELECT doc_id, start, end, label FROM rejections WHERE layer = ? ORDER BY doc_id", (GOLD,)).fetchall()
        found: set[tuple[str, str]] = set()
        doc_id, text = None, ""
        for row_doc, start, end, label in rows:
            if row_doc != doc_id:
                doc_id = row_doc
                text = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
            found.add((text[start:end], label))
        return found

    def change_marker(self) -> tuple:
        """Changes whenever this connection or another process writes to the database."""
        return self.store.change_marker()
