"""Every change to annotations is an operation: applied in one transaction, it
reports what changed and carries its inverse (the GUI's undo stack wraps these).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from annotator.core.errors import StaleSpanError
from annotator.core.records import Note, Rejection, Span, SpanDraft, Status


@dataclass
class Change:
    """What one operation did; ``inverse`` undoes it."""

    added: list[Span] = field(default_factory=list)
    removed: list[Span] = field(default_factory=list)
    updated: list[tuple[Span, Span]] = field(default_factory=list)  # (before, after)
    statuses: list[tuple[Status, Status]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)  # review candidates or suggestions turned down
    unrejected: list[Rejection] = field(default_factory=list)  # rejections withdrawn
    notes: list[tuple[Note, Note]] = field(default_factory=list)  # document and candidate notes (before, after)
    inverse: "Operation | None" = None

    @property
    def doc_ids(self) -> set[int]:
        ids = {s.doc_id for s in self.added + self.removed}
        ids |= {after.doc_id for _, after in self.updated}
        ids |= {after.doc_id for _, after in self.statuses}
        ids |= {r.doc_id for r in self.rejected + self.unrejected}
        ids |= {after.doc_id for _, after in self.notes}
        return ids

    def merge(self, other: "Change") -> None:
        self.added += other.added
        self.removed += other.removed
        self.updated += other.updated
        self.statuses += other.statuses
        self.rejected += other.rejected
        self.unrejected += other.unrejected
        self.notes += other.notes


class Operation:
    """Base: ``run`` performs the change through the store's primitives."""

    description = "change"

    def run(self, store) -> Change:  # pragma: no cover - abstract
        raise NotImplementedError


def _check_revision(span: Span | None, rev: str | None) -> None:
    """Optimistic concurrency: an edit made on the span as a window showed it (revision ``rev``) is
    refused when someone else changed or deleted the span since (another reviewer's gold edit)."""
    if rev is None or (span is not None and span.rev == rev):
        return
    if span is None:
        raise StaleSpanError("the span was deleted by someone else since your window showed it; nothing was changed")
    raise StaleSpanError(f"the span was changed by someone else since your window showed it (it is now "
                         f"{span.label} “{span.text}” by {span.annotator}); nothing was changed: look again and "
                         "repeat the edit if it still holds")


def _check_current(span: Span | None, expected: Span, what: str) -> None:
    """Undo and redo touch only the span the step itself left behind: the same identity (ids can
    repeat after a restore) with the same content. Content, not revision: undoing a deletion
    brings the span back under a new revision, and the steps before it must still undo."""
    same = span is not None and span.uid == expected.uid and (
        (span.doc_id, span.annotator, span.start, span.end, span.label, dict(span.attrs), span.note)
        == (expected.doc_id, expected.annotator, expected.start, expected.end, expected.label,
            dict(expected.attrs), expected.note))
    if not same:
        raise StaleSpanError(f"cannot {what}: the span was changed since by a merge, a restore or another "
                             "window; nothing was changed")


@dataclass
class AddSpans(Operation):
    drafts: Sequence[SpanDraft]
    description: str = "add span"

    def run(self, store) -> Change:
        added = [store.add_span(draft) for draft in self.drafts]
        expected = {s.id: s for s in added}
        return Change(added=added, inverse=RemoveSpans([s.id for s in added], description=self.description,
                                                       expected=expected))


@dataclass
class RemoveSpans(Operation):
    """Delete spans; ``expected`` ({id: span as the step left it}, set on an undo step) refuses
    spans that changed since; ``revs`` ({id: revision the window showed}) refuses spans others changed."""

    span_ids: Sequence[int]
    description: str = "remove span"
    expected: Mapping[int, Span] | None = None
    revs: Mapping[int, str] | None = None

    def run(self, store) -> Change:
        for span_id, span in (self.expected or {}).items():
            _check_current(store.span(span_id), span, f"undo “{self.description}”")
        for span_id, rev in (self.revs or {}).items():
            _check_revision(store.span(span_id), rev)
        removed = [s for s in (store.span(i) for i in self.span_ids) if s is not None]
        for span in removed:
            store.delete_span(span.id)
        restore = [
            SpanDraft(s.doc_id, s.annotator, s.start, s.end, s.label, s.attrs, id=s.id, uid=s.uid, note=s.note)
            for s in removed
        ]
        return Change(removed=removed, inverse=AddSpans(restore, description=self.description))


