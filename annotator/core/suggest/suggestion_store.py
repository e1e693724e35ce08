"""SQL for suggestions: the strings people labelled, and those the reviewer rejected (rejections
live in review_store, by layer)."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..records import GOLD
from ..store import Store


class SuggestionStore:
    def __init__(self, store: Store):
        self.store = store

    @property
    def conn(self):
        return self.store.conn  # not kept: a window offline works on another connection (offline_copy)

    def labelled_strings(self, ignored_layers: Iterable[str] = ()) -> list[tuple[str, str, int]]:
        """(text, label, how many spans) over every layer but ``ignored_layers``.

        Each document's text is read once and sliced here: SQLite's ``substr`` counts
        characters from the start of the text for every span (seconds for a long article
        with thousands of spans).
        """
        ignored = sorted(ignored_layers)
        marks = ",".join("?" * len(ignored))
        rows = self.conn.execute(
            "SELECT doc_id, start, end, label FROM spans"
            + (f" WHERE annotator NOT IN ({marks})" if ignored else "") + " ORDER BY doc_id", ignored)
        counts: Counter[tuple[str, str]] = Counter()
        doc_id, text = None, ""
        for row_doc, start, end, label in rows:
            if row_doc != doc_id:
                doc_id = row_doc
                text = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
            counts[text[start:end], label] += 1
        return [(span_text, label, count) for (span_text, label), count in counts.items()]

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
