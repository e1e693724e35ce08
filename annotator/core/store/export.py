"""Queries for exporting: one layer's documents in chunks, each with its spans and status.

An export may run for minutes on a worker thread while the annotator keeps
labelling, so a file-backed project is read through a connection of its own
inside one read transaction: the export sees a single consistent snapshot and
never joins (or blocks) the writer's transactions.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple

from annotator.core.store.store import Store


class ExportRow(NamedTuple):
    """A document as the exporters read it: plain values, JSON left unparsed."""

    id: int
    uid: str
    title: str
    text: str
    meta: str  # JSON object text
    status: str | None  # the layer's status of this document, None when new
    spans: list[tuple[int, int, str, str, str]]  # (start, end, label, attrs JSON, note), ordered
    morphemes: bytes | None
    sentences: bytes | None


def snapshot(store: Store):
    """A read-only connection holding one read transaction (the store's own when in memory)."""
    return store.snapshot()


def layer_exists(conn: Any, layer: str) -> bool:
    return conn.execute(
        "SELECT EXISTS (SELECT 1 FROM spans WHERE annotator = ?) OR EXISTS (SELECT 1 FROM statuses WHERE annotator = ?)",
        (layer, layer),
    ).fetchone()[0] == 1


def layer_labels(conn: Any, layer: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT label FROM spans WHERE annotator = ? ORDER BY label", (layer,))]


def document_count(conn: Any) -> int:
    return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def export_batches(conn: Any, layer: str, chunk: int = 1000,
                   analysis: bool = False) -> Iterator[list[ExportRow]]:
    """Every document in id order, ``chunk`` at a time, with ``layer``'s spans and status.

    Two queries per chunk (documents with their status, then the chunk's spans);
    morpheme and sentence blobs are read only when ``analysis`` is asked for.
    """
    blobs = ", d.morphemes, d.sentences" if analysis else ", NULL, NULL"
    document_sql = (
        f"SELECT d.id, d.uid, d.title, d.text, d.meta, st.status{blobs} FROM documents d"
        " LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ?"
        " WHERE d.id > ? ORDER BY d.id LIMIT ?"
    )
    # "+annotator" keeps SQLite off the (annotator, label) index, which would scan
    # the whole layer for every chunk; the (doc_id, annotator, start) index reads just the chunk.
    span_sql = (
        "SELECT doc_id, start, end, label, attrs, note FROM spans"
        " WHERE +annotator = ? AND doc_id BETWEEN ? AND ? ORDER BY doc_id, start, end, id"
    )
    last = 0
    while True:
        rows = conn.execute(document_sql, (layer, last, chunk)).fetchall()
        if not rows:
            return
        first, last = rows[0][0], rows[-1][0]
        spans: dict[int, list[tuple[int, int, str, str, str]]] = {}
        for doc_id, *span in conn.execute(span_sql, (layer, first, last)):
            spans.setdefault(doc_id, []).append(tuple(span))
        yield [ExportRow(r[0], r[1], r[2], r[3], r[4], r[5], spans.get(r[0], []), r[6], r[7]) for r in rows]
