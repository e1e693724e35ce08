"""SQL for packages: rows of chosen documents and layers read from one project's store and
written into a new project's store as they are (ids, identities, revisions and times kept)."""

from __future__ import annotations

from typing import Iterator, Sequence

CHUNK = 500

DOCUMENT_COLUMNS = "id, uid, title, text, raw, meta, source, encoding, length, morphemes, sentences, imported_at"
SPAN_COLUMNS = "id, uid, doc_id, annotator, start, end, label, attrs, note, rev, history, created_at, updated_at"
TOMBSTONE_COLUMNS = "uid, doc_id, annotator, start, end, label, rev, history, deleted_at"
STATUS_COLUMNS = "doc_id, annotator, status, comment, reason, returned_at, updated_at"
REJECTION_COLUMNS = "doc_id, layer, start, end, label, rejected, note, created_at, updated_at"
DOCUMENT_NOTE_COLUMNS = "doc_id, layer, note, updated_at"
ASSIGNMENT_COLUMNS = "doc_id, annotator, calibration, withdrawn, updated_at"
ACTIVE_TIME_COLUMNS = "doc_id, annotator, day, seconds, updated_at"

# (table, columns, column naming the layer or None for every row of the documents, whether the
# other layers asked for (gold) come along or only the annotator's own)
TABLES = (
    ("documents", DOCUMENT_COLUMNS, None, False),
    ("spans", SPAN_COLUMNS, "annotator", True),
    ("span_tombstones", TOMBSTONE_COLUMNS, "annotator", True),
    ("statuses", STATUS_COLUMNS, "annotator", True),
    ("rejections", REJECTION_COLUMNS, "layer", True),
    ("document_notes", DOCUMENT_NOTE_COLUMNS, "layer", True),
    ("assignments", ASSIGNMENT_COLUMNS, "annotator", False),
    ("active_time", ACTIVE_TIME_COLUMNS, "annotator", False),
)


def _read(store, table: str, columns: str, layer_column: str | None, doc_ids: Sequence[int],
          layers: Sequence[str]) -> Iterator[tuple]:
    id_column = "id" if table == "documents" else "doc_id"
    ids = sorted(doc_ids)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        sql = f"SELECT {columns} FROM {table} WHERE {id_column} IN ({','.join('?' * len(chunk))})"
        params: list = list(chunk)
        if layer_column is not None:
            sql += f" AND {layer_column} IN ({','.join('?' * len(layers))})"
            params += list(layers)
        yield from store.conn.execute(sql + f" ORDER BY {id_column}", params)


def copy_rows(source, target, doc_ids: Sequence[int], own: str, others: Sequence[str],
              withdrawn: bool = False) -> dict[str, int]:
    """Copy the documents ``doc_ids`` from ``source`` to ``target`` (an empty project) with the layer
    ``own`` (its spans, deletions, statuses with returns, rejections, notes, current assignments (and
    withdrawn ones if ``withdrawn``) and active time) and the layers ``others`` (spans, deletions,
    statuses, rejections, notes); returns rows copied per table. Runs inside the caller's transaction."""
    copied = {}
    for table, columns, layer_column, shared in TABLES:
        layers = [own, *others] if shared else [own]
        rows = _read(source, table, columns, layer_column, doc_ids, layers)
        if table == "assignments" and not withdrawn:
            rows = (row for row in rows if not row[3])
        copied[table] = 0

        def counted(rows=rows, table=table):
            for row in rows:
                copied[table] += 1
                yield row

        marks = ",".join("?" * len(columns.split(",")))
        target.conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", counted())
    return copied


# -- identities: the project's, a package's own record, and the packages a project issued ---------
# ``conn`` is any connection to a project database: this project's, or another copy's read-only one.

PACKAGE_KEYS = ("package_id", "package_annotator", "package_made_at")
ISSUED_COLUMNS = "id, annotator, made_at, updated_at"


def meta_values(conn, keys) -> dict[str, str]:
    """{key: value} of ``project_meta`` for those of ``keys`` it holds."""
    keys = list(keys)
    rows = conn.execute(f"SELECT key, value FROM project_meta WHERE key IN ({','.join('?' * len(keys))})", keys)
    return {key: value for key, value in rows}


def set_meta_values(store, values: dict[str, str]) -> None:
    store.conn.executemany(
        "INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        list(values.items()))


def first_migration_time(conn) -> str:
    """When the database was created, by its migration record ('' when it has none)."""
    table = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'")
    if table.fetchone() is None:
        return ""
    return conn.execute("SELECT min(applied_at) FROM _sqlite_migrations WHERE migration_set = 'annotator'"
                        ).fetchone()[0] or ""


def has_documents(conn) -> bool:
    return conn.execute("SELECT EXISTS (SELECT 1 FROM documents)").fetchone()[0] == 1


def issue(store, row: tuple) -> None:
    """Record a package this project made, or its update: (id, annotator, made_at, updated_at)."""
    store.conn.execute(
        f"INSERT INTO issued_packages ({ISSUED_COLUMNS}) VALUES (?,?,?,?)"
        " ON CONFLICT (id) DO UPDATE SET annotator = excluded.annotator, made_at = excluded.made_at,"
        " updated_at = excluded.updated_at", row)


def issued(conn, package_id: str) -> tuple | None:
    """(id, annotator, made_at, updated_at) of a package this project made, or None."""
    return conn.execute(f"SELECT {ISSUED_COLUMNS} FROM issued_packages WHERE id = ?", (package_id,)).fetchone()


def issued_rows(conn) -> dict[str, tuple]:
    """{id: (id, annotator, made_at, updated_at)} of every package this project made."""
    return {row[0]: tuple(row) for row in conn.execute(f"SELECT {ISSUED_COLUMNS} FROM issued_packages")}


def other_issued_rows(conn) -> dict[str, tuple]:
    """``issued_rows`` of another copy's read-only connection (none before 0009)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'issued_packages'").fetchone() is None:
        return {}
    return issued_rows(conn)
