"""A suggestion: a span a recogniser proposes, not yet in anyone's layer.

Frozen and small, so a GUI can hold thousands and compare them. Accepting one
is an ordinary ``AddSpans`` with the suggestion's attributes (``accept_operation``).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

from annotator.core.operations import AddSpans, Batch, Operation
from annotator.core.records import SpanDraft
from annotator.core.schema import RECOGNISER_ATTRIBUTES

# When two suggestions overlap and are equally long, the earlier source wins.
SOURCE_PRIORITY = ("amount", "gazetteer", "learned", "lexicon", "agency-pattern", "program-pattern", "remote", "model")


@dataclass(frozen=True)
class Suggestion:
    start: int
    end: int
    label: str
    text: str
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False)
    source: str = ""
    confidence: float | None = field(default=None, compare=False)  # the model's marginal probability
    confidence_from: str = field(default="", compare=False)  # whose confidence, when not the source's

    def __post_init__(self):
        object.__setattr__(self, "attrs", MappingProxyType(dict(self.attrs or {})))

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def as_label(self, label: str) -> "Suggestion":
        """This suggestion under another label: what its recogniser set described the suggested
        label (an agency's canonical name is no technology's), so it goes."""
        if label == self.label:
            return self
        dropped = RECOGNISER_ATTRIBUTES.get(self.source, ())
        return replace(self, label=label, attrs={k: v for k, v in self.attrs.items() if k not in dropped})

    def draft(self, doc_id: int, annotator: str) -> SpanDraft:
        return SpanDraft(doc_id, annotator, self.start, self.end, self.label, dict(self.attrs))

    def to_json(self) -> dict[str, Any]:
        """``{start, end, label, text, source, ...attrs}`` (the CLI's ``--json`` line), with
        ``confidence`` when the model (or the remote service, ``confidence_from``) proposed it too."""
        found = {"start": self.start, "end": self.end, "label": self.label, "text": self.text,
                 "source": self.source, **self.attrs}
        if self.confidence is not None:
            found["confidence"] = round(self.confidence, 4)
            if self.confidence_from:
                found["confidence_from"] = self.confidence_from
        return found


def resolve_overlaps(candidates: Iterable[Suggestion]) -> list[Suggestion]:
    """A non-overlapping subset: longer first, then by source priority, then leftmost; in text order."""
    def rank(s: Suggestion):
        priority = SOURCE_PRIORITY.index(s.source) if s.source in SOURCE_PRIORITY else len(SOURCE_PRIORITY)
        return (-(s.end - s.start), priority, s.start, s.label)

    taken = Intervals()
    chosen: list[Suggestion] = []
    for candidate in sorted(set(candidates), key=rank):
        if not taken.overlaps(candidate.start, candidate.end):
            taken.add(candidate.start, candidate.end)
            chosen.append(candidate)
    return sorted(chosen, key=lambda s: (s.start, s.end))


class Intervals:
    """Non-overlapping [start, end) ranges kept sorted; overlap queries in O(log n)."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(ranges):
            if self._ends and start < self._ends[-1]:  # merge overlapping input ranges
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._starts, end)  # ranges starting before ``end``
        return index > 0 and self._ends[index - 1] > start

    def add(self, start: int, end: int) -> None:
        index = bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)


def accept_operation(suggestions: Sequence[Suggestion], doc_id: int, annotator: str,
                     label: str | None = None) -> Operation:
    """The undoable step that stores ``suggestions`` in ``annotator`` 's layer, under ``label`` if
    given (see ``Suggestion.as_label``).

    One suggestion is one ``AddSpans``; several ("accept all") are one ``Batch``.
    """
    if label is not None:
        suggestions = [s.as_label(label) for s in suggestions]
    if len(suggestions) == 1:
        return AddSpans([suggestions[0].draft(doc_id, annotator)], description="accept suggestion")
    return Batch([AddSpans([s.draft(doc_id, annotator)], description="accept suggestion") for s in suggestions],
                 description=f"accept {len(suggestions)} suggestions")
