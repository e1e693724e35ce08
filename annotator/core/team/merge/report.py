"""What a merge did (or, with ``--dry-run``, would do): counts per layer and the conflicts,
each with both versions of the span."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.team.merge.assignments import TeamMergeReport
from annotator.core.team.merge.authority import FULL_COPY, Authority
from annotator.core.team.merge.versions import SpanVersion

KEPT_OURS, TOOK_THEIRS, UNSETTLED = "kept ours", "took theirs", "unsettled"


@dataclass(frozen=True)
class ShownVersion:
    """One side of a conflict as a person reads it: the span, or that it was deleted, and when."""

    deleted: bool
    start: int
    end: int
    label: str
    text: str
    note: str
    when: str
    rev: str

    @classmethod
    def of(cls, version: SpanVersion, text: str) -> "ShownVersion":
        return cls(version.deleted, version.start, version.end, version.label, text[version.start:version.end],
                   version.note, version.stamp, version.rev)

    def __str__(self) -> str:
        if self.deleted:
            return f"deleted ({self.label} [{self.start}, {self.end}) “{self.text}”) at {self.when[:19]}"
        note = f", note “{self.note}”" if self.note else ""
        return f"{self.label} [{self.start}, {self.end}) “{self.text}”{note}, {self.when[:19]}"

    def to_dict(self) -> dict:
        return {"deleted": self.deleted, "start": self.start, "end": self.end, "label": self.label,
                "text": self.text, "note": self.note, "time": self.when, "rev": self.rev}


@dataclass(frozen=True)
class MergeConflict:
    """One span changed differently in the two copies (or, from a copy older than span identities,
    a span overlapping one of the same layer here with other boundaries or another label)."""

    uid: str  # the document's
    doc_id: int  # here
    annotator: str
    ours: ShownVersion
    theirs: ShownVersion
    resolution: str = UNSETTLED
    span_uid: str = ""

    @property
    def ours_text(self) -> str:
        return self.ours.text

    @property
    def theirs_text(self) -> str:
        return self.theirs.text

    def __str__(self) -> str:
        settled = {KEPT_OURS: "kept here", TOOK_THEIRS: "took theirs"}.get(
            self.resolution, "kept here for now (--prefer ours|theirs|newer settles it)")
        return (f"document {self.doc_id} ({self.uid}) {self.annotator}: here {self.ours}; "
                f"there {self.theirs}; {settled}")

    def to_dict(self) -> dict:
        return {"uid": self.uid, "doc_id": self.doc_id, "annotator": self.annotator, "span_uid": self.span_uid,
                "ours": self.ours.to_dict(), "theirs": self.theirs.to_dict(), "resolution": self.resolution}


@dataclass(frozen=True)
class LayerOverlap:
    """Two spans of one layer that overlap after a merge where the schema forbids it: each copy's
    edit was fine alone (one annotator working in two copies). Both are kept, whichever copy came
    first; the report asks a person to fix one."""

    uid: str  # the document's
    doc_id: int  # here
    layer: str
    first: ShownVersion
    second: ShownVersion

    def __str__(self) -> str:
        return (f"document {self.doc_id} ({self.uid}) {self.layer}: {self.first} overlaps {self.second}; "
                "the schema forbids overlaps: fix or delete one of them")

    def to_dict(self) -> dict:
        return {"uid": self.uid, "doc_id": self.doc_id, "layer": self.layer,
                "first": self.first.to_dict(), "second": self.second.to_dict()}


def _count(counts: dict[str, int], layer: str) -> None:
    counts[layer] = counts.get(layer, 0) + 1


@dataclass
class MergeReport:
    source: Path
    prefer: str | None = None
    dry_run: bool = False  # nothing was written: the figures say what the merge would do
    by_content: bool = False  # the other copy predates span identities: matched by content, only adds
    documents_added: int = 0
    documents_existing: int = 0
    spans_added: dict[str, int] = field(default_factory=dict)  # per layer
    spans_updated: dict[str, int] = field(default_factory=dict)  # edited there (label, bounds, attributes, note)
    spans_deleted: dict[str, int] = field(default_factory=dict)
    spans_restored: dict[str, int] = field(default_factory=dict)  # deleted here, brought back there
    spans_identical: int = 0
    revisions_recorded: int = 0  # a span's history learnt revisions (a settled conflict, the same edit twice)
    statuses_updated: int = 0
    returns_received: int = 0  # of those, documents set to returned with a reason
    rejections_added: int = 0
    rejections_withdrawn: int = 0
    notes_updated: int = 0  # document and candidate notes
    conflicts: list[MergeConflict] = field(default_factory=list)
    overlaps: list[LayerOverlap] = field(default_factory=list)  # in the merged documents' layers
    unknown_labels: dict[str, int] = field(default_factory=dict)  # skipped: label not in this schema
    team: TeamMergeReport = field(default_factory=TeamMergeReport)  # assignments and active time
    authority: Authority = field(default_factory=lambda: Authority(FULL_COPY))  # what kind of copy; left out

    @property
    def left_out(self) -> dict[str, dict[str, int]]:
        """{table: {layer: rows}} a package (or a copy taken as one annotator's) brought and the merge
        did not take, because they are not that annotator's to change."""
        return self.authority.left_out

    def count_span(self, kind: str, layer: str) -> None:
        _count({"added": self.spans_added, "updated": self.spans_updated, "deleted": self.spans_deleted,
                "restored": self.spans_restored}[kind], layer)

    @property
    def unsettled(self) -> list[MergeConflict]:
        return [c for c in self.conflicts if c.resolution == UNSETTLED]

    @property
    def changed(self) -> bool:
        return bool(self.documents_added or self.spans_added or self.spans_updated or self.spans_deleted
                    or self.spans_restored or self.revisions_recorded or self.statuses_updated
                    or self.rejections_added or self.rejections_withdrawn or self.notes_updated
                    or self.team.assignments_updated or self.team.active_time_updated or self.team.packages_learnt)

    def layers_changed(self) -> dict[str, dict[str, int]]:
        """{layer: {"added": n, "updated": n, "deleted": n, "restored": n}} of the layers with changes."""
        kinds = {"added": self.spans_added, "updated": self.spans_updated, "deleted": self.spans_deleted,
                 "restored": self.spans_restored}
        layers = sorted(set().union(*kinds.values()))
        return {layer: {kind: counts[layer] for kind, counts in kinds.items() if counts.get(layer)}
                for layer in layers}

    def to_dict(self) -> dict:
        return {
            "source": str(self.source), "prefer": self.prefer, "dry_run": self.dry_run,
            "by_content": self.by_content, "documents_added": self.documents_added,
            "documents_existing": self.documents_existing, "spans_added": dict(self.spans_added),
            "spans_updated": dict(self.spans_updated), "spans_deleted": dict(self.spans_deleted),
            "spans_restored": dict(self.spans_restored), "spans_identical": self.spans_identical,
            "revisions_recorded": self.revisions_recorded, "statuses_updated": self.statuses_updated,
            "returns_received": self.returns_received, "rejections_added": self.rejections_added,
            "rejections_withdrawn": self.rejections_withdrawn, "notes_updated": self.notes_updated,
            "unknown_labels": dict(self.unknown_labels), "changed": self.changed,
            "conflicts": [c.to_dict() for c in self.conflicts], "team": self.team.to_dict(),
            "overlaps": [o.to_dict() for o in self.overlaps], "copy": self.authority.to_dict(),
        }
