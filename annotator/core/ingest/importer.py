"""Importing files into a project: check a whole file, analyse its new documents
with Kiwi (one continuous run over all files), then store whole files.

A file with any problem is rejected whole (``FILE:LINE: reason``) and nothing
of it is stored; the other files go in. A cancelled import stops before the
next file: the files read so far are stored whole, the rest are not read. A
folder is read without following symbolic links that lead out of it (a folder
of articles from someone else could point at ``~/.ssh`` or ``/etc/shadow``);
those are named in the report.
"""

from __future__ import annotations

from bisect import bisect_left, insort

from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from annotator.core.content_rules import (
    MAX_DOCUMENT_CHARS, json_value_problem, layer_problem, offsets_problem, status_problem, string_problem,
    text_problem,
)
from annotator.core.errors import AnnotatorError, InputError, reporting_disk_full
from annotator.core.text.kiwi import analyse_many_packed
from annotator.core.label_map import LabelMap, builtin_label_map, read_label_map
from annotator.core.text.morphemes import unpack_morphemes
from annotator.core.project_files import is_database_file
from annotator.core.records import SpanDraft, Status
from annotator.core.text.snapping import snap_to_morphemes
from annotator.core.text.normalize import document_uid, normalize_text, normalized_offset, utf16_length, utf16_to_codepoint
from annotator.core.ingest.detect import choose_files
from annotator.core.ingest.encoding import readable_path
from annotator.core.ingest.readers import EXTENSIONS, FORMAT_EXTENSIONS, Record, read_file

BATCH_DOCUMENTS = 256
DEFAULT_ANNOTATOR = "imported"


@dataclass
class ImportReport:
    files: int = 0
    documents_added: int = 0
    documents_existing: int = 0
    spans_added: int = 0
    spans_overlapping: int = 0  # not added: they overlap a span the layer already holds (overlaps forbidden)
    statuses_set: int = 0  # statuses the files gave, set where the layer's status was still new
    rejected: list[InputError] = field(default_factory=list)
    spans_by_layer: Counter = field(default_factory=Counter)  # spans added, by the layer they went to
    skipped: dict[str, Counter] = field(default_factory=dict)  # per file: what its reader or label map left out
    encodings: dict[str, str] = field(default_factory=dict)  # files that were not UTF-8
    links_skipped: list[str] = field(default_factory=list)  # symbolic links out of an imported folder
    cancelled: bool = False  # stopped before reading every file

    @property
    def ok(self) -> bool:
        return not self.rejected

    def left_out(self) -> list[str]:
        """A line per file whose reader or label map left something out: ``a.xmi: left out 2 …``."""
        return [f"{path}: left out " + "; ".join(f"{count} {what}" for what, count in sorted(skipped.items()))
                for path, skipped in self.skipped.items()]


@dataclass
class _PreparedDocument:
    uid: str
    text: str
    title: str
    raw: str | None
    meta: dict
    source: str
    encoding: str
    spans: list[tuple[int, int, str, dict]]
    annotator: str | None
    snap: bool = False  # snap the spans to the morphemes once they are known
    status: str | None = None  # the layer's status the file gives


def expand_paths(paths: Iterable[Path | str], report: ImportReport, fmt: str = "auto") -> list[Path]:
    files: list[Path] = []
    suffixes = FORMAT_EXTENSIONS.get(fmt, EXTENSIONS)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(choose_files(_folder_files(path, suffixes, report), fmt))
        elif path.is_file():
            files.append(path)
        else:  # counted as an input, so "from 1 of 2 files" adds up
            report.files += 1
            report.rejected.append(InputError(readable_path(path), None, "no such file or folder"))
    return files


def _folder_files(folder: Path, suffixes, report: ImportReport) -> list[Path]:
    """The folder's files to import. ``rglob`` enters no linked folder; a linked file is read only
    when it lies inside the folder too (links that lead out, to a file or a folder, are reported)."""
    inside = folder.resolve()
    found = []
    for path in sorted(folder.rglob("*")):
        wanted = path.suffix.lower() in suffixes and path.is_file()
        if path.is_symlink() and (wanted or path.is_dir()) and not _leads_into(path, inside):
            report.links_skipped.append(readable_path(path))
        elif wanted:
            found.append(path)
    return found


def _leads_into(link: Path, folder: Path) -> bool:
    try:
        return link.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a loop of links
        return False


def _without_database_files(files: list[Path], db_path: Path, report: ImportReport) -> list[Path]:
    """Reading the project's own database as input would open it outside SQLite (see project_files)."""
    own = [path for path in files if is_database_file(path, db_path)]
    report.rejected.extend(InputError(str(path), None, "the project's own database; it cannot be imported")
                           for path in own)
    return [path for path in files if path not in own]


