"""Gold beside mine: how an annotator's spans in one document differ from the reviewer's gold.

Every span of the annotator and of gold falls in one group:

- ``same``: gold has exactly this span;
- ``different``: gold has a span overlapping it with other boundaries or another label (the
  annotator's span, with the gold spans it overlaps);
- ``rejected``: no gold span overlaps it: the reviewer turned it down (rejected the candidate,
  or adjudicated the document without it);
- ``missing``: a gold span none of the annotator's spans overlaps.

This is how annotators learn the guideline (INCEpTION #1514): the comparison is offered for
adjudicated documents, where gold is final.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.records import GOLD, Span
from annotator.core.review.merged_view import ADJUDICATED

SAME, DIFFERENT, REJECTED, MISSING = "same", "different", "rejected", "missing"
KINDS = (MISSING, REJECTED, DIFFERENT, SAME)


@dataclass(frozen=True)
class GoldDifference:
    kind: str
    span: Span  # the annotator's span (missing: the gold span)
    gold: tuple[Span, ...] = ()  # different: the gold spans it overlaps; same: the gold span


@dataclass
class GoldComparison:
    doc_id: int
    annotator: str
    adjudicated: bool  # gold is final for this document
    differences: list[GoldDifference] = field(default_factory=list)  # in text order

    def of_kind(self, kind: str) -> list[GoldDifference]:
        return [d for d in self.differences if d.kind == kind]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in KINDS}


def _overlapping(span: Span, others: list[Span]) -> tuple[Span, ...]:
    return tuple(o for o in others if o.start < span.end and span.start < o.end)


def compare(mine: list[Span], gold: list[Span]) -> list[GoldDifference]:
    exact = {(g.start, g.end, g.label): g for g in gold}
    found = []
    for span in mine:
        match = exact.get((span.start, span.end, span.label))
        if match is not None:
            found.append(GoldDifference(SAME, span, (match,)))
            continue
        near = _overlapping(span, gold)
        found.append(GoldDifference(DIFFERENT if near else REJECTED, span, near))
    found += [GoldDifference(MISSING, g) for g in gold if not _overlapping(g, mine)]
    return sorted(found, key=lambda d: (d.span.start, d.span.end, d.kind))


def compare_with_gold(project, doc_id: int, annotator: str) -> GoldComparison:
    adjudicated = project.status(doc_id, GOLD).status == ADJUDICATED
    differences = compare(project.spans(doc_id, annotator), project.spans(doc_id, GOLD))
    return GoldComparison(doc_id, annotator, adjudicated, differences)
