"""A document's text with its stored morphemes, and the boundary questions recognisers ask."""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property
from typing import Sequence

from annotator.core.text.morphemes import Morpheme, base_tag

NOUN_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "SL", "SH", "SN", "XPN", "XSN", "XR"})
# Particles Kiwi sometimes leaves glued to an unknown noun (라이다와 → one NNP).
GLUED_PARTICLES = frozenset({
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "으로", "에서", "에는", "와의", "과의",
    "까지", "부터", "처럼", "보다", "이나", "나", "만",
})


class AnalysedText:
    """``text`` plus its Kiwi morphemes (sorted by start), as stored at import."""

    def __init__(self, text: str, morphemes: Sequence[Morpheme]):
        self.text = text
        self.morphemes = list(morphemes)
        self.starts = {m.start for m in self.morphemes}
        self.ends = {m.end for m in self.morphemes}
        self._start_list = [m.start for m in self.morphemes]

    def is_boundary_span(self, start: int, end: int) -> bool:
        """``[start, end)`` begins where a morpheme begins and ends where one ends."""
        return start in self.starts and end in self.ends

    def can_end(self, end: int) -> bool:
        """A name may end at ``end``: a morpheme ends there, or only a particle Kiwi left glued
        to an unknown noun follows inside the morpheme (라이다와/NNP)."""
        if end in self.ends:
            return True
        index = bisect_left(self._start_list, end) - 1
        if index < 0:
            return False
        m = self.morphemes[index]
        return (m.start < end < m.end and base_tag(m.tag) in ("NNP", "NNG")
                and self.text[end:m.end] in GLUED_PARTICLES)

    def morpheme_at(self, position: int) -> Morpheme | None:
        """The first morpheme starting at ``position``."""
        index = bisect_left(self._start_list, position)
        if index < len(self.morphemes) and self.morphemes[index].start == position:
            return self.morphemes[index]
        return None

    @cached_property
    def _ending_at(self) -> dict[int, int]:
        ending: dict[int, int] = {}
        for index, m in enumerate(self.morphemes):
            ending[m.end] = index
        return ending

    def index_ending_at(self, end: int) -> int | None:
        """The last morpheme that ends at ``end``."""
        return self._ending_at.get(end)

    def index_at(self, position: int) -> int | None:
        index = bisect_left(self._start_list, position)
        if index < len(self.morphemes) and self.morphemes[index].start == position:
            return index
        return None

    def tag(self, index: int) -> str:
        return base_tag(self.morphemes[index].tag)

    def piece(self, index: int) -> str:
        m = self.morphemes[index]
        return self.text[m.start:m.end]

    def attached(self, index: int) -> bool:
        """Morpheme ``index`` follows the previous one without a gap (same word)."""
        return index > 0 and self.morphemes[index].start <= self.morphemes[index - 1].end

    def attached_after(self, position: int) -> bool:
        """A morpheme starts exactly at ``position`` and the character before it is not a space."""
        return (position < len(self.text) and position in self.starts and position > 0
                and not self.text[position - 1].isspace())

    @cached_property
    def noun_runs(self) -> list[tuple[int, int]]:
        """(first, last) morpheme indexes of maximal runs of attached noun-like morphemes (one word's noun part)."""
        runs: list[tuple[int, int]] = []
        first = None
        for index, m in enumerate(self.morphemes):
            nounish = base_tag(m.tag) in NOUN_TAGS
            if nounish and first is not None and self.attached(index):
                continue
            if first is not None:
                runs.append((first, index - 1))
                first = None
            if nounish:
                first = index
        if first is not None:
            runs.append((first, len(self.morphemes) - 1))
        return runs
