"""SQL for backups: copying the live database, checking a copy, restoring one into place.

Every connection is SQLite's own, with URIs built by ``Path.as_uri()`` (a
folder named ``a#b``, ``a?b``, ``%41``, with spaces or in Korean stays one
path). The live database is read through a read-only connection that honours
the other connections' locks and WAL; a backup is opened read-only and
immutable, so reading it leaves no ``-wal`` or ``-shm`` beside it.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Callable

from annotator.core.errors import ProjectError
from annotator.core.safety.leftovers import partial_name
from annotator.core.store.migrations import MIGRATION_SET
from annotator.core.store.store import BUSY_TIMEOUT_S, busy_message

STEP_PAGES = 4096  # pages copied between cancellation checks (16 MB at the default page size)


def _uri(path: Path, query: str) -> str:
    return Path(path).resolve().as_uri() + "?" + query


def open_backup(path: Path) -> sqlite3.Connection:
    """A backup (or any database that nothing else writes), read-only and immutable."""
    return sqlite3.connect(_uri(path, "mode=ro&immutable=1"), uri=True, check_same_thread=False)


class Cancelled(Exception):
    """``copy_live`` stopped because ``cancelled()`` said so; nothing is kept."""


def copy_live(db_path: Path, target: Path, cancelled: Callable[[], bool] | None = None) -> None:
    """A page-for-page copy of the live database into ``target`` (a new file).

    One read transaction holds a snapshot for the whole copy, so SQLite's backup
    API can go in steps of ``STEP_PAGES`` without restarting when others commit:
    writers go on meanwhile (WAL), and the copy is what was committed when it began.
    ``cancelled()`` is asked between steps and stops it (``Cancelled``).
    """
    source = sqlite3.connect(_uri(db_path, "mode=ro"), uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                             check_same_thread=False)
    copy = sqlite3.connect(target, isolation_level=None)  # a backup file: a plain name, never a URI

    def step(status: int, remaining: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    try:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot every step reads
        source.backup(copy, pages=STEP_PAGES, progress=step)
        copy.execute("PRAGMA journal_mode = DELETE")  # a plain file: reading it never needs a -wal
    finally:
        copy.close()
        source.close()


def problems(conn: sqlite3.Connection) -> str | None:
    """What ``PRAGMA quick_check`` finds wrong (None: nothing), or the error reading it raised."""
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows)


def backup_problems(path: Path) -> str | None:
    try:
        conn = open_backup(path)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        return problems(conn)
    finally:
        conn.close()


def backup_facts(path: Path) -> tuple[list[str], dict[str, int]]:
    """(applied schema migrations, row counts of documents and spans) of a backup."""
    conn = open_backup(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY applied_at, name", (MIGRATION_SET,)
        )] if "_sqlite_migrations" in tables else []
        return applied, _counts(conn, tables)
    finally:
        conn.close()


def _counts(conn: sqlite3.Connection, tables: set[str]) -> dict[str, int]:
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "spans") if table in tables}


def restore_into(backup: Path, db_path: Path, timeout_s: float | None = None) -> None:
    """Write ``backup`` over the live database through SQLite's backup API, under SQLite's locks
    (a window that has the project open sees a new version, never a half-written file). Gives up
    after ``timeout_s`` while another program holds the write lock, with the store's message."""
    timeout_s = BUSY_TIMEOUT_S if timeout_s is None else timeout_s
    source = open_backup(backup)
    target = sqlite3.connect(db_path, timeout=timeout_s)
    deadline = time.monotonic() + timeout_s
    resized: Path | None = None

    def waited(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise ProjectError(busy_message(db_path))

    try:
        page_size = target.execute("PRAGMA page_size").fetchone()[0]
        if source.execute("PRAGMA page_size").fetchone()[0] != page_size and target.execute(
                "PRAGMA journal_mode").fetchone()[0] == "wal":
            # SQLite copies no pages of another size into a WAL database (a backup from before
            # projects were made with 8 KB pages): a copy of the backup with the live page size first.
            resized = Path(backup).with_name(partial_name(Path(backup).name, "resized"))
            source.execute("VACUUM INTO ?", (str(resized),))
            source.close()
            source = sqlite3.connect(resized, isolation_level=None)
            source.execute(f"PRAGMA page_size = {int(page_size)}")
            source.execute("VACUUM")
        source.backup(target, progress=waited)
    finally:
        target.close()
        source.close()
        if resized is not None:
            resized.unlink(missing_ok=True)


def verify_restored(conn: sqlite3.Connection, expected: dict[str, int]) -> str | None:
    """What is wrong with the database just restored (its check, or counts unlike the backup's)."""
    found = problems(conn)
    if found:
        return found
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts = _counts(conn, tables)
    if counts != expected:
        return f"restored {counts}, the backup holds {expected}"
    return None
