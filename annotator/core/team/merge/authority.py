"""What a merge may take from another copy: everything from a full copy, one annotator's own work
from her package.

Each layer has one writer (DESIGN: Authority). A package is made for one annotator, and whoever
holds it can edit its database with any SQLite tool, so a merge decides what a package may bring
from this project's own record of the packages it made (``identity``), never from the package:

- a copy of this project (the same project id), or another project's copy the reviewer vouches
  for (``--trust-full-copy``), is merged whole;
- a package this project made brings only its annotator's work, in the documents assigned to her:
  her spans and deletions, her statuses (not a return, nor a return's reason and time, which are
  the reviewer's), her rejected suggestions, her notes and her active time. No documents come in,
  no assignments, no other layer (gold included). Everything else that would have changed
  something here is left out and counted per table and layer;
- a copy that is neither (a package another project made, its record deleted, another project)
  is refused, unless the reviewer says what it is: ``--as-package NAME`` takes only NAME's work
  (a package made before packages recorded their annotator), ``--trust-full-copy`` takes it whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.records import RETURNED
from annotator.core.store import activity as activity_store
from annotator.core.store import assignments as assignment_store
from annotator.core.team.packages.identity import Identity, PackageRecord, issued_package
from annotator.core.team.names import KnownNames

FULL_COPY = "full copy"  # a copy of this project's folder
TRUSTED_COPY = "trusted copy"  # another project's copy, taken whole as the reviewer said
PACKAGE = "package"  # a package this project made
ANNOTATOR_COPY = "annotator's copy"  # a copy taken as one annotator's work (--as-package)
INTO_PACKAGE = "into package"  # the project merged into is itself a package (the annotator's side)
# An annotator's active time a day, over all documents, beyond which a package's figures are not
# work time (the window counts only minutes with input): left out rather than believed.
MAX_ACTIVE_SECONDS_A_DAY = 16 * 3600


@dataclass
class Authority:
    """What one merge takes: every layer (``annotator`` None) or one annotator's in her documents."""

    kind: str
    annotator: str | None = None
    package: PackageRecord | None = None  # as this project recorded it
    documents: frozenset[int] = frozenset()  # this project's ids of the annotator's documents
    left_out: dict[str, dict[str, int]] = field(default_factory=dict)  # table -> layer -> rows
    notices: list[str] = field(default_factory=list)
    names: KnownNames = field(default_factory=lambda: KnownNames(()))  # this project's layers

    @property
    def whole(self) -> bool:
        return self.annotator is None

    def layer(self, name: str) -> str:
        """This project's name for the copy's layer ``name`` ("Lee" is lee here: ``names``)."""
        return self.names.of(name, strict=False)

    def takes(self, doc_id: int, layer: str) -> bool:
        return self.whole or (layer == self.annotator and doc_id in self.documents)

    def leave_out(self, table: str, layer: str, doc_id: int | None = None, rows: int = 1) -> None:
        if layer == self.annotator and doc_id is not None and doc_id not in self.documents:
            layer = f"{layer} (documents not assigned to {layer})"
        counts = self.left_out.setdefault(table, {})
        counts[layer] = counts.get(layer, 0) + rows

    def describe(self) -> str:
        """The kind of copy, as the merge summary names it."""
        if self.kind == PACKAGE:
            return f"{self.annotator}'s package, made {self.package.made_at[:10]}"
        return {FULL_COPY: "a full copy of this project",
                TRUSTED_COPY: "another project's copy, taken whole (--trust-full-copy)",
                ANNOTATOR_COPY: f"a copy taken as {self.annotator}'s work only (--as-package)",
                INTO_PACKAGE: "merged into a package"}[self.kind]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "annotator": self.annotator, "package": self.package and self.package.id,
                "left_out": {table: dict(layers) for table, layers in self.left_out.items()},
                "notices": list(self.notices)}

    # -- the rows a package brings that need more than their layer ---------------------------

    def status_row(self, doc_id: int, layer: str, mine: tuple | None, theirs: tuple) -> tuple | None:
        """The status row (updated_at, status, comment, reason, returned_at) to write from a later one
        of theirs, or None when it is left out. From a package the annotator's status and comment come
        in; a return and its reason and time stay the reviewer's."""
        if self.whole:
            return theirs
        if not self.takes(doc_id, layer):
            self.leave_out("statuses", layer, doc_id)
            return None
        updated_at, status, comment, reason, returned_at = theirs
        our_return = (mine[3], mine[4]) if mine else ("", "")
        # She cannot return a document (putting back the very return she had, by undo, is hers),
        # nor answer a return her package had not received.
        new_return = status == RETURNED and (reason, returned_at) != our_return
        unseen = mine is not None and mine[1] == RETURNED and returned_at != our_return[1]
        if new_return or unseen:
            self.leave_out("returns", layer, doc_id)
            return None
        if (reason, returned_at) != our_return:
            self.leave_out("returns", layer, doc_id)
        return (updated_at, status, comment, *our_return)

    def active_time_rows(self, store, rows: list) -> list:
        """Of the annotator's active time rows that would win here, those a package may bring: not for
        days before it was made, and no day over ``MAX_ACTIVE_SECONDS_A_DAY`` in all."""
        if self.whole or not rows:
            return rows
        earliest = _day_before(self.package.made_at) if self.package else ""
        ours = {(r.doc_id, r.day): r.seconds for r in activity_store.active_time_rows(store, self.annotator)}
        days: dict[str, list] = {}
        for row in rows:
            days.setdefault(row.day, []).append(row)
        taken = []
        for day, changed in days.items():
            total = dict((key, seconds) for key, seconds in ours.items() if key[1] == day)
            total.update(((r.doc_id, day), r.seconds) for r in changed)
            if day < earliest or sum(total.values()) > MAX_ACTIVE_SECONDS_A_DAY:
                self.leave_out("active time", self.annotator, rows=len(changed))
            else:
                taken += changed
        return taken


