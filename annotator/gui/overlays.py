"""Span layers the document view draws, each with its own style.

The annotator's own spans are one overlay; suggestions (pale fill, dashed
outline) and other annotators' layers in review are others. The view knows
nothing about where the spans come from: it draws overlays.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple, Protocol, Sequence

from PySide6.QtCore import Qt

from .offsets import OffsetMap


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


ANNOTATIONS = OverlayStyle()
SUGGESTIONS = OverlayStyle(fill_alpha=40, outline=Qt.PenStyle.DashLine, tags=False, z=-1)
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
        result._longest = self._longest
        return result

    def find(self, span_id: int) -> PlacedSpan | None:
        return next((p for p in self.spans if p.span.id == span_id), None)
