"""SQL for notes: a layer's note on a document, the reviewer's note on a candidate (kept on the
row of its rejections table, rejected or not), and the notes search."""

from __future__ import annotations

from annotator.core.store.store import stamp_after

_CANDIDATE = "doc_id = ? AND layer = ? AND start = ? AND end = ? AND label = ?"


def document_note(store, doc_id: int, layer: str) -> str:
    row = store.conn.execute("SELECT note FROM document_notes WHERE doc_id = ? AND layer = ?",
                             (doc_id, layer)).fetchone()
    return row[0] if row else ""


def document_notes(store, doc_id: int) -> dict[str, str]:
    """{layer: note} of one document, empty notes left out."""
    rows = store.conn.execute("SELECT layer, note FROM document_notes WHERE doc_id = ? AND note != '' ORDER BY layer",
                              (doc_id,))
    return dict(rows.fetchall())


def write_document_note(store, doc_id: int, layer: str, note: str) -> None:
    row = store.conn.execute("SELECT updated_at FROM document_notes WHERE doc_id = ? AND layer = ?",
                             (doc_id, layer)).fetchone()
    store.conn.execute(
        "INSERT INTO document_notes (doc_id, layer, note, updated_at) VALUES (?,?,?,?)"
        " ON CONFLICT (doc_id, layer) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at",
        (doc_id, layer, note, stamp_after(row[0] if row else None)))


def candidate_note(store, doc_id: int, layer: str, key: tuple[int, int, str]) -> str:
    row = store.conn.execute(f"SELECT note FROM rejections WHERE {_CANDIDATE}", (doc_id, layer, *key)).fetchone()
    return row[0] if row else ""


def write_candidate_note(store, doc_id: int, layer: str, key: tuple[int, int, str], note: str) -> None:
    """The note on the candidate's row; a candidate never rejected gets a row that says so (rejected = 0)."""
    row = store.conn.execute(f"SELECT updated_at FROM rejections WHERE {_CANDIDATE}", (doc_id, layer, *key)).fetchone()
    stamp = stamp_after(row[0] if row else None)
    store.conn.execute(
        "INSERT INTO rejections (doc_id, layer, start, end, label, created_at, rejected, note, updated_at)"
        " VALUES (?,?,?,?,?,?,0,?,?) ON CONFLICT (doc_id, layer, start, end, label) DO UPDATE SET"
        " note = excluded.note, updated_at = excluded.updated_at", (doc_id, layer, *key, stamp, note, stamp))


def candidate_notes(store, doc_id: int, layer: str) -> dict[tuple[int, int, str], str]:
    """{(start, end, label): note} of ``layer``'s candidate notes in one document."""
    rows = store.conn.execute("SELECT start, end, label, note FROM rejections WHERE doc_id = ? AND layer = ?"
                              " AND note != ''", (doc_id, layer))
    return {(s, e, label): note for s, e, label, note in rows}


def span_notes(store, doc_id: int) -> list[tuple[str, int, int, str, str]]:
    """(annotator, start, end, label, note) of the spans with a note in one document, every layer."""
    return store.conn.execute("SELECT annotator, start, end, label, note FROM spans WHERE doc_id = ? AND note != ''"
                              " ORDER BY start, end, annotator", (doc_id,)).fetchall()


def documents_with_note(store, pattern: str) -> set[int]:
    """Documents with a span, candidate or document note matching the LIKE ``pattern`` (escape ``\\``)."""
    rows = store.conn.execute(
        "SELECT doc_id FROM spans WHERE note LIKE ? ESCAPE '\\' UNION SELECT doc_id FROM document_notes"
        " WHERE note LIKE ? ESCAPE '\\' UNION SELECT doc_id FROM rejections WHERE note LIKE ? ESCAPE '\\'",
        (pattern, pattern, pattern))
    return {row[0] for row in rows}


_NO_SPAN = "CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), CAST(NULL AS TEXT)"  # typed: PostgreSQL adds to them
# Each kind of note as one SELECT of (doc_id, layer, kind, note, written, start, "end", label), any one first.
_LISTED = {kind: f"SELECT {columns}" for kind, columns in {
    "flag": f"doc_id, annotator, 'flag', comment, updated_at, {_NO_SPAN} FROM statuses WHERE status = 'flagged'",
    "return": f"doc_id, annotator, 'return', reason, returned_at, {_NO_SPAN} FROM statuses WHERE reason != ''",
    "document": f"doc_id, layer, 'document', note, updated_at, {_NO_SPAN} FROM document_notes WHERE note != ''",
    "span": "doc_id, annotator, 'span', note, updated_at, start, \"end\", label FROM spans WHERE note != ''",
    "candidate": "doc_id, layer, 'candidate', note, updated_at, start, \"end\", label FROM rejections WHERE note != ''",
}.items()}


def listed_notes(store, kinds, layer: str | None = None, doc_id: int | None = None) -> list[tuple]:
    """(doc_id, title, layer, kind, note, time, start, end, label, the text under the span) of every
    note of ``kinds`` (keys of ``_LISTED``, in that order), of one layer if given (its name in any
    case) and one document if given, by document and time."""
    union = " UNION ALL ".join(_LISTED[kind] for kind in kinds)
    conditions, params = [], []
    if layer is not None:
        conditions.append("lower(n.layer) = lower(?)")
        params.append(layer)
    if doc_id is not None:
        conditions.append("n.doc_id = ?")
        params.append(doc_id)
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    return store.conn.execute(
        f"WITH n (doc_id, layer, kind, note, written, start, \"end\", label) AS ({union})"
        " SELECT n.doc_id, d.title, n.layer, n.kind, n.note, n.written, n.start, n.\"end\", n.label,"
        " coalesce(substr(d.text, n.start + 1, n.\"end\" - n.start), '')"
        f" FROM n JOIN documents d ON d.id = n.doc_id {where} ORDER BY n.doc_id, n.written, n.kind", params).fetchall()
