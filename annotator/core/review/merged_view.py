"""The merged view a reviewer adjudicates (INCEpTION's curation is the model).

Every annotator layer of a document (all layers except gold) is grouped into
candidates keyed by (start, end, label). Each candidate has a state:

- ``accepted``: the gold layer has exactly this span;
- ``rejected``: a conflicting gold span exists, or the reviewer rejected it;
- ``disagreement``: it conflicts with another annotator's candidate;
- ``agreed``: every annotator of the document has it (at least two of them);
- ``incomplete``: only some annotators have it, and nobody contradicts it.

The first that applies wins, in that order. Two spans *conflict* when they
overlap and are not identical, except that under a ``nested`` or ``allow``
overlap policy a span properly inside another with a different label does not
conflict (both can be right).

The *annotators of a document* are every layer except gold with a span or a
status in it, minus those whose status is ``skipped``; with ``done_only`` only
those whose status is ``done``. Gold spans no annotator has are candidates too
(``accepted``, no annotators), so the merged view shows the whole gold layer.

A document's review state is ``adjudicated`` when its gold status is
``adjudicated``; ``ready`` when its assigned annotators (``team.assignment``;
those who skipped it aside) all marked it done, or, for a document assigned
to nobody, when at least two annotators marked it done; ``not_ready``
otherwise. Annotator layers are never changed by review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from annotator.core.store import review as review_store
from annotator.core.records import GOLD
from annotator.core.store import assignments as assignment_store

AGREED, ACCEPTED, REJECTED, DISAGREEMENT, INCOMPLETE = "agreed", "accepted", "rejected", "disagreement", "incomplete"
CANDIDATE_STATES = (AGREED, ACCEPTED, REJECTED, DISAGREEMENT, INCOMPLETE)
NOT_READY, READY, ADJUDICATED = "not_ready", "ready", "adjudicated"
REVIEW_STATES = (NOT_READY, READY, ADJUDICATED)
MIN_DONE_FOR_REVIEW = 2  # agreement needs two people

Key = tuple[int, int, str]  # (start, end, label)


def spans_conflict(a: Key, b: Key, overlap: str = "forbid") -> bool:
    """Whether two (start, end, label) spans cannot both be right (see the module docstring)."""
    if a == b or not (a[0] < b[1] and b[0] < a[1]):
        return False
    if overlap == "forbid" or a[2] == b[2] or a[:2] == b[:2]:
        return True
    nested = (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
    return not nested


@dataclass(frozen=True)
class Candidate:
    """One (start, end, label) of the merged view, with who marked it and its state."""

    start: int
    end: int
    label: str
    text: str
    annotators: tuple[str, ...]
    state: str
    span_ids: tuple[int, ...] = ()  # the annotators' spans, in the order of ``annotators``
    gold_span_id: int | None = None  # set when accepted


@dataclass(frozen=True)
class DocumentReview:
    """A document's line in the reviewer's list."""

    doc_id: int
    state: str
    annotators: tuple[str, ...]  # who counts for this document
    done: tuple[str, ...]  # who marked it done
    counts: Mapping[str, int] = field(default_factory=dict)  # candidates per state

    def __post_init__(self):
        object.__setattr__(self, "counts", MappingProxyType({s: self.counts.get(s, 0) for s in CANDIDATE_STATES}))

    @property
    def disagreements(self) -> int:
        return self.counts[DISAGREEMENT]


@dataclass
class DocumentLayers:
    """What review needs to know about one document, built from whole-project rows."""

    doc_id: int
    layers: dict[str, list[tuple[int, int, str, int]]] = field(default_factory=dict)  # name -> (s, e, label, id)
    statuses: dict[str, str] = field(default_factory=dict)
    rejected: set[Key] = field(default_factory=set)
    assigned: set[str] = field(default_factory=set)  # who is to label it (empty: nobody in particular)

    def annotators(self, done_only: bool = False) -> tuple[str, ...]:
        names = (set(self.layers) | set(self.statuses)) - {GOLD}
        if done_only:
            return tuple(sorted(n for n in names if self.statuses.get(n) == "done"))
        return tuple(sorted(n for n in names if self.statuses.get(n) != "skipped"))

    def done(self) -> tuple[str, ...]:
        return tuple(sorted(n for n, s in self.statuses.items() if s == "done" and n != GOLD))

    def gold(self) -> dict[Key, int]:
        return {(s, e, label): span_id for s, e, label, span_id in self.layers.get(GOLD, ())}

    @property
    def adjudicated(self) -> bool:
        return self.statuses.get(GOLD) == ADJUDICATED


def load_layers(store, doc_id: int | None = None) -> dict[int, DocumentLayers]:
    """Layers, statuses and rejections of one document or of all (one query each)."""
    docs: dict[int, DocumentLayers] = {}

    def get(i: int) -> DocumentLayers:
        doc = docs.get(i)
        if doc is None:
            doc = docs[i] = DocumentLayers(i)
        return doc

    for d, annotator, start, end, label, span_id in review_store.layer_rows(store, doc_id):
        get(d).layers.setdefault(annotator, []).append((start, end, label, span_id))
    for d, annotator, status in review_store.status_rows(store, doc_id):
        get(d).statuses[annotator] = status
    for d, start, end, label in review_store.rejection_rows(store, doc_id):
        get(d).rejected.add((start, end, label))
    for row in assignment_store.assignment_rows(store, doc_id=doc_id):
        get(row.doc_id).assigned.add(row.annotator)
    return docs


def assigned_done(assigned: set[str], statuses: dict[str, str]) -> bool:
    """Whether every assigned annotator who did not skip the document marked it done (one at least)."""
    expected = [name for name in assigned if statuses.get(name) != "skipped"]
    return bool(expected) and all(statuses.get(name) == "done" for name in expected)


@dataclass
class Classified:
    """A document's candidates: who marked each, its state, and which candidates it conflicts with."""

    annotators: tuple[str, ...]
    marks: dict[Key, list[tuple[str, int]]]  # key -> [(annotator, span id)], gold-only keys have []
    states: dict[Key, str]
    conflicts: dict[Key, set[Key]]  # among annotators' candidates
    gold: dict[Key, int]


