"""The model as a recogniser: the spans it tags in a document, for the labels it may suggest."""

from __future__ import annotations

from typing import Sequence

from annotator.core.text.morphemes import Morpheme
from annotator.core.schema import Schema
from annotator.core.suggest.suggestion import Suggestion
from annotator.core.model.features import tokens_of
from annotator.core.model.gate import live_labels
from annotator.core.model.model_files import LoadedModel, ModelFiles

SOURCE = "model"


class ModelRecogniser:
    def __init__(self, files: ModelFiles, schema: Schema):
        self.files = files
        self.schema = schema

    def current(self) -> LoadedModel | None:
        return self.files.current()

    def suggestions(self, loaded: LoadedModel, text: str, morphemes: Sequence[Morpheme],
                    rule_candidates: Sequence[Suggestion]) -> list[Suggestion]:
        """The model's spans of the labels that are live (see ``gate``), with their confidence."""
        live = live_labels(self.schema, loaded.info)
        if not live:
            return []
        hits = rule_candidates if loaded.info.rule_features else ()
        tagged = loaded.crf.tag(text, tokens_of(text, morphemes), hits)
        return [Suggestion(s.start, s.end, s.label, text[s.start:s.end], {}, SOURCE, s.confidence)
                for s in tagged.spans if s.label in live]
