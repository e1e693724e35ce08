"""Moving one edge of a span by a morpheme or a character (keyboard resizing).

Morpheme steps use the stored morphemes: an end moves to the next or previous
morpheme end, a start to the next or previous morpheme start, so a span never
ends inside a morpheme unless the annotator asks for characters.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Sequence

from annotator.core.text.morphemes import Morpheme

START, END = "start", "end"


def _step(stops: list[int], offset: int, direction: int) -> int | None:
    if direction > 0:
        i = bisect_right(stops, offset)
        return stops[i] if i < len(stops) else None
    i = bisect_left(stops, offset)
    return stops[i - 1] if i > 0 else None


class MorphemeStops:
    """Where spans may start and end in one document (computed once per document)."""

    def __init__(self, morphemes: Sequence[Morpheme]):
        self.starts = sorted({m.start for m in morphemes})
        self.ends = sorted({m.end for m in morphemes})


def move_edge(text: str, stops: MorphemeStops, start: int, end: int, edge: str, direction: int,
              by_character: bool = False) -> tuple[int, int]:
    """``[start, end)`` with ``edge`` moved one step in ``direction`` (-1 or +1).

    Returns the span unchanged when the step would leave the text or empty it.
    Character steps skip whitespace, which never begins or ends a span.
    """
    if by_character:
        moved = (start if edge == START else end) + direction
        if edge == START:
            while 0 <= moved < end and text[moved].isspace():
                moved += direction
        else:
            while start < moved <= len(text) and text[moved - 1].isspace():
                moved += direction
    else:
        if edge == START:
            moved = _step(stops.starts, start, direction)
        else:
            moved = _step(stops.ends, end, direction)
        if moved is None:
            return start, end
    new_start, new_end = (moved, end) if edge == START else (start, moved)
    if not 0 <= new_start < new_end <= len(text):
        return start, end
    return new_start, new_end
