"""Small immutable records handed out by the core."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

GOLD = "gold"  # the reserved layer adjudication writes to

RETURNED = "returned"  # a reviewer sent the document back to the annotator, with a reason (반려)
STATUSES = ("new", "in_progress", "done", "skipped", "flagged", RETURNED)
UNFINISHED = ("new", "in_progress", RETURNED)  # an annotator's statuses of a document still to do


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Document:
    id: int
    uid: str
    title: str
    text: str
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)
    source: str = ""

    def __post_init__(self):
        object.__setattr__(self, "meta", _frozen(self.meta))


@dataclass(frozen=True)
class Span:
    id: int
    doc_id: int
    annotator: str
    start: int
    end: int
    label: str
    text: str
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False)
    uid: str = field(default="", compare=False)  # identity that survives copies and merges
    rev: str = field(default="", compare=False)  # changes with every edit
    note: str = field(default="", compare=False)

    def __post_init__(self):
        object.__setattr__(self, "attrs", _frozen(self.attrs))

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class SpanDraft:
    """A span to be stored; ``id`` and ``uid`` are set only when restoring one (undo of a removal)."""

    doc_id: int
    annotator: str
    start: int
    end: int
    label: str
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False)
    id: int | None = None
    uid: str | None = None
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "attrs", _frozen(self.attrs))


@dataclass(frozen=True)
class Status:
    """An annotator's status of a document. ``reason`` and ``returned_at`` are the reviewer's last
    return (반려) of it, kept when the annotator marks it done again (the reviewer sees it came
    back fixed)."""

    doc_id: int
    annotator: str
    status: str = "new"
    comment: str = ""
    reason: str = ""
    returned_at: str = ""


@dataclass(frozen=True)
class Rejection:
    """A layer's "no" to a span at (start, end, label) of a document: the reviewer's (layer
    ``gold``) to a candidate of the merged view, or an annotator's to a suggestion."""

    doc_id: int
    start: int
    end: int
    label: str
    layer: str = GOLD


@dataclass(frozen=True)
class Note:
    """A layer's free-text note on a document (``key`` None) or on a review candidate
    (``key`` = (start, end, label), the reviewer's, layer gold). Span notes live on the span."""

    doc_id: int
    layer: str
    text: str
    key: tuple[int, int, str] | None = None
