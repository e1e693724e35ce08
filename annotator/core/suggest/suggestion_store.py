"""SQL for suggestions: rejected suggestions (migration 0002) and the strings people labelled."""

from __future__ import annotations

from typing import Iterable

from ..store import Store, now
from .rejection import Rejection


class SuggestionStore:
    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    def insert_rejections(self, rejections: Iterable[Rejection]) -> list[Rejection]:
        """Store rejections; returns the ones that were not stored already."""
        inserted, stamp = [], now()
        for r in rejections:
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO suggestion_rejections (doc_id, start, end, label, annotator, created_at)"
                " VALUES (?,?,?,?,?,?)", (r.doc_id, r.start, r.end, r.label, r.annotator, stamp))
            if cursor.rowcount:
                inserted.append(r)
        return inserted

    def delete_rejections(self, rejections: Iterable[Rejection]) -> list[Rejection]:
        deleted = []
        for r in rejections:
            cursor = self.conn.execute(
                "DELETE FROM suggestion_rejections WHERE doc_id = ? AND start = ? AND end = ? AND label = ?"
                " AND annotator = ?", (r.doc_id, r.start, r.end, r.label, r.annotator))
            if cursor.rowcount:
                deleted.append(r)
        return deleted

    def rejections(self, doc_id: int, annotator: str) -> list[Rejection]:
        rows = self.conn.execute(
            "SELECT doc_id, start, end, label, annotator FROM suggestion_rejections"
            " WHERE doc_id = ? AND annotator = ? ORDER BY start, end, label", (doc_id, annotator))
        return [Rejection(*row) for row in rows]

    def labelled_strings(self, ignored_layers: Iterable[str] = ()) -> list[tuple[str, str, int]]:
        """(text, label, how many spans) over every layer but ``ignored_layers``."""
        ignored = sorted(ignored_layers)
        marks = ",".join("?" * len(ignored))
        rows = self.conn.execute(
            "SELECT substr(d.text, s.start + 1, s.end - s.start) AS t, s.label, count(*)"
            " FROM spans s JOIN documents d ON d.id = s.doc_id"
            + (f" WHERE s.annotator NOT IN ({marks})" if ignored else "") + " GROUP BY t, s.label", ignored)
        return [tuple(row) for row in rows]

    def change_marker(self) -> tuple[int, int]:
        """Changes whenever this connection or another process writes to the database."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return self.conn.total_changes, version
