"""SQL for moving a project between engines (``project_move``): every row of every table, as it is.

The tables and columns are the package's (``team.package_store.TABLES``) with the
project's own settings (``project_meta``). Rows are read inside the source's
transaction, which holds every other writer off (one consistent state), and
streamed, so a million documents never sit in memory; ids, identities,
revisions and times are kept.
"""

from __future__ import annotations

from typing import Iterator

from .store import GENERATION_KEY, MOVED_KEY
from .team.package_store import TABLES

CHUNK = 1000
# (table, columns, primary key) in an order that satisfies the foreign keys
MOVED = tuple((table, columns, "id" if table == "documents" else None) for table, columns, _, _ in TABLES) + (
    ("project_meta", "key, value", None),)
IDENTITY_TABLES = ("documents", "spans")  # ids the database gives: their counters move too


# project_meta's keys about this database itself, not the project: they never move
_OWN_KEYS = f" WHERE key NOT IN ('{GENERATION_KEY}', '{MOVED_KEY}')"


def rows(source_engine, conn, table: str, columns: str) -> Iterator[tuple]:
    """Every row of ``table`` (``project_meta`` without the database's own keys)."""
    where = _OWN_KEYS if table == "project_meta" else ""
    return source_engine.stream(conn, f"SELECT {columns} FROM {table}{where}", CHUNK)


def insert(target, table: str, columns: str, batch: list[tuple]) -> None:
    marks = ",".join("?" * len(columns.split(",")))
    target.conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch)


def count(conn, table: str) -> int:
    where = _OWN_KEYS if table == "project_meta" else ""
    return conn.execute(f"SELECT count(*) FROM {table}{where}").fetchone()[0]


def is_empty(store) -> bool:
    return not any(count(store.conn, table) for table, _, _ in MOVED)
