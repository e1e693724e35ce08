"""Adjudication: a reviewer's decisions written to the gold layer, each one undoable operation.

- ``auto_merge``: candidates on which at least K annotators agree exactly go
  into gold (K from ``[review] min_agree``; 0 means every annotator of the
  document, and never fewer than two). A candidate is left out when it is
  already in gold, conflicts with a gold span, was rejected, or conflicts
  with a candidate marked by as many annotators or more (a tie is the
  reviewer's call; a strict majority wins). Merged spans never conflict.
  Documents whose gold status is ``adjudicated`` are finished and left alone.
  Like agreement and the review list, it takes finished documents by default:
  those at least two annotators marked done, counting those annotators only;
  ``all_documents`` takes every document and every annotator who did not skip it.
- ``accept_*``: copy annotator spans into gold, removing conflicting gold spans.
- ``reject_candidate`` / ``reset_candidate``: record or clear a decision.

Annotator layers are never changed here; only the gold layer and rejections.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from annotator.core.store import review as review_store
from annotator.core.safety.backups import take_named_backup
from annotator.core.errors import SpanError
from annotator.core.operations import AddSpans, Batch, Change, Operation, RejectSpans, RemoveSpans, SetStatus, WithdrawRejections
from annotator.core.records import GOLD, Rejection, Span, SpanDraft
from annotator.core.store.notes import candidate_notes
from annotator.core.review.merged_view import (ACCEPTED, ADJUDICATED, MIN_DONE_FOR_REVIEW, REJECTED, DocumentLayers, Key, classify,
                     load_layers, spans_conflict, summarise)


@dataclass
class AutoMergeResult:
    min_agree: int  # as asked: 0 means all annotators of each document
    documents: int  # documents looked at
    change: Change = field(default_factory=Change)  # apply ``change.inverse`` to undo
    skipped_adjudicated: list[int] = field(default_factory=list)
    not_ready: list[int] = field(default_factory=list)  # fewer than two annotators marked them done
    remaining: dict[int, int] = field(default_factory=dict)  # doc id -> disagreements left (only those with some)

    @property
    def merged(self) -> list[Span]:
        return self.change.added

    def merged_by_document(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for span in self.merged:
            counts[span.doc_id] = counts.get(span.doc_id, 0) + 1
        return counts


def required_agreement(min_agree: int, annotators: int) -> int:
    """How many annotators must have a span for it to be merged: K, or all of them (at least two) for 0."""
    return max(annotators, 2) if min_agree == 0 else min_agree


def merge_plan(doc: DocumentLayers, min_agree: int, overlap: str, done_only: bool = False) -> list[tuple[Key, int]]:
    """(candidate, one of its annotator span ids) that auto-merge would add to gold."""
    found = classify(doc, overlap, done_only)
    need = required_agreement(min_agree, len(found.annotators))
    votes = {key: len(who) for key, who in found.marks.items()}
    return [(key, found.marks[key][0][1]) for key in sorted(found.marks)
            if votes[key] >= need and found.states[key] not in (ACCEPTED, REJECTED)
            and all(votes[other] < votes[key] for other in found.conflicts.get(key, ()))]


def auto_merge(project, doc_id: int | None = None, min_agree: int | None = None,
               all_documents: bool = False) -> AutoMergeResult:
    """Merge agreed spans into gold for one document or all (finished ones unless ``all_documents``);
    one operation, undoable."""
    if doc_id is not None:
        project.document(doc_id)
    min_agree = project.schema.min_agree if min_agree is None else min_agree
    if min_agree < 0:
        raise SpanError(f"min_agree must be ≥ 0, not {min_agree}")
    overlap = project.schema.overlap
    docs = load_layers(project.store, doc_id)
    doc_ids = [doc_id] if doc_id is not None else project.store.document_ids()
    result = AutoMergeResult(min_agree, len(doc_ids))
    plan = []
    for i in doc_ids:
        doc = docs.get(i)
        if doc is None:
            continue
        if doc.adjudicated:
            result.skipped_adjudicated.append(i)
            continue
        if not all_documents and len(doc.done()) < MIN_DONE_FOR_REVIEW:
            result.not_ready.append(i)
            continue
        plan += [(i, key, span_id) for key, span_id in merge_plan(doc, min_agree, overlap, not all_documents)]
    attrs = review_store.span_attrs(project.store, [span_id for _, _, span_id in plan])
    drafts = [SpanDraft(i, GOLD, *key, json.loads(attrs.get(span_id) or "{}")) for i, key, span_id in plan]
    if drafts:
        if doc_id is None:  # the whole project at once: a named backup first (one document is undone in the GUI)
            take_named_backup(project.store.path, "adjudicate")
        result.change = project.apply(Batch([AddSpans(drafts, description="auto-merge")], description="auto-merge"))
    after = load_layers(project.store, doc_id)
    left_out = set(result.not_ready)
    for i in doc_ids:
        doc = after.get(i)
        if doc is not None and i not in left_out:
            left = summarise(doc, classify(doc, overlap, not all_documents)).disagreements
            if left:
                result.remaining[i] = left
    return result


def _accept(project, doc_id: int, wanted: list[tuple[Key, Mapping[str, Any]]], description: str) -> Change:
    doc = load_layers(project.store, doc_id).get(doc_id) or DocumentLayers(doc_id)
    gold = doc.gold()
    new = [(key, attrs) for key, attrs in dict((k, a) for k, a in wanted).items() if key not in gold]
    if not new:
        return Change()
    overlap = project.schema.overlap
    replaced = sorted({span_id for g, span_id in gold.items() for key, _ in new if spans_conflict(g, key, overlap)})
    operations: list[Operation] = []
    if replaced:
        operations.append(RemoveSpans(replaced, description=description))
    withdrawn = [Rejection(doc_id, *key) for key, _ in new if key in doc.rejected]
    if withdrawn:
        operations.append(WithdrawRejections(withdrawn, description=description))
    notes = candidate_notes(project.store, doc_id, GOLD)  # the reviewer's note on a candidate goes into gold with it
    operations.append(AddSpans([SpanDraft(doc_id, GOLD, *key, attrs, note=notes.get(key, "")) for key, attrs in new],
                               description=description))
    return project.apply(Batch(operations, description=description))


def accept_candidate(project, doc_id: int, start: int, end: int, label: str,
                     attrs: Mapping[str, Any] | None = None) -> Change:
    """Put (start, end, label) into gold, replacing conflicting gold spans. Nothing happens if it is there."""
    project.document(doc_id)
    return _accept(project, doc_id, [((start, end, label), attrs or {})], "accept span")


def accept_span(project, span_id: int) -> Change:
    """Accept an annotator's span (by id) into gold, with its attributes."""
    span = project.span(span_id)
    if span.annotator == GOLD:
        raise SpanError(f"span {span_id} is already in the gold layer")
    return _accept(project, span.doc_id, [((span.start, span.end, span.label), span.attrs)], "accept span")


