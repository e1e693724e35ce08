"""The attributes a label's recognisers compute, for every span of that label, whoever made it.

A BUDGET span accepted from a suggestion carries the amount's value and currency; the same span
drawn by hand, added through ``Project.add_span``, imported, relabelled or resized must carry them
too, or gold inherits an empty value. Which attributes are meant is declared once, beside the
recognisers (``schema.RECOGNISER_ATTRIBUTES``: an amount's value, currency and approximate; a
gazetteer's or lexicon's canonical name); this module computes them:

- the label's recognisers that set attributes run on the text around the span (``CONTEXT``
  characters either side, with the stored morphemes there, so an amount still sees the 약 or
  가량 that makes it approximate), and what one proposes at exactly the span's offsets gives them;
- failing that, the span's text read alone, when it is one whole match;
- otherwise nothing: a span wider than the amount (국비 120억 원) gets no guessed value.

``complete`` rewrites an operation before ``Project.apply`` runs it (the one place every change
passes): a new span without any of its label's attributes gets them; a span whose label or
boundaries change gets its new label's attributes recomputed for its new text (the old ones were
about other text). Explicit values win; a span coming back (undo of a removal, ``uid`` set) and
an undo step (``expect`` set) keep exactly what they had, so undo restores the previous
attributes. ``complete_drafts`` does the same for an import's spans. ``fill_attributes`` gives the
spans stored before this existed theirs (``annotator fill-attributes``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

from annotator.core.text.morphemes import Morpheme, morphemes_around
from annotator.core.operations import AddSpans, Batch, Change, Operation, UpdateSpan
from annotator.core.records import Span, SpanDraft
from annotator.core.suggest.analysed_text import AnalysedText

CONTEXT = 24  # characters either side: the approximation markers and funding words an amount looks at


class SpanAttributes:
    def __init__(self, schema, suggester):
        self.schema = schema
        self.suggester = suggester

    def declared(self, label: str) -> frozenset[str]:
        return self.schema.recogniser_attributes(label)

    def computed(self, text: str, blob: bytes | None, label: str, start: int, end: int) -> dict[str, Any]:
        """What ``label``'s recognisers set for the span [start, end) of ``text`` (``blob``: the
        document's stored morphemes), or {} when none of them reads it as a whole."""
        declared = self.declared(label)
        if not declared or not 0 <= start < end <= len(text):
            return {}
        left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
        nearby = [m for m in morphemes_around(blob, left, right) if left <= m.start and m.end <= right] if blob else []
        for lo, hi in ((left, right), (start, end)):  # in context, then the span's text alone
            analysed = AnalysedText(text[lo:hi], [Morpheme(m.start - lo, m.end - lo, m.tag)
                                                  for m in nearby if lo <= m.start and m.end <= hi])
            for found in self.suggester.attributed(analysed, label):
                if (found.start + lo, found.end + lo) == (start, end) and found.attrs:
                    return {key: value for key, value in found.attrs.items() if key in declared}
        return {}

    # -- on the operation path -----------------------------------------------------

    def complete(self, operation: Operation, store) -> Operation:
        """``operation`` with the attributes its spans' labels compute filled in (see the module)."""
        texts: dict[int, tuple[str, bytes | None]] = {}
        with self.suggester.pinned_gazetteer():
            return self._complete(operation, store, texts)

    def complete_drafts(self, drafts: Iterable[SpanDraft], store) -> list[SpanDraft]:
        """Drafts (an import's) with their labels' attributes, where they carry none of them."""
        texts: dict[int, tuple[str, bytes | None]] = {}
        with self.suggester.pinned_gazetteer():
            return [self._draft(draft, store, texts) for draft in drafts]

    def _complete(self, operation: Operation, store, texts) -> Operation:
        if isinstance(operation, Batch):
            return replace(operation, operations=[self._complete(inner, store, texts) for inner in operation.operations])
        if isinstance(operation, AddSpans):
            return replace(operation, drafts=[self._draft(draft, store, texts) for draft in operation.drafts])
        if isinstance(operation, UpdateSpan) and operation.expect is None:
            return self._update(operation, store, texts)
        return operation

    def text(self, store, doc_id: int, texts) -> tuple[str, bytes | None] | None:
        if doc_id not in texts:
            texts[doc_id] = store.text_and_morphemes(doc_id)
        return texts[doc_id]

    def _draft(self, draft: SpanDraft, store, texts) -> SpanDraft:
        declared = self.declared(draft.label)
        if not declared or draft.uid is not None or declared & set(draft.attrs):
            return draft
        found = self.text(store, draft.doc_id, texts)
        computed = self.computed(*found, draft.label, draft.start, draft.end) if found else {}
        return replace(draft, attrs={**draft.attrs, **computed}) if computed else draft

    def _update(self, operation: UpdateSpan, store, texts) -> UpdateSpan:
        span: Span | None = store.span(operation.span_id)
        if span is None:
            return operation
        label = span.label if operation.label is None else operation.label
        start = span.start if operation.start is None else operation.start
        end = span.end if operation.end is None else operation.end
        if (label, start, end) == (span.label, span.start, span.end):
            return operation  # attributes or the note only: as given
        declared = self.declared(label)
        if not declared:
            return operation
        found = self.text(store, span.doc_id, texts)
        computed = self.computed(*found, label, start, end) if found else {}
        given: Mapping[str, Any] = operation.attrs or {}
        base = dict(span.attrs if operation.attrs is None else operation.attrs)
        # The old values described other text (or the old label): recomputed, unless given explicitly.
        attrs = {key: value for key, value in base.items() if key not in declared or key in given}
        attrs.update({key: value for key, value in computed.items() if key not in given})
        return replace(operation, attrs=attrs, drop_attrs=tuple(k for k in operation.drop_attrs if k not in computed))

    def missing(self, spans: Iterable[Span]) -> list[Span]:
        """The spans whose label computes attributes and that carry none of them."""
        return [s for s in spans if self.declared(s.label) and not self.declared(s.label) & set(s.attrs)]


