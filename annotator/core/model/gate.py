"""Which labels the model may suggest: those whose measured quality earns it.

A label is live when ``model`` is among its recognisers in ``project.toml``
and its held-out F1 (k-fold over the finished documents, stored with the
model) is at least its threshold (``[model] threshold``, default 0.7, or
``[model.thresholds] LABEL``). Unmeasured means not live.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.schema import Schema
from annotator.core.model.model_files import ModelInfo

LIVE, OFF, BELOW, UNTRAINED = "live", "off", "below", "untrained"


@dataclass(frozen=True)
class LabelState:
    label: str
    state: str  # LIVE, OFF (``model`` not among its recognisers), BELOW (F1 under threshold), UNTRAINED
    f1: float | None
    threshold: float
    training_spans: int

    @property
    def live(self) -> bool:
        return self.state == LIVE


def label_states(schema: Schema, info: ModelInfo | None) -> list[LabelState]:
    """One state per label of the schema, in schema order."""
    states = []
    for label in schema.labels:
        threshold = schema.model.threshold_for(label.name)
        score = info.scores.get(label.name) if info is not None else None
        f1 = score.f1 if score is not None else None
        spans = score.training_spans if score is not None else 0
        if "model" not in label.recognisers:
            state = OFF
        elif score is None or not spans or f1 is None:
            state = UNTRAINED
        elif f1 >= threshold:
            state = LIVE
        else:
            state = BELOW
        states.append(LabelState(label.name, state, f1, threshold, spans))
    return states


def live_labels(schema: Schema, info: ModelInfo | None) -> frozenset[str]:
    return frozenset(s.label for s in label_states(schema, info) if s.live)
