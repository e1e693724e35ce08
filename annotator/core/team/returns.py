"""Returns (반려): a reviewer sends a document back to an annotator with a reason.

Returning sets the annotator's status of the document to ``returned`` with the
reason and its time (one undoable operation, written in the reviewer's copy;
merges carry it to the annotator's copy). The annotator sees returned documents
first, with the reason above the text, and marks the document done again; the
reason and time stay on the status, so the reviewer sees the document came
back fixed until they adjudicate it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.errors import ProjectError
from annotator.core.operations import Change, SetStatus
from annotator.core.records import GOLD, RETURNED
from annotator.core.store.store import now
from annotator.core.store import returns as returns_store

WAITING, FIXED = "returned", "fixed"


@dataclass(frozen=True)
class Return:
    """A document returned to ``annotator``: still ``returned`` (waiting for them), or ``fixed``
    (marked done again since, and not adjudicated again after that)."""

    doc_id: int
    annotator: str
    reason: str
    returned_at: str
    state: str


def return_operation(doc_id: int, annotator: str, reason: str) -> SetStatus:
    return SetStatus(doc_id, annotator, RETURNED, "", description="return to annotator", reason=reason.strip(),
                     returned_at=now())


def return_document(project, doc_id: int, annotator: str, reason: str) -> Change:
    """Return ``doc_id`` to ``annotator`` with ``reason`` (undo with the change's inverse)."""
    check_return(project, doc_id, annotator, reason)
    return project.apply(return_operation(doc_id, annotator, reason))


def check_return(project, doc_id: int, annotator: str, reason: str) -> None:
    """Refuse a return that cannot mean anything: to gold, without a reason, or to someone who has
    neither spans nor a status in the document (a misspelt name, most likely)."""
    project.document(doc_id)
    if not annotator or annotator == GOLD:
        raise ProjectError("a document is returned to an annotator, not to the gold layer")
    if not reason.strip():
        raise ProjectError("say why the document goes back (a reason is required)")
    worked = returns_store.has_worked_on(project.store, doc_id, annotator)
    if not worked:
        names = ", ".join(returns_store.annotators_of(project.store, doc_id, GOLD)) or "nobody yet"
        raise ProjectError(f"{annotator} has no spans or status in document {doc_id} (annotators there: {names})")


def returns(project, doc_id: int | None = None, annotator: str | None = None) -> list[Return]:
    """Documents returned and not yet adjudicated again after their fix, oldest return first."""
    found = []
    for row in returns_store.return_rows(project.store, GOLD, doc_id, annotator):
        doc, name, status, reason, returned_at, updated_at, gold_status, gold_updated_at = row
        if status == RETURNED:
            state = WAITING
        elif status == "done" and updated_at > returned_at and not (
                gold_status == "adjudicated" and gold_updated_at > updated_at):
            state = FIXED
        else:
            continue
        found.append(Return(doc, name, reason, returned_at, state))
    return sorted(found, key=lambda r: (r.returned_at, r.doc_id, r.annotator))