@dataclass
class UpdateSpan(Operation):
    """Relabel, move a boundary, change attributes or the note; ``None`` keeps a field.
    ``drop_attrs`` removes those attributes (see ``relabel``). ``expect`` (the span as the step
    left it, set on an undo step) refuses a span changed since; ``rev`` (the revision the window
    showed) refuses a span someone else changed or deleted since."""

    span_id: int
    start: int | None = None
    end: int | None = None
    label: str | None = None
    attrs: Mapping[str, Any] | None = None
    description: str = "edit span"
    note: str | None = None
    expect: Span | None = None
    drop_attrs: Sequence[str] = ()
    rev: str | None = None

    def run(self, store) -> Change:
        before = store.span(self.span_id)
        _check_revision(before, self.rev)
        if self.expect is not None:
            _check_current(before, self.expect, f"undo “{self.description}”")
        if before is None:
            return Change()
        attrs = dict(before.attrs if self.attrs is None else self.attrs)
        store.update_span(
            before.id,
            start=before.start if self.start is None else self.start,
            end=before.end if self.end is None else self.end,
            label=before.label if self.label is None else self.label,
            attrs={key: value for key, value in attrs.items() if key not in self.drop_attrs},
            note=self.note,
        )
        after = store.span(before.id)
        inverse = UpdateSpan(before.id, before.start, before.end, before.label, dict(before.attrs), self.description,
                             note=before.note, expect=after)
        return Change(updated=[(before, after)], inverse=inverse)


def relabel(span: Span, label: str, schema, checked: bool = False) -> UpdateSpan:
    """Give ``span`` another label. What the old label's recognisers set (an amount's value, an
    agency's canonical name) described it as that label and goes; other attributes stay. ``checked``:
    refused if someone else changed the span since (see ``UpdateSpan.rev``)."""
    dropped = () if label == span.label else tuple(sorted(schema.recogniser_attributes(span.label)))
    return UpdateSpan(span.id, label=label, drop_attrs=dropped, description="relabel span",
                      rev=span.rev if checked else None)


@dataclass
class SetStatus(Operation):
    """Set a status; ``reason`` and ``returned_at`` (a reviewer's return) are kept when ``None``."""

    doc_id: int
    annotator: str
    status: str
    comment: str = ""
    description: str = "set status"
    reason: str | None = None
    returned_at: str | None = None

    def run(self, store) -> Change:
        before = store.status(self.doc_id, self.annotator)
        after = Status(self.doc_id, self.annotator, self.status, self.comment,
                       before.reason if self.reason is None else self.reason,
                       before.returned_at if self.returned_at is None else self.returned_at)
        store.write_status(after)
        inverse = SetStatus(before.doc_id, before.annotator, before.status, before.comment, self.description,
                            before.reason, before.returned_at)
        return Change(statuses=[(before, after)], inverse=inverse)


@dataclass
class Batch(Operation):
    """Several operations as one undoable step (accept all suggestions, adjudicate a document)."""

    operations: Sequence[Operation]
    description: str = "change"

    def run(self, store) -> Change:
        total = Change()
        inverses = []
        for operation in self.operations:
            change = operation.run(store)
            total.merge(change)
            if change.inverse is not None:
                inverses.append(change.inverse)
        total.inverse = Batch(list(reversed(inverses)), description=self.description)
        return total


@dataclass
class RejectSpans(Operation):
    """Record rejections: a reviewer's of candidates (layer gold), an annotator's of suggestions.
    Ones already stored are kept as they are."""

    rejections: Sequence[Rejection]
    description: str = "reject"

    def run(self, store) -> Change:
        from annotator.core.store import review as review_store

        new = review_store.insert_rejections(store, self.rejections)
        return Change(rejected=new, inverse=WithdrawRejections(new, description=self.description))


@dataclass
class WithdrawRejections(Operation):
    rejections: Sequence[Rejection]
    description: str = "withdraw rejection"

    def run(self, store) -> Change:
        from annotator.core.store import review as review_store

        gone = review_store.delete_rejections(store, self.rejections)
        return Change(unrejected=gone, inverse=RejectSpans(gone, description=self.description))
