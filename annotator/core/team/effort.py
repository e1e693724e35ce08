"""Progress and effort per annotator: what ``annotator stats`` and the Progress tab show.

- *done of assigned*: documents assigned to the annotator that they marked
  done (without assignments: every document they marked done, of all);
- *active hours*: their recorded active time (``activity``), all documents;
- *minutes per document* and *per 1,000 characters*: medians over the
  documents they marked done that have active time;
- *spans per hour*: spans of their layer in documents with active time, per
  hour spent on those documents;
- *F1 with gold*: span F1 strict of their layer against gold, pooled over
  the documents they marked done and the reviewer marked adjudicated.

Reads ids, lengths, statuses, span keys and time rows, never texts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from statistics import median

from annotator.core.store import review as review_store
from annotator.core.review.agreement import f1_strict
from annotator.core.records import GOLD
from annotator.core.store import activity as activity_store
from annotator.core.store import assignments as assignment_store


@dataclass
class AnnotatorEffort:
    name: str
    assigned: int = 0
    calibration: int = 0  # of the assigned, calibration documents
    done: int = 0  # of the assigned (of all documents when none are assigned)
    active_seconds: float = 0.0
    timed_documents: int = 0
    minutes_per_document: float | None = None
    minutes_per_1000_characters: float | None = None
    spans_per_hour: float | None = None
    f1_gold: float | None = None
    gold_documents: int = 0  # documents compared with gold

    @property
    def active_hours(self) -> float:
        return self.active_seconds / 3600


@dataclass
class TeamFigures:
    documents: int
    documents_assigned: int
    calibration_documents: int
    annotators: list[AnnotatorEffort] = field(default_factory=list)
    review_seconds: float = 0.0  # the gold layer's active time (review mode)
    days: dict[str, dict[str, float]] = field(default_factory=dict)  # day -> layer -> seconds, gold included

    @property
    def has_assignments(self) -> bool:
        return self.documents_assigned > 0

    def to_dict(self) -> dict:
        return {"documents": self.documents, "documents_assigned": self.documents_assigned,
                "calibration_documents": self.calibration_documents,
                "annotators": [{**asdict(a), "active_hours": round(a.active_hours, 3)} for a in self.annotators],
                "review_hours": round(self.review_seconds / 3600, 3),
                "days": {day: {name: round(s / 3600, 3) for name, s in layers.items()}
                         for day, layers in sorted(self.days.items())}}


def _gold_f1(mine: dict[int, set], gold: dict[int, set], doc_ids: set[int]) -> float | None:
    matches = size_mine = size_gold = 0
    for doc_id in doc_ids:
        a, g = mine.get(doc_id, set()), gold.get(doc_id, set())
        matches += len(a & g)
        size_mine += len(a)
        size_gold += len(g)
    return f1_strict(matches, size_mine, size_gold)


def team_figures(project) -> TeamFigures:
    store = project.store
    lengths = {doc_id: length for doc_id, _, length in assignment_store.document_sizes(store)}
    assigned = assignment_store.documents_by_annotator(store)
    calibration: dict[str, int] = {}
    calibration_rows = [row for row in assignment_store.assignment_rows(store) if row.calibration]
    for row in calibration_rows:
        calibration[row.annotator] = calibration.get(row.annotator, 0) + 1
    statuses: dict[str, dict[int, str]] = {}
    for doc_id, name, status in review_store.status_rows(store):
        statuses.setdefault(name, {})[doc_id] = status
    seconds: dict[str, dict[int, float]] = {}
    days: dict[str, dict[str, float]] = {}
    for row in activity_store.active_time_rows(store):
        per_doc = seconds.setdefault(row.annotator, {})
        per_doc[row.doc_id] = per_doc.get(row.doc_id, 0.0) + row.seconds
        per_day = days.setdefault(row.day, {})
        per_day[row.annotator] = per_day.get(row.annotator, 0.0) + row.seconds
    adjudicated = {d for d, s in statuses.get(GOLD, {}).items() if s == "adjudicated"}
    # Spans only of the documents the figures look at (timed, or compared with gold): not every span
    # of a large project.
    wanted = adjudicated.union(*(per_doc.keys() for per_doc in seconds.values()))
    spans: dict[str, dict[int, set]] = {}
    for doc_id, name, start, end, label in review_store.span_keys(store, wanted):
        spans.setdefault(name, {}).setdefault(doc_id, set()).add((start, end, label))
    layers = {name for name, _, _ in review_store.label_counts(store)}

    calibration_ids = {row.doc_id for row in calibration_rows}
    figures = TeamFigures(len(lengths), len(set().union(*assigned.values())) if assigned else 0,
                          len(calibration_ids), review_seconds=sum(seconds.get(GOLD, {}).values()), days=days)
    names = sorted((set(assigned) | set(statuses) | set(seconds) | layers) - {GOLD})
    for name in names:
        mine = assigned.get(name, set())
        done = {d for d, s in statuses.get(name, {}).items() if s == "done"}
        timed = {d: s for d, s in seconds.get(name, {}).items() if s > 0}
        effort = AnnotatorEffort(name, len(mine), calibration.get(name, 0), len(done & mine) if mine else len(done),
                                 sum(timed.values()), len(timed))
        finished = [(timed[d] / 60, lengths.get(d, 0)) for d in done if d in timed]
        if finished:
            effort.minutes_per_document = median(m for m, _ in finished)
            per_k = [m / (n / 1000) for m, n in finished if n]
            effort.minutes_per_1000_characters = median(per_k) if per_k else None
        if timed:
            layer = spans.get(name, {})
            effort.spans_per_hour = sum(len(layer.get(d, ())) for d in timed) / (sum(timed.values()) / 3600)
        compared = done & adjudicated
        if compared:
            effort.f1_gold = _gold_f1(spans.get(name, {}), spans.get(GOLD, {}), compared)
            effort.gold_documents = len(compared)
        figures.annotators.append(effort)
    return figures
