"""Merging another copy's assignments and active time into this project.

Both are rows keyed by (document, annotator[, day]); the row with the newer
``updated_at`` wins, ties going to the larger value, so merging is idempotent
and the order in which copies are merged does not matter. Each layer has one
writer (an annotator's time is counted in their copy), so the newer row of
active time holds everything counted before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.store import activity as activity_store
from annotator.core.store import assignments as assignment_store
from annotator.core.store import package as package_store


@dataclass
class TeamMergeReport:
    assignments_updated: int = 0
    active_time_updated: int = 0
    packages_learnt: int = 0  # records of packages another copy of this project made

    def to_dict(self) -> dict:
        return {"assignments_updated": self.assignments_updated, "active_time_updated": self.active_time_updated,
                "packages_learnt": self.packages_learnt}


def _newer(theirs: tuple, ours: tuple | None) -> bool:
    """Whether their row wins: (updated_at, value...) compared as tuples, so ties are decided the
    same way whichever copy is merged into which."""
    return ours is None or theirs > ours


def merge_team_tables(store, other_conn, ids: dict[int, int], authority) -> TeamMergeReport:
    """Bring in the other copy's assignments and active time (what ``authority`` takes of them);
    ``ids`` maps their document ids to ours. Runs inside the caller's transaction."""
    report = TeamMergeReport()
    # Ours are read only for the documents their rows name: a small copy merges into a large project fast.
    theirs = assignment_store.other_assignment_rows(other_conn)
    touched = {ids[r.doc_id] for r in theirs if r.doc_id in ids}
    ours = {(r.doc_id, r.annotator): r
            for r in assignment_store.assignment_rows(store, withdrawn=True, doc_ids=touched)} if touched else {}
    for row in theirs:
        doc_id = ids.get(row.doc_id)
        if doc_id is None:
            continue
        row = row._replace(doc_id=doc_id, annotator=authority.layer(row.annotator))
        mine = ours.get((doc_id, row.annotator))
        if not _newer((row.updated_at, row.withdrawn, row.calibration),
                      mine and (mine.updated_at, mine.withdrawn, mine.calibration)):
            continue
        if not authority.whole:  # who labels what is the manager's to say
            authority.leave_out("assignments", row.annotator, doc_id)
            continue
        assignment_store.put_assignment(store, row)
        report.assignments_updated += 1
    their_times = list(activity_store.other_active_time_rows(other_conn))
    touched = {ids[r.doc_id] for r in their_times if r.doc_id in ids}
    times = {(r.doc_id, r.annotator, r.day): r
             for r in activity_store.active_time_rows(store, doc_ids=touched)} if touched else {}
    later = []
    for row in their_times:
        doc_id = ids.get(row.doc_id)
        if doc_id is None:
            continue
        row = row._replace(doc_id=doc_id, annotator=authority.layer(row.annotator))
        mine = times.get((doc_id, row.annotator, row.day))
        if not _newer((row.updated_at, row.seconds), mine and (mine.updated_at, mine.seconds)):
            continue
        if authority.takes(doc_id, row.annotator):
            later.append(row)
        else:
            authority.leave_out("active time", row.annotator, doc_id)
    for row in authority.active_time_rows(store, later):
        activity_store.put_active_time(store, row)
        report.active_time_updated += 1
    return report


def merge_issued_packages(store, other_conn, report: TeamMergeReport) -> None:
    """A full copy's records of the packages it made (the later update wins): a package one copy
    made can be merged into another."""
    ours = package_store.issued_rows(store.conn)
    for package_id, row in package_store.other_issued_rows(other_conn).items():
        mine = ours.get(package_id)
        if mine is None or (row[3], row) > (mine[3], mine):
            package_store.issue(store, row)
            report.packages_learnt += 1
