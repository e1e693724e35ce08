"""What an export wrote, skipped and changed: nothing is dropped silently."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.records import GOLD


class ExportCancelled(AnnotatorError):
    """The caller's cancellation flag was set; nothing was written."""


@dataclass(frozen=True)
class SpanNote:
    """A span the export could not write as stored: where it is and what happened to it."""

    uid: str
    start: int
    end: int
    label: str
    text: str
    reason: str
    exported_as: tuple[int, int] | None = None  # the offsets written instead (widened spans)

    def __str__(self) -> str:
        return f"{self.uid} [{self.start}, {self.end}) {self.label} “{self.text}”: {self.reason}"


@dataclass
class ExportReport:
    format: str
    out: Path
    source: str
    status: str | None = None  # "done" (finished documents only) or "all"
    split: str | None = None
    documents: int = 0  # written
    unfinished: int = 0  # written although the layer did not mark them finished (status "all")
    skipped_unannotated: int = 0  # no spans in the layer and not marked finished
    skipped_status: int = 0  # spans in the layer but not marked finished: left out by status "done"
    spans_by_label: Counter = field(default_factory=Counter)
    parts: Counter = field(default_factory=Counter)  # documents per split part
    sentences: int = 0  # flat formats: sentences written
    sentences_joined: int = 0  # sentence boundaries a span crossed
    dropped: list[SpanNote] = field(default_factory=list)  # overlapping or unalignable: not written
    widened: list[SpanNote] = field(default_factory=list)  # written with other edges: trimmed, or whole eojeols
    tokens_split: int = 0  # morpheme tokens cut at span edges so that no span is widened
    fragmented: list[SpanNote] = field(default_factory=list)  # brat: cut at line breaks into fragments
    unmapped: Counter = field(default_factory=Counter)  # spans the label map leaves out, by label
    notes: list[str] = field(default_factory=list)  # what a reader of the output must know (empty parts, …)
    seconds: float = 0.0
    active_seconds: dict[str, float] = field(default_factory=dict)  # per layer, over the documents written

    def effort(self) -> dict[str, Any]:
        """Annotator-hours the exported documents took (active time, ``team.activity``), and the review's."""
        hours = {name: round(s / 3600, 3) for name, s in sorted(self.active_seconds.items()) if name != GOLD}
        return {"annotator_hours": round(sum(s for n, s in self.active_seconds.items() if n != GOLD) / 3600, 3),
                "review_hours": round(self.active_seconds.get(GOLD, 0.0) / 3600, 3), "hours_by_annotator": hours}

    @property
    def finished(self) -> int:
        """Documents written that the layer marked finished (gold: adjudicated)."""
        return self.documents - self.unfinished

    @property
    def spans(self) -> int:
        return sum(self.spans_by_label.values())

    @property
    def complete(self) -> bool:
        """Every span of the exported documents was written."""
        return not self.dropped

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format, "out": str(self.out), "source": self.source, "status": self.status,
            "split": self.split, "documents": self.documents, "finished": self.finished,
            "unfinished": self.unfinished, "parts": dict(self.parts),
            "skipped_unannotated": self.skipped_unannotated, "skipped_status": self.skipped_status,
            "spans": self.spans, "spans_by_label": dict(sorted(self.spans_by_label.items())),
            "sentences": self.sentences, "sentences_joined": self.sentences_joined, "tokens_split": self.tokens_split,
            "dropped": [vars(n) for n in self.dropped], "widened": [vars(n) for n in self.widened],
            "fragmented": [vars(n) for n in self.fragmented], "unmapped": dict(sorted(self.unmapped.items())),
            "notes": self.notes, "seconds": round(self.seconds, 3), "effort": self.effort(),
        }
