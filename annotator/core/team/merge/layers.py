"""Bringing the other copy's layers into this project (after its documents came in).

Spans go by identity (``versions.resolve``): added, edited, deleted and
brought back as the newer version says, conflicts reported with both
versions. A copy from before span identities (schema 0002 or older) is
matched by content and only adds, as merges did then. Statuses (returns with
their reason included), rejections (withdrawn ones included) and notes are
rows whose later version wins, the values breaking a tie, so every copy
settles on the same row whatever the order of merges.

Each layer has one writer (an annotator's layer in their copy, gold and
returns in the reviewer's). From a package, or a copy taken as one annotator's,
only that annotator's rows come in (``authority``): every other row that would
have changed something here is left out and counted. A full copy is taken
whole, as a reviewer may work in more than one copy, and a second reviewer in
theirs: a stale gold span in it is an older revision and loses, so it never
undoes the reviewer's decision; gold *edited* there is newer work and comes in
like any edit, counted per layer in the report (``gold 2 edited``) so the
reviewer sees it and can restore the backup taken before the merge; gold
changed in both copies is a conflict, and ours is kept.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.core.records import RETURNED
from annotator.core.review.merged_view import Key, spans_conflict
from annotator.core.store import versions as versions_store
from annotator.core.team.merge.authority import Authority
from annotator.core.team.merge.report import KEPT_OURS, TOOK_THEIRS, UNSETTLED, LayerOverlap, MergeConflict, MergeReport, ShownVersion
from annotator.core.team.merge.versions import SpanVersion, resolve


class _Texts:
    """Document texts and uids, read only for the documents a conflict names."""

    def __init__(self, store):
        self.store = store
        self.documents = {}

    def of(self, doc_id: int):
        document = self.documents.get(doc_id)
        if document is None:
            document = self.documents[doc_id] = self.store.document(doc_id)
        return document


def merge_layers(project, other, ids: dict[int, int], report: MergeReport, prefer: str | None,
                 authority: Authority) -> None:
    if other.has_span_identity():
        merge_span_versions(project, other, ids, report, prefer, authority)
    else:
        report.by_content = True
        merge_spans_by_content(project, other, ids, report, authority)
    merge_statuses(project.store, other, ids, report, authority)
    merge_rejections(project.store, other, ids, report, authority)
    merge_document_notes(project.store, other, ids, report, authority)
    if project.schema.overlap == "forbid":
        report_overlaps(project.store, ids.values(), report)


def report_overlaps(store, doc_ids, report: MergeReport) -> None:
    """Spans of one layer in the merged documents that overlap: reported on every merge until fixed
    (dropping one would make the result depend on the order of merges)."""
    texts = _Texts(store)
    for doc_id, layer, first, second in versions_store.overlapping_pairs(store, doc_ids):
        document = texts.of(doc_id)
        shown = [ShownVersion(False, start, end, label, document.text[start:end], note, when, rev)
                 for start, end, label, note, when, rev in (first, second)]
        report.overlaps.append(LayerOverlap(document.uid, doc_id, layer, *shown))


def _their_versions(other, ids: dict[int, int], known: dict[str, tuple[str, str]], report: MergeReport,
                    authority: Authority):
    """Their versions this project does not have as they are (most spans it has: counted, not read whole),
    under this project's names of their layers."""
    seen = set()
    for rows, rev_at, version in ((other.span_versions(), 8, versions_store.live_version),
                                  (other.tombstones(), 6, versions_store.tombstone_version)):
        for row in rows:
            uid = row[0]
            if uid in seen or row[1] not in ids:
                continue
            seen.add(uid)
            if known.get(uid) == (row[rev_at], row[rev_at + 1]):
                report.spans_identical += 1
                continue
            theirs = version(row, ids[row[1]])
            layer = authority.layer(theirs.annotator)
            yield theirs if layer == theirs.annotator else replace(theirs, annotator=layer)


def _taken(authority: Authority, mine: SpanVersion | None, theirs: SpanVersion) -> bool:
    """Whether a merge restricted to one annotator takes their version of a span: hers, in her
    documents, and not a span of another layer here. One left out that is not older than ours counts."""
    layer = theirs.annotator
    if authority.takes(theirs.doc_id, layer) and (
            mine is None or (mine.annotator == layer and authority.takes(mine.doc_id, layer))):
        return True
    if mine is None or not (theirs.rev == mine.rev or theirs.rev in mine.history):
        where = mine or theirs
        authority.leave_out("span deletions" if theirs.deleted else "spans", where.annotator, where.doc_id)
    return False


def merge_span_versions(project, other, ids: dict[int, int], report: MergeReport, prefer: str | None,
                        authority: Authority) -> None:
    store = project.store
    known = versions_store.revisions(store, other.span_uids())
    texts = _Texts(store)
    new = []  # spans never seen here, stored together at the end
    for theirs in list(_their_versions(other, ids, known, report, authority)):
        mine = versions_store.span_version(store, theirs.uid) if theirs.uid in known else None
        if not authority.whole and not _taken(authority, mine, theirs):
            continue
        if not theirs.deleted and project.schema.label(theirs.label) is None:
            report.unknown_labels[theirs.label] = report.unknown_labels.get(theirs.label, 0) + 1
            continue
        outcome = resolve(mine, theirs, prefer)
        if outcome.conflict:
            document = texts.of(mine.doc_id)
            resolution = UNSETTLED if not outcome.settled else TOOK_THEIRS if outcome.theirs_won else KEPT_OURS
            report.conflicts.append(MergeConflict(document.uid, mine.doc_id, mine.annotator,
                                                  ShownVersion.of(mine, document.text),
                                                  ShownVersion.of(theirs, document.text), resolution, theirs.uid))
        if not outcome.writes(mine):
            if not outcome.conflict:
                report.spans_identical += 1
            continue
        if mine is None and not theirs.deleted:
            new.append(theirs)
        else:
            versions_store.write_version(store, mine, outcome.winner)
        kind = _what_changed(mine, outcome.winner)
        if kind is None:
            report.revisions_recorded += 1
        else:
            report.count_span(kind, outcome.winner.annotator)
    versions_store.insert_new(store, new)


