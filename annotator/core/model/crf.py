"""The linear-chain CRF (CRFsuite through ``python-crfsuite``): BIO tags over tokens, training
from sequences, and tagging a document into spans with their marginal probabilities.

A model is CRFsuite's own binary format, handled as bytes: trained into a
temporary file, read back, and opened from memory (so replacing the file on
disk never disturbs a tagger in use, and nothing is pickled).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pycrfsuite

from annotator.core.model.features import Token, document_features, sentence_ranges

OUTSIDE = "O"
# L-BFGS with elastic-net regularisation: c1 (L1) keeps the weights sparse, c2 (L2) smooth.
TRAINING_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
# Stochastic gradient descent for large training sets: a few passes come close to L-BFGS's optimum.
SGD_PARAMS = {"c2": 0.01, "max_iterations": 10, "feature.possible_transitions": True}


def bio_tags(tokens: Sequence[Token], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """B-/I- tags for spans that start and end on token edges (callers check), O elsewhere."""
    tags = [OUTSIDE] * len(tokens)
    starts = {t.start: i for i, t in enumerate(tokens)}
    for start, end, label in spans:
        i = starts[start]
        tags[i] = "B-" + label
        i += 1
        while i < len(tokens) and tokens[i].end <= end:
            tags[i] = "I-" + label
            i += 1
    return tags


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, label) of each tagged run; an I- after another label starts one."""
    spans = []
    current: list | None = None
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == label:
            current[1] = i + 1
            continue
        if current is not None:
            spans.append(tuple(current))
            current = None
        if prefix in ("B", "I"):
            current = [i, i + 1, label]
    if current is not None:
        spans.append(tuple(current))
    return spans


@dataclass(frozen=True)
class TaggedSpan:
    start: int
    end: int
    label: str
    confidence: float  # the lowest marginal probability of the span's tags


@dataclass(frozen=True)
class TaggedDocument:
    spans: list[TaggedSpan]
    sentence_probabilities: list[float]  # of the best tag sequence of each sentence
    label_mass: dict[str, float]  # expected number of spans of each label (sum of B- marginals)

    @property
    def lowest_sentence_probability(self) -> float:
        return min(self.sentence_probabilities, default=1.0)


class CrfModel:
    """A trained model opened from its bytes; tags one document at a time (not thread-safe)."""

    def __init__(self, data: bytes):
        self.data = data
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(data)
        self.tag_set = tuple(self._tagger.labels())
        self.labels = tuple(sorted({t[2:] for t in self.tag_set if t != OUTSIDE}))

    def tag(self, text: str, tokens: Sequence[Token], hits: Iterable = (), mass: bool = False) -> TaggedDocument:
        """The best tags of each sentence as spans with their confidence; with ``mass``, also the
        expected number of spans of each label (the queue's rare labels)."""
        return self.tag_features(text, tokens, document_features(text, tokens, hits), mass)

    def tag_features(self, text: str, tokens: Sequence[Token], features: list[list[str]],
                     mass: bool = False) -> TaggedDocument:
        tagger = self._tagger
        spans: list[TaggedSpan] = []
        probabilities: list[float] = []
        expected: dict[str, float] = {label: 0.0 for label in self.labels}
        begins = [(t, t[2:]) for t in self.tag_set if t.startswith("B-")] if mass else []
        for first, last in sentence_ranges(text, tokens):
            tagger.set(features[first:last])
            predicted = tagger.tag()
            probabilities.append(tagger.probability(predicted))
            for tag, label in begins:
                expected[label] += sum(tagger.marginal(tag, position) for position in range(last - first))
            for a, b, label in bio_spans(predicted):
                confidence = min(tagger.marginal(predicted[i], i) for i in range(a, b))
                spans.append(TaggedSpan(tokens[first + a].start, tokens[first + b - 1].end, label, confidence))
        return TaggedDocument(spans, probabilities, expected)


class Trainer(pycrfsuite.Trainer):
    """CRFsuite's trainer with its data appended once: ``fit`` trains on all of it but one group
    (a fold held out) or on all of it; ``iteration(n)`` is called after each pass."""

    def __init__(self, iteration: Callable[[int], None] | None = None):
        super().__init__("lbfgs", verbose=iteration is not None)  # CRFsuite reports passes in its log
        self.set_params(TRAINING_PARAMS)
        self.algorithm = "lbfgs"
        self._iteration = iteration

    def use_sgd(self) -> None:
        """Stochastic gradient descent (large sets): the appended data stays."""
        self.select("l2sgd")
        self.set_params(SGD_PARAMS)
        self.algorithm = "l2sgd"

    def on_iteration(self, log, info) -> None:
        self._iteration(int(info.get("num", 0)))

    def _quiet(self, *args) -> None:
        """The rest of CRFsuite's log is not printed."""

    on_start = on_featgen_progress = on_featgen_end = on_prepared = on_prepare_error = _quiet
    on_optimization_end = on_end = _quiet

    def fit(self, holdout: int = -1) -> bytes:
        """Train (leaving out group ``holdout``, if any) and return the model's bytes."""
        handle, name = tempfile.mkstemp(suffix=".crfsuite")
        os.close(handle)
        path = Path(name)
        try:
            self.train(str(path), holdout)
            return path.read_bytes()
        finally:
            path.unlink(missing_ok=True)
