"""Deterministic train/dev/test splits that stay put when documents are added.

A document's part depends only on the seed and its uid (a hash of its text):
sha256(seed:uid) read as a number in [0, 1) falls into one of the cumulative
buckets. Adding documents never moves the old ones; changing the seed
reshuffles everything.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from annotator.core.errors import AnnotatorError

PART_NAMES = {2: ("train", "test"), 3: ("train", "dev", "test")}


@dataclass(frozen=True)
class Split:
    percentages: tuple[int, ...]
    seed: int = 0

    @classmethod
    def parse(cls, text: str, seed: int = 0) -> "Split":
        """``"80/10/10"`` → train/dev/test; ``"90/10"`` → train/test. Whole percentages summing to 100."""
        pieces = str(text).replace(",", "/").split("/")
        try:
            percentages = tuple(int(p) for p in pieces)
        except ValueError:
            raise AnnotatorError(f"--split takes whole percentages such as 80/10/10, not {text!r}") from None
        if len(percentages) not in PART_NAMES or any(p < 0 for p in percentages) or sum(percentages) != 100:
            raise AnnotatorError(f"--split takes two or three percentages that add up to 100 (80/10/10), not {text!r}")
        return cls(percentages, seed)

    @property
    def names(self) -> tuple[str, ...]:
        return PART_NAMES[len(self.percentages)]

    def position(self, uid: str) -> float:
        """Where the document falls in [0, 1): depends only on the seed and the uid."""
        digest = hashlib.sha256(f"{self.seed}:{uid}".encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    def part(self, uid: str) -> str:
        point = self.position(uid) * 100
        bound = 0
        for name, share in zip(self.names, self.percentages):
            bound += share
            if point < bound:
                return name
        return self.names[-1]

    def describe(self) -> str:
        return "/".join(str(p) for p in self.percentages) + f" ({', '.join(self.names)}), seed {self.seed}"
