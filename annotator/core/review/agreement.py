"""Inter-annotator agreement, in plain Python (no numpy at run time).

Which documents count: an annotator counts the documents they marked ``done``
(gold, when named, counts those marked ``adjudicated``); ``all_documents``
counts every document for everyone (for an annotator with assignments, the
documents assigned to them: ``team.assignment``). A pair is compared over
the documents both count; the report lists their ids. Per-label span counts
are over the documents each annotator was compared on, like the figures
beside them; ``progress`` covers the whole project.

- Span F1, per pair, per label and overall (micro: pooled counts).
  *Strict*: same start, end and label. *Lenient*: a span is matched when the
  other annotator has a span of the same label overlapping it; precision and
  recall are counted separately on each side (as GATE does).
- Cohen's κ per pair over morpheme units: every stored morpheme gets O, B-L
  or I-L from the first span (outermost, then leftmost) overlapping it.
  Morphemes never include whitespace, so whitespace is not a unit.
- Krippendorff's α (nominal) over the same morpheme units and all annotators
  at once; an annotator who does not count a document gives missing values.

Only spans and the morphemes of counted documents are read: spans with one
query, morphemes a few hundred documents per query, each decoded once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from annotator.core.store import review as review_store
from annotator.core.text.morphemes import morpheme_bounds
from annotator.core.records import GOLD
from annotator.core.store import assignments as assignment_store

Key = tuple[int, int, str]
# Per-label tally row: spans of a, spans of b, exact matches, a matched leniently, b matched leniently.
SIZE_A, SIZE_B, STRICT, LENIENT_A, LENIENT_B = range(5)


def f1_strict(matches: int, size_a: int, size_b: int) -> float | None:
    return 2 * matches / (size_a + size_b) if size_a + size_b else None


def f1_lenient(matched_a: int, matched_b: int, size_a: int, size_b: int) -> float | None:
    if not size_a + size_b:
        return None
    if not size_a or not size_b:
        return 0.0
    recall, precision = matched_a / size_a, matched_b / size_b
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def cohen_kappa(confusion: dict[tuple[int, int], int]) -> float | None:
    """κ from {(tag of a, tag of b): count}; None when chance agreement is total (one tag only)."""
    total = sum(confusion.values())
    if not total:
        return None
    rows: dict[int, int] = {}
    cols: dict[int, int] = {}
    observed = 0
    for (x, y), count in confusion.items():
        rows[x] = rows.get(x, 0) + count
        cols[y] = cols.get(y, 0) + count
        if x == y:
            observed += count
    expected = sum(rows[t] * cols.get(t, 0) for t in rows) / (total * total)
    if expected >= 1.0:
        return None
    return (observed / total - expected) / (1 - expected)


@dataclass
class AlphaTally:
    """Krippendorff's nominal α from the coincidence matrix's diagonal and marginals."""

    diagonal: dict[int, float] = field(default_factory=dict)
    marginals: dict[int, int] = field(default_factory=dict)
    units: int = 0

    def add_unit(self, values: list[int], repeat: int = 1) -> None:
        """One unit (``repeat`` identical ones) with the values of the coders who coded it."""
        m = len(values)
        if m < 2:
            return
        counts: dict[int, int] = {}
        for v in values:
            counts[v] = counts.get(v, 0) + 1
        for v, c in counts.items():
            self.diagonal[v] = self.diagonal.get(v, 0.0) + repeat * c * (c - 1) / (m - 1)
            self.marginals[v] = self.marginals.get(v, 0) + repeat * c
        self.units += repeat

    @property
    def alpha(self) -> float | None:
        n = sum(self.marginals.values())
        expected = n * n - sum(c * c for c in self.marginals.values())
        if n < 2 or not expected:
            return None
        return 1 - (n - 1) * (n - sum(self.diagonal.values())) / expected


def _outer_first(key: Key) -> tuple[int, int]:
    return key[0], -key[1]


def morpheme_range(key: Key, starts, ends) -> tuple[int, int]:
    """[i, j): the morphemes overlapping the span ``key``."""
    start, end = key[0], key[1]
    i = bisect_left(starts, start)
    while i > 0 and ends[i - 1] > start:  # a morpheme that begins before the span reaches into it
        i -= 1
    return i, bisect_left(starts, end, i)


def bio_tags(spans, starts, ends, label_ids: dict[str, int], ranges: dict | None = None) -> dict[int, int]:
    """{morpheme index: tag} for morphemes inside spans (absent: O). Tags: 2i+1 = B-label i, 2i+2 = I.

    ``ranges`` caches each span's morpheme range across the annotators of one document."""
    ranges = {} if ranges is None else ranges
    tags: dict[int, int] = {}
    taken = 0  # morphemes before this index belong to an earlier span
    for key in sorted(spans, key=_outer_first):
        found = ranges.get(key)
        if found is None:
            found = ranges[key] = morpheme_range(key, starts, ends)
        i, j = found
        if i < taken:
            i = taken
        if i < j:
            begin = label_ids.get(key[2]) or label_ids.setdefault(key[2], 2 * len(label_ids) + 1)
            tags[i] = begin
            for k in range(i + 1, j):
                tags[k] = begin + 1
            taken = j
    return tags