def accept_annotator(project, doc_id: int, annotator: str) -> Change:
    """Accept every span of ``annotator`` in a document into gold: one operation."""
    if annotator == GOLD:
        raise SpanError("choose an annotator's layer, not gold")
    project.document(doc_id)
    spans = project.spans(doc_id, annotator)
    return _accept(project, doc_id, [((s.start, s.end, s.label), s.attrs) for s in spans],
                   f"accept all of {annotator}")


def reject_candidate(project, doc_id: int, start: int, end: int, label: str) -> Change:
    """Record that (start, end, label) is wrong; removes it from gold if it was there."""
    project.document(doc_id)
    gold = load_layers(project.store, doc_id).get(doc_id, DocumentLayers(doc_id)).gold()
    operations: list[Operation] = []
    if (start, end, label) in gold:
        operations.append(RemoveSpans([gold[(start, end, label)]], description="reject"))
    operations.append(RejectSpans([Rejection(doc_id, start, end, label)], description="reject"))
    return project.apply(Batch(operations, description="reject"))


def reset_candidate(project, doc_id: int, start: int, end: int, label: str) -> Change:
    """Undecide: remove (start, end, label) from gold and withdraw its rejection."""
    project.document(doc_id)
    gold = load_layers(project.store, doc_id).get(doc_id, DocumentLayers(doc_id)).gold()
    operations: list[Operation] = [WithdrawRejections([Rejection(doc_id, start, end, label)], description="reset")]
    if (start, end, label) in gold:
        operations.insert(0, RemoveSpans([gold[(start, end, label)]], description="reset"))
    return project.apply(Batch(operations, description="reset"))


def mark_adjudicated(project, doc_id: int, comment: str = "") -> Change:
    project.document(doc_id)
    return project.apply(SetStatus(doc_id, GOLD, ADJUDICATED, comment, description="mark adjudicated"))
