"""SQL for returns (반려): who worked on a document, and the returned documents with the gold status."""

from __future__ import annotations


def has_worked_on(store, doc_id: int, annotator: str) -> bool:
    return store.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM spans WHERE doc_id = ? AND annotator = ?)"
        " OR EXISTS (SELECT 1 FROM statuses WHERE doc_id = ? AND annotator = ? AND status != 'new')",
        (doc_id, annotator, doc_id, annotator)).fetchone()[0] == 1


def annotators_of(store, doc_id: int, gold: str) -> list[str]:
    rows = store.conn.execute(
        "SELECT annotator FROM spans WHERE doc_id = ? AND annotator != ?"
        " UNION SELECT annotator FROM statuses WHERE doc_id = ? AND annotator != ? AND status != 'new' ORDER BY 1",
        (doc_id, gold, doc_id, gold))
    return [row[0] for row in rows]


def return_rows(store, gold: str, doc_id: int | None = None, annotator: str | None = None) -> list[tuple]:
    """(doc_id, annotator, status, reason, returned_at, updated_at, gold status, gold updated_at) of every
    status that was ever returned."""
    clauses, params = ["s.returned_at != ''"], [gold]
    if doc_id is not None:
        clauses.append("s.doc_id = ?")
        params.append(doc_id)
    if annotator is not None:
        clauses.append("s.annotator = ?")
        params.append(annotator)
    return store.conn.execute(
        "SELECT s.doc_id, s.annotator, s.status, s.reason, s.returned_at, s.updated_at,"
        " coalesce(g.status, ''), coalesce(g.updated_at, '') FROM statuses s"
        " LEFT JOIN statuses g ON g.doc_id = s.doc_id AND g.annotator = ?"
        f" WHERE {' AND '.join(clauses)}", params).fetchall()
