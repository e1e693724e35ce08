"""The one place where Qt positions (UTF-16 code units) and stored offsets
(Python code points) are converted. Nothing else in the GUI converts.

A character outside the Basic Multilingual Plane (😀, each half of 🇰🇷) is one
code point but two UTF-16 units, so every such character before a position
shifts it by one. The map keeps the code-point offsets of those characters
sorted and answers each conversion with a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Conversions for one document's text."""

    def __init__(self, text: str):
        self.text = text
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character, for the reverse direction.
        self._astral_utf16 = [offset + i for i, offset in enumerate(self._astral)]
        self.qt_length = len(text) + len(self._astral)

    def to_qt(self, offset: int) -> int:
        """Qt position of code-point ``offset`` (0 ≤ offset ≤ len(text))."""
        offset = max(0, min(offset, len(self.text)))
        return offset + bisect_left(self._astral, offset) if self._astral else offset

    def from_qt(self, position: int) -> int:
        """Code-point offset of Qt ``position``; a position inside a surrogate pair maps to its character."""
        position = max(0, min(position, self.qt_length))
        before = bisect_left(self._astral_utf16, position)
        if before and self._astral_utf16[before - 1] + 1 == position:
            return self._astral[before - 1]  # between the two halves of a pair
        return position - before

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def range_from_qt(self, start: int, end: int) -> tuple[int, int]:
        """Code-point range of a Qt selection; an end inside a pair takes the whole character."""
        cp_start, cp_end = self.from_qt(start), self.from_qt(end)
        if self.to_qt(cp_end) < end:
            cp_end += 1
        return cp_start, cp_end

