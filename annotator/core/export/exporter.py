"""Running an export: stream one layer's documents through a format writer.

Documents are read in chunks from a read-only snapshot, so memory stays flat
and an annotator can keep working meanwhile. Safe to call from a worker
thread: ``progress(done, total)`` is called after every chunk and
``cancelled()`` (or ``cancelled.is_set()``) is checked before every document;
cancelling raises ``ExportCancelled`` and leaves nothing behind. An export
that would hold no document writes nothing either (``report.documents`` is 0).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable

from annotator.core.errors import AnnotatorError, reporting_disk_full
from annotator.core.project_files import refuse_own_files
from annotator.core.store.export import document_count, export_batches, layer_exists, layer_labels, snapshot
from annotator.core.label_map import LabelMap, builtin_label_map, read_label_map
from annotator.core.records import GOLD
from annotator.core.store.activity import seconds_by_annotator
from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat, flatten
from annotator.core.export.formats import FORMATS, ExportContext, get_format
from annotator.core.export.output import MANIFEST, AtomicOutput
from annotator.core.export.report import ExportCancelled, ExportReport, SpanNote
from annotator.core.export.shipped_tokenizer import ship_tokenizer
from annotator.core.export.split import Split
from annotator.core.export.tagging import check_scheme, scheme_notes

CHUNK_DOCUMENTS = 500
# "done": only documents the layer marked finished; "all": also those with spans not marked finished.
STATUS_FILTERS = ("done", "all")


def finished_status(source: str) -> str:
    """The status that marks a document finished in ``source``: adjudicated for gold, done otherwise."""
    return "adjudicated" if source == GOLD else "done"


def default_status(source: str) -> str:
    """Gold is a training set only where a reviewer said so: opening a document in review merges its
    agreed spans into gold before anyone adjudicates it. An annotator's layer is exported as it stands."""
    return "done" if source == GOLD else "all"


def _cancel_check(cancelled: Any) -> Callable[[], bool]:
    if cancelled is None:
        return lambda: False
    return getattr(cancelled, "is_set", cancelled)


def _note_flat(report: ExportReport, document: ExportDocument, flat: Flat) -> None:
    text, uid = document.text, document.uid
    for span, why in flat.dropped:
        report.dropped.append(SpanNote(uid, span.start, span.end, span.label, text[span.start:span.end], why))
    for before, after in flat.widened:
        report.widened.append(SpanNote(uid, before.start, before.end, before.label, text[before.start:before.end],
                                       f"trimmed of whitespace at its edges: [{after.start}, {after.end}) "
                                       f"“{text[after.start:after.end]}”", (after.start, after.end)))
    report.sentences += len(flat.segments)
    report.sentences_joined += flat.joined
    report.tokens_split += flat.split


def _mapped_labels(labels, colors, label_map: LabelMap):
    """The output's label names (in order, each once) and their colours under ``label_map``."""
    mapped: dict[str, str] = {}
    for label in labels:
        name = label_map.export_label(label)
        if name and name not in mapped:
            mapped[name] = colors.get(label)
    return tuple(mapped), {name: color for name, color in mapped.items() if color}


def _map_spans(document: ExportDocument, label_map: LabelMap, report: ExportReport) -> None:
    spans = []
    for span in document.spans:
        label = label_map.export_label(span.label)
        if label:
            spans.append(span._replace(label=label))
        else:
            report.unmapped[span.label] += 1
    document.spans = spans


def _note_empty_parts(report: ExportReport) -> None:
    """A split part no document fell into gets no file at all (an empty one breaks most loaders): say why."""
    for part, count in report.parts.items():
        if not count:
            report.notes.append(
                f"no {part} part was written: none of the {report.documents} documents fell into it (a document's "
                f"part comes from its uid and the seed, split {report.split}); export more documents for one")


