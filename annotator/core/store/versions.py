"""SQL for merging copies, this project's side: every span's version (live or tombstone) and the
rows merged by their time (statuses, rejections, document notes), read whole and written as they
come from the other copy, times included, so merging the same copy again recognises them."""

from __future__ import annotations

from typing import Iterable, Iterator

from annotator.core.team.merge.versions import SpanVersion

CHUNK = 500  # values per IN (...) list, well under SQLite's variable limit

SPAN_COLUMNS = "uid, doc_id, annotator, start, end, label, attrs, note, rev, history, created_at, updated_at"
TOMBSTONE_COLUMNS = "uid, doc_id, annotator, start, end, label, rev, history, deleted_at"


def live_version(row, doc_id: int | None = None) -> SpanVersion:
    """A version from a ``SPAN_COLUMNS`` row; ``doc_id`` replaces the row's (another copy's ids)."""
    uid, doc, annotator, start, end, label, attrs, note, rev, history, created_at, updated_at = row
    return SpanVersion(uid, doc if doc_id is None else doc_id, annotator, start, end, label, attrs or "{}",
                       note or "", rev, tuple(history.split()), updated_at, False, created_at)


def tombstone_version(row, doc_id: int | None = None) -> SpanVersion:
    """A version from a ``TOMBSTONE_COLUMNS`` row."""
    uid, doc, annotator, start, end, label, rev, history, deleted_at = row
    return SpanVersion(uid, doc if doc_id is None else doc_id, annotator, start, end, label, "{}", "", rev,
                       tuple(history.split()), deleted_at, True)


