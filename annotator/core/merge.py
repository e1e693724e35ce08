"""Merging another copy of a project into this one (the offline team workflow).

Each annotator works in a copy of the project folder; the reviewer brings the
copies together. Documents are matched by content hash (``uid``); documents
this project lacks come in whole (text, raw input, metadata, stored
morphemes). Then every layer (annotators' and gold), statuses and rejections:

- a span identical to one the same layer already has here is skipped;
- a span that conflicts with one of the same layer here (overlaps with other
  boundaries or another label; see ``review.spans_conflict``) is reported,
  not stored: the two copies disagree about one annotator's work;
- a span whose label this project's schema lacks is counted and skipped;
- statuses: the newer ``updated_at`` wins (a tie keeps ours), with the other
  copy's time kept, so merging the same copy again changes nothing and an
  annotator who reopened a document in their copy is heard.

Merging only adds: a span deleted in the other copy stays here. The whole
merge is one transaction; the other database is opened read-only, and one
written by a newer version of annotator is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import merge_store, review_store
from .backups import take_named_backup
from .errors import ProjectError
from .migrations import KNOWN
from .review import Key, spans_conflict

DATABASE_FILE = "project.db"


@dataclass(frozen=True)
class MergeConflict:
    uid: str
    doc_id: int  # here
    annotator: str
    ours: Key
    theirs: Key
    ours_text: str
    theirs_text: str

    def __str__(self) -> str:
        (s1, e1, l1), (s2, e2, l2) = self.ours, self.theirs
        return (f"document {self.doc_id} ({self.uid}) {self.annotator}: here {l1} [{s1}, {e1}) “{self.ours_text}”, "
                f"there {l2} [{s2}, {e2}) “{self.theirs_text}”")


@dataclass
class MergeReport:
    source: Path
    documents_added: int = 0
    documents_existing: int = 0
    spans_added: dict[str, int] = field(default_factory=dict)  # per layer
    spans_identical: int = 0
    statuses_updated: int = 0
    rejections_added: int = 0
    conflicts: list[MergeConflict] = field(default_factory=list)
    unknown_labels: dict[str, int] = field(default_factory=dict)  # skipped: label not in this schema

    @property
    def changed(self) -> bool:
        return bool(self.documents_added or self.spans_added or self.statuses_updated or self.rejections_added)

    def to_dict(self) -> dict:
        return {
            "source": str(self.source), "documents_added": self.documents_added,
            "documents_existing": self.documents_existing, "spans_added": dict(self.spans_added),
            "spans_identical": self.spans_identical, "statuses_updated": self.statuses_updated,
            "rejections_added": self.rejections_added, "unknown_labels": dict(self.unknown_labels),
            "conflicts": [{"uid": c.uid, "doc_id": c.doc_id, "annotator": c.annotator,
                           "ours": {"start": c.ours[0], "end": c.ours[1], "label": c.ours[2], "text": c.ours_text},
                           "theirs": {"start": c.theirs[0], "end": c.theirs[1], "label": c.theirs[2],
                                      "text": c.theirs_text}}
                          for c in self.conflicts],
        }


def _database_path(path: Path) -> Path:
    database = path / DATABASE_FILE if path.is_dir() else path
    if not database.is_file():
        raise ProjectError(f"{path}: no project database here (expected a project folder or its {DATABASE_FILE})")
    return database


def merge_from(project, path: Path) -> MergeReport:
    database = _database_path(Path(path))
    if project.store.path is not None and database.resolve() == project.store.path.resolve():
        raise ProjectError(f"{database}: this is the project's own database")
    take_named_backup(project.store.path, "merge")  # undo a merge: annotator restore PROJECT …-before-merge.db
    other = merge_store.OtherDatabase(database)
    try:
        tables = other.tables()
        if not {"documents", "spans", "statuses"} <= tables:
            raise ProjectError(f"{database}: not an annotator project database")
        unknown = [name for name in other.applied_migrations() if name not in KNOWN]
        if unknown:
            raise ProjectError(f"{database}: written by a newer version of annotator (schema {unknown[-1]}); "
                               "upgrade annotator to merge it")
        report = MergeReport(database)
        with project.store.transaction():
            ids = _merge_documents(project.store, other, report)
            _merge_spans(project, other, ids, report)
            _merge_statuses(project.store, other, ids, report)
            report.rejections_added = merge_store.insert_rejections(
                project.store, ((ids[d], layer, s, e, label, t) for d, layer, s, e, label, t in other.rejections()))
    finally:
        other.close()
    return report


def _merge_documents(store, other, report: MergeReport) -> dict[int, int]:
    """Their document id -> ours, adding the documents this project lacks."""
    keys = other.document_keys()
    ours = store.document_ids_by_uid(uid for _, uid in keys)
    ids = {their_id: ours[uid] for their_id, uid in keys if uid in ours}
    report.documents_existing = len(ids)
    missing = [their_id for their_id, uid in keys if uid not in ours]
    for their_id, uid, title, text, raw, meta, source, encoding, morphemes, sentences in other.documents(missing):
        ids[their_id] = store.insert_document(
            uid=uid, title=title, text=text, raw=raw, meta=json.loads(meta or "{}"), source=source,
            encoding=encoding, morphemes=morphemes, sentences=sentences)
    report.documents_added = len(missing)
    return ids


def _merge_spans(project, other, ids: dict[int, int], report: MergeReport) -> None:
    layers: dict[tuple[int, str], set[Key]] = {}
    for doc_id, name, start, end, label, _ in review_store.layer_rows(project.store):
        layers.setdefault((doc_id, name), set()).add((start, end, label))
    overlap = project.schema.overlap
    documents = {}  # only read for reporting conflicts
    rows = []
    for their_doc, name, start, end, label, attrs, created_at in other.spans():
        if project.schema.label(label) is None:
            report.unknown_labels[label] = report.unknown_labels.get(label, 0) + 1
            continue
        doc_id = ids[their_doc]
        layer = layers.setdefault((doc_id, name), set())
        key = (start, end, label)
        if key in layer:
            report.spans_identical += 1
            continue
        clash = next((mine for mine in sorted(layer) if spans_conflict(mine, key, overlap)), None)
        if clash is not None:
            document = documents.get(doc_id) or documents.setdefault(doc_id, project.store.document(doc_id))
            text = document.text
            report.conflicts.append(MergeConflict(document.uid, doc_id, name, clash, key,
                                                  text[clash[0]:clash[1]], text[start:end]))
            continue
        layer.add(key)
        rows.append((doc_id, name, start, end, label, attrs, created_at))
        report.spans_added[name] = report.spans_added.get(name, 0) + 1
    merge_store.insert_spans(project.store, rows)


def _merge_statuses(store, other, ids: dict[int, int], report: MergeReport) -> None:
    ours = merge_store.status_table(store)
    for their_doc, name, status, comment, updated_at in other.statuses():
        doc_id = ids[their_doc]
        mine = ours.get((doc_id, name))
        if mine is not None and (mine[:2] == (status, comment) or updated_at <= mine[2]):
            continue
        merge_store.write_status(store, doc_id, name, status, comment, updated_at)
        report.statuses_updated += 1