def export_project(project, fmt: str, out: Path | str, source: str = GOLD, status: str | None = None,
                   split: Split | str | None = None, seed: int = 0,
                   progress: Callable[[int, int], None] | None = None, cancelled: Any = None,
                   scheme: str = "bio", label_map: LabelMap | Path | str | None = None) -> ExportReport:
    """Write ``source``'s spans in format ``fmt`` to ``out``; see ``Project.export``."""
    spec = get_format(fmt)
    spec.require_extra()
    if check_scheme(scheme) != "bio" and not spec.tagged:
        tagged = ", ".join(name for name, f in FORMATS.items() if f.tagged)
        raise AnnotatorError(f"--scheme applies to the tagged formats ({tagged}), not {spec.name}")
    if label_map is not None and not isinstance(label_map, LabelMap):
        label_map = read_label_map(label_map)
    label_map = label_map or builtin_label_map(spec.name)
    status = status or default_status(source)
    if status not in STATUS_FILTERS:
        raise AnnotatorError(f"--status takes {', '.join(STATUS_FILTERS)}, not {status!r}")
    if isinstance(split, str):
        split = Split.parse(split, seed)
    out = Path(out)
    if not project.store.in_memory:
        refuse_own_files(project.folder, out)
    is_cancelled = _cancel_check(cancelled)
    finished = finished_status(source)
    report = ExportReport(spec.name, out, source, status, split.describe() if split else None)
    report.notes.extend(scheme_notes(spec.name, scheme))
    started = time.perf_counter()
    full = "nothing was written; free some space and export again"
    with reporting_disk_full(out, full), snapshot(project.store) as conn:
        if source != GOLD and not layer_exists(conn, source):
            layers = ", ".join(project.annotators()) or "none yet"
            raise AnnotatorError(f"no layer {source!r} in {project.folder} (layers: {layers})")
        names = project.schema.label_names
        labels = tuple(names) + tuple(label for label in layer_labels(conn, source) if label not in names)
        colors = {label.name: label.color for label in project.schema.labels}
        if label_map is not None:
            label_map.check_export(labels)
            labels, colors = _mapped_labels(labels, colors, label_map)
        context = ExportContext(project.name, labels, colors, source, status, split, report, scheme,
                                project.schema.overlap)
        parts = list(split.names) if split else [None]
        report.parts.update({part: 0 for part in parts if part})
        total = document_count(conn)
        output = AtomicOutput(out, folder=spec.folder or split is not None)
        writer = None
        try:
            writer = spec.open_writer(output.temp, parts, context)
            written: list[int] = []
            done = 0
            if progress:
                progress(0, total)
            for batch in export_batches(conn, source, CHUNK_DOCUMENTS, analysis=spec.analysis):
                for row in batch:
                    if is_cancelled():
                        raise ExportCancelled("export cancelled; nothing was written")
                    if row.status != finished:
                        if not row.spans:
                            report.skipped_unannotated += 1
                            continue
                        if status == "done":
                            report.skipped_status += 1
                            continue
                        report.unfinished += 1
                    document = ExportDocument(row)
                    if label_map is not None:
                        _map_spans(document, label_map, report)
                    part = split.part(row.uid) if split else None
                    flat = flatten(document, spec.level) if spec.level else None
                    if flat is not None:
                        _note_flat(report, document, flat)
                    report.spans_by_label.update(s.label for s in (flat.spans if flat else document.spans))
                    writer.write(part, document, flat)
                    report.documents += 1
                    written.append(row.id)
                    if part:
                        report.parts[part] += 1
                done += len(batch)
                if progress:
                    progress(done, total)
            if not report.documents:  # nothing to train on: write no empty file (the report says why)
                writer.abort()
                writer = None
                output.discard()
                report.seconds = time.perf_counter() - started
                return report
            writer.close()
            writer = None
            _note_empty_parts(report)
            if spec.level == "token" and output.folder:  # token exports in a folder: the tokenizer for new text
                ship_tokenizer(output.temp, project.user_dictionaries())
            report.active_seconds = seconds_by_annotator(conn, written)
            report.seconds = time.perf_counter() - started
            if output.folder:
                (output.temp / MANIFEST).write_text(
                    json.dumps({"project": project.name, **report.as_dict()}, ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
            output.commit()
        except BaseException:
            if writer is not None:
                writer.abort()
            output.discard()
            raise
    return report
