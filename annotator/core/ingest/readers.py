"""Readers turn one input file into records; they never touch the store.

Every problem raises ``InputError`` naming the file and line, so the importer
can reject the whole file and store nothing of it.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .encoding import decode_bytes
from .news import clean_article

FORMATS = ("auto", "txt", "jsonl", "csv", "doccano", "prodigy", "labelstudio", "klue", "nikl", "naver", "conllu", "xmi")
# Formats read by a module of their own: "module:function", called with (path, bytes) -> (records, encoding).
FORMAT_READERS = {"klue": "klue:read_klue", "nikl": "nikl:read_nikl", "naver": "naver:read_naver",
                  "conllu": "conllu:read_conllu", "xmi": "xmi:read_xmi"}
# Longer texts are refused: Kiwi and a text view both choke on them, and no
# article is this long; split such a file first. The importer checks each record.
MAX_DOCUMENT_CHARS = 1_000_000
EXTENSIONS = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".json": "labelstudio",
              ".conllu": "conllu", ".xmi": "xmi"}
# The files a folder yields when one of these formats is named (else: every extension above).
FORMAT_EXTENSIONS = {"klue": {".tsv", ".txt"}, "naver": {".txt", ".tsv", ""}, "nikl": {".json"},
                     "conllu": {".conllu", ".conll"}, "xmi": {".xmi"}}


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
    utf16_offsets: bool = False  # doccano and Label Studio count JavaScript UTF-16 units
    raw: str | None = None  # the input before cleaning, when it differs
    annotator: str | None = None  # a layer named by the record itself (Label Studio)
    snap: bool = False  # spans include particles (eojeol formats): snap them to the stored morphemes


def read_file(path: Path, fmt: str = "auto", clean: bool = True, text_column: str = "text") -> tuple[list[Record], str]:
    """Records of one file and the encoding it was decoded from."""
    name = str(path)
    if fmt == "auto":
        fmt = EXTENSIONS.get(path.suffix.lower(), "")
        if not fmt:
            raise InputError(name, None, f"unknown file type {path.suffix or '(no extension)'}; use --format")
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
    from ..text import normalize_text

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


def _span_from(value: Any, name: str, line: int) -> RawSpan:
    if isinstance(value, (list, tuple)) and len(value) >= 3:
        start, end, label = value[0], value[1], value[2]
        attrs: dict = {}
    elif isinstance(value, dict) and {"start", "end", "label"} <= value.keys():
        start, end, label = value["start"], value["end"], value["label"]
        attrs = {k: v for k, v in value.items() if k not in {"start", "end", "label", "text", "token_start", "token_end"}}
    else:
        raise InputError(name, line, f"span {value!r} is not [start, end, label] or {{start, end, label}}")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise InputError(name, line, f"span offsets must be whole numbers, not {start!r}, {end!r}")
    if not isinstance(label, str) or not label:
        raise InputError(name, line, f"span label must be a non-empty string, not {label!r}")
    return RawSpan(start, end, label, attrs)


def _jsonl_records(text: str, name: str, fmt: str) -> list[Record]:
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(name, number, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
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
            utf16 = fmt == "doccano"
        elif fmt in ("prodigy", "jsonl") and isinstance(item.get("spans"), list):
            raw_spans = item["spans"]
        elif fmt in ("doccano", "prodigy") and item.get("label", item.get("spans")) not in (None, []):
            raise InputError(name, number, f"spans are not a list in {fmt} format")
        spans = [_span_from(value, name, number) for value in raw_spans]
        title = item.get("title") if isinstance(item.get("title"), str) else _first_line(body)
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


def _labelstudio_records(text: str, name: str) -> list[Record]:
    try:
        tasks = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(name, exc.lineno, f"malformed JSON ({exc.msg})") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise InputError(name, 1, "expected a Label Studio export: a list of tasks")
    records = []
    for index, task in enumerate(tasks, start=1):
        data = task.get("data") if isinstance(task, dict) else None
        body = data.get("text") if isinstance(data, dict) else None
        if not isinstance(body, str) or not body.strip():
            raise InputError(name, None, f"task {index}: no data.text")
        annotations = task.get("annotations") or task.get("completions") or []
        layers = annotations or [{"result": []}]
        for annotation in layers:
            spans = []
            for result in annotation.get("result", []):
                value = result.get("value", {})
                if "start" not in value or "labels" not in value:
                    continue
                for label in value["labels"]:
                    spans.append(_span_from({"start": value["start"], "end": value["end"], "label": label}, name, index))
            who = annotation.get("completed_by")
            who = who.get("email") if isinstance(who, dict) else who
            meta = {k: v for k, v in data.items() if k != "text" and isinstance(v, (str, int, float))}
            records.append(Record(body, name, None, data.get("title") or _first_line(body), meta, spans, True,
                                  annotator=str(who) if who not in (None, "") and spans else None))
    return records
