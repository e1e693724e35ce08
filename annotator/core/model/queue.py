"""The next document to label, chosen by a stated rule, with the reason.

1. Documents returned to the annotator (반려), then calibration documents
   they have not finished, in document order.
2. Otherwise one of their unfinished documents (new or in progress; only
   those assigned to them, when there are assignments):
   - with no model yet, the next in document order ("order");
   - else a draw seeded by the annotator and how many documents they have
     left: ``random_share`` of the time (default 20 %) a document at
     random ("random"), so the model never steers the whole sample; a quarter
     of the rest the document the model expects to hold most spans of a rare
     label ("rare": one with fewer than ``RARE_SPANS`` training spans, or under
     a quarter of the most frequent label's), when one is expected to hold at
     least one; otherwise the document the model is least sure of: the
     lowest probability of its best tagging of any sentence ("uncertain").
   The model scores at most ``POOL`` unfinished documents, a seeded sample,
   so a choice takes well under a second in any project.

A name the project has never seen (no spans, statuses or assignments) gets
the queue of a newcomer, every document; ``annotator_warning`` says so, since
it is more often a typo or another spelling of a known name.

Returned documents are those whose status for the annotator is
``returned`` (the team's returns); calibration documents and assignments come
from the distribution of work (``team_inputs``), or are passed in as
``QueueInputs``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Collection, Sequence

from annotator.core.text.morphemes import unpack_morphemes
from annotator.core.store import assignments as assignment_store
from annotator.core.team.assignment import unknown_annotator
from annotator.core.store.worklist import WorklistStore
from annotator.core.store import model as model_store
from annotator.core.model.features import tokens_of

POOL = 120
RARE_SPANS = 30
RARE_SHARE = 0.25
RETURNED, CALIBRATION, ORDER, RANDOM, RARE, UNCERTAIN = "returned", "calibration", "order", "random", "rare", "uncertain"
UNFINISHED = ("new", "in_progress")


@dataclass(frozen=True)
class QueueInputs:
    returned: Sequence[int] | None = None  # None: the documents whose status is "returned"
    calibration: Sequence[int] = ()
    assigned: Collection[int] | None = None  # None: every document


@dataclass(frozen=True)
class QueueEntry:
    doc_id: int
    reason: str  # RETURNED, CALIBRATION, ORDER, RANDOM, RARE or UNCERTAIN
    score: float | None = None  # uncertain: the lowest sentence probability; rare: the expected spans
    label: str | None = None  # rare: the label

    def describe(self) -> str:
        """The reason in a few words (the CLI; the GUI words it in the interface language)."""
        if self.reason == UNCERTAIN:
            return f"uncertain: {self.score:.2f}"
        if self.reason == RARE:
            return f"rare label {self.label}: {self.score:.1f} expected"
        return self.reason

    def to_json(self) -> dict:
        return {"id": self.doc_id, "reason": self.reason, "score": _rounded(self.score), "label": self.label}


def team_inputs(store, annotator: str) -> QueueInputs:
    """The annotator's calibration documents and assigned documents (``annotator assign``); with no
    assignments, every document is theirs to take."""
    rows = assignment_store.assignment_rows(store, annotator)
    if not rows:
        return QueueInputs()
    return QueueInputs(calibration=[r.doc_id for r in rows if r.calibration], assigned={r.doc_id for r in rows})


def annotator_warning(project, annotator: str) -> str | None:
    """Why a queue for ``annotator`` may not be what was meant, or None: a name with no spans, statuses
    or assignments (``unknown_annotator``), or a name without assignments in a project that assigns
    its documents."""
    unknown = unknown_annotator(project, annotator)
    if unknown:
        return unknown + ("" if "did you mean" in unknown else "; this is the queue of someone new over every document")
    assigned = assignment_store.documents_by_annotator(project.store)
    if assigned and annotator not in assigned:
        return (f"{annotator} has no assigned documents (the project assigns its documents to "
                f"{', '.join(sorted(assigned))}); this queue is over every document")
    return None


def next_documents(project, annotator: str, count: int = 1, after: int | None = None,
                   inputs: QueueInputs | None = None, candidates: Collection[int] | None = None,
                   seed: int = 0) -> list[QueueEntry]:
    """Up to ``count`` documents for ``annotator``, best first; never ``after`` (the one just
    finished); ``candidates`` narrows the unfinished documents (a filtered list)."""
    store = project.store
    inputs = inputs or team_inputs(store, annotator)
    returned = inputs.returned if inputs.returned is not None else sorted(
        WorklistStore(store).returned_ids(annotator))
    unfinished = set(model_store.documents_with_status(store, annotator, UNFINISHED))
    chosen: list[QueueEntry] = []
    taken = {after}
    for doc_id in returned:
        if doc_id not in taken:
            chosen.append(QueueEntry(doc_id, RETURNED))
            taken.add(doc_id)
    for doc_id in inputs.calibration:
        if doc_id in unfinished and doc_id not in taken:
            chosen.append(QueueEntry(doc_id, CALIBRATION))
            taken.add(doc_id)
    open_ids = sorted(d for d in unfinished if d not in taken
                      and (inputs.assigned is None or d in inputs.assigned)
                      and (candidates is None or d in candidates))
    if len(chosen) >= count or not open_ids:
        return chosen[:count]
    loaded = project.model_files.current()
    if loaded is None:
        following = [d for d in open_ids if after is None or d > after] + [d for d in open_ids if after and d < after]
        return chosen + [QueueEntry(d, ORDER) for d in following[:count - len(chosen)]]
    rng = random.Random(f"{annotator}:{len(open_ids)}:{seed}")  # a new draw once a document is finished
    scored = _score_pool(project, loaded, rng.sample(open_ids, min(POOL, len(open_ids))))
    rare = _rare_labels(loaded.info)
    share = project.schema.model.random_share
    while len(chosen) < count and open_ids:
        draw = rng.random()
        entry = None
        if draw < share:
            entry = QueueEntry(rng.choice(open_ids), RANDOM)
        elif draw < share + (1 - share) * RARE_SHARE and rare:
            entry = _most_rare(scored, rare)
        if entry is None and scored:
            doc_id, tagged = min(scored.items(), key=lambda item: (item[1].lowest_sentence_probability, item[0]))
            entry = QueueEntry(doc_id, UNCERTAIN, tagged.lowest_sentence_probability)
        if entry is None:
            entry = QueueEntry(open_ids[0], ORDER)
        chosen.append(entry)
        open_ids.remove(entry.doc_id)
        scored.pop(entry.doc_id, None)
    return chosen


def _score_pool(project, loaded, doc_ids: list[int]) -> dict:
    """doc_id -> the model's ``TaggedDocument`` (with expected spans per label)."""
    scored = {}
    for doc_id, text, blob in model_store.analysed_documents(project.store, doc_ids):
        morphemes = unpack_morphemes(blob)
        hits = project.suggester.rule_candidates(text, morphemes) if loaded.info.rule_features else ()
        scored[doc_id] = loaded.crf.tag(text, tokens_of(text, morphemes), hits, mass=True)
    return scored


def _rare_labels(info) -> set[str]:
    """Labels the model knows that have few training spans (see the module's rule)."""
    counts = {label: score.training_spans for label, score in info.scores.items() if score.training_spans}
    most = max(counts.values(), default=0)
    return {label for label, spans in counts.items() if spans < RARE_SPANS or spans < most * RARE_SHARE}


def _most_rare(scored: dict, rare: set[str]) -> QueueEntry | None:
    best = None
    for doc_id, tagged in scored.items():
        for label in rare:
            expected = tagged.label_mass.get(label, 0.0)
            if expected >= 1.0 and (best is None or expected > best.score):
                best = QueueEntry(doc_id, RARE, expected, label)
    return best


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
