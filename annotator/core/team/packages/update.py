"""Handing an annotator's package its next batch, and keeping what a package shows blind.

``update_package`` brings into a package this project made only what its annotator may see: the
documents now assigned to her (new ones whole), her own layer as this project holds it (returns
with their reasons included), assignments taken back from her (the documents stay: her work on
them is hers), and gold when ``project.toml`` says so (``package.shown_layers``). It is built as a
small copy of exactly those rows and merged into the package the ordinary way, so edits she made
meanwhile are kept (newer revisions win) and updating twice changes nothing.

A merge *into* a package (``revealed``) is refused when it would show her other annotators'
layers, or documents not assigned to her, unless the caller says to reveal them.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.project import SCHEMA_FILE, Project
from annotator.core.records import GOLD
from annotator.core.store.store import now
from annotator.core.store import assignments as assignment_store
from annotator.core.store import package as package_store
from annotator.core.team.packages.identity import PackageRecord, issued_package, project_identity
from annotator.core.team.names import same_person
from annotator.core.team.packages.make import copy_files, shown_layers


@dataclass
class UpdateReport:
    annotator: str
    folder: Path
    merge: object  # the MergeReport of the update merged into the package
    files: list[str]
    gold: bool

    def to_dict(self) -> dict:
        return {"annotator": self.annotator, "folder": str(self.folder), "gold": self.gold, "files": self.files,
                "merge": self.merge.to_dict()}


def _package_record(project: Project, package: Project, annotator: str) -> PackageRecord:
    record = project_identity(package).package
    if record is None:
        raise ProjectError(f"{package.folder}: not a package (annotator package writes one); nothing was updated")
    issued = issued_package(project, record.id)
    if issued is None:
        raise ProjectError(f"{package.folder}: a package this project did not make; nothing was updated")
    if not same_person(issued.annotator, annotator):
        raise ProjectError(f"{package.folder}: this project made the package for {issued.annotator}, "
                           f"not {annotator}; nothing was updated")
    return issued


def update_package(project: Project, annotator: str, folder: Path | str) -> UpdateReport:
    """Bring the package in ``folder`` up to date for ``annotator`` (see the module's docstring)."""
    folder = Path(folder)
    if project.store.in_memory:
        raise ProjectError("a project in memory cannot update packages")
    with Project.open(folder) as package:
        record = _package_record(project, package, annotator)
        theirs = {uid for _, uid, _ in assignment_store.document_sizes(package.store)}
    rows = assignment_store.assignment_rows(project.store, record.annotator, withdrawn=True)
    ids = {doc_id: uid for doc_id, uid, _ in assignment_store.document_sizes(project.store)}
    doc_ids = [r.doc_id for r in rows if not r.withdrawn or ids[r.doc_id] in theirs]
    files = copy_files(project, folder, schema=True)  # the schema first: the merge checks labels by it
    with tempfile.TemporaryDirectory(prefix="annotator-update-") as temporary:
        update = Project.create(Path(temporary) / "update", project.folder / SCHEMA_FILE)
        try:
            with update.store.transaction():
                package_store.copy_rows(project.store, update.store, doc_ids, record.annotator, shown_layers(project),
                                        withdrawn=True)
        finally:
            update.close()
        with Project.open(folder) as package:
            merged = package.merge_from(update.folder)
    with project.store.transaction():
        package_store.issue(project.store, (record.id, record.annotator, record.made_at, now()))
    return UpdateReport(record.annotator, folder, merged, files, bool(shown_layers(project)))


def revealed(project, other, package: PackageRecord) -> tuple[list[str], int]:
    """What merging ``other`` (a ``merge_store.OtherDatabase``) into ``project``, the package
    ``package``, would show its annotator that is not hers to see: (other layers, documents neither
    here nor assigned to her there)."""
    allowed = [package.annotator] + ([GOLD] if project.schema.package_gold else [])
    layers = sorted(layer for layer in other.layers() if not any(same_person(layer, a) for a in allowed))
    keys = other.document_keys()
    here = project.store.document_ids_by_uid(uid for _, uid in keys)
    hers = other.assigned_document_ids(package.annotator)
    documents = sum(1 for doc_id, uid in keys if uid not in here and doc_id not in hers)
    return layers, documents