def _day_before(stamp: str) -> str:
    """The day before ``stamp``'s (a local day may begin before the UTC one)."""
    try:
        return (datetime.fromisoformat(stamp).date() - timedelta(days=1)).isoformat()
    except ValueError:
        return date.min.isoformat()


def _documents_of(store, annotator: str) -> frozenset[int]:
    """The documents ever assigned to ``annotator`` (moved ones too: her work on them is hers)."""
    return frozenset(r.doc_id for r in assignment_store.assignment_rows(store, annotator, withdrawn=True))


def authority_for(project, path: Path, ours: Identity, theirs: Identity, trust_full_copy: bool = False,
                  as_package: str | None = None) -> Authority:
    """What merging the copy at ``path`` (whose database says ``theirs``) into ``project`` (``ours``)
    may take; a ``ProjectError`` when this project cannot tell and the reviewer did not say."""
    if ours.package is not None:
        return Authority(INTO_PACKAGE)
    if theirs.package is not None:
        record = issued_package(project, theirs.package.id)
        if record is None:
            raise ProjectError(
                f"{path}: a package (made for {theirs.package.annotator!r}, it says) that this project did not "
                "make: its id is not among the packages made here; merge it into the project that made it "
                "(a project learns the packages another made when it merges a full copy of it)")
        if trust_full_copy:
            raise ProjectError(f"{path}: {record.annotator}'s package brings only {record.annotator}'s work; "
                               "it is never taken whole (leave out --trust-full-copy)")
        if as_package is not None and as_package != record.annotator:
            raise ProjectError(f"{path}: this project made this package for {record.annotator}, not {as_package}")
        authority = Authority(PACKAGE, record.annotator, record, _documents_of(project.store, record.annotator))
        if theirs.package.annotator != record.annotator:
            authority.notices.append(
                f"the package's own record was changed to name {theirs.package.annotator!r}; this project made it "
                f"for {record.annotator}, so only {record.annotator}'s work was taken")
        return authority
    if as_package is not None:
        documents = _documents_of(project.store, as_package)
        if not documents:  # a team working in copies without assignments: her layer anywhere
            documents = _all_documents(project)
        return Authority(ANNOTATOR_COPY, as_package, None, documents)
    if theirs.project_id and theirs.project_id == ours.project_id:
        return Authority(FULL_COPY)
    if trust_full_copy:
        return Authority(TRUSTED_COPY)
    raise ProjectError(
        f"{path}: neither a copy of this project nor a package it made, so nothing was merged. If it is one "
        "annotator's package made before packages recorded whom they are for, merge it with --as-package NAME "
        "(only NAME's work is taken); if it is a whole copy from someone trusted with every layer (another "
        "project of the same documents), merge it with --trust-full-copy")


def _all_documents(project) -> frozenset[int]:
    return frozenset(document_id for document_id, _, _ in assignment_store.document_sizes(project.store))