def _prepare(record: Record, encoding: str, annotator: str | None, schema, map_labels: dict[str, str]) -> _PreparedDocument:
    """Check one record by the rules every stored document meets (``content_rules``) and normalise it."""

    source = readable_path(record.source)  # a format's own reader may name the file as the bytes came

    def fail(reason: str) -> InputError:
        return InputError(source, record.line, f"{record.where}: {reason}" if record.where else reason)

    raw_text = record.text
    problem = (text_problem(raw_text) or string_problem(record.title, "title")
               or json_value_problem(record.meta, "metadata"))
    if problem:
        raise fail(problem)
    if len(record.title) > MAX_DOCUMENT_CHARS:
        raise fail(f"title of {len(record.title):,} characters is over the limit of {MAX_DOCUMENT_CHARS:,}")
    text = normalize_text(raw_text)
    spans = []
    layer = annotator or record.annotator or DEFAULT_ANNOTATOR
    if (record.spans or record.status) and (problem := layer_problem(layer)):
        raise fail(problem)
    if record.status is not None and (problem := status_problem(layer, record.status)):
        raise fail(problem)
    length = utf16_length(raw_text) if record.utf16_offsets else len(raw_text)
    given: dict[tuple[int, int, str], dict] = {}
    for span in record.spans:
        problem = (offsets_problem(span.start, span.end, length, span.label)
                   or json_value_problem(span.attrs, "span attributes"))
        if problem:
            raise fail(problem)
        key = (span.start, span.end, span.label)
        if key in given:  # once is enough; two versions of one span would make a choice nobody made
            if given[key] != span.attrs:
                raise fail(f"span [{span.start}, {span.end}) {span.label} comes twice with different attributes")
            continue
        given[key] = span.attrs
        start, end = span.start, span.end
        if record.utf16_offsets:
            start, end = utf16_to_codepoint(raw_text, start), utf16_to_codepoint(raw_text, end)
            if not start < end:  # both inside one astral character
                raise fail(f"span [{span.start}, {span.end}) {span.label} splits a character in two")
        if text != raw_text:
            start, end = normalized_offset(raw_text, start), normalized_offset(raw_text, end)
        label = map_labels.get(span.label, span.label)
        if schema.label(label) is None:
            raise fail(f"unknown label {span.label!r} (schema has {', '.join(schema.label_names)}; "
                       "map it with --label-map FILE or --map-labels OLD=NEW)")
        spans.append((start, end, label, span.attrs))
    if schema.overlap == "forbid":
        ordered = sorted(spans, key=lambda span: span[:3])  # attributes (dicts) do not compare
        for (s1, e1, l1, _), (s2, e2, l2, _) in zip(ordered, ordered[1:]):
            if s2 < e1:
                raise fail(f"spans [{s1}, {e1}) {l1} and [{s2}, {e2}) {l2} overlap; the schema forbids overlaps")
    raw = record.raw if record.raw is not None else (raw_text if raw_text != text else None)
    title = normalize_text(record.title).strip() or text.strip().split("\n", 1)[0][:120]
    return _PreparedDocument(document_uid(text), text, title, raw, record.meta, source, encoding,
                             spans, layer if spans or record.status else None, record.snap, record.status)


def prepare_file(path: Path, schema, *, fmt: str = "auto", annotator: str | None = None, clean: bool = True,
                 text_column: str = "text", map_labels: dict[str, str] | None = None,
                 label_map: LabelMap | None = None, skipped: Counter | None = None,
                 ) -> tuple[list[_PreparedDocument], str]:
    """Read and check one whole file: its documents ready to store, and its encoding; any problem is an
    ``InputError`` naming the file and line. What the reader or the label map left out is counted into
    ``skipped``. Touches no store (the readers' robustness tests use it)."""
    try:
        records, encoding = read_file(path, fmt, clean, text_column)
    except InputError as error:  # a format's own reader may name the file as the bytes came
        raise InputError(readable_path(error.path), error.line, error.reason) from None
    if label_map is None and records and records[0].read_as:  # --format auto: the found format's own map
        label_map = builtin_label_map(records[0].read_as)
    if label_map is not None:
        records = [label_map.import_record(r) for r in records]
    if skipped is not None:
        for record in records:
            skipped.update(record.skipped)
    prepared = [_prepare(r, encoding, annotator, schema, map_labels or {}) for r in records]
    _merge_repeated_documents(records, prepared, schema.overlap == "forbid")
    return prepared, encoding


