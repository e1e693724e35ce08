"""SQL for merging copies: the other copy's database opened read-only, and writes
that keep the other copy's timestamps (so merging again recognises what it has).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .errors import ProjectError
from .store import new_rev, new_uid, now

CHUNK = 500


class OtherDatabase:
    """Another copy's ``project.db``, read-only (SQLite URI ``mode=ro``): merging never writes to it."""

    def __init__(self, path: Path):
        self.path = path
        try:
            with open(path, "rb") as handle:
                if handle.read(16) != b"SQLite format 3\x00":
                    raise ProjectError(f"{path}: not an SQLite database")
            self.conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path}: cannot open read-only ({exc})") from None
        except OSError as exc:
            raise ProjectError(f"{path}: cannot read ({exc.strerror})") from None

    def close(self) -> None:
        self.conn.close()

    def tables(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def applied_migrations(self) -> list[str]:
        if "_sqlite_migrations" not in self.tables():
            return []
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'annotator' ORDER BY applied_at, name")]

    def document_keys(self) -> list[tuple[int, str]]:
        return self.conn.execute("SELECT id, uid FROM documents ORDER BY id").fetchall()

    def documents(self, ids: Sequence[int]) -> Iterator[tuple]:
        """(id, uid, title, text, raw, meta, source, encoding, morphemes, sentences) of ``ids``."""
        ids = list(ids)
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i:i + CHUNK]
            marks = ",".join("?" * len(chunk))
            yield from self.conn.execute(
                "SELECT id, uid, title, text, raw, meta, source, encoding, morphemes, sentences"
                f" FROM documents WHERE id IN ({marks}) ORDER BY id", chunk)

    def spans(self) -> Iterator[tuple[int, str, int, int, str, str, str]]:
        """(doc_id, annotator, start, end, label, attrs JSON, created_at), every layer."""
        return self.conn.execute(
            "SELECT doc_id, annotator, start, end, label, attrs, created_at FROM spans"
            " ORDER BY doc_id, annotator, start, end, id")

    def statuses(self) -> Iterator[tuple[int, str, str, str, str]]:
        return self.conn.execute("SELECT doc_id, annotator, status, comment, updated_at FROM statuses")

    def rejections(self) -> Iterator[tuple[int, str, int, int, str, str]]:
        if "rejections" not in self.tables():  # a copy from before review existed
            return iter(())
        return self.conn.execute("SELECT doc_id, layer, start, end, label, created_at FROM rejections")


def status_table(store) -> dict[tuple[int, str], tuple[str, str, str]]:
    """{(doc_id, annotator): (status, comment, updated_at)} of this project."""
    rows = store.conn.execute("SELECT doc_id, annotator, status, comment, updated_at FROM statuses")
    return {(d, a): (s, c, u) for d, a, s, c, u in rows}


def insert_spans(store, rows: Iterable[tuple[int, str, int, int, str, str, str]]) -> None:
    """(doc_id, annotator, start, end, label, attrs JSON, created_at): the other copy's attributes and time."""
    stamp = now()
    store.conn.executemany(
        "INSERT INTO spans (uid, doc_id, annotator, start, end, label, attrs, rev, created_at, updated_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(new_uid(), d, a, s, e, l, json.dumps(json.loads(attrs or "{}"), ensure_ascii=False, sort_keys=True),
          new_rev(), c, stamp) for d, a, s, e, l, attrs, c in rows],
    )


def write_status(store, doc_id: int, annotator: str, status: str, comment: str, updated_at: str) -> None:
    store.conn.execute(
        "INSERT INTO statuses (doc_id, annotator, status, comment, updated_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT (doc_id, annotator) DO UPDATE SET status = excluded.status,"
        " comment = excluded.comment, updated_at = excluded.updated_at",
        (doc_id, annotator, status, comment, updated_at),
    )


def insert_rejections(store, rows: Iterable[tuple[int, str, int, int, str, str]]) -> int:
    """(doc_id, layer, start, end, label, created_at) this project does not have yet; returns how many were added."""
    before = store.conn.total_changes
    store.conn.executemany(
        "INSERT OR IGNORE INTO rejections (doc_id, layer, start, end, label, created_at) VALUES (?,?,?,?,?,?)",
        list(rows))
    return store.conn.total_changes - before
