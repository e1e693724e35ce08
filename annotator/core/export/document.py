"""What the format writers receive: a document and the spans of the exported layer."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from annotator.core.store.export import ExportRow


class ExportSpan(NamedTuple):
    start: int
    end: int
    label: str
    attrs: dict[str, Any]
    note: str = ""  # free text (the annotator's question, the reviewer's reason)


def _attrs(text: str) -> dict[str, Any]:
    return {} if text == "{}" else json.loads(text)


class ExportDocument:
    """One document of the export: plain values, metadata parsed on first use."""

    __slots__ = ("id", "uid", "title", "text", "spans", "morphemes", "sentences", "_meta")

    def __init__(self, row: ExportRow):
        self.id = row.id
        self.uid = row.uid
        self.title = row.title
        self.text = row.text
        self.spans = [ExportSpan(start, end, label, _attrs(attrs), *note)  # (a note when the row has one)
                      for start, end, label, attrs, *note in row.spans]
        self.morphemes = row.morphemes
        self.sentences = row.sentences
        self._meta: Any = row.meta

    @property
    def meta(self) -> dict[str, Any]:
        if isinstance(self._meta, str):
            self._meta = json.loads(self._meta)
        return self._meta
