"""SQL for the model: which layers are finished work, their spans, annotators' rejections,
texts with their morphemes, and the unfinished documents the queue chooses from."""

from __future__ import annotations

from typing import Iterable, Iterator

from annotator.core.records import GOLD
from annotator.core.store.store import Store

CHUNK = 500  # ids per IN (...) list
ADJUDICATED, DONE = "adjudicated", "done"


def finished_layers(store: Store) -> list[tuple[int, str]]:
    """(doc_id, layer) of the finished work: gold of adjudicated documents, and the layers
    annotators marked done in documents that are not adjudicated (gold speaks for those)."""
    rows = store.conn.execute(
        "SELECT doc_id, annotator, status FROM statuses WHERE (annotator = ? AND status = ?)"
        " OR (annotator <> ? AND status = ?)", (GOLD, ADJUDICATED, GOLD, DONE)).fetchall()
    adjudicated = {doc_id for doc_id, layer, _ in rows if layer == GOLD}
    return sorted((doc_id, layer) for doc_id, layer, _ in rows
                  if layer == GOLD or doc_id not in adjudicated)


def finished_document_count(store: Store) -> int:
    """Documents with finished work (what retraining counts)."""
    return len({doc_id for doc_id, _ in finished_layers(store)})


def layer_spans(store: Store, layers: Iterable[tuple[int, str]]) -> dict[tuple[int, str], list[tuple[int, int, str]]]:
    """(start, end, label) of each (doc_id, layer) asked for."""
    wanted = {key: [] for key in layers}
    doc_ids = sorted({doc_id for doc_id, _ in wanted})
    for i in range(0, len(doc_ids), CHUNK):
        chunk = doc_ids[i:i + CHUNK]
        marks = ",".join("?" * len(chunk))
        for doc_id, layer, start, end, label in store.conn.execute(
                f"SELECT doc_id, annotator, start, end, label FROM spans WHERE doc_id IN ({marks})", chunk):
            found = wanted.get((doc_id, layer))
            if found is not None:
                found.append((start, end, label))
    return wanted


def annotator_rejections(store: Store) -> dict[tuple[int, str], list[tuple[int, int, str]]]:
    """(start, end, label) each annotator rejected (suggestions), by (doc_id, layer)."""
    found: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
    for doc_id, layer, start, end, label in store.conn.execute(
            "SELECT doc_id, layer, start, end, label FROM rejections WHERE layer <> ?", (GOLD,)):
        found.setdefault((doc_id, layer), []).append((start, end, label))
    return found


def analysed_documents(store: Store, doc_ids: Iterable[int]) -> Iterator[tuple[int, str, bytes | None]]:
    """(doc_id, text, morphemes blob) in id order, a chunk at a time."""
    ids = sorted(set(doc_ids))
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        marks = ",".join("?" * len(chunk))
        yield from store.conn.execute(
            f"SELECT id, text, morphemes FROM documents WHERE id IN ({marks}) ORDER BY id", chunk)


def documents_with_status(store: Store, annotator: str, statuses: Iterable[str]) -> list[int]:
    """Ids of the documents whose status for ``annotator`` is one of ``statuses`` ("new" counts
    documents with no status row)."""
    statuses = list(statuses)
    marks = ",".join("?" * len(statuses))
    rows = store.conn.execute(
        "SELECT d.id FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ?"
        f" WHERE coalesce(st.status, 'new') IN ({marks})", [annotator, *statuses])
    return sorted(row[0] for row in rows)


def total_characters(store: Store, doc_ids: Iterable[int]) -> int:
    """The length of the documents' texts, added up (without reading them)."""
    ids, total = sorted(set(doc_ids)), 0
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        marks = ",".join("?" * len(chunk))
        total += store.conn.execute(f"SELECT coalesce(sum(length), 0) FROM documents WHERE id IN ({marks})",
                                    chunk).fetchone()[0]
    return total
