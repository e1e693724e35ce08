"""SQL for active time: seconds per (document, annotator, local day)."""

from __future__ import annotations

from typing import Iterable, Mapping, NamedTuple, Sequence

CHUNK = 500


class ActiveTimeRow(NamedTuple):
    doc_id: int
    annotator: str
    day: str
    seconds: float
    updated_at: str


def present_documents(store, doc_ids: set[int]) -> set[int]:
    """Those of ``doc_ids`` this database holds."""
    ids = sorted(doc_ids)
    found: set[int] = set()
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        found.update(row[0] for row in store.conn.execute(
            f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return found


def add_seconds(store, annotator: str, seconds: Mapping[tuple[int, str], float], stamp: str) -> None:
    """Add {(doc_id, day): seconds} to ``annotator``'s active time."""
    store.conn.executemany(
        "INSERT INTO active_time (doc_id, annotator, day, seconds, updated_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT (doc_id, annotator, day) DO UPDATE SET seconds = active_time.seconds + excluded.seconds,"
        " updated_at = excluded.updated_at",
        [(doc_id, annotator, day, value, stamp) for (doc_id, day), value in seconds.items()])


def active_time_rows(store, annotator: str | None = None, doc_ids: Sequence[int] | None = None) -> list[ActiveTimeRow]:
    """Every row, or ``annotator``'s, or those of ``doc_ids``."""
    return list(_rows(store.conn, annotator, doc_ids))


def _rows(conn, annotator, doc_ids):
    base = "SELECT doc_id, annotator, day, seconds, updated_at FROM active_time"
    where, params = [], []
    if annotator is not None:
        where.append("annotator = ?")
        params.append(annotator)
    if doc_ids is None:
        sql = base + (" WHERE " + " AND ".join(where) if where else "")
        yield from (ActiveTimeRow(*row) for row in conn.execute(sql, params))
        return
    ids = sorted(doc_ids)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        clause = " AND ".join([*where, f"doc_id IN ({','.join('?' * len(chunk))})"])
        yield from (ActiveTimeRow(*row) for row in conn.execute(f"{base} WHERE {clause}", [*params, *chunk]))


def seconds_by_annotator(conn, doc_ids: Sequence[int]) -> dict[str, float]:
    """{annotator: seconds} over ``doc_ids``, read through ``conn`` (an export's snapshot)."""
    totals: dict[str, float] = {}
    for row in _rows(conn, None, doc_ids):
        totals[row.annotator] = totals.get(row.annotator, 0.0) + row.seconds
    return totals


def put_active_time(store, row: ActiveTimeRow) -> None:
    """Store a row as it is, its time included (merges and packages)."""
    store.conn.execute(
        "INSERT INTO active_time (doc_id, annotator, day, seconds, updated_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT (doc_id, annotator, day) DO UPDATE SET seconds = excluded.seconds,"
        " updated_at = excluded.updated_at", tuple(row))


def other_active_time_rows(conn) -> Iterable[ActiveTimeRow]:
    """Every row of another copy's read-only connection; none when it predates active time."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'active_time'").fetchone():
        return []
    return list(_rows(conn, None, None))
