"""What makes a Hugging Face export readable by every consumer, not only the datasets version that wrote it.

- datasets 4 writes list features as ``{"_type": "List"}``, which datasets 2.x
  and 3.x do not know (``Feature type 'List' not found``); they and every
  later version read the older ``{"_type": "Sequence"}``. ``write_legacy_features``
  turns the one into the other in a saved dataset's ``dataset_info.json`` and
  in the schema metadata of its Arrow files.
- ``write_parquet`` writes a part's rows as a Parquet file with plain
  columns (strings and lists of strings, the tags by name), which pandas,
  Spark and any datasets version read without knowing our features.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

FLAT_SCHEMA = pa.schema([("id", pa.string()), ("uid", pa.string()), ("tokens", pa.list_(pa.string())),
                         ("ner_tags", pa.list_(pa.string()))])


def legacy_features(value: Any) -> Any:
    """Serialised features with every variable-length ``List`` written as ``Sequence``."""
    if isinstance(value, list):
        return [legacy_features(item) for item in value]
    if not isinstance(value, dict):
        return value
    value = {key: legacy_features(item) for key, item in value.items()}
    if value.get("_type") == "List" and value.get("length", -1) == -1:
        value = {key: item for key, item in value.items() if key != "length"}
        value["_type"] = "Sequence"
    return value


def _rewrite_arrow_metadata(path: Path) -> None:
    """Rewrite one Arrow stream file of ``save_to_disk`` with legacy features in its schema metadata."""
    with pa.OSFile(str(path)) as source:  # read, not mapped: the pages of a mapped file would count as ours
        reader = pa.ipc.open_stream(source)
        metadata = dict(reader.schema.metadata or {})
        if b"huggingface" not in metadata:
            return
        info = json.loads(metadata[b"huggingface"])
        legacy = legacy_features(info)
        if legacy == info:
            return
        metadata[b"huggingface"] = json.dumps(legacy).encode("utf-8")
        temporary = path.with_name(path.name + ".tmp")
        with pa.OSFile(str(temporary), "wb") as sink, pa.ipc.new_stream(
                sink, reader.schema.with_metadata(metadata)) as writer:
            for batch in reader:  # one record batch at a time: memory stays flat
                writer.write_batch(batch)
    os.replace(temporary, path)


def write_legacy_features(folder: Path) -> None:
    """Make a ``save_to_disk`` folder (a Dataset or a DatasetDict) loadable by datasets 2.x and 3.x too."""
    for info_path in folder.rglob("dataset_info.json"):
        info = json.loads(info_path.read_text(encoding="utf-8"))
        legacy = legacy_features(info)
        if legacy != info:
            info_path.write_text(json.dumps(legacy, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for arrow_path in folder.rglob("*.arrow"):
        _rewrite_arrow_metadata(arrow_path)


def arrow_batches(files: list[Path]):
    """The record batches of ``save_to_disk`` Arrow files, one at a time."""
    for path in files:
        with pa.OSFile(str(path)) as source:
            yield from pa.ipc.open_stream(source)


def write_parquet(arrow_files: list[Path], tag_names: list[str], path: Path) -> None:
    """A part's saved rows (``ner_tags`` as tag indices) as a Parquet file with the tag names instead."""
    names = pa.array(tag_names, pa.string())
    with pq.ParquetWriter(str(path), FLAT_SCHEMA) as writer:
        for batch in arrow_batches(arrow_files):
            columns = dict(zip(batch.schema.names, batch.columns))
            tags = columns["ner_tags"]
            named = pa.ListArray.from_arrays(tags.offsets, names.take(tags.values))
            writer.write_batch(pa.RecordBatch.from_arrays([columns["id"], columns["uid"], columns["tokens"], named],
                                                          schema=FLAT_SCHEMA))
