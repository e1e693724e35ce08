"""SQLite, the default engine: one file per project, in its folder.

Durability: WAL journal with ``synchronous=FULL``, so every committed
transaction survives a crash of the process and a power cut; readers never
block the writer. Writes take ``BEGIN IMMEDIATE`` and wait up to
``BUSY_TIMEOUT_S`` for another process holding the write lock.

What only SQLite has lives here (PRAGMAs, sqlite-utils' migration table,
checkpoints); ``postgres_store.PostgresEngine`` is the same interface over a
server. ``Store`` speaks to either through ``store.engine``.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from annotator.core.errors import ProjectError, disk_full_problem
from annotator.core.store.migrations import KNOWN, MIGRATION_SET, apply_pending

BUSY_TIMEOUT_S = 30.0
PAGE_SIZE = 8192  # rows of a ~600-character document with its morphemes (~2.5 KB): 3 a page, not 1 of 4 KB
CHECKPOINT_MODES = ("PASSIVE", "FULL", "RESTART", "TRUNCATE")


def busy_message(path: Path | str | None) -> str:
    return (f"{path}: the project is busy in another program for over {BUSY_TIMEOUT_S:.0f} s; "
            "nothing was changed, try again")


class SQLiteEngine:
    name = "sqlite"
    errors = (sqlite3.Error,)

    def __init__(self, path: Path | None):
        self.path = path

    @property
    def location(self) -> str:
        return str(self.path) if self.path is not None else ":memory:"

    def connect(self) -> sqlite3.Connection:
        """Open (creating if needed) the database; ``path`` ``None`` is in memory."""
        # Only SQLite ever opens project.db, its -wal or its -shm (no open(), copy, rename, truncate):
        # closing any descriptor of the file drops every POSIX lock this process holds on it, the
        # locks of its other connections included, and another process closing its last connection
        # then checkpoints and deletes the WAL under them. So "is it a database?" is SQLite's answer.
        if self.path is not None and not self._writable():
            raise ProjectError(
                f"{self.path.parent}: the project folder or its database is read-only; "
                "annotator needs to write there (copy the folder somewhere writable)"
            )
        target = self.location
        try:
            conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._cannot_open(exc) from None
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # takes effect only in a new, empty database
            if self.path is not None:
                conn.execute("PRAGMA journal_mode = WAL")  # the first statement that reads the file
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as exc:
            conn.close()
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
                raise ProjectError(f"{target}: not an SQLite database ({exc})") from None
            raise self._cannot_open(exc) from None
        return conn

    def _cannot_open(self, exc: sqlite3.Error) -> ProjectError:
        # SQLite reports a full disk at open as "disk I/O error" (it cannot write the -shm): say why.
        if self.path is not None and (problem := disk_full_problem(self.path.parent)):
            return ProjectError(f"{self.path}: cannot open database: {problem}; free some space and open "
                                "the project again (nothing was changed)")
        return ProjectError(f"{self.location}: cannot open database ({exc})")

    def _writable(self) -> bool:
        folder_ok = os.access(self.path.parent, os.W_OK)
        return folder_ok and (not self.path.exists() or os.access(self.path, os.W_OK))

    # -- schema ---------------------------------------------------------------------------

    def applied_migrations(self, conn: sqlite3.Connection) -> list[str]:
        """Names of the applied migrations, oldest first (sqlite-utils' own table)."""
        if not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone():
            return []
        return [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY applied_at, name",
            (MIGRATION_SET,))]

    def upgrade_due(self, conn: sqlite3.Connection, applied: list[str]) -> bool:
        return bool(set(KNOWN) - set(applied))

    def apply_pending(self, conn: sqlite3.Connection) -> None:
        try:
            apply_pending(conn)
        except sqlite3.OperationalError as exc:
            raise ProjectError(f"{self.path}: cannot update the database ({exc})") from None

    # -- transactions -----------------------------------------------------------------------

    def begin(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ProjectError(busy_message(self.path)) from None
            raise

    def commit(self, conn: sqlite3.Connection) -> None:
        conn.execute("COMMIT")

    def hold_against_writers(self, conn: sqlite3.Connection, tables) -> None:
        """Inside a transaction: ``BEGIN IMMEDIATE`` holds the write lock already; readers go on."""

    def rollback(self, conn: sqlite3.Connection) -> None:
        # SQLite has already rolled back after some errors (SQLITE_FULL, SQLITE_IOERR): ROLLBACK would
        # then fail with "no transaction is active" and hide the error that matters.
        if conn.in_transaction:
            conn.execute("ROLLBACK")

    # -- watching for others' commits ----------------------------------------------------------

    def data_version(self, conn: sqlite3.Connection) -> int:
        """Changes when another connection commits (cheap: no disk read in WAL mode)."""
        return conn.execute("PRAGMA data_version").fetchone()[0]

    def change_marker(self, conn: sqlite3.Connection) -> tuple[int, int]:
        """Changes whenever this connection or another one writes to the database."""
        return conn.total_changes, self.data_version(conn)

    def checkpoint(self, conn: sqlite3.Connection, mode: str, timeout_s: float | None) -> bool:
        if mode not in CHECKPOINT_MODES:
            raise ValueError(f"checkpoint mode {mode!r}")
        if self.path is None:
            return False
        if timeout_s is not None:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout_s * 1000)}")
        try:
            busy, frames, copied = conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.OperationalError:
            return False
        finally:
            if timeout_s is not None:
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        return not busy and frames == copied

    # -- moving a project (project_move) ----------------------------------------------------------

    def stream(self, conn: sqlite3.Connection, sql: str, chunk: int) -> Iterator[tuple]:
        """The rows of ``sql``, read as they are needed (a cursor of SQLite's steps through them)."""
        return iter(conn.execute(sql))

    def id_high_water(self, conn: sqlite3.Connection, table: str) -> int:
        """The highest id ``table`` has given (AUTOINCREMENT remembers deleted ones)."""
        counted = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        highest = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        return max(highest, counted[0] if counted else 0)

    def set_id_high_water(self, conn: sqlite3.Connection, table: str, value: int) -> None:
        """Ids given from now on are above ``value`` (a table without AUTOINCREMENT goes on from its rows)."""
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ? AND sql LIKE '%AUTOINCREMENT%'",
                        (table,)).fetchone() is None:
            return
        if conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (value, table)).rowcount == 0:
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, value))

    @contextmanager
    def snapshot(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """A read-only connection holding one read transaction (the store's own when in memory)."""
        if self.path is None:
            yield conn
            return
        reader = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                 isolation_level=None, check_same_thread=False)
        try:
            reader.execute("BEGIN")
            yield reader
        finally:
            reader.close()  # ends the read transaction
