"""A Hugging Face dataset folder, one row a sentence: ``load_from_disk`` and plain files beside it.

Rows are streamed to a JSON-lines scratch file per split part (beside the
output, removed at the end), then loaded with the declared features and saved
with ``save_to_disk`` as a ``DatasetDict`` whose parts are named ``train``,
``validation`` (our ``dev``, the name ``run_ner.py`` and most recipes expect)
and ``test`` (without a split: ``train`` only). Always a ``DatasetDict``:
``load_dataset(folder)`` refuses a folder that holds a saved ``Dataset``
(its ``state.json`` at the top), while a ``DatasetDict`` keeps those in
subfolders and ``load_dataset`` reads the Parquet files the card names. A part
no document fell into is left out (an empty part breaks ``load_from_disk`` and
the file loaders). The saved features are rewritten in the form every
datasets version reads (see ``hf_files``).

Beside it, each part is also ``<part>.json`` (JSON lines) and
``<part>.parquet`` with ``id``, ``uid``, ``tokens`` and ``ner_tags`` as tag
names, and a ``README.md`` dataset card describes it all.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import datasets

from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat, bio_labels, token_tags
from annotator.core.export.formats import ExportContext, open_text
from annotator.core.export.hf_card import dataset_card
from annotator.core.export.hf_files import write_legacy_features, write_parquet

PART_NAMES = {None: "train", "dev": "validation"}  # the others keep their names


class DatasetWriter:
    def __init__(self, root: Path, parts: list[str | None], context: ExportContext):
        self.root = root
        self.context = context
        self.tag_names = bio_labels(context.labels, context.scheme)
        self.tag_index = {name: i for i, name in enumerate(self.tag_names)}
        self.tag_json = [json.dumps(name, ensure_ascii=False) for name in self.tag_names]
        self.names = {part: PART_NAMES.get(part, part) for part in parts}
        self.scratch = Path(tempfile.mkdtemp(prefix=f".{root.name}.rows-", suffix=f".{os.getpid()}.partial",
                                             dir=root.parent))
        self.rows, self.plain = {}, {}
        try:
            for part in parts:
                self.rows[part] = open_text(self.scratch / f"{self.names[part]}.jsonl")
                self.plain[part] = open_text(self.scratch / f"{self.names[part]}.json")
        except BaseException:
            self.abort()
            raise
        self.counts = {part: {"rows": 0, "documents": 0, "labels": Counter()} for part in parts}

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text = document.text
        tags = token_tags(flat, self.context.scheme)
        tokens = flat.tokens
        counts = self.counts[part]
        rows, plain = [], []
        index = 0
        for number, (_, end) in enumerate(flat.segments):
            first = index
            while index < len(tokens) and tokens[index][1] <= end:
                index += 1
            # The row up to its tags is encoded once and ends both lines: tag numbers, tag names.
            head = json.dumps({"id": f"{document.uid}-{number}", "uid": document.uid,
                               "tokens": [text[s:e] for s, e in tokens[first:index]]}, ensure_ascii=False)[:-1]
            ids = [self.tag_index[t] for t in tags[first:index]]
            rows.append(f'{head}, "ner_tags": [{", ".join(map(str, ids))}]}}\n')
            plain.append(f'{head}, "ner_tags": [{", ".join(self.tag_json[i] for i in ids)}]}}\n')
        self.rows[part].write("".join(rows))
        self.plain[part].write("".join(plain))
        counts["rows"] += len(rows)
        counts["documents"] += 1
        counts["labels"].update(s.label for s in flat.spans)

    def features(self) -> datasets.Features:
        return datasets.Features({
            "id": datasets.Value("string"),
            "uid": datasets.Value("string"),
            "tokens": datasets.Sequence(datasets.Value("string")),
            "ner_tags": datasets.Sequence(datasets.ClassLabel(names=self.tag_names)),
        })

    def close(self) -> None:
        for handle in (*self.rows.values(), *self.plain.values()):
            handle.close()
        features = self.features()
        names = {part: name for part, name in self.names.items() if self.counts[part]["rows"]}
        bars_were_on = not datasets.are_progress_bars_disabled()
        datasets.disable_progress_bars()
        try:
            loaded = {name: datasets.Dataset.from_json(str(self.scratch / f"{name}.jsonl"), features=features,
                                                       cache_dir=str(self.scratch / "cache"), split=name)
                      for name in names.values()}
            datasets.DatasetDict(loaded).save_to_disk(str(self.root))
            del loaded
            write_legacy_features(self.root)
            for name in names.values():  # added after save_to_disk, which owns the folder
                write_parquet(sorted((self.root / name).glob("data-*.arrow")), self.tag_names,
                              self.root / f"{name}.parquet")
                shutil.move(self.scratch / f"{name}.json", self.root / f"{name}.json")
        finally:
            if bars_were_on:
                datasets.enable_progress_bars()
            shutil.rmtree(self.scratch, ignore_errors=True)
        counts = {part: self.counts[part] for part in names}
        (self.root / "README.md").write_text(dataset_card(self.context, self.tag_names, counts, names),
                                             encoding="utf-8")

    def abort(self) -> None:
        for handle in (*self.rows.values(), *self.plain.values()):
            handle.close()
        shutil.rmtree(self.scratch, ignore_errors=True)
