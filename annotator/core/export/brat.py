"""brat standoff: ``<uid>.txt`` (the stored text, byte for byte) and ``<uid>.ann`` per document.

``T1<TAB>LABEL start end<TAB>text`` with code-point offsets into the .txt. An
.ann line cannot hold a line break, so a span crossing one is written as
discontinuous fragments (``start end;start end``, the fragment texts joined by
a space, as brat does) and listed in the report. A span's note and its
attributes go to ``AnnotatorNotes`` lines (the note first). File names come
from the document uid (a hex hash), never from titles, so nothing can point
outside the export folder.
``annotation.conf`` and ``visual.conf`` (label colours) sit at the top.
brat's verifier refuses overlapping spans unless ``annotation.conf`` allows them
with an ``<OVERLAP>`` line in ``[relations]``: it is written with the kinds of
overlap (``contain``, ``equal``, ``cross``) the schema allows (``nested``:
contain; ``allow``: any) and any the exported spans have.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat
from annotator.core.export.formats import ExportContext
from annotator.core.export.report import SpanNote

_UNSAFE = re.compile(r"[^0-9A-Za-z_-]")
_LINE_PIECE = re.compile(r"[^\n]+")
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]+")


def _one_line(note: str) -> str:
    """An .ann line holds no line break (U+2028/2029 included): each becomes a space."""
    return _LINE_BREAKS.sub(" ", note)


OVERLAP_KINDS = ("contain", "equal", "cross")
SCHEMA_OVERLAPS = {"nested": ("contain",), "allow": OVERLAP_KINDS}


def overlap_kinds(spans) -> set[str]:
    """The kinds of overlap (brat's ``contain``, ``equal``, ``cross``) among ``spans``."""
    kinds: set[str] = set()
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    reach: list = []  # spans that may still overlap the next ones
    for span in ordered:
        reach = [other for other in reach if other.end > span.start]
        for other in reach:  # other starts at or before span
            if (other.start, other.end) == (span.start, span.end):
                kinds.add("equal")
            elif other.end >= span.end:
                kinds.add("contain")
            else:
                kinds.add("cross")
        reach.append(span)
    return kinds


class BratWriter:
    def __init__(self, root: Path, parts: list[str | None], context: ExportContext):
        self.context = context
        self.folders = {part: (root / part if part else root) for part in parts}
        self.started: set[str | None] = set()  # parts whose folder is made (on their first document)
        self.used: dict[str | None, set[str]] = {part: set() for part in parts}
        self.root = root
        self.overlaps: set[str] = set(SCHEMA_OVERLAPS.get(context.overlap, ()))
        (root / "visual.conf").write_text(
            "[labels]\n\n[drawing]\n" + "".join(
                f"{label}\tbgColor:{context.colors[label]}\n" for label in context.labels if label in context.colors),
            encoding="utf-8")

    def file_stem(self, part: str | None, document: ExportDocument) -> str:
        stem = _UNSAFE.sub("_", document.uid)[:64] or f"document-{document.id}"
        if stem in self.used[part]:
            stem = f"{stem}-{document.id}"
        self.used[part].add(stem)
        return stem

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text = document.text
        stem = self.file_stem(part, document)
        lines = []
        number = notes = 0
        if len(self.overlaps) < 3:
            self.overlaps.update(overlap_kinds(document.spans))
        for span in document.spans:
            pieces = [m.span() for m in _LINE_PIECE.finditer(text, span.start, span.end)]
            if not pieces:
                self.context.report.dropped.append(SpanNote(
                    document.uid, span.start, span.end, span.label, text[span.start:span.end],
                    "only line breaks: brat cannot hold it"))
                self.context.report.spans_by_label[span.label] -= 1
                continue
            number += 1
            if len(pieces) != 1 or pieces[0] != (span.start, span.end):
                self.context.report.fragmented.append(SpanNote(
                    document.uid, span.start, span.end, span.label, text[span.start:span.end],
                    f"crosses a line break: written as fragments {';'.join(f'{s} {e}' for s, e in pieces)}"))
            where = ";".join(f"{s} {e}" for s, e in pieces)
            shown = " ".join(text[s:e] for s, e in pieces)
            lines.append(f"T{number}\t{span.label} {where}\t{shown}\n")
            for note in (span.note, json.dumps(dict(span.attrs), ensure_ascii=False) if span.attrs else ""):
                if note:
                    notes += 1
                    lines.append(f"#{notes}\tAnnotatorNotes T{number}\t{_one_line(note)}\n")
        folder = self.folders[part]
        if part not in self.started:
            folder.mkdir(parents=True, exist_ok=True)
            self.started.add(part)
        (folder / f"{stem}.txt").write_bytes(text.encode("utf-8"))
        (folder / f"{stem}.ann").write_bytes("".join(lines).encode("utf-8"))

    def close(self) -> None:
        kinds = "<ANY>" if len(self.overlaps) == 3 else "|".join(k for k in OVERLAP_KINDS if k in self.overlaps)
        overlap = f"<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:{kinds}\n" if kinds else ""
        (self.root / "annotation.conf").write_text(
            "[entities]\n" + "".join(f"{label}\n" for label in self.context.labels)
            + f"\n[relations]\n{overlap}\n[events]\n\n[attributes]\n", encoding="utf-8")

    def abort(self) -> None:
        pass
