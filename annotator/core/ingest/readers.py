"""Readers turn one input file into records; they never touch the store.

Every problem raises ``InputError`` naming the file and line, so the importer
can reject the whole file and store nothing of it.
"""

from __future__ import annotations

import csv
import importlib
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from annotator.core.content_rules import MAX_DOCUMENT_CHARS, JSONProblem, decode_json, loads_json, short, string_problem
from annotator.core.errors import InputError
from annotator.core.ingest.encoding import decode_bytes, readable_path
from annotator.core.ingest.label_studio_users import annotation_layer, prediction_layer
from annotator.core.ingest.news import clean_article

FORMATS = ("auto", "txt", "jsonl", "csv", "doccano", "prodigy", "labelstudio", "klue", "nikl", "naver", "conllu", "xmi",
           "webanno", "inception", "conll", "spacy", "brat", "hf")
# Formats read by a module of their own: "module:function", called with (path, bytes) -> (records, encoding).
FORMAT_READERS = {"klue": "klue:read_klue", "nikl": "nikl:read_nikl", "naver": "naver:read_naver",
                  "conllu": "conllu:read_conllu", "xmi": "xmi:read_xmi", "webanno": "webanno_tsv:read_webanno_tsv",
                  "inception": "inception_zip:read_inception_zip", "conll": "conll:read_conll",
                  "spacy": "docbin:read_docbin", "brat": "brat:read_brat", "hf": "hf:read_hf"}
# MAX_DOCUMENT_CHARS (content_rules): longer texts are refused; the importer checks each record.
# The usual reader of each extension (``detect`` tries the others of a shared one).
EXTENSIONS = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".json": "labelstudio",
              ".conllu": "conllu", ".xmi": "xmi", ".tsv": "webanno", ".zip": "inception", ".conll": "conll",
              ".spacy": "spacy", ".ann": "brat", ".parquet": "hf", ".arrow": "hf"}
# The files a folder yields when one of these formats is named (else: every extension above).
FORMAT_EXTENSIONS = {"klue": {".tsv", ".txt"}, "naver": {".txt", ".tsv", ""}, "nikl": {".json"},
                     "conllu": {".conllu", ".conll"}, "xmi": {".xmi"}, "webanno": {".tsv"},
                     "inception": {".zip"}, "conll": {".conll", ".txt"}, "spacy": {".spacy"}, "brat": {".ann"},
                     "hf": {".parquet", ".arrow", ".json", ".jsonl"}}


@dataclass
class RawSpan:
    start: int
    end: int
    label: str
    attrs: dict = field(default_factory=dict)


@dataclass
class Record:
    """One document as read, before normalisation. Span offsets index ``text``."""

    text: str
    source: str
    line: int | None = None
    title: str = ""
    meta: dict = field(default_factory=dict)
    spans: list[RawSpan] = field(default_factory=list)
    utf16_offsets: bool = False  # doccano counts JavaScript UTF-16 units
    raw: str | None = None  # the input before cleaning, when it differs
    annotator: str | None = None  # a layer named by the record itself (Label Studio)
    status: str | None = None  # that layer's status of the document, when the file says (INCEpTION's states)
    where: str = ""  # within the line, for messages: "task 3" of a Label Studio export
    snap: bool = False  # spans include particles (eojeol formats): snap them to the stored morphemes
    skipped: Counter = field(default_factory=Counter)  # what the reader left out, by kind: the report counts it
    read_as: str = ""  # the format --format auto found the file to be (its built-in label map applies)


def read_file(path: Path, fmt: str = "auto", clean: bool = True, text_column: str = "text") -> tuple[list[Record], str]:
    """Records of one file and the encoding it was decoded from (``detect``: ``auto``, and the formats that
    do read a file the format named cannot)."""
    from annotator.core.ingest.detect import read_detected, with_hint

    def read(path: Path, fmt: str):
        return _read_as(path, fmt, clean, text_column)

    if fmt == "auto":
        return read_detected(path, read, EXTENSIONS, FORMATS)
    try:
        return read(path, fmt)
    except InputError as error:
        raise with_hint(error, path, fmt, read, EXTENSIONS, FORMAT_EXTENSIONS) from None