def _what_changed(mine: SpanVersion | None, winner: SpanVersion) -> str | None:
    """The change as a person sees it (added, updated, deleted, restored); None when only the history
    grew (or a deletion of a span never seen here was recorded)."""
    if mine is None:
        return None if winner.deleted else "added"
    if mine.content() == winner.content():
        return None
    if winner.deleted:
        return "deleted"
    return "restored" if mine.deleted else "updated"


def merge_spans_by_content(project, other, ids: dict[int, int], report: MergeReport, authority: Authority) -> None:
    """A copy without span identities: a span the same layer has here is skipped, one that conflicts
    with a span of the layer here is reported (not stored), the rest are added under new identities."""
    from annotator.core.store.merge import insert_spans

    layers: dict[tuple[int, str], set[Key]] = {}
    for doc_id, name, start, end, label in versions_store.spans_without_identity(project.store, ids.values()):
        layers.setdefault((doc_id, name), set()).add((start, end, label))
    overlap = project.schema.overlap
    texts = _Texts(project.store)
    rows = []
    for their_doc, name, start, end, label, attrs, created_at in other.spans():
        doc_id, name = ids.get(their_doc), authority.layer(name)
        if doc_id is None:
            continue
        layer = layers.setdefault((doc_id, name), set())
        key = (start, end, label)
        if key in layer:
            report.spans_identical += 1
            continue
        if not authority.takes(doc_id, name):
            authority.leave_out("spans", name, doc_id)
            continue
        if project.schema.label(label) is None:
            report.unknown_labels[label] = report.unknown_labels.get(label, 0) + 1
            continue
        clash = next((mine for mine in sorted(layer) if spans_conflict(mine, key, overlap)), None)
        if clash is not None:
            document = texts.of(doc_id)
            shown = [ShownVersion(False, s, e, lab, document.text[s:e], "", "", "") for s, e, lab in (clash, key)]
            report.conflicts.append(MergeConflict(document.uid, doc_id, name, *shown))
            continue
        layer.add(key)
        rows.append((doc_id, name, start, end, label, attrs, created_at))
        report.count_span("added", name)
    insert_spans(project.store, rows)


def _later(mine: tuple | None, theirs: tuple) -> bool:
    """Whether their row replaces ours: the later time wins, then the larger values (any copy agrees)."""
    return mine is None or theirs > mine


def merge_statuses(store, other, ids: dict[int, int], report: MergeReport, authority: Authority) -> None:
    theirs = [row for row in other.statuses() if row[0] in ids]
    ours = versions_store.status_rows(store, (ids[row[0]] for row in theirs))
    for their_doc, name, *row in theirs:
        name = authority.layer(name)
        key, row = (ids[their_doc], name), tuple(row)
        mine = ours.get(key)
        if not _later(mine, row):
            continue
        row = authority.status_row(key[0], name, mine, row)
        if row is None or row == mine:
            continue
        versions_store.write_status_row(store, key, row)
        report.statuses_updated += 1
        _, status, _, reason, returned_at = row
        if status == RETURNED and (mine is None or (mine[1], mine[4]) != (status, returned_at)):
            report.returns_received += 1


def merge_rejections(store, other, ids: dict[int, int], report: MergeReport, authority: Authority) -> None:
    theirs = [row for row in other.rejections() if row[0] in ids]
    ours = versions_store.rejection_rows(store, (ids[row[0]] for row in theirs))
    for their_doc, layer, start, end, label, *row in theirs:
        layer = authority.layer(layer)
        key, row = (ids[their_doc], layer, start, end, label), tuple(row)
        mine = ours.get(key)
        if not _later(mine, row):
            continue
        if not authority.takes(key[0], layer):
            authority.leave_out("rejections", layer, key[0])
            continue
        versions_store.write_rejection_row(store, key, row)
        was_rejected = bool(mine and mine[1])
        if row[1] and not was_rejected:
            report.rejections_added += 1
        elif not row[1] and was_rejected:
            report.rejections_withdrawn += 1
        if row[2] != (mine[2] if mine else ""):
            report.notes_updated += 1


def merge_document_notes(store, other, ids: dict[int, int], report: MergeReport, authority: Authority) -> None:
    theirs = [row for row in other.document_notes() if row[0] in ids]
    ours = versions_store.document_note_rows(store, (ids[row[0]] for row in theirs))
    for their_doc, layer, *row in theirs:
        layer = authority.layer(layer)
        key, row = (ids[their_doc], layer), tuple(row)
        if not _later(ours.get(key), row):
            continue
        if not authority.takes(key[0], layer):
            authority.leave_out("notes", layer, key[0])
            continue
        versions_store.write_document_note_row(store, key, row)
        report.notes_updated += 1
