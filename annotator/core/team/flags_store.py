"""SQL for flags: the statuses an annotator set to flagged, with the comment and when."""

from __future__ import annotations


def flag_rows(store, gold: str, annotator: str | None = None, doc_id: int | None = None
              ) -> list[tuple[int, str, str, str]]:
    """(doc_id, annotator, comment, updated_at) of every flagged status (of ``annotator``, of one
    document, when given), the reviewer's layer left out, oldest first."""
    where, params = "status = 'flagged' AND annotator != ?", [gold]
    if annotator is not None:
        where += " AND annotator = ?"
        params.append(annotator)
    if doc_id is not None:
        where += " AND doc_id = ?"
        params.append(doc_id)
    return store.conn.execute(f"SELECT doc_id, annotator, comment, updated_at FROM statuses WHERE {where}"
                              " ORDER BY updated_at, doc_id, annotator", params).fetchall()