def _read_as(path: Path, fmt: str, clean: bool, text_column: str) -> tuple[list[Record], str]:
    name = readable_path(path)
    try:
        if fmt == "txt" and path.stat().st_size > 4 * MAX_DOCUMENT_CHARS:
            raise InputError(name, None, f"file of {path.stat().st_size:,} bytes is too large for one article; split it")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, None, f"cannot read ({exc.strerror})") from None
    if fmt in FORMAT_READERS:
        module_name, function = FORMAT_READERS[fmt].split(":")
        return getattr(importlib.import_module(f".{module_name}", __package__), function)(path, data)
    text, encoding = decode_bytes(data, name)
    if fmt == "txt":
        return [_txt_record(text, name, clean)], encoding
    if fmt == "csv":
        return _csv_records(text, name, text_column), encoding
    if fmt == "labelstudio":
        return _labelstudio_records(text, name), encoding
    return _jsonl_records(text, name, fmt), encoding


def _txt_record(text: str, name: str, clean: bool) -> Record:
    from annotator.core.text.normalize import normalize_text

    normalized = normalize_text(text)
    if clean:
        article = clean_article(normalized)
        if not article.text.strip():
            raise InputError(name, None, "no article text left after removing site clutter (try --no-clean)")
        return Record(article.text, name, title=article.title, meta=article.meta, raw=text)
    title = next((line.strip() for line in normalized.split("\n") if line.strip()), "")
    return Record(text, name, title=title)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:120]


def _span_from(value: Any, name: str, line: int | None, where: str = "") -> RawSpan:
    prefix = f"{where}: " if where else ""
    if isinstance(value, (list, tuple)) and len(value) >= 3:
        start, end, label = value[0], value[1], value[2]
        attrs: dict = {}
    elif isinstance(value, dict) and {"start", "end", "label"} <= value.keys():
        start, end, label = value["start"], value["end"], value["label"]
        attrs = {k: v for k, v in value.items() if k not in {"start", "end", "label", "text", "token_start", "token_end"}}
    else:
        raise InputError(name, line, f"{prefix}span {short(value)} is not [start, end, label] or {{start, end, label}}")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise InputError(name, line, f"{prefix}span offsets must be whole numbers, not {short(start)}, {short(end)}")
    if not isinstance(label, str) or not label:
        raise InputError(name, line, f"{prefix}span label must be a non-empty string, not {short(label)}")
    return RawSpan(start, end, label, attrs)


def _title(value: Any, body: str) -> str:
    """A record's title: its own, or the first line of its text. Raises ``ValueError`` for a non-string."""
    if value is None or value == "":
        return _first_line(body)
    problem = string_problem(value, "title")
    if problem:
        raise ValueError(problem)
    return value


def _jsonl_records(text: str, name: str, fmt: str) -> list[Record]:
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = loads_json(line)
        except JSONProblem as exc:
            raise InputError(name, number, exc.reason) from None
        if not isinstance(item, dict):
            raise InputError(name, number, "each line must be a JSON object")
        body = item.get("text")
        if not isinstance(body, str) or not body.strip():
            raise InputError(name, number, 'missing or empty "text"')
        meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
        reserved = {"text", "title", "meta", "spans", "label", "labels", "id", "uid", "tokens", "_input_hash", "_task_hash", "answer"}
        meta = {**{k: v for k, v in item.items() if k not in reserved}, **meta}
        if "id" in item:
            meta.setdefault("id", item["id"])
        raw_spans: list = []
        utf16 = False
        if fmt in ("doccano", "jsonl") and isinstance(item.get("label", item.get("labels")), list):
            raw_spans = item.get("label", item.get("labels"))
            utf16 = True  # [start, end, label] triples are doccano's, in UTF-16 units, read as jsonl too
        elif fmt in ("prodigy", "jsonl") and isinstance(item.get("spans"), list):
            raw_spans = item["spans"]
        elif fmt in ("doccano", "prodigy") and item.get("label", item.get("spans")) not in (None, []):
            raise InputError(name, number, f"spans are not a list in {fmt} format")
        spans = [_span_from(value, name, number) for value in raw_spans]
        try:
            title = _title(item.get("title"), body)
        except ValueError as exc:
            raise InputError(name, number, str(exc)) from None
        records.append(Record(body, name, number, title, meta, spans, utf16))
    if not records:
        raise InputError(name, None, "no records (empty file)")
    return records


def _csv_records(text: str, name: str, text_column: str) -> list[Record]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or text_column not in reader.fieldnames:
        raise InputError(name, 1, f"no {text_column!r} column (columns: {', '.join(reader.fieldnames or [])}); use --text-column")
    records = []
    try:
        for row in reader:
            number = reader.line_num
            if None in row:
                raise InputError(name, number, "more fields than the header has")
            body = row.get(text_column) or ""
            if not body.strip():
                raise InputError(name, number, f"empty {text_column!r}")
            meta = {k: v for k, v in row.items() if k not in (text_column, "title") and v not in (None, "")}
            records.append(Record(body, name, number, row.get("title") or _first_line(body), meta))
    except csv.Error as exc:
        raise InputError(name, reader.line_num, f"malformed CSV ({exc})") from None
    if not records:
        raise InputError(name, None, "no rows")
    return records


