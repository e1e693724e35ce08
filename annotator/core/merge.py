"""Merging another copy of a project into this one (the offline team workflow).

Each annotator works in a copy of the project folder; the reviewer brings the
copies together, and hands gold and returns back the same way (a merge works
in both directions). Documents are matched by content hash (``uid``);
documents this project lacks come in whole (text, raw input, metadata,
stored morphemes). Then the layers (``team.layer_merge``): spans by their
identity, edits and deletions included, the newer version winning and true
conflicts reported with both versions (``--prefer ours|theirs|newer`` settles
them; without it ours is kept and the conflict stays reported); statuses,
returns, rejections and notes by their time. Merging is idempotent and the
order of merges does not matter (``team.versions`` says why).

The whole merge is one transaction; ``dry_run`` rolls it back and reports
what it would have done. The other database is opened read-only, and one
written by a newer version of annotator is refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import merge_store
from .backups import take_named_backup
from .project_files import server_address
from .errors import ProjectError, reporting_disk_full
from .migrations import KNOWN
from .team.copy_check import check_copy
from .team.layer_merge import merge_layers
from .team.merge_report import MergeConflict, MergeReport
from .team.versions import PREFERENCES
from .team.assignment_merge import merge_team_tables

DATABASE_FILE = "project.db"

__all__ = ["MergeConflict", "MergeReport", "merge_from"]


class _DryRun(Exception):
    """Raised inside the merge transaction to roll it back."""


def _database_path(path: Path) -> Path:
    if path.is_dir() and server_address(path) is not None:
        raise ProjectError(f"{path}: its annotations are on a PostgreSQL server ({server_address(path)}), not in a "
                           "copy to merge; work on the server, or merge a package of it (annotator package)")
    database = path / DATABASE_FILE if path.is_dir() else path
    if not database.is_file():
        raise ProjectError(f"{path}: no project database here (expected a project folder or its {DATABASE_FILE})")
    return database


def merge_from(project, path: Path, prefer: str | None = None, dry_run: bool = False) -> MergeReport:
    if prefer is not None and prefer not in PREFERENCES:
        raise ProjectError(f"unknown preference {prefer!r} (one of {', '.join(PREFERENCES)})")
    database = _database_path(Path(path))
    other = merge_store.OtherDatabase(database, own=project.store.path)
    try:
        tables = other.tables()
        if not {"documents", "spans", "statuses"} <= tables:
            raise ProjectError(f"{database}: not an annotator project database")
        unknown = [name for name in other.applied_migrations() if name not in KNOWN]
        if unknown:
            raise ProjectError(f"{database}: written by a newer version of annotator (schema {unknown[-1]}); "
                               "upgrade annotator to merge it")
        check_copy(other)  # every row, before anything is written here
        if not dry_run:
            take_named_backup(project.store.path, "merge")  # undo a merge: annotator restore PROJECT …-before-merge.db
        report = MergeReport(database, prefer=prefer, dry_run=dry_run)
        try:
            with reporting_disk_full(project.store.path, "nothing was merged (a merge is one transaction); free some "
                                     "space and merge again"), project.store.transaction():
                ids = _merge_documents(project.store, other, report)
                merge_layers(project, other, ids, report, prefer)
                report.team = merge_team_tables(project.store, other.conn, ids)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
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
