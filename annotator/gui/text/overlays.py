"""Span layers the document view draws, each with its own style.

The annotator's own spans are one overlay; suggestions (pale fill, dashed
outline) and other annotators' layers in review are others. The view knows
nothing about where the spans come from: it draws overlays. A span that has a
``style`` of its own (a model suggestion) is drawn in it instead of its overlay's.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple, Protocol, Sequence

from PySide6.QtCore import Qt

from annotator.gui.text.offsets import OffsetMap


class SpanLike(Protocol):
    id: int
    start: int  # code points
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class OverlayStyle:
    fill_alpha: int = 105  # 0: no fill
    outline: Qt.PenStyle | None = None  # drawn around every span (e.g. dashed for suggestions)
    tags: bool = True  # the label name under the span
    z: int = 0  # overlays with a higher z are drawn later (on top)
    colour: str | None = None  # outline and hatching in this colour instead of the label's (review states)
    pattern: Qt.BrushStyle | None = None  # a hatched fill, e.g. for disagreements
    pen_width: float = 1.2
    muted_tag: bool = False  # a grey, struck-through label tag (rejected candidates)
    fill_colour: str | None = None  # fill in this colour instead of the label's (find hits)
    clickable: bool = True  # False: clicks and tooltips go to what lies under it


ANNOTATIONS = OverlayStyle()
SUGGESTIONS = OverlayStyle(fill_alpha=40, outline=Qt.PenStyle.DashLine, tags=False, z=-1)
# The model's own suggestions (no rule proposed them): dotted, fainter, so they are told apart.
MODEL_SUGGESTIONS = OverlayStyle(fill_alpha=22, outline=Qt.PenStyle.DotLine, tags=False, z=-1, pen_width=1.8)
OTHER_LAYER = OverlayStyle(fill_alpha=0, outline=Qt.PenStyle.SolidLine, tags=True, z=1)


@dataclass(frozen=True)
class Overlay:
    name: str  # "annotations", "suggestions", "layer:lee", ...
    spans: Sequence[Any]  # SpanLike records
    style: OverlayStyle = ANNOTATIONS


class PlacedSpan(NamedTuple):
    """A span in Qt positions, with its stacking level among overlapping spans."""

    span: Any
    qt_start: int
    qt_end: int
    level: int


@dataclass
class PlacedOverlay:
    overlay: Overlay
    spans: list[PlacedSpan] = field(default_factory=list)  # sorted by qt_start
    _starts: list[int] = field(default_factory=list)
    _longest: int = 0
    _stacked: bool = False  # some spans sit on a second level (overlaps)

    @classmethod
    def place(cls, overlay: Overlay, offsets: OffsetMap) -> "PlacedOverlay":
        ordered = sorted(overlay.spans, key=lambda s: (s.start, -s.end))
        placed: list[PlacedSpan] = []
        level_ends: list[int] = []  # per level, where its last span ends
        to_qt = offsets.to_qt
        for span in ordered:
            qt_start, qt_end = to_qt(span.start), to_qt(span.end)
            for level, end in enumerate(level_ends):
                if end <= qt_start:
                    level_ends[level] = qt_end
                    break
            else:
                level = len(level_ends)
                level_ends.append(qt_end)
            placed.append(PlacedSpan(span, qt_start, qt_end, level))
        result = cls(overlay, placed, [p.qt_start for p in placed])
        result._longest = max((p.qt_end - p.qt_start for p in placed), default=0)
        result._stacked = len(level_ends) > 1
        return result

    def visible(self, qt_start: int, qt_end: int) -> list[PlacedSpan]:
        """Spans that intersect ``[qt_start, qt_end)``, found by binary search."""
        lo = bisect_left(self._starts, qt_start - self._longest)
        hi = bisect_left(self._starts, qt_end)
        return [p for p in self.spans[lo:hi] if p.qt_end > qt_start]

    def subset(self, keep: Callable[[Any], bool]) -> "PlacedOverlay":
        """This overlay without the spans ``keep`` refuses, placed as they were (no new placement)."""
        spans = [p for p in self.spans if keep(p.span)]
        result = PlacedOverlay(Overlay(self.overlay.name, [p.span for p in spans], self.overlay.style), spans,
                               [p.qt_start for p in spans])
        result._longest, result._stacked = self._longest, self._stacked
        return result

    def updated(self, remove: Sequence[Any], add: Sequence[Any], offsets: OffsetMap) -> "PlacedOverlay | None":
        """This overlay with some spans removed and some added, each found by binary search, the
        others kept as placed (one key must not re-place a long document's spans). ``None`` when
        stacking is involved: the caller then places the whole overlay."""
        if self._stacked:
            return None
        spans, starts = list(self.spans), list(self._starts)
        for span in remove:
            i = bisect_left(starts, offsets.to_qt(span.start))
            while i < len(spans) and starts[i] == offsets.to_qt(span.start) and spans[i].span.id != span.id:
                i += 1
            if i < len(spans) and spans[i].span.id == span.id:
                del spans[i], starts[i]
        longest = self._longest  # an upper bound is enough for ``visible``
        for span in add:
            qt_start, qt_end = offsets.to_qt(span.start), offsets.to_qt(span.end)
            i = bisect_left(starts, qt_start)
            if (i > 0 and spans[i - 1].qt_end > qt_start) or (i < len(spans) and spans[i].qt_start < qt_end):
                return None  # it overlaps a neighbour: levels would change
            spans.insert(i, PlacedSpan(span, qt_start, qt_end, 0))
            starts.insert(i, qt_start)
            longest = max(longest, qt_end - qt_start)
        result = PlacedOverlay(Overlay(self.overlay.name, [p.span for p in spans], self.overlay.style), spans, starts)
        result._longest = longest
        return result

    def find(self, span_id: int) -> PlacedSpan | None:
        return next((p for p in self.spans if p.span.id == span_id), None)