_SPACE = " \t\r\n"


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _json_items(text: str, name: str) -> Iterator[tuple[int, Any]]:
    """The items of a top-level JSON array (or one object), each with the line it starts on."""
    line, counted = 1, 0

    def line_at(pos: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, pos)
        counted = pos
        return line

    try:
        pos = _skip_space(text, 0)
        if not text.startswith("[", pos):
            value = loads_json(text, "the task")
            if not isinstance(value, dict):
                raise InputError(name, line_at(pos), "expected a Label Studio export: a list of tasks")
            yield line_at(pos), value
            return
        pos = _skip_space(text, pos + 1)
        if text.startswith("]", pos):
            pos += 1
        else:
            while True:
                item, end = decode_json(text, pos, "the task")
                yield line_at(pos), item
                pos = _skip_space(text, end)
                if text.startswith(",", pos):
                    pos = _skip_space(text, pos + 1)
                elif text.startswith("]", pos):
                    pos += 1
                    break
                else:
                    raise JSONProblem("malformed JSON (expected , or ] after a task)", pos)
        if _skip_space(text, pos) != len(text):
            raise JSONProblem("malformed JSON (extra data after the list of tasks)", pos)
    except JSONProblem as exc:
        raise InputError(name, line_at(exc.pos) if exc.pos is not None else None, exc.reason) from None


def _labelstudio_spans(annotation: dict, name: str, line: int, where: str) -> list[RawSpan]:
    def fail(reason: str) -> InputError:
        return InputError(name, line, f"{where}: {reason}")

    results = annotation.get("result")
    if results is None:
        return []
    if not isinstance(results, list):
        raise fail("annotation result is not a list")
    spans = []
    for result in results:
        if not isinstance(result, dict):
            raise fail("a result is not an object")
        value = result.get("value")
        if value is None:  # relations and the like carry no value
            continue
        if not isinstance(value, dict):
            raise fail("a result value is not an object")
        if "labels" not in value or ("start" not in value and "end" not in value):
            continue  # choices, ratings, text areas: not spans
        if "start" not in value or "end" not in value:
            raise fail(f"a labelled result has no {'end' if 'start' in value else 'start'}")
        labels = value["labels"]
        if not isinstance(labels, list):
            raise fail(f"labels must be a list of names, not {short(labels)}")
        spans.extend(_span_from({"start": value["start"], "end": value["end"], "label": label}, name, line, where)
                     for label in labels)
    return spans


def _labelstudio_records(text: str, name: str) -> list[Record]:
    records = []
    for index, (line, task) in enumerate(_json_items(text, name), start=1):
        where = f"task {index}"
        if not isinstance(task, dict):
            raise InputError(name, line, f"{where} is not an object")
        data = task.get("data")
        body = data.get("text") if isinstance(data, dict) else None
        if not isinstance(body, str) or not body.strip():
            raise InputError(name, line, f"{where}: no data.text")
        try:
            title = _title(data.get("title"), body)
        except ValueError as exc:
            raise InputError(name, line, f"{where}: {exc}") from None
        annotations = task.get("annotations") or task.get("completions") or []
        predictions = task.get("predictions") or []  # a model's pre-annotations: a layer of their own
        for key, value in (("annotations", annotations), ("predictions", predictions)):
            if not isinstance(value, list):
                raise InputError(name, line, f"{where}: {key} must be a list, not {short(value)}")
        meta = {k: v for k, v in data.items() if k != "text" and isinstance(v, (str, int, float))}
        results = [("an annotation", item, annotation_layer) for item in annotations] + [
            ("a prediction", item, prediction_layer) for item in predictions]
        for kind, annotation, layer_of in results or [("", {"result": []}, annotation_layer)]:
            if not isinstance(annotation, dict):
                raise InputError(name, line, f"{where}: {kind} is not an object")
            spans = _labelstudio_spans(annotation, name, line, where)
            layer = layer_of(annotation)
            # Label Studio 1.4 (late 2021) and later count code points like Python (earlier ones: UTF-16 units).
            records.append(Record(body, name, line, title, meta, spans, False,
                                  annotator=layer if spans else None, where=where))
    return records
