"""Strings people labelled, suggested wherever they occur again (INCEpTION's string matcher).

The surface forms and label counts come from the spans table on demand
(``SuggestionStore.string_evidence``) and are cached per project until the
database changes (``SuggestionStore.change_marker``). Each string is
suggested at morpheme boundaries, exactly as written, with the label the best
evidence gives it: the reviewer's (gold spans) first, then the label more
people used, then the one used more often (ties: the alphabetically first), so
one annotator's single use never outweighs a reviewed decision. A string the
reviewer rejected under a label (a rejection in the gold layer) is not learned
under that label any more: one annotator's mistake must not be offered to
everyone else. What the label's own rules exclude (titles, industries) is
left out by the suggester (``Suggester._learned_strings``).
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from annotator.core.suggest.analysed_text import AnalysedText
from annotator.core.suggest.gazetteer import Entry, SurfaceIndex
from annotator.core.suggest.suggestion import Suggestion

MIN_LENGTH = 2  # a one-character span (도, 시) would be suggested everywhere


class LearnedStrings:
    def __init__(self, evidence: Callable[[Iterable[str]], list[tuple[str, str, int, int, int]]],
                 marker: Callable[[], object],
                 rejected: Callable[[], set[tuple[str, str]]] = set):
        self._evidence = evidence
        self._marker = marker
        self._rejected = rejected
        self._seen: object = None
        self._labels: dict[str, str] = {}
        self._indexes: dict[str, SurfaceIndex] = {}
        self.frozen = False  # while set, keep the strings learned so far (batch pre-annotation)
        self.ignored_layers: frozenset[str] = frozenset()

    def labels(self) -> dict[str, str]:
        """text -> the label its best evidence gives it (see the module)."""
        marker = self._seen if self.frozen and self._seen is not None else (self._marker(), self.ignored_layers)
        if marker != self._seen:
            best: dict[str, tuple] = {}
            rejected = self._rejected()
            for text, label, gold, layers, count in self._evidence(self.ignored_layers):
                if len(text.strip()) < MIN_LENGTH or text != text.strip() or (text, label) in rejected:
                    continue
                rank = (gold, layers, count, _neg(label))
                current = best.get(text)
                if current is None or rank > current[0]:
                    best[text] = (rank, label)
            self._labels = {text: label for text, (_, label) in best.items()}
            self._indexes = {}
            self._seen = marker
        return self._labels

    def index(self, label: str) -> SurfaceIndex:
        labels = self.labels()
        index = self._indexes.get(label)
        if index is None:
            index = SurfaceIndex((Entry(text, text, l) for text, l in labels.items() if l == label), flexible=False)
            self._indexes[label] = index
        return index

    def suggestions(self, analysed: AnalysedText, label: str) -> Iterator[Suggestion]:
        text = analysed.text
        for start, end, _entries in self.index(label).leftmost_longest(analysed):
            yield Suggestion(start, end, label, text[start:end], {}, "learned")


def _neg(label: str) -> tuple:
    """Sort key that prefers the alphabetically first label on ties."""
    return tuple(-ord(c) for c in label)
