"""SQL for review and agreement: whole-project reads in one query each, and rejections.

Review states and agreement figures for a whole project read every span with
one query (no text, no JSON) and group in Python, instead of a query per
document.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from annotator.core.records import GOLD, Rejection
from annotator.core.store.store import stamp_after

CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


def _where(**filters) -> tuple[str, list]:
    clauses, params = [], []
    for column, value in filters.items():
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def layer_rows(store, doc_id: int | None = None, label: str | None = None) -> list[tuple[int, str, int, int, str, int]]:
    """(doc_id, annotator, start, end, label, span id) of every layer, gold included, in no particular
    order (callers group them; sorting 10^5 rows in SQL costs more than the grouping)."""
    clause, params = _where(doc_id=doc_id, label=label)
    return store.conn.execute(f"SELECT doc_id, annotator, start, end, label, id FROM spans {clause}", params).fetchall()


def span_keys(store, doc_ids: Sequence[int], label: str | None = None) -> Iterator[tuple[int, str, int, int, str]]:
    """(doc_id, annotator, start, end, label) of every layer in ``doc_ids`` (agreement), a few hundred
    documents per query: only the documents compared, not every span of the project."""
    ids = sorted(doc_ids)
    extra, params = ("AND label = ?", [label]) if label is not None else ("", [])
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        marks = ",".join("?" * len(chunk))
        yield from store.conn.execute(
            f"SELECT doc_id, annotator, start, end, label FROM spans WHERE doc_id IN ({marks}) {extra}",
            [*chunk, *params])


def label_counts(store, label: str | None = None) -> list[tuple[str, str, int]]:
    """(annotator, label, spans) over the whole project (the annotator-label index answers it)."""
    clause, params = _where(label=label)
    return store.conn.execute(
        f"SELECT annotator, label, count(*) FROM spans {clause} GROUP BY annotator, label", params).fetchall()


def status_rows(store, doc_id: int | None = None) -> list[tuple[int, str, str]]:
    """(doc_id, annotator, status) of every status other than "new" (a row set back to new is kept
    for merges, and counts as no status, like an absent one)."""
    clause, params = _where(doc_id=doc_id)
    clause = f"{clause} AND status != 'new'" if clause else "WHERE status != 'new'"
    return store.conn.execute(f"SELECT doc_id, annotator, status FROM statuses {clause}", params).fetchall()


def rejection_rows(store, doc_id: int | None = None, layer: str = GOLD) -> list[tuple[int, int, int, str]]:
    """(doc_id, start, end, label) that ``layer`` rejected (the reviewer's by default)."""
    clause, params = _where(doc_id=doc_id)
    clause = f"{clause} AND layer = ? AND rejected = 1" if clause else "WHERE layer = ? AND rejected = 1"
    return store.conn.execute(f"SELECT doc_id, start, end, label FROM rejections {clause}",
                              [*params, layer]).fetchall()


def morpheme_blobs(store, doc_ids: Sequence[int]) -> Iterator[tuple[int, int, bytes | None]]:
    """(doc_id, text length, packed morphemes) for ``doc_ids``, a few hundred documents per query."""
    ids = sorted(doc_ids)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        marks = ",".join("?" * len(chunk))
        yield from store.conn.execute(
            f"SELECT id, length, morphemes FROM documents WHERE id IN ({marks}) ORDER BY id", chunk)


_KEY = "doc_id = ? AND layer = ? AND start = ? AND end = ? AND label = ?"


def _stored(store, r: Rejection) -> tuple[int, str] | None:
    """(rejected, updated_at) of the row about ``r``, if any (a withdrawn one says rejected = 0)."""
    return store.conn.execute(f"SELECT rejected, updated_at FROM rejections WHERE {_KEY}",
                              (r.doc_id, r.layer, r.start, r.end, r.label)).fetchone()


def insert_rejections(store, rejections: Iterable[Rejection]) -> list[Rejection]:
    """Store rejections (again, over a withdrawn one); returns those that were not in force already."""
    new = []
    for r in dict.fromkeys(rejections):
        row = _stored(store, r)
        if row is not None and row[0]:
            continue
        stamp = stamp_after(row[1] if row else None)
        store.conn.execute(
            "INSERT INTO rejections (doc_id, layer, start, end, label, created_at, rejected, updated_at)"
            " VALUES (?,?,?,?,?,?,1,?) ON CONFLICT (doc_id, layer, start, end, label) DO UPDATE SET"
            " rejected = 1, updated_at = excluded.updated_at",
            (r.doc_id, r.layer, r.start, r.end, r.label, stamp, stamp))
        new.append(r)
    return new


def delete_rejections(store, rejections: Iterable[Rejection]) -> list[Rejection]:
    """Withdraw rejections; returns those that were in force. The row stays, marked withdrawn (with its
    note), so a merge carries the withdrawal to copies that still have the rejection."""
    gone = []
    for r in dict.fromkeys(rejections):
        row = _stored(store, r)
        if row is not None and row[0]:
            store.conn.execute(f"UPDATE rejections SET rejected = 0, updated_at = ? WHERE {_KEY}",
                               (stamp_after(row[1]), r.doc_id, r.layer, r.start, r.end, r.label))
            gone.append(r)
    return gone


def span_attrs(store, span_ids: Sequence[int]) -> dict[int, str]:
    """{span id: attributes JSON}, a few hundred spans per query."""
    ids = list(span_ids)
    found: dict[int, str] = {}
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(store.conn.execute(f"SELECT id, attrs FROM spans WHERE id IN ({marks})", chunk).fetchall())
    return found


def ready_document_ids(store, gold: str, min_done: int) -> list[int]:
    """Ids of documents at least ``min_done`` annotators (not ``gold``) marked done and whose gold
    status is not adjudicated: what a reviewer works through, read from statuses alone."""
    return [row[0] for row in store.conn.execute(
        "SELECT doc_id FROM statuses WHERE status = 'done' AND annotator != ? GROUP BY doc_id"
        " HAVING count(*) >= ? AND doc_id NOT IN"
        " (SELECT doc_id FROM statuses WHERE annotator = ? AND status = 'adjudicated') ORDER BY doc_id",
        (gold, min_done, gold))]