def _merge_repeated_documents(records: list[Record], prepared: list[_PreparedDocument], forbid_overlaps: bool) -> None:
    """A document that comes several times in one file (a line per Prodigy answer, an XMI per INCEpTION
    user) gets each span of a layer once; with overlaps forbidden, spans of one layer that overlap across
    the repeats refuse the file, as they would within one record."""
    earlier: dict[tuple[str, str | None], tuple[_HeldSpans, list]] = {}  # per document and layer
    for record, doc in zip(records, prepared):
        if not doc.spans or doc.snap:  # eojeol spans are compared once snapped (``_write``)
            continue
        held, origins = earlier.setdefault((doc.uid, doc.annotator), (_HeldSpans(()), []))
        doc.spans = [span for span in doc.spans if span[:3] not in held]
        for start, end, label, _ in doc.spans if forbid_overlaps else ():
            if held.overlaps(start, end):
                s, e, other, source, line = next(o for o in origins if start < o[1] and o[0] < end)
                there = f"line {line}" if source == doc.source else f"{source}:{line}"
                prefix = f"{record.where}: " if record.where else ""
                raise InputError(doc.source, record.line,
                                 f"{prefix}span [{start}, {end}) {label} overlaps [{s}, {e}) {other} of {there}, "
                                 f"the same document in layer {doc.annotator}; the schema forbids overlaps")
        for start, end, label, _ in doc.spans:
            held.add((start, end, label))
            origins.append((start, end, label, doc.source, record.line))