def revisions(store, uids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """{uid: (rev, history)} of the spans among ``uids`` (the other copy's) this project knows,
    tombstones included: what tells a merge which spans it already has as they are (most of them),
    without reading them whole, nor every span of a large project (the uid indexes, by chunks)."""
    uids = list(uids)
    found: dict[str, tuple[str, str]] = {}
    for i in range(0, len(uids), CHUNK):
        chunk = uids[i:i + CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update((uid, (rev, history)) for uid, rev, history in store.conn.execute(
            f"SELECT uid, rev, history FROM span_tombstones WHERE uid IN ({marks})", chunk))
        found.update((uid, (rev, history)) for uid, rev, history in store.conn.execute(
            f"SELECT uid, rev, history FROM spans WHERE uid IN ({marks})", chunk))
    return found


def span_version(store, uid: str) -> SpanVersion | None:
    """This project's version of one span: live, or its tombstone, or None."""
    row = store.conn.execute(f"SELECT {SPAN_COLUMNS} FROM spans WHERE uid = ?", (uid,)).fetchone()
    if row is not None:
        return live_version(row)
    row = store.conn.execute(f"SELECT {TOMBSTONE_COLUMNS} FROM span_tombstones WHERE uid = ?", (uid,)).fetchone()
    return tombstone_version(row) if row is not None else None


def write_version(store, ours: SpanVersion | None, version: SpanVersion) -> None:
    """Make ``version`` this project's version of its span (replacing ``ours``)."""
    conn = store.conn
    if version.deleted:
        if ours is not None and not ours.deleted:
            conn.execute("DELETE FROM spans WHERE uid = ?", (version.uid,))
        conn.execute(
            f"INSERT INTO span_tombstones ({TOMBSTONE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (uid) DO UPDATE SET doc_id = excluded.doc_id, annotator = excluded.annotator,"
            " start = excluded.start, end = excluded.end, label = excluded.label, rev = excluded.rev,"
            " history = excluded.history, deleted_at = excluded.deleted_at",
            (version.uid, version.doc_id, version.annotator, version.start, version.end, version.label, version.rev,
             version.history_text(), version.stamp))
        return
    values = _span_values(version)[1:]
    if ours is not None and not ours.deleted:
        conn.execute("UPDATE spans SET doc_id = ?, annotator = ?, start = ?, end = ?, label = ?, attrs = ?, note = ?,"
                     " rev = ?, history = ?, created_at = ?, updated_at = ? WHERE uid = ?", (*values, version.uid))
        return
    if ours is not None:
        conn.execute("DELETE FROM span_tombstones WHERE uid = ?", (version.uid,))
    conn.execute(f"INSERT INTO spans ({SPAN_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (version.uid, *values))


def insert_new(store, versions: list[SpanVersion]) -> None:
    """Live spans this project has never seen, in one statement (the bulk of a first merge)."""
    store.conn.executemany(f"INSERT INTO spans ({SPAN_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                           [_span_values(v) for v in versions])


def _span_values(version: SpanVersion) -> tuple:
    """The values of ``SPAN_COLUMNS``."""
    return (version.uid, version.doc_id, version.annotator, version.start, version.end, version.label, version.attrs,
            version.note, version.rev, version.history_text(), version.created_at or version.stamp, version.stamp)


# -- rows merged by their time -------------------------------------------------------------
# Each maps a key to (time, *values); the later row wins (values break a tie the same way everywhere).

def _of_documents(store, select: str, doc_ids: Iterable[int]) -> Iterator[tuple]:
    """Rows of ``select`` (a query with no WHERE) about ``doc_ids`` only: a merge reads ours for the
    documents the other copy has rows about, so a small copy merges into a large project fast."""
    ids = sorted(set(doc_ids))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        yield from store.conn.execute(f"{select} WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk)


def status_rows(store, doc_ids: Iterable[int]) -> dict[tuple[int, str], tuple]:
    """{(doc_id, annotator): (updated_at, status, comment, reason, returned_at)} of ``doc_ids``."""
    rows = _of_documents(
        store, "SELECT doc_id, annotator, updated_at, status, comment, reason, returned_at FROM statuses", doc_ids)
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


def write_status_row(store, key: tuple[int, str], row: tuple) -> None:
    store.conn.execute(
        "INSERT INTO statuses (doc_id, annotator, updated_at, status, comment, reason, returned_at)"
        " VALUES (?,?,?,?,?,?,?) ON CONFLICT (doc_id, annotator) DO UPDATE SET updated_at = excluded.updated_at,"
        " status = excluded.status, comment = excluded.comment, reason = excluded.reason,"
        " returned_at = excluded.returned_at", (*key, *row))


def rejection_rows(store, doc_ids: Iterable[int]) -> dict[tuple[int, str, int, int, str], tuple]:
    """{(doc_id, layer, start, end, label): (updated_at, rejected, note, created_at)} of ``doc_ids``,
    withdrawn ones included."""
    rows = _of_documents(
        store, "SELECT doc_id, layer, start, end, label, updated_at, rejected, note, created_at FROM rejections",
        doc_ids)
    return {tuple(row[:5]): tuple(row[5:]) for row in rows}


def write_rejection_row(store, key: tuple, row: tuple) -> None:
    store.conn.execute(
        "INSERT INTO rejections (doc_id, layer, start, end, label, updated_at, rejected, note, created_at)"
        " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (doc_id, layer, start, end, label) DO UPDATE SET"
        " updated_at = excluded.updated_at, rejected = excluded.rejected, note = excluded.note,"
        " created_at = excluded.created_at", (*key, *row))


def document_note_rows(store, doc_ids: Iterable[int]) -> dict[tuple[int, str], tuple]:
    """{(doc_id, layer): (updated_at, note)} of ``doc_ids``."""
    rows = _of_documents(store, "SELECT doc_id, layer, updated_at, note FROM document_notes", doc_ids)
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


def write_document_note_row(store, key: tuple[int, str], row: tuple) -> None:
    store.conn.execute(
        "INSERT INTO document_notes (doc_id, layer, updated_at, note) VALUES (?,?,?,?)"
        " ON CONFLICT (doc_id, layer) DO UPDATE SET updated_at = excluded.updated_at, note = excluded.note",
        (*key, *row))


def spans_without_identity(store, doc_ids: Iterable[int]) -> Iterator[tuple[int, str, int, int, str]]:
    """(doc_id, annotator, start, end, label) of every span of ``doc_ids``: a copy from before span
    identities is matched by content."""
    ids = sorted(set(doc_ids))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        marks = ",".join("?" * len(chunk))
        yield from store.conn.execute(
            f"SELECT doc_id, annotator, start, end, label FROM spans WHERE doc_id IN ({marks})", chunk)


def overlapping_pairs(store, doc_ids: Iterable[int]) -> Iterator[tuple]:
    """Pairs of spans of one layer that overlap, in ``doc_ids``: (doc_id, layer, (start, end, label,
    note, updated_at, rev) of the one that starts first, the same of the other). Each document's
    layer is found through the (doc_id, annotator, start) index."""
    ids = sorted(set(doc_ids))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        yield from ((row[0], row[1], row[2:8], row[8:]) for row in store.conn.execute(
            "SELECT a.doc_id, a.annotator, a.start, a.\"end\", a.label, a.note, a.updated_at, a.rev,"
            " b.start, b.\"end\", b.label, b.note, b.updated_at, b.rev FROM spans a JOIN spans b"
            " ON b.doc_id = a.doc_id AND b.annotator = a.annotator AND b.id <> a.id"
            " AND (b.start > a.start OR (b.start = a.start AND b.id > a.id)) AND b.start < a.\"end\""
            f" WHERE a.doc_id IN ({','.join('?' * len(chunk))}) ORDER BY a.doc_id, a.annotator, a.start, b.start",
            chunk))
