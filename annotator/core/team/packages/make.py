"""A package: a project copy holding one annotator's assigned documents, ready to hand over.

It holds the documents with their stored morphemes, the schema (``project.toml``),
the project's ``gazetteers/`` and ``userdict.tsv``, the annotator's assignments,
layer (spans, deletions, statuses, rejected suggestions) and active time, and
the gold layer of those documents when ``project.toml`` says so (``[packages]
gold = true``, so the annotator can compare; without it she sees no one else's
work). The new ``project.db`` is built through SQLite (a new project, rows
inserted as they are: span identities and revisions kept), never by copying
the database file. The annotator works in it as in any project; the reviewer
brings it back with the ordinary ``annotator merge``.

A package is a project of its own (its own project id, never this project's)
with a record of whom it was made for, under a random package id; this project
keeps the same record (``issued_packages``), and a merge believes only that one
(``team.authority``): the package brings back its annotator's work alone.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.project import GAZETTEER_DIR, SCHEMA_FILE, USER_DICTIONARY_FILE, Project
from annotator.core.records import GOLD
from annotator.core.store import assignments as assignment_store
from annotator.core.store import package as package_store
from annotator.core.team.packages.identity import PackageRecord, mark_as_package, new_package, project_identity


@dataclass
class PackageReport:
    annotator: str
    out: Path
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)  # per table
    files: list[str] = field(default_factory=list)  # besides project.toml and project.db
    package: PackageRecord | None = None
    gold: bool = False  # whether it carries the gold of its documents

    def to_dict(self) -> dict:
        return {"annotator": self.annotator, "out": str(self.out), "documents": self.documents,
                "rows": dict(self.rows), "files": list(self.files), "gold": self.gold,
                "package_id": self.package and self.package.id}


def copy_files(project: Project, out: Path, schema: bool = False) -> list[str]:
    """The project's user dictionary and gazetteers (and ``project.toml`` when ``schema``) into the
    package folder ``out``, replacing what it had of them."""
    copied = []
    if schema:
        shutil.copyfile(project.folder / SCHEMA_FILE, out / SCHEMA_FILE)
        copied.append(SCHEMA_FILE)
    dictionary = project.folder / USER_DICTIONARY_FILE
    if dictionary.is_file():
        shutil.copyfile(dictionary, out / USER_DICTIONARY_FILE)
        copied.append(USER_DICTIONARY_FILE)
    gazetteers = project.folder / GAZETTEER_DIR
    if gazetteers.is_dir():
        shutil.copytree(gazetteers, out / GAZETTEER_DIR, dirs_exist_ok=True)
        copied += sorted(str(p.relative_to(out)) for p in (out / GAZETTEER_DIR).rglob("*") if p.is_file())
    return copied


def shown_layers(project: Project) -> list[str]:
    """The layers besides her own a package shows its annotator: gold when ``project.toml`` says so
    (``[packages] gold = true``), else none (blind annotation)."""
    return [GOLD] if project.schema.package_gold else []


def write_package(project: Project, annotator: str, out: Path | str) -> PackageReport:
    """Write ``annotator``'s package to the new folder ``out`` (or an empty one)."""
    out = Path(out)
    if project.store.in_memory:
        raise ProjectError("a project in memory cannot be packaged")
    if annotator == GOLD or not annotator.strip():
        raise ProjectError(f"--annotator needs an annotator's name, not {annotator!r}")
    doc_ids = assignment_store.assigned_ids(project.store, annotator)
    if not doc_ids:
        raise ProjectError(f"{project.folder}: {annotator} has no assigned documents "
                           "(run annotator assign first)")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ProjectError(f"{out}: already exists and is not an empty folder; choose a new one")
    if out.resolve() == project.folder.resolve():
        raise ProjectError(f"{out}: this is the project itself")
    created = not out.exists()
    report = PackageReport(annotator, out, len(doc_ids), package=new_package(annotator),
                           gold=bool(shown_layers(project)))
    copy = None
    try:
        copy = Project.create(out, project.folder / SCHEMA_FILE)
        report.files = copy_files(project, out)
        with copy.store.transaction():
            report.rows = package_store.copy_rows(project.store, copy.store, doc_ids, annotator, shown_layers(project))
            mark_as_package(copy.store, report.package, project_identity(project))
        with project.store.transaction():  # last: a package that failed half-way was never issued
            package_store.issue(project.store, report.package.row())
    except BaseException:
        if copy is not None:
            copy.close()
            copy = None
        if created:  # nothing of a half-written package stays behind
            shutil.rmtree(out, ignore_errors=True)
        raise
    finally:
        if copy is not None:
            copy.close()
    return report
