"""SQL for merging copies: the other copy's database opened read-only, and the writes
for a copy from before span identities (matched by content). This project's side of
merging spans by identity is ``team.versions_store``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from annotator.core.errors import ProjectError
from annotator.core.store.store import new_rev, new_uid, now

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

    The copy is read once: one read transaction from opening to closing, so the check and the merge
    see the same rows even when another program writes to the copy meanwhile.
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
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            conn.execute("BEGIN")  # deferred: the snapshot is taken by the first read, just below
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

    # -- what a merge reads; copies of older versions lack some columns and tables --------------

    def columns(self, table: str) -> set[str]:
        if table not in self.tables():
            return set()
        return {row[0] for row in self.conn.execute("SELECT name FROM pragma_table_info(?)", (table,))}

    def has_span_identity(self) -> bool:
        """Whether spans have uid, rev and history (schema 0003 on); older copies are matched by content."""
        return "uid" in self.columns("spans")

    def span_versions(self) -> Iterator[tuple]:
        """``team.versions_store.SPAN_COLUMNS`` of every span."""
        from annotator.core.store.versions import SPAN_COLUMNS

        return self.conn.execute(f"SELECT {SPAN_COLUMNS} FROM spans")

    def span_uids(self) -> list[str]:
        """The identities of every span and deleted span (what this project looks up of its own)."""
        return [row[0] for row in self.conn.execute("SELECT uid FROM spans UNION SELECT uid FROM span_tombstones")]

    def tombstones(self) -> Iterator[tuple]:
        """``team.versions_store.TOMBSTONE_COLUMNS`` of every deleted span."""
        from annotator.core.store.versions import TOMBSTONE_COLUMNS

        return self.conn.execute(f"SELECT {TOMBSTONE_COLUMNS} FROM span_tombstones")

    def statuses(self) -> Iterator[tuple[int, str, str, str, str, str, str]]:
        """(doc_id, annotator, updated_at, status, comment, reason, returned_at)."""
        returns = "reason, returned_at" if "reason" in self.columns("statuses") else "'', ''"
        return self.conn.execute(f"SELECT doc_id, annotator, updated_at, status, comment, {returns} FROM statuses")

    def rejections(self) -> Iterator[tuple]:
        """(doc_id, layer, start, end, label, updated_at, rejected, note, created_at), withdrawn ones included."""
        columns = self.columns("rejections")
        if not columns:  # a copy from before review existed
            return iter(())
        state = "updated_at, rejected, note" if "rejected" in columns else "created_at, 1, ''"
        return self.conn.execute(f"SELECT doc_id, layer, start, end, label, {state}, created_at FROM rejections")

    def layers(self) -> set[str]:
        """Every layer with a row in the copy (spans, deletions, statuses, rejections, notes,
        assignments, active time)."""
        found: set[str] = set()
        for table, column in (("spans", "annotator"), ("span_tombstones", "annotator"), ("statuses", "annotator"),
                              ("rejections", "layer"), ("document_notes", "layer"), ("assignments", "annotator"),
                              ("active_time", "annotator")):
            if column in self.columns(table):
                found.update(row[0] for row in self.conn.execute(f"SELECT DISTINCT {column} FROM {table}"))
        return found

    def assigned_document_ids(self, annotator: str) -> set[int]:
        """The copy's ids of the documents currently assigned to ``annotator``."""
        if "annotator" not in self.columns("assignments"):
            return set()
        return {row[0] for row in self.conn.execute(
            "SELECT doc_id FROM assignments WHERE annotator = ? AND withdrawn = 0", (annotator,))}

    def document_notes(self) -> Iterator[tuple[int, str, str, str]]:
        """(doc_id, layer, updated_at, note)."""
        if "document_notes" not in self.tables():
            return iter(())
        return self.conn.execute("SELECT doc_id, layer, updated_at, note FROM document_notes")


def insert_spans(store, rows: Iterable[tuple[int, str, int, int, str, str, str]]) -> None:
    """(doc_id, annotator, start, end, label, attrs JSON, created_at): the other copy's attributes and time."""
    stamp = now()
    store.conn.executemany(
        "INSERT INTO spans (uid, doc_id, annotator, start, end, label, attrs, rev, created_at, updated_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(new_uid(), d, a, s, e, l, json.dumps(json.loads(attrs or "{}"), ensure_ascii=False, sort_keys=True),
          new_rev(), c, stamp) for d, a, s, e, l, attrs, c in rows],
    )

