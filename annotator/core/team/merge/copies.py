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

What a copy may bring depends on what it is (``team.authority``): a copy of
this project is taken whole; a package this project made brings only its
annotator's work, and the rest it holds is left out and counted; anything
else is refused unless the caller says what it is.

The whole merge is one transaction; ``dry_run`` rolls it back and reports
what it would have done. The other database is opened read-only, and one
written by a newer version of annotator is refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.store import merge as merge_store
from annotator.core.safety.backups import take_named_backup
from annotator.core.project_files import server_address
from annotator.core.errors import ProjectError, reporting_disk_full
from annotator.core.store.migrations import KNOWN
from annotator.core.team.merge.assignments import merge_issued_packages, merge_team_tables
from annotator.core.team.merge.authority import FULL_COPY, INTO_PACKAGE, TRUSTED_COPY, Authority, authority_for
from annotator.core.team.merge.copy_check import TimeWindow, check_copy
from annotator.core.team.packages.identity import CREATED_AT_KEY, Identity, identity_of, project_identity
from annotator.core.team.merge.layers import merge_layers
from annotator.core.team.names import known_names
from annotator.core.team.merge.report import MergeConflict, MergeReport
from annotator.core.store.package import set_meta_values
from annotator.core.team.packages.update import revealed
from annotator.core.team.merge.versions import PREFERENCES

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


def merge_from(project, path: Path, prefer: str | None = None, dry_run: bool = False,
               trust_full_copy: bool = False, as_package: str | None = None, reveal: bool = False) -> MergeReport:
    """See the module's docstring. ``trust_full_copy``: take another project's copy whole;
    ``as_package``: take only that annotator's work (see ``team.authority``); ``reveal``: merge into
    an annotator's package what she should not see (other layers, others' documents)."""
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
        ours, theirs = project_identity(project), identity_of(other.conn)
        authority = authority_for(project, Path(path), ours, theirs, trust_full_copy, as_package)
        authority.names = known_names(project)
        if authority.kind == INTO_PACKAGE:
            _mind_the_blind(project, other, ours.package, reveal, authority)
        began = _began(ours, theirs, authority)
        check_copy(other, TimeWindow.around(began))  # every row, before anything is written here
        if not dry_run:
            take_named_backup(project.store.path, "merge")  # undo a merge: annotator restore PROJECT …-before-merge.db
        report = MergeReport(database, prefer=prefer, dry_run=dry_run, authority=authority)
        try:
            with reporting_disk_full(project.store.path, "nothing was merged (a merge is one transaction); free some "
                                     "space and merge again"), project.store.transaction():
                ids = _merge_documents(project.store, other, report, authority)
                merge_layers(project, other, ids, report, prefer, authority)
                report.team = merge_team_tables(project.store, other.conn, ids, authority)
                if authority.kind in (FULL_COPY, TRUSTED_COPY):
                    merge_issued_packages(project.store, other.conn, report.team)
                if began != ours.created_at:  # rows from before this project began are here now
                    set_meta_values(project.store, {CREATED_AT_KEY: began})
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
    finally:
        other.close()
    return report


def _mind_the_blind(project, other, package, reveal: bool, authority: Authority) -> None:
    """Refuse (unless ``reveal``) to show a package's annotator other annotators' layers or documents."""
    layers, documents = revealed(project, other, package)
    if not (layers or documents):
        return
    what = " and ".join(filter(None, (
        f"the layers {', '.join(layers)}" if layers else "",
        f"{documents} documents not assigned to {package.annotator}" if documents else "")))
    if reveal:
        authority.notices.append(f"{package.annotator}'s package now shows {what} (--reveal)")
        return
    raise ProjectError(
        f"{other.path}: merging it into {package.annotator}'s package would show {package.annotator} {what}; "
        f"nothing was merged. Hand {package.annotator} the next batch with  annotator package PROJECT --annotator "
        f"{package.annotator} --update {project.folder}  (only her documents, returns and, if project.toml says "
        "so, gold), or merge with --reveal to show them anyway")


def _began(ours: Identity, theirs: Identity, authority: Authority) -> str:
    """When the project began, for the times a copy may hold: another project taken whole may be older."""
    if authority.kind == TRUSTED_COPY and theirs.created_at:
        return min(filter(None, (ours.created_at, theirs.created_at)))
    return ours.created_at


def _merge_documents(store, other, report: MergeReport, authority: Authority) -> dict[int, int]:
    """Their document id -> ours, adding the documents this project lacks (none from a package:
    which documents the team labels is the manager's to say)."""
    keys = other.document_keys()
    ours = store.document_ids_by_uid(uid for _, uid in keys)
    ids = {their_id: ours[uid] for their_id, uid in keys if uid in ours}
    report.documents_existing = len(ids)
    missing = [their_id for their_id, uid in keys if uid not in ours]
    if missing and not authority.whole:
        authority.leave_out("documents", "not in this project", rows=len(missing))
        return ids
    for their_id, uid, title, text, raw, meta, source, encoding, morphemes, sentences in other.documents(missing):
        ids[their_id] = store.insert_document(
            uid=uid, title=title, text=text, raw=raw, meta=json.loads(meta or "{}"), source=source,
            encoding=encoding, morphemes=morphemes, sentences=sentences)
    report.documents_added = len(missing)
    return ids
