"""Which project a database belongs to, and, for a package, whom it was made for.

- Every project has an id (``project_meta``), made at random with its database. Copies of
  the project folder share it; a package is a new database with an id of its own and never
  holds the project's. A merge takes a copy whose id is this project's as a full copy, made by
  someone the team trusts with everything (a manager's, a reviewer's).
- A package keeps a record of itself: a random package id, the annotator, when it was made.
  The project that made it keeps the same record (``issued_packages``). The package's holder
  can edit her copy of the record, so a merge believes only the project's: the package id
  finds the record, and the annotator named there is the only layer the package may change.
- ``created_at``: when the project began; times in a merged copy are not earlier (``merge``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from annotator.core.store.migrations import CREATED_AT_KEY, PROJECT_ID_KEY, derived_project_id
from annotator.core.store.store import now
from annotator.core.store import package as package_store

PACKAGE_ID, PACKAGE_ANNOTATOR, PACKAGE_MADE_AT = package_store.PACKAGE_KEYS


@dataclass(frozen=True)
class PackageRecord:
    """A package: its id, the annotator it was made for, when it was made and last updated."""

    id: str
    annotator: str
    made_at: str
    updated_at: str = ""

    def row(self) -> tuple:
        return self.id, self.annotator, self.made_at, self.updated_at or self.made_at


@dataclass(frozen=True)
class Identity:
    """What a database says of itself: its project's id, when that began, and, in a package, the
    package's own record (which its holder may have edited)."""

    project_id: str
    created_at: str
    package: PackageRecord | None = None


def identity_of(conn) -> Identity:
    """The identity a database holds (this project's, or another copy's read-only connection).
    A copy from before identities (0009) that was never opened since gets the id its upgrade
    would give it."""
    values = package_store.meta_values(conn, (PROJECT_ID_KEY, CREATED_AT_KEY, *package_store.PACKAGE_KEYS))
    project_id, created_at = values.get(PROJECT_ID_KEY, ""), values.get(CREATED_AT_KEY, "")
    if not project_id:  # a copy from before 0009
        first = package_store.first_migration_time(conn)
        if first and package_store.has_documents(conn):
            project_id = derived_project_id(first)
        created_at = created_at or first.replace(" ", "T", 1)
    package = None
    if values.get(PACKAGE_ID):
        package = PackageRecord(values[PACKAGE_ID], values.get(PACKAGE_ANNOTATOR, ""),
                                values.get(PACKAGE_MADE_AT, ""))
    return Identity(project_id, created_at, package)


def project_identity(project) -> Identity:
    return identity_of(project.store.conn)


def new_package(annotator: str) -> PackageRecord:
    return PackageRecord(secrets.token_hex(16), annotator, now())


def mark_as_package(target, record: PackageRecord, origin: Identity) -> None:
    """Write a new package's record into its database (``target``, a store): the package id and
    annotator, and the time its project began (its rows come from there); never the project's id."""
    package_store.set_meta_values(target, {
        PACKAGE_ID: record.id, PACKAGE_ANNOTATOR: record.annotator, PACKAGE_MADE_AT: record.made_at,
        CREATED_AT_KEY: origin.created_at})


def issued_package(project, package_id: str) -> PackageRecord | None:
    """This project's record of a package it made (None: not made here)."""
    row = package_store.issued(project.store.conn, package_id)
    return PackageRecord(*row) if row else None
