"""Each annotator's agreement with gold over time, so drift shows.

A document counts for an annotator when they marked it done and the reviewer
adjudicated it (as in ``agreement``). Documents are placed in time by when the
annotator marked them done, and grouped per ISO week (``2025-W09``) or in
batches of ``batch`` documents in that order. Per group: span F1 strict
against gold (exact start, end and label), the spans on each side and the
exact matches.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from annotator.core.store import review as review_store
from annotator.core.review.agreement import f1_strict
from annotator.core.records import GOLD
from annotator.core.review.merged_view import ADJUDICATED
from annotator.core.store import gold as gold_store

WEEK, BATCH = "week", "batch"


@dataclass(frozen=True)
class Period:
    period: str  # "2025-W09", or "1–20" for a batch (documents in the order they were done)
    first_done: str  # when the first document of the period was done
    documents: int
    spans: int  # the annotator's
    gold_spans: int
    exact: int
    f1_strict: float | None

    def to_dict(self) -> dict:
        return asdict(self)


def iso_week(stamp: str) -> str:
    try:
        year, week, _ = datetime.fromisoformat(stamp).isocalendar()
    except ValueError:
        return "?"
    return f"{year}-W{week:02d}"


def _period(name: str, done: list[tuple[str, int]], layers: dict, annotator: str) -> Period:
    spans = gold_spans = exact = 0
    for _, doc_id in done:
        mine = layers.get((doc_id, annotator), set())
        gold = layers.get((doc_id, GOLD), set())
        spans, gold_spans, exact = spans + len(mine), gold_spans + len(gold), exact + len(mine & gold)
    return Period(name, done[0][0], len(done), spans, gold_spans, exact, f1_strict(exact, spans, gold_spans))


def gold_over_time(project, annotators=None, per: str = WEEK, batch: int = 20) -> dict[str, list[Period]]:
    """{annotator: [Period]} in time order, for every annotator (not gold) or those named."""
    if per not in (WEEK, BATCH):
        raise ValueError(f"per must be {WEEK!r} or {BATCH!r}, not {per!r}")
    if batch < 1:
        raise ValueError(f"a batch holds at least one document, not {batch}")
    store = project.store
    done_at = gold_store.done_times(store)  # {(doc_id, annotator): (status, updated_at)}
    adjudicated = {d for (d, name), (status, _) in done_at.items() if name == GOLD and status == ADJUDICATED}
    names = sorted({name for _, name in done_at} - {GOLD}) if annotators is None else [
        n for n in dict.fromkeys(annotators) if n != GOLD]
    layers: dict[tuple[int, str], set] = {}
    for doc_id, name, start, end, label in review_store.span_keys(store, adjudicated):
        layers.setdefault((doc_id, name), set()).add((start, end, label))
    result = {}
    for name in names:
        done = sorted((stamp, d) for (d, who), (status, stamp) in done_at.items()
                      if who == name and status == "done" and d in adjudicated)
        groups: dict[str, list[tuple[str, int]]] = {}
        for i, (stamp, doc_id) in enumerate(done):
            if per == WEEK:
                key = iso_week(stamp)
            else:
                first = i // batch * batch
                key = f"{first + 1}–{min(first + batch, len(done))}"
            groups.setdefault(key, []).append((stamp, doc_id))
        result[name] = [_period(key, group, layers, name) for key, group in groups.items()]
    return result
