"""Notes: free text on a span, a review candidate or a document (a question to the reviewer, the
reason for a decision).

- A span's note is part of the span (``UpdateSpan(note=...)``): a new revision, so it travels
  with merges like any edit.
- A layer's note on a document, and the reviewer's note on a candidate not in gold (an accepted
  one's note is its gold span's), are rows of their own, merged by their time.

``SetNote`` changes either kind as one undoable operation; ``note_operation`` picks the right
operation for a span, a candidate or the document.

``listed_notes`` is what a reviewer reads: every note of the project in one list (``annotator
notes``), with the flag comments annotators leave when they flag a document (Ctrl+Shift+K; kept
on the status) and the reasons documents were returned with.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from annotator.core.errors import ProjectError
from annotator.core.operations import Change, Operation, UpdateSpan
from annotator.core.records import GOLD, Note
from annotator.core.review.merged_view import ACCEPTED, Candidate
from annotator.core.store import notes as notes_store


@dataclass
class SetNote(Operation):
    """Set ``layer``'s note on a document (``key`` None) or on the candidate ``key`` (start, end, label)."""

    doc_id: int
    layer: str
    text: str
    key: tuple[int, int, str] | None = None
    description: str = "edit note"

    def run(self, store) -> Change:
        before = Note(self.doc_id, self.layer, self.current(store), self.key)
        after = Note(self.doc_id, self.layer, self.text.strip(), self.key)
        if self.key is None:
            notes_store.write_document_note(store, self.doc_id, self.layer, after.text)
        else:
            notes_store.write_candidate_note(store, self.doc_id, self.layer, self.key, after.text)
        inverse = SetNote(self.doc_id, self.layer, before.text, self.key, self.description)
        return Change(notes=[(before, after)], inverse=inverse)

    def current(self, store) -> str:
        if self.key is None:
            return notes_store.document_note(store, self.doc_id, self.layer)
        return notes_store.candidate_note(store, self.doc_id, self.layer, self.key)


def span_note_operation(span_id: int, text: str) -> UpdateSpan:
    return UpdateSpan(span_id, note=text.strip(), description="edit note")


def candidate_note_operation(doc_id: int, candidate: Candidate, text: str) -> Operation:
    """The reviewer's note on a candidate: on its gold span when accepted, else on the candidate."""
    if candidate.state == ACCEPTED and candidate.gold_span_id is not None:
        return span_note_operation(candidate.gold_span_id, text)
    return SetNote(doc_id, GOLD, text, (candidate.start, candidate.end, candidate.label))


def document_note(project, doc_id: int, layer: str) -> str:
    return notes_store.document_note(project.store, doc_id, layer)


def document_notes(project, doc_id: int) -> dict[str, str]:
    """{layer: note} on one document (empty ones left out)."""
    return notes_store.document_notes(project.store, doc_id)


def candidate_notes(project, doc_id: int) -> dict[tuple[int, int, str], list[tuple[str, str]]]:
    """{(start, end, label): [(who, note)]} in one document: the annotators' span notes, then the
    reviewer's (on the gold span, or on the candidate)."""
    found: dict[tuple[int, int, str], list[tuple[str, str]]] = {}
    store = project.store
    spans = notes_store.span_notes(store, doc_id)
    for annotator, start, end, label, note in sorted(spans, key=lambda row: row[0] == GOLD):
        found.setdefault((start, end, label), []).append((annotator, note))
    for key, note in notes_store.candidate_notes(store, doc_id, GOLD).items():
        if (GOLD, note) not in found.get(key, ()):  # accepting copies it to the gold span
            found.setdefault(key, []).append((GOLD, note))
    return found


def candidate_note(project, doc_id: int, candidate: Candidate) -> str:
    """The reviewer's own note on a candidate (what N edits)."""
    if candidate.state == ACCEPTED and candidate.gold_span_id is not None:
        return project.span(candidate.gold_span_id).note
    return notes_store.candidate_note(project.store, doc_id, GOLD, (candidate.start, candidate.end, candidate.label))


# Kinds of note, in the order a listing takes them: an annotator's flag comment (the status
# ``flagged``), a reviewer's return reason, a layer's note on a document, on a span, on a candidate.
FLAG, RETURN, DOCUMENT, SPAN, CANDIDATE = "flag", "return", "document", "span", "candidate"
NOTE_KINDS = (FLAG, RETURN, DOCUMENT, SPAN, CANDIDATE)


@dataclass(frozen=True)
class ListedNote:
    """One note in a listing. ``annotator`` is the layer it belongs to (gold: the reviewer's; a return's
    is the annotator the document went back to); ``time`` is when it was last written (ISO, UTC).
    Span and candidate notes say where: ``start``, ``end``, ``label`` and the ``span_text``."""

    doc_id: int
    title: str
    annotator: str
    kind: str
    text: str
    time: str
    start: int | None = None
    end: int | None = None
    label: str | None = None
    span_text: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def listed_notes(project, annotator: str | None = None, kinds=NOTE_KINDS, doc_id: int | None = None
                 ) -> list[ListedNote]:
    """Every note of ``kinds`` in the project, or in ``annotator``'s layer (the name in any case), or
    in one document, by document and time. A flagged document without a comment is listed with an
    empty text."""
    unknown = [kind for kind in kinds if kind not in NOTE_KINDS]
    if unknown:
        raise ProjectError(f"no note kind {unknown[0]!r} (kinds: {', '.join(NOTE_KINDS)})")
    if not kinds:
        return []
    ordered = [kind for kind in NOTE_KINDS if kind in kinds]
    return [ListedNote(doc_id, title, layer, kind, note, at, start, end, label, span_text)
            for doc_id, title, layer, kind, note, at, start, end, label, span_text
            in notes_store.listed_notes(project.store, ordered, annotator, doc_id)]


def flag_comments(project, annotator: str | None = None, doc_id: int | None = None) -> list[ListedNote]:
    """The documents flagged (Ctrl+Shift+K) with their comments, by document and time."""
    return listed_notes(project, annotator, (FLAG,), doc_id)