def classify(doc: DocumentLayers, overlap: str = "forbid", done_only: bool = False) -> Classified:
    annotators = doc.annotators(done_only)
    marks: dict[Key, list[tuple[str, int]]] = {}
    for name in annotators:
        for start, end, label, span_id in doc.layers.get(name, ()):
            marks.setdefault((start, end, label), []).append((name, span_id))
    gold = doc.gold()
    conflicts: dict[Key, set[Key]] = {}
    against_gold: set[Key] = set()
    # Sweep candidates and gold in start order; only spans starting inside another can overlap it.
    items = sorted([(*key, False) for key in marks] + [(*key, True) for key in gold])
    for i, (start, end, label, is_gold) in enumerate(items):
        for j in range(i + 1, len(items)):
            other = items[j]
            if other[0] >= end:
                break
            if other[3] == is_gold and is_gold:
                continue
            if not spans_conflict((start, end, label), other[:3], overlap):
                continue
            if is_gold:
                against_gold.add(other[:3])
            elif other[3]:
                against_gold.add((start, end, label))
            else:
                conflicts.setdefault((start, end, label), set()).add(other[:3])
                conflicts.setdefault(other[:3], set()).add((start, end, label))
    states: dict[Key, str] = {}
    for key, who in marks.items():
        if key in gold:
            states[key] = ACCEPTED
        elif key in doc.rejected or key in against_gold:
            states[key] = REJECTED
        elif key in conflicts:
            states[key] = DISAGREEMENT
        elif len(who) == len(annotators) >= 2:
            states[key] = AGREED
        else:
            states[key] = INCOMPLETE
    for key in gold:
        if key not in marks:
            marks[key] = []
            states[key] = ACCEPTED
    return Classified(annotators, marks, states, conflicts, gold)


def review_candidates(project, doc_id: int, done_only: bool = False) -> list[Candidate]:
    """The merged view of one document, ordered by position."""
    text = project.document(doc_id).text
    doc = load_layers(project.store, doc_id).get(doc_id) or DocumentLayers(doc_id)
    found = classify(doc, project.schema.overlap, done_only)
    candidates = []
    for key in sorted(found.marks):
        start, end, label = key
        who = found.marks[key]
        candidates.append(Candidate(start, end, label, text[start:end], tuple(a for a, _ in who), found.states[key],
                                    tuple(i for _, i in who), found.gold.get(key)))
    return candidates


def summarise(doc: DocumentLayers, found: Classified) -> DocumentReview:
    counts: dict[str, int] = {}
    for state in found.states.values():
        counts[state] = counts.get(state, 0) + 1
    done = doc.done()
    if doc.adjudicated:
        state = ADJUDICATED
    elif doc.assigned:
        state = READY if assigned_done(doc.assigned, doc.statuses) else NOT_READY
    elif len(done) >= MIN_DONE_FOR_REVIEW:
        state = READY
    else:
        state = NOT_READY
    return DocumentReview(doc.doc_id, state, found.annotators, done, counts)


def review_state(project, doc_id: int, done_only: bool = False) -> DocumentReview:
    """One document's review state: refresh a row of the document list after a change."""
    project.document(doc_id)
    doc = load_layers(project.store, doc_id).get(doc_id) or DocumentLayers(doc_id)
    return summarise(doc, classify(doc, project.schema.overlap, done_only))


def review_states(project, done_only: bool = False) -> dict[int, DocumentReview]:
    """Every document's review state and candidate counts, from one query over spans."""
    docs = load_layers(project.store)
    overlap = project.schema.overlap
    states = {}
    for doc_id in project.store.document_ids():
        doc = docs.get(doc_id) or DocumentLayers(doc_id)
        states[doc_id] = summarise(doc, classify(doc, overlap, done_only))
    return states


def ready_documents(project) -> list[int]:
    """Ids of the documents in state ``ready`` (not adjudicated yet), without classifying any spans."""
    unassigned = review_store.ready_document_ids(project.store, GOLD, MIN_DONE_FOR_REVIEW)
    assigned = assignment_store.annotators_by_document(project.store)
    if not assigned:
        return unassigned
    statuses: dict[int, dict[str, str]] = {}
    for doc_id, name, status in review_store.status_rows(project.store):
        if doc_id in assigned:
            statuses.setdefault(doc_id, {})[name] = status
    ready = [d for d, names in assigned.items()
             if statuses.get(d, {}).get(GOLD) != ADJUDICATED and assigned_done(names, statuses.get(d, {}))]
    return sorted([d for d in unassigned if d not in assigned] + ready)