def _lenient_match(key: Key, others: list[Key]) -> bool:
    """Whether ``others`` has a span of the same label overlapping ``key`` (a loop: hot path)."""
    start, end, label = key
    for other in others:
        if other[0] < end and start < other[1] and other[2] == label:
            return True
    return False


@dataclass
class PairAgreement:
    a: str
    b: str
    document_ids: list[int] = field(default_factory=list)
    labels: dict[str, list[int]] = field(default_factory=dict)  # label -> tally row (SIZE_A ... LENIENT_B)
    confusion: Counter = field(default_factory=Counter)  # morpheme tags (a, b) -> count

    def compare(self, spans_a: list[Key], spans_b: list[Key], set_a: set[Key], set_b: set[Key]) -> None:
        # Plain loops: a document has a few dozen spans, and this runs once per pair and document.
        labels = self.labels
        for key in set_a:
            row = labels.get(key[2]) or labels.setdefault(key[2], [0, 0, 0, 0, 0])
            row[SIZE_A] += 1
            if key in set_b:
                row[STRICT] += 1
                row[LENIENT_A] += 1
            elif _lenient_match(key, spans_b):
                row[LENIENT_A] += 1
        for key in set_b:
            row = labels.get(key[2]) or labels.setdefault(key[2], [0, 0, 0, 0, 0])
            row[SIZE_B] += 1
            if key in set_a or _lenient_match(key, spans_a):
                row[LENIENT_B] += 1

    def total(self) -> list[int]:
        return [sum(row[i] for row in self.labels.values()) for i in range(5)]

    def to_dict(self) -> dict:
        total = self.total()
        return {
            "a": self.a, "b": self.b, "documents": len(self.document_ids),
            "f1_strict": f1_strict(total[STRICT], total[SIZE_A], total[SIZE_B]),
            "f1_lenient": f1_lenient(total[LENIENT_A], total[LENIENT_B], total[SIZE_A], total[SIZE_B]),
            "kappa": cohen_kappa(self.confusion),
            "units": sum(self.confusion.values()),
            "spans_a": total[SIZE_A], "spans_b": total[SIZE_B],
            "labels": {label: _label_figures(row) for label, row in sorted(self.labels.items())},
            "document_ids": self.document_ids,
        }


def _label_figures(row: list[int]) -> dict:
    return {"f1_strict": f1_strict(row[STRICT], row[SIZE_A], row[SIZE_B]),
            "f1_lenient": f1_lenient(row[LENIENT_A], row[LENIENT_B], row[SIZE_A], row[SIZE_B]),
            "spans_a": row[SIZE_A], "spans_b": row[SIZE_B], "exact": row[STRICT]}


@dataclass
class AgreementReport:
    annotators: list[str]
    basis: str  # "done" or "all documents"
    label: str | None
    documents: int  # in the project
    pairs: list[PairAgreement]
    alpha: AlphaTally
    alpha_document_ids: list[int]
    progress: dict[str, dict]  # over the whole project: done, statuses, spans and spans per label
    compared_spans: dict[str, dict[str, int]] = field(default_factory=dict)  # annotator -> label -> spans

    def labels(self) -> dict[str, dict]:
        """Per label: F1 pooled over every pair, and how many spans each annotator gave it in the
        documents they were compared on (the same documents as the figures beside them)."""
        pooled: dict[str, list[int]] = {}
        for pair in self.pairs:
            for label, row in pair.labels.items():
                total = pooled.setdefault(label, [0, 0, 0, 0, 0])
                for i, value in enumerate(row):
                    total[i] += value
        names = sorted(set(pooled) | {label for counts in self.compared_spans.values() for label in counts})
        return {label: {**_label_figures(pooled.get(label, [0] * 5)),
                        "spans": {a: self.compared_spans.get(a, {}).get(label, 0) for a in self.annotators}}
                for label in names}

    def to_dict(self) -> dict:
        pairs = [pair.to_dict() for pair in self.pairs]

        def mean(key):
            values = [p[key] for p in pairs if p[key] is not None]
            return sum(values) / len(values) if values else None

        return {
            "annotators": self.annotators, "basis": self.basis, "label": self.label,
            "documents": self.documents,
            "documents_counted": len(self.alpha_document_ids),
            "pairs": pairs,
            "overall": {"f1_strict": mean("f1_strict"), "f1_lenient": mean("f1_lenient"), "kappa": mean("kappa")},
            "labels": self.labels(),
            "alpha": self.alpha.alpha, "alpha_units": self.alpha.units,
            "alpha_document_ids": self.alpha_document_ids,
            "progress": self.progress,
        }