@dataclass
class FillReport:
    """What ``fill_attributes`` did to a layer: spans given attributes and spans their recognisers do
    not read as a whole (a BUDGET span over 국비 120억 원), by label."""

    layer: str
    filled: Counter = field(default_factory=Counter)
    unreadable: Counter = field(default_factory=Counter)
    change: Change | None = None  # None on a dry run or when nothing was filled

    def to_dict(self) -> dict:
        return {"layer": self.layer, "filled": dict(sorted(self.filled.items())),
                "unreadable": dict(sorted(self.unreadable.items()))}


def fill_attributes(project, layer: str, dry_run: bool = False) -> FillReport:
    """Give ``layer``'s spans stored without their labels' attributes (made before attributes were
    computed for every span) what their recognisers compute now: one undoable change, a new revision
    of each span filled, so merges carry it. A layer is filled in its writer's copy (gold in the
    reviewer's): filling someone else's layer would be a second writer."""
    attributes = project.span_attributes
    report = FillReport(layer)
    updates: list[Operation] = []
    texts: dict[int, tuple[str, bytes | None]] = {}
    with attributes.suggester.pinned_gazetteer():
        for span in attributes.missing(project.spans(annotator=layer)):
            found = attributes.text(project.store, span.doc_id, texts)
            computed = attributes.computed(*found, span.label, span.start, span.end) if found else {}
            if not computed:
                report.unreadable[span.label] += 1
                continue
            report.filled[span.label] += 1
            updates.append(UpdateSpan(span.id, attrs={**span.attrs, **computed}, description="fill attributes",
                                      rev=span.rev))
    if updates and not dry_run:
        report.change = project.apply(Batch(updates, description="fill attributes"))
    return report
