"""SQL for assignments: which annotator is to label which document.

A row per (document, annotator). Handing a document to someone else keeps the
old row, withdrawn, so merges carry the move (the newer ``updated_at`` wins).
"""

from __future__ import annotations

from typing import Iterable, NamedTuple, Sequence

from annotator.core.records import UNFINISHED

CHUNK = 500  # document ids in one IN (…): under every engine's limit of parameters


class AssignmentRow(NamedTuple):
    doc_id: int
    annotator: str
    calibration: bool
    withdrawn: bool
    updated_at: str


def document_sizes(store) -> list[tuple[int, str, int]]:
    """(id, uid, length in characters) of every document, without reading texts."""
    return store.conn.execute("SELECT id, uid, length FROM documents ORDER BY id").fetchall()


def assignment_rows(store, annotator: str | None = None, withdrawn: bool = False,
                    doc_id: int | None = None, doc_ids: Sequence[int] | None = None) -> list[AssignmentRow]:
    """Assignments (only current ones unless ``withdrawn``), by document then annotator; of
    ``doc_id`` or of ``doc_ids`` only when given (a merge reads the documents the other copy has)."""
    clauses, params = [], []
    for column, value in (("annotator", annotator), ("doc_id", doc_id)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if not withdrawn:
        clauses.append("withdrawn = 0")
    chunks = [None] if doc_ids is None else [sorted(doc_ids)[i:i + CHUNK] for i in range(0, len(doc_ids), CHUNK)]
    found = []
    for chunk in chunks:
        where = clauses + ([f"doc_id IN ({','.join('?' * len(chunk))})"] if chunk is not None else [])
        rows = store.conn.execute(
            "SELECT doc_id, annotator, calibration, withdrawn, updated_at FROM assignments"
            + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY doc_id, annotator",
            [*params, *(chunk or ())])
        found += [AssignmentRow(d, a, bool(c), bool(w), u) for d, a, c, w, u in rows]
    return found


def documents_by_annotator(store) -> dict[str, set[int]]:
    """{annotator: ids of the documents currently assigned to them}."""
    found: dict[str, set[int]] = {}
    for row in assignment_rows(store):
        found.setdefault(row.annotator, set()).add(row.doc_id)
    return found


def annotators_by_document(store) -> dict[int, set[str]]:
    """{document id: the annotators it is currently assigned to}."""
    found: dict[int, set[str]] = {}
    for row in assignment_rows(store):
        found.setdefault(row.doc_id, set()).add(row.annotator)
    return found


def assigned_ids(store, annotator: str) -> list[int]:
    """Ids of the documents currently assigned to ``annotator``, ascending."""
    return [row[0] for row in store.conn.execute(
        "SELECT doc_id FROM assignments WHERE annotator = ? AND withdrawn = 0 ORDER BY doc_id", (annotator,))]


def has_assignments(store, annotator: str | None = None) -> bool:
    """Whether the project (or ``annotator``) has any current assignment."""
    sql = "SELECT EXISTS (SELECT 1 FROM assignments WHERE withdrawn = 0"
    sql += " AND annotator = ?)" if annotator is not None else ")"
    return bool(store.conn.execute(sql, (annotator,) if annotator is not None else ()).fetchone()[0])


def unfinished_assigned(store, annotator: str) -> list[int]:
    """Ids of ``annotator``'s assigned documents that they have not finished (new or in progress)."""
    return [row[0] for row in store.conn.execute(
        "SELECT a.doc_id FROM assignments a LEFT JOIN statuses st ON st.doc_id = a.doc_id"
        " AND st.annotator = a.annotator WHERE a.annotator = ? AND a.withdrawn = 0"
        f" AND coalesce(st.status, 'new') IN ({', '.join('?' * len(UNFINISHED))}) ORDER BY a.doc_id",
        (annotator, *UNFINISHED))]


def assigned_progress(store, annotator: str) -> tuple[int, int]:
    """(assigned documents ``annotator`` marked done, documents assigned to them)."""
    row = store.conn.execute(
        "SELECT coalesce(sum(CASE WHEN st.status = 'done' THEN 1 ELSE 0 END), 0), count(*) FROM assignments a"
        " LEFT JOIN statuses st ON st.doc_id = a.doc_id AND st.annotator = a.annotator"
        " WHERE a.annotator = ? AND a.withdrawn = 0", (annotator,)).fetchone()
    return row[0], row[1]


def write_assignments(store, rows: Iterable[tuple[int, str, bool]], stamp: str) -> None:
    """Assign (doc_id, annotator, calibration): a new row, or a withdrawn one given back."""
    store.conn.executemany(
        "INSERT INTO assignments (doc_id, annotator, calibration, withdrawn, updated_at) VALUES (?,?,?,0,?)"
        " ON CONFLICT (doc_id, annotator) DO UPDATE SET calibration = excluded.calibration, withdrawn = 0,"
        " updated_at = excluded.updated_at",
        [(d, a, int(c), stamp) for d, a, c in rows])


def withdraw_assignments(store, pairs: Iterable[tuple[int, str]], stamp: str) -> None:
    """Take (doc_id, annotator) assignments back; the rows stay, withdrawn, so merges carry it."""
    store.conn.executemany(
        "UPDATE assignments SET withdrawn = 1, updated_at = ? WHERE doc_id = ? AND annotator = ?",
        [(stamp, d, a) for d, a in pairs])


def put_assignment(store, row: AssignmentRow) -> None:
    """Store a row as it is, its time included (merges and packages)."""
    store.conn.execute(
        "INSERT INTO assignments (doc_id, annotator, calibration, withdrawn, updated_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT (doc_id, annotator) DO UPDATE SET calibration = excluded.calibration,"
        " withdrawn = excluded.withdrawn, updated_at = excluded.updated_at",
        (row.doc_id, row.annotator, int(row.calibration), int(row.withdrawn), row.updated_at))


def other_assignment_rows(conn) -> list[AssignmentRow]:
    """Every assignment row (withdrawn ones too) of another copy's read-only connection; none
    when that copy predates assignments."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'assignments'").fetchone():
        return []
    rows = conn.execute("SELECT doc_id, annotator, calibration, withdrawn, updated_at FROM assignments")
    return [AssignmentRow(d, a, bool(c), bool(w), u) for d, a, c, w, u in rows]