def agreement(project, annotators=None, label: str | None = None, all_documents: bool = False) -> AgreementReport:
    store = project.store
    statuses = review_store.status_rows(store)
    if annotators is None:
        names = sorted(({n for n, _, _ in review_store.label_counts(store)} | {n for _, n, _ in statuses}) - {GOLD})
    else:
        names = list(dict.fromkeys(annotators))
    all_ids = store.document_ids() if all_documents else []
    assigned = assignment_store.documents_by_annotator(store) if all_documents else {}
    # Every document counts for everyone, or rather the documents assigned to them when they have some.
    counted: dict[str, set[int]] = {n: set(assigned.get(n) or all_ids) for n in names}
    progress = {n: {"done": 0, "statuses": {}, "spans": 0, "labels": {}} for n in names}
    for doc_id, name, status in statuses:
        if name in progress:
            tally = progress[name]["statuses"]
            tally[status] = tally.get(status, 0) + 1
            if status == ("adjudicated" if name == GOLD else "done"):
                progress[name]["done"] += 1
                counted[name].add(doc_id)
    for name, span_label, count in review_store.label_counts(store, label):
        if name in progress:
            progress[name]["spans"] += count
            progress[name]["labels"][span_label] = count

    pairs = {(a, b): PairAgreement(a, b) for a, b in combinations(names, 2)}
    coders_of = {d: [n for n in names if d in counted[n]] for d in set().union(*counted.values())}
    compared = sorted(d for d, coders in coders_of.items() if len(coders) >= 2)
    spans: dict[int, dict[str, list[Key]]] = {}
    for doc_id, name, start, end, span_label in review_store.span_keys(store, compared, label):
        spans.setdefault(doc_id, {}).setdefault(name, []).append((start, end, span_label))
    label_ids: dict[str, int] = {}
    compared_spans: dict[str, dict[str, int]] = {n: {} for n in names}
    units: Counter = Counter()  # (value of each coder of a unit) -> how many such units, for α
    for doc_id, _length, blob in review_store.morpheme_blobs(store, compared):
        coders = coders_of[doc_id]
        layers = spans.get(doc_id, {})
        starts, ends = morpheme_bounds(blob)
        ranges: dict[Key, tuple[int, int]] = {}
        tags = [bio_tags(layers.get(c, ()), starts, ends, label_ids, ranges) for c in coders]
        sets = {c: set(layers.get(c, ())) for c in coders}
        covered = list(set().union(*tags))  # morphemes someone tagged; all others are O for everyone
        columns = {c: [t.get(k, 0) for k in covered] for c, t in zip(coders, tags)}
        untagged = len(starts) - len(covered)
        for coder in coders:
            counts = compared_spans[coder]
            for key in layers.get(coder, ()):
                counts[key[2]] = counts.get(key[2], 0) + 1
        for a, b in combinations(coders, 2):
            pair = pairs[(a, b)]
            pair.document_ids.append(doc_id)
            pair.compare(layers.get(a, []), layers.get(b, []), sets[a], sets[b])
            pair.confusion.update(zip(columns[a], columns[b]))
            pair.confusion[(0, 0)] += untagged
        units.update(zip(*columns.values()))
        units[(0,) * len(coders)] += untagged
    alpha = AlphaTally()
    for values, count in units.items():
        alpha.add_unit(list(values), count)
    return AgreementReport(names, "all documents" if all_documents else "done", label, store.document_count(),
                           list(pairs.values()), alpha, compared, progress, compared_spans)
