"""Hugging Face token-classification rows, as ``annotator export --format hf`` writes them and the
datasets library saves them: ``.parquet``, the ``.arrow`` files of ``save_to_disk``, or JSON lines.

A row has ``tokens`` (a list of strings) and ``ner_tags``: tag names (BIO,
IOBES or BILOU), or numbers named by the ``ClassLabel`` the file's schema
(or the ``dataset_info.json`` beside it) declares. Consecutive rows with the
same ``uid`` are one document, its rows (sentences) joined by line breaks;
a row without one is a document of its own. Tokens are joined by spaces:
the rows keep no spacing (the README's export table lists it as lost). Needs
pyarrow for ``.parquet`` and ``.arrow`` (``pip install 'annotator[hf]'``).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Iterator

from annotator.core.content_rules import JSONProblem, loads_json
from annotator.core.errors import InputError
from annotator.core.ingest.encoding import decode_bytes
from annotator.core.ingest.readers import Record
from annotator.core.ingest.tags import joined_tokens, parse_tag, raw_spans, spans_from_tags
from annotator.core.ingest.xmi import reason_of


def _names_in(features: Any) -> list[str] | None:
    """The ClassLabel names of ``ner_tags`` in serialised datasets features (Sequence or List of ClassLabel)."""
    if not isinstance(features, dict):
        return None
    tags = features.get("ner_tags")
    feature = tags.get("feature") if isinstance(tags, dict) else None
    names = feature.get("names") if isinstance(feature, dict) else None
    return names if isinstance(names, list) and all(isinstance(n, str) for n in names) else None


def _table(name: str, path: Path, data: bytes):
    """(pyarrow table, ClassLabel names or None) of a Parquet or Arrow file."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(name, None, "reading .parquet and .arrow files needs pyarrow: "
                                     "pip install 'annotator[hf]'") from None
    try:
        if path.suffix.lower() == ".parquet":
            table = pq.read_table(io.BytesIO(data))
        else:
            try:
                table = pa.ipc.open_stream(pa.BufferReader(data)).read_all()  # save_to_disk's
            except pa.ArrowInvalid:
                table = pa.ipc.open_file(pa.BufferReader(data)).read_all()
        metadata = json.loads((table.schema.metadata or {}).get(b"huggingface", b"{}"))
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds on damaged files
        raise InputError(name, None, f"not a readable {path.suffix.lower()} file ({reason_of(exc)})") from None
    names = _names_in(metadata.get("info", {}).get("features") if isinstance(metadata, dict) else None)
    beside = path.parent / "dataset_info.json"
    if names is None and beside.is_file():
        try:
            names = _names_in(json.loads(beside.read_text(encoding="utf-8")).get("features"))
        except (ValueError, OSError, AttributeError):
            names = None
    return table, names


def _rows(name: str, path: Path, data: bytes) -> Iterator[tuple[int, str, Any]]:
    """(line or row number, where for messages, row) of the file."""
    if path.suffix.lower() in (".parquet", ".arrow"):
        table, names = _table(name, path, data)
        missing = {"tokens", "ner_tags"} - set(table.column_names)
        if missing:
            raise InputError(name, None, f"no {' or '.join(sorted(missing))} column (columns: "
                                         f"{', '.join(table.column_names)[:200]})")
        columns = [c for c in ("uid", "tokens", "ner_tags") if c in table.column_names]
        try:
            rows = table.select(columns).to_pylist()
        except Exception as exc:  # noqa: BLE001 - invalid UTF-8 in a string column, and the like
            raise InputError(name, None, f"rows cannot be read ({reason_of(exc)})") from None
        for number, row in enumerate(rows, start=1):
            yield number, f"row {number}", (row, names)
        return
    text = decode_bytes(data, name)[0]
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                yield number, "", (loads_json(line), None)
            except JSONProblem as problem:
                raise InputError(name, number, problem.reason) from None


def _tags(row: dict, names: list[str] | None, fail) -> list[str]:
    tags = row.get("ner_tags")
    if not isinstance(tags, list):
        raise fail("ner_tags is not a list")
    if all(isinstance(tag, str) for tag in tags):
        return tags
    if all(isinstance(tag, int) and not isinstance(tag, bool) for tag in tags):
        if names is None:
            raise fail("ner_tags are numbers and the file declares no ClassLabel names for them")
        if any(not 0 <= tag < len(names) for tag in tags):
            raise fail(f"a tag number is outside the {len(names)} ClassLabel names")
        return [names[tag] for tag in tags]
    raise fail("ner_tags must be tag names or ClassLabel numbers")


def read_hf(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    records: list[Record] = []
    document: list = []  # [uid, first line, [(tokens, tags)]]

    def finish() -> None:
        if document:
            text, units = joined_tokens([list(zip(tokens, tags)) for tokens, tags in document[2]])
            line, where = document[1]
            records.append(Record(text, name, line, spans=raw_spans(text, spans_from_tags(units)), where=where))
            document.clear()

    for number, where, (row, names) in _rows(name, path, data):
        line = None if where else number

        def fail(reason: str) -> InputError:
            return InputError(name, line, f"{where}: {reason}" if where else reason)

        if not isinstance(row, dict):
            raise fail("a row must be an object with tokens and ner_tags")
        tokens = row.get("tokens")
        if not isinstance(tokens, list) or not all(isinstance(t, str) and t for t in tokens):
            raise fail("tokens must be a list of non-empty strings")
        tags = _tags(row, names, fail)
        if len(tags) != len(tokens):
            raise fail(f"{len(tokens)} tokens but {len(tags)} ner_tags")
        try:
            parsed = [parse_tag(tag) for tag in tags]
        except ValueError as exc:
            raise fail(str(exc)[:200]) from None
        uid = row.get("uid") if isinstance(row.get("uid"), str) and row.get("uid") else None
        if not document or uid is None or document[0] != uid:
            finish()
            document.extend([uid, (line, where)])
            document.append([])
        if tokens:
            document[2].append((tokens, parsed))
        if uid is None:
            finish()
    finish()
    records = [record for record in records if record.text.strip()]
    if not records:
        raise InputError(name, None, "no rows with tokens (expected tokens and ner_tags)")
    return records, "utf-8"