@dataclass
class _PendingFile:
    """A checked file waiting for Kiwi's analyses of its new documents."""

    documents: list[_PreparedDocument]
    new: list[_PreparedDocument]
    blobs: list[tuple[bytes, bytes]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return len(self.blobs) == len(self.new)


def import_paths(project, paths, *, fmt: str = "auto", annotator: str | None = None, clean: bool = True,
                 text_column: str = "text", map_labels: dict[str, str] | None = None,
                 label_map: LabelMap | Path | str | None = None,
                 progress: Callable[[int, int], None] | None = None, cancelled: Any = None) -> ImportReport:
    """Stream files through one continuous Kiwi run and store them whole, in order.

    Reading and checking a file happens when Kiwi asks for more text; analyses
    come back in order and fill the files at the head of the queue; complete
    files are written in transactions of about ``BATCH_DOCUMENTS`` documents
    while Kiwi's worker threads go on with the next texts. ``cancelled()`` (or
    a ``threading.Event``) is checked before each file.
    """
    if annotator is not None and (problem := layer_problem(annotator)):
        raise AnnotatorError(problem)
    report = ImportReport()
    is_cancelled = getattr(cancelled, "is_set", cancelled) or (lambda: False)
    files = expand_paths(paths, report, fmt)
    if project.store.path is not None:
        files = _without_database_files(files, project.store.path, report)
    map_labels = map_labels or {}
    if label_map is not None and not isinstance(label_map, LabelMap):
        label_map = read_label_map(label_map)  # a file name (from the GUI's child process)
    label_map = label_map or builtin_label_map(fmt)
    if label_map is not None:
        label_map.check_import(project.schema.label_names, map_labels)
    in_order: deque[_PendingFile] = deque()  # every checked file, in input order
    waiting: deque[_PendingFile] = deque()  # those still missing analyses
    queued_uids: set[str] = set()

    def texts() -> Iterator[str]:
        analyser_ready = False
        for done, path in enumerate(files, start=1):
            if is_cancelled():
                report.cancelled = True
                return
            report.files += 1
            skipped: Counter = Counter()
            try:
                prepared, encoding = prepare_file(path, project.schema, fmt=fmt, annotator=annotator, clean=clean,
                                                  text_column=text_column, map_labels=map_labels,
                                                  label_map=label_map, skipped=skipped)
            except InputError as error:
                report.rejected.append(error)
            except Exception as exc:  # noqa: BLE001 - a reader's bug: this file is refused, the others go in
                report.rejected.append(InputError(readable_path(path), None, (
                    f"cannot be read ({type(exc).__name__}: {exc}); this is a bug in annotator, "
                    "please report it with the file")))
            else:
                if skipped:
                    report.skipped[readable_path(path)] = skipped
                if encoding not in ("utf-8", "utf-8-sig"):
                    report.encodings[readable_path(path)] = encoding
                existing = project.store.document_ids_by_uid({doc.uid for doc in prepared})
                new = []
                for doc in prepared:
                    if doc.uid not in existing and doc.uid not in queued_uids:
                        queued_uids.add(doc.uid)
                        new.append(doc)
                pending = _PendingFile(prepared, new)
                in_order.append(pending)
                if new:
                    waiting.append(pending)
                    if not analyser_ready:
                        project.prepare_analyser()
                        analyser_ready = True
                for doc in new:
                    yield doc.text
            if progress:
                progress(done, len(files))

    ready: list[_PendingFile] = []
    for blob in analyse_many_packed(texts()):
        head = waiting[0]
        head.blobs.append(blob)
        if head.complete:
            waiting.popleft()
        while in_order and in_order[0].complete:
            ready.append(in_order.popleft())
        if sum(len(f.documents) for f in ready) >= BATCH_DOCUMENTS:
            _write(project.store, ready, report, project.schema.overlap == "forbid", project.span_attributes)
            ready = []
    ready.extend(in_order)  # all complete now: the rest had no new documents
    if ready:
        _write(project.store, ready, report, project.schema.overlap == "forbid", project.span_attributes)
    return report


def _write(store, files: list[_PendingFile], report: ImportReport, forbid_overlaps: bool, attributes) -> None:
    """Store whole files in one transaction: new documents, then annotator layers, whose spans get
    the attributes their labels' recognisers compute (``SpanAttributes``) where they bring none."""
    stored = (f"{report.documents_added} new documents were stored before it filled, the rest were not; free some "
              "space and import again (what is stored is skipped)")
    with reporting_disk_full(store.path, stored), store.transaction():
        ids: dict[str, int] = {}
        for pending in files:
            for doc, (morphemes, sentences) in zip(pending.new, pending.blobs):
                if doc.snap:
                    _snap(doc, morphemes)
                ids[doc.uid] = store.insert_document(
                    uid=doc.uid, title=doc.title, text=doc.text, raw=doc.raw, meta=doc.meta, source=doc.source,
                    encoding=doc.encoding, morphemes=morphemes, sentences=sentences,
                )
            report.documents_added += len(pending.new)
            report.documents_existing += len(pending.documents) - len(pending.new)
        with_spans = [doc for pending in files for doc in pending.documents if doc.spans]
        with_status = [doc for pending in files for doc in pending.documents if doc.status]
        ids.update(store.document_ids_by_uid({doc.uid for doc in with_spans + with_status if doc.uid not in ids}))
        for doc in with_spans:
            if doc.snap:  # a document stored before: its morphemes are in the store
                _snap(doc, store.analysis_blobs(ids[doc.uid])[0])
        drafts = []
        layers: dict[tuple[int, str], _HeldSpans] = {}  # what each layer holds, drafts included
        for doc in with_spans:
            doc_id = ids[doc.uid]
            key = (doc_id, doc.annotator)
            if key not in layers:
                layers[key] = _HeldSpans((s.start, s.end, s.label) for s in store.spans(doc_id, doc.annotator))
            held = layers[key]
            for start, end, label, attrs in doc.spans:
                if (start, end, label) in held:
                    continue  # imported before, or by another record of this document
                if forbid_overlaps and held.overlaps(start, end):
                    report.spans_overlapping += 1
                    continue
                held.add((start, end, label))
                attrs = dict(attrs)
                note = attrs.pop("note") if isinstance(attrs.get("note"), str) else ""  # our JSONL's note
                drafts.append(SpanDraft(doc_id, doc.annotator, start, end, label, attrs, note=note))
        store.insert_spans(attributes.complete_drafts(drafts, store))
        report.spans_added += len(drafts)
        report.spans_by_layer.update(draft.annotator for draft in drafts)
        for doc in with_status:  # a status someone set here since is not overwritten
            if store.status(ids[doc.uid], doc.annotator).status == "new":
                store.write_status(Status(ids[doc.uid], doc.annotator, doc.status))
                report.statuses_set += 1


class _HeldSpans:
    """A layer's spans while an import adds to it: identical ones found in a set, overlaps by bisecting
    the sorted extents (spans of a layer that forbids overlaps do not overlap each other)."""

    def __init__(self, spans):
        self.keys = set(spans)
        self.extents = sorted((start, end) for start, end, _ in self.keys)

    def __contains__(self, key: tuple[int, int, str]) -> bool:
        return key in self.keys

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.extents, (start, end))
        return (i > 0 and self.extents[i - 1][1] > start) or (i < len(self.extents) and self.extents[i][0] < end)

    def add(self, key: tuple[int, int, str]) -> None:
        self.keys.add(key)
        insort(self.extents, key[:2])


def _snap(doc: _PreparedDocument, morphemes: bytes | None) -> None:
    """Snap the document's spans to its morphemes as a selection is (particles dropped), once."""
    stored = unpack_morphemes(morphemes)
    snapped = []
    for start, end, label, attrs in doc.spans:
        start, end = snap_to_morphemes(doc.text, start, end, stored)
        if start < end:
            snapped.append((start, end, label, attrs))
    doc.spans = snapped
    doc.snap = False
