"""SQL for the offline copy (``offline_copy``): forgetting a document before copying it afresh,
and the layers a document has."""

from __future__ import annotations


def forget_document(store, doc_id: int) -> None:
    """The document and every row about it (the foreign keys cascade)."""
    store.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def document_layers(store, doc_id: int) -> list[str]:
    """Every layer with a row about the document: spans, deletions, statuses, rejections, notes."""
    return [row[0] for row in store.conn.execute(
        "SELECT annotator FROM spans WHERE doc_id = ? UNION SELECT annotator FROM span_tombstones WHERE doc_id = ?"
        " UNION SELECT annotator FROM statuses WHERE doc_id = ? UNION SELECT layer FROM rejections WHERE doc_id = ?"
        " UNION SELECT layer FROM document_notes WHERE doc_id = ?", (doc_id,) * 5)]
