"""SQL for moving a project between engines (``project_move``): every row of every table, as it is.

The tables and columns are the package's (``team.package_store.TABLES``) with the
project's own settings (``project_meta``). Rows are read inside the source's
transaction, which holds every other writer off (one consistent state), and
streamed, so a million documents never sit in memory; ids, identities,
revisions and times are kept.
"""

from __future__ import annotations

from typing import Iterator

from annotator.core.store.migrations import CREATED_AT_KEY, PROJECT_ID_KEY
from annotator.core.store.store import GENERATION_KEY, MOVED_KEY
from annotator.core.store.package import ISSUED_COLUMNS, TABLES

CHUNK = 1000
# (table, columns, primary key) in an order that satisfies the foreign keys
MOVED = tuple((table, columns, "id" if table == "documents" else None) for table, columns, _, _ in TABLES) + (
    ("project_meta", "key, value", None), ("issued_packages", ISSUED_COLUMNS, None))
# project_meta keys every new database has: the project's identity replaces the new database's own.
IDENTITY_KEYS = (PROJECT_ID_KEY, CREATED_AT_KEY)
IDENTITY_TABLES = ("documents", "spans")  # ids the database gives: their counters move too


# project_meta's keys about this database itself, not the project: they never move
OWN_KEYS = (GENERATION_KEY, MOVED_KEY)


def _without(keys: tuple[str, ...]) -> str:
    return " WHERE key NOT IN (" + ", ".join(f"'{key}'" for key in keys) + ")"


def rows(source_engine, conn, table: str, columns: str) -> Iterator[tuple]:
    """Every row of ``table`` (``project_meta`` without the database's own keys)."""
    where = _without(OWN_KEYS) if table == "project_meta" else ""
    return source_engine.stream(conn, f"SELECT {columns} FROM {table}{where}", CHUNK)


def insert(target, table: str, columns: str, batch: list[tuple]) -> None:
    marks = ",".join("?" * len(columns.split(",")))
    upsert = " ON CONFLICT (key) DO UPDATE SET value = excluded.value" if table == "project_meta" else ""
    target.conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks}){upsert}", batch)


def count(conn, table: str, identity: bool = True) -> int:
    """Rows of ``table``; of ``project_meta``, without the database's own keys (nor the identity unless
    ``identity``)."""
    where = ""
    if table == "project_meta":
        where = _without(OWN_KEYS if identity else (*OWN_KEYS, *IDENTITY_KEYS))
    return conn.execute(f"SELECT count(*) FROM {table}{where}").fetchone()[0]


def is_empty(store) -> bool:
    return not any(count(store.conn, table, identity=False) for table, _, _ in MOVED)
