"""SQL for annotator names: the layers a project knows, read from the indexes that lead with the
name (one index probe per name, not a scan of every span), and a package's record read without
opening its project."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.store import package as package_store

# (table, column): tables whose index leads with the layer's name
_NAMED = (("spans", "annotator"), ("statuses", "annotator"), ("assignments", "annotator"),
          ("active_time", "annotator"), ("issued_packages", "annotator"))


def layer_names(store) -> set[str]:
    """Every annotator (and gold) with spans, statuses, assignments, active time or a package here."""
    names: set[str] = set()
    for table, column in _NAMED:
        names.update(row[0] for row in store.conn.execute(
            f"WITH RECURSIVE found(name) AS (SELECT min({column}) FROM {table}"
            f" UNION ALL SELECT (SELECT min({column}) FROM {table} WHERE {column} > found.name) FROM found"
            " WHERE found.name IS NOT NULL) SELECT name FROM found WHERE name IS NOT NULL"))
    return names


def package_annotator(database: Path) -> str | None:
    """The annotator a package's own record names (None: not a package, or not readable), read
    through SQLite, read-only, before its project is opened."""
    if not database.is_file():
        return None
    try:
        conn = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return package_store.meta_values(conn, ("package_annotator",)).get("package_annotator")
    except sqlite3.Error:
        return None
    finally:
        conn.close()
