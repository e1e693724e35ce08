"""Copies of one small project for merge tests (no Kiwi), and a canonical dump to compare them by."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotator import Project

from .synthetic import Words, numbered_text

WORDS = 8
DOCUMENTS = 2


def make_base(folder: Path) -> Path:
    """A project with two documents of eight words, closed so it can be copied."""
    with Project.create(folder) as project:
        for seed in "ab"[:DOCUMENTS]:
            Words(project, numbered_text(WORDS, seed))
    return folder


def copy_project(base: Path, folder: Path) -> Path:
    shutil.copytree(base, folder)
    return folder


def word_bounds(project, doc_id: int) -> list[tuple[int, int]]:
    text = project.document(doc_id).text
    bounds, start = [], 0
    for word in text.split(" "):
        bounds.append((start, start + len(word)))
        start += len(word) + 1
    return bounds


def dump(project) -> dict:
    """Everything a merge carries, by identities that copies share (document and span uids), not ids."""
    uid = {d.id: d.uid for d in project.documents()}
    q = project.store.conn.execute
    spans = {row[0]: (uid[row[1]], *row[2:9], frozenset(row[9].split()), row[10]) for row in q(
        "SELECT uid, doc_id, annotator, start, end, label, attrs, note, rev, history, updated_at FROM spans")}
    tombstones = {row[0]: (uid[row[1]], row[2], row[3], frozenset(row[4].split()), row[5]) for row in q(
        "SELECT uid, doc_id, annotator, rev, history, deleted_at FROM span_tombstones")}
    statuses = {(uid[row[0]], row[1]): row[2:] for row in q(
        "SELECT doc_id, annotator, status, comment, reason, returned_at, updated_at FROM statuses")}
    rejections = {(uid[row[0]], *row[1:5]): row[5:] for row in q(
        "SELECT doc_id, layer, start, end, label, rejected, note, updated_at FROM rejections")}
    notes = {(uid[row[0]], row[1]): row[2:] for row in q("SELECT doc_id, layer, note, updated_at FROM document_notes")}
    return {"documents": set(uid.values()), "spans": spans, "tombstones": tombstones, "statuses": statuses,
            "rejections": rejections, "notes": notes}
