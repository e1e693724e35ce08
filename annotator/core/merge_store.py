"""SQL for merging copies: the other copy's database opened read-only, and writes
that keep the other copy's timestamps (so merging again recognises what it has).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .errors import ProjectError
from .store import new_rev, new_uid, now

CHUNK = 500


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def same_file(path: Path, other: Path) -> bool:
    """Whether two paths are one file (hard links and bind mounts too), by (st_dev, st_ino): stat only."""
    try:
        a, b = os.stat(path), os.stat(other)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


class OtherDatabase:
    """Another copy's ``project.db``, read-only (SQLite URI ``mode=ro``): merging never writes to it.

    Only SQLite touches the file, never ``open()``: closing any descriptor of a file drops every
    SQLite lock this process holds on it, and the "other" database may be one this process has
    open (the project's own, through a hard link or a bind mount, is refused by inode first).
    A copy whose file or folder cannot be written (read-only media) is opened ``immutable=1``,
    as SQLite could not create the ``-shm`` beside it.
    """

    def __init__(self, path: Path, own: Path | None = None):
        self.path = path
        if own is not None and same_file(path, own):
            raise ProjectError(f"{path}: this is the project's own database")
        read_only = not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
        wal = path.with_name(path.name + "-wal")
        if read_only and wal.is_file() and wal.stat().st_size > 0:
            raise ProjectError(f"{wal}: the copy has changes in its write-ahead log and its folder is read-only, "
                               "so they cannot be read; copy the folder somewhere writable and merge that")
        uri = path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if read_only else "")
        conn = None
        try:
            conn = sqlite3.connect(uri, uri=True)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
                raise ProjectError(f"{path}: not an SQLite database") from None
            raise ProjectError(f"{path}: cannot open read-only ({exc})") from None
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def tables(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute("SELECT * FROM pragma_table_info(?)", (table,))]

    def rows(self, table: str, columns: Sequence[str]) -> Iterator[tuple]:
        """(rowid, *columns) of every row of ``table`` in rowid order; a damaged file is a ``ProjectError``.

        Text that is not UTF-8 stops SQLite's decoding; the rest of the table is then read with its
        bad bytes as lone surrogates, which the copy check refuses naming the row.
        """
        names = ", ".join(_quoted(c) for c in columns)
        select = f"SELECT rowid, {names} FROM {_quoted(table)} WHERE rowid > ? ORDER BY rowid"
        last = -(2 ** 63)
        while True:
            try:
                for row in self.conn.execute(select, (last,)):
                    last = row[0]
                    yield row
                return
            except sqlite3.OperationalError as exc:
                if "decode" not in str(exc) or self.conn.text_factory is _lenient_text:
                    raise ProjectError(f"{self.path}: cannot read table {table} ({exc}); nothing was merged") from None
                self.conn.text_factory = _lenient_text
            except sqlite3.DatabaseError as exc:
                raise ProjectError(f"{self.path}: cannot read table {table} ({exc}); nothing was merged") from None

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
