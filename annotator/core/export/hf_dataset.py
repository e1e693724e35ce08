"""A Hugging Face dataset folder (``datasets.load_from_disk``), one row a sentence.

Rows are streamed to a JSON-lines scratch file per split part (beside the
output, removed at the end), then loaded with the declared features and saved
with ``save_to_disk``: a ``Dataset`` without a split, a ``DatasetDict`` with
one. A ``README.md`` dataset card describes features, labels and counts.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import datasets

from .document import ExportDocument
from .flat import Flat, bio_labels, token_tags
from .formats import ExportContext, open_text

COLUMNS = ("id", "uid", "tokens", "ner_tags")


class DatasetWriter:
    def __init__(self, root: Path, parts: list[str | None], context: ExportContext):
        self.root = root
        self.context = context
        self.tag_names = bio_labels(context.labels, context.scheme)
        self.tag_index = {name: i for i, name in enumerate(self.tag_names)}
        self.scratch = Path(tempfile.mkdtemp(prefix=f".{root.name}.rows-", suffix=f".{os.getpid()}.partial",
                                             dir=root.parent))
        self.rows = {part: open_text(self.scratch / f"{part or 'all'}.jsonl") for part in parts}
        self.counts = {part: {"rows": 0, "documents": 0, "labels": Counter()} for part in parts}

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        text = document.text
        tags = token_tags(flat, self.context.scheme)
        tokens = flat.tokens
        handle = self.rows[part]
        counts = self.counts[part]
        index = 0
        for number, (_, end) in enumerate(flat.segments):
            first = index
            while index < len(tokens) and tokens[index][1] <= end:
                index += 1
            row = {
                "id": f"{document.uid}-{number}",
                "uid": document.uid,
                "tokens": [text[s:e] for s, e in tokens[first:index]],
                "ner_tags": [self.tag_index[t] for t in tags[first:index]],
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            counts["rows"] += 1
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
        for handle in self.rows.values():
            handle.close()
        features = self.features()
        bars_were_on = not datasets.are_progress_bars_disabled()
        datasets.disable_progress_bars()
        try:
            loaded = {}
            for part in self.rows:
                path = self.scratch / f"{part or 'all'}.jsonl"
                if self.counts[part]["rows"]:
                    loaded[part] = datasets.Dataset.from_json(
                        str(path), features=features, cache_dir=str(self.scratch / "cache"), split=part or "train")
                else:
                    loaded[part] = datasets.Dataset.from_dict({c: [] for c in COLUMNS}, features=features)
            if None in loaded:
                loaded[None].save_to_disk(str(self.root))
            else:
                datasets.DatasetDict(loaded).save_to_disk(str(self.root))
            del loaded
        finally:
            if bars_were_on:
                datasets.enable_progress_bars()
            shutil.rmtree(self.scratch, ignore_errors=True)
        (self.root / "README.md").write_text(self.card(), encoding="utf-8")

    def abort(self) -> None:
        for handle in self.rows.values():
            handle.close()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def card(self) -> str:
        context = self.context
        split = context.split
        parts = [p for p in self.counts]
        labels = list(context.labels)
        lines = [
            "---",
            "language:", "- ko",
            "task_categories:", "- token-classification",
            "task_ids:", "- named-entity-recognition",
            f"pretty_name: {json.dumps(context.project + ' NER', ensure_ascii=False)}",
            "---", "",
            f"# {context.project}: named entities (exported by annotator)", "",
            f"- Source project: `{context.project}`, layer `{context.source}`"
            + (", documents marked done (gold: adjudicated) only" if context.status else ""),
            f"- Exported: {datetime.now(timezone.utc).isoformat(timespec='seconds')}",
            ("- Split: " + split.describe() + "; a document's part is fixed by sha256(seed:uid), "
             "so adding documents never moves the old ones") if split else "- Split: none (one `Dataset`)",
            "- Rows are sentences (Kiwi sentence boundaries; sentences a span crosses are joined).",
            "- Tokens are Kiwi morphemes sliced from the text (morphemes sharing characters merged, never "
            "containing whitespace); spans are widened to whole tokens; overlapping spans were resolved by "
            "keeping the longer one.", "",
            "## Features", "",
            "| column | type | meaning |", "|---|---|---|",
            "| `id` | string | `<document uid>-<sentence number>` |",
            "| `uid` | string | the document's uid in the project (hash of its text) |",
            "| `tokens` | list of string | morpheme tokens |",
            "| `ner_tags` | list of ClassLabel | BIO tag per token |", "",
            "## Labels", "",
            "| index | tag |", "|---|---|",
            *[f"| {i} | `{name}` |" for i, name in enumerate(self.tag_names)], "",
            "## Counts", "",
            "| split | documents | sentences | " + " | ".join(labels) + " |",
            "|---|---|---|" + "---|" * len(labels),
            *[f"| {part or 'train'} | {self.counts[part]['documents']} | {self.counts[part]['rows']} | "
              + " | ".join(str(self.counts[part]['labels'].get(label, 0)) for label in labels) + " |"
              for part in parts], "",
            "## Loading", "",
            "```python",
            "from datasets import load_from_disk",
            'data = load_from_disk("path/to/this/folder")',
            "names = data" + ("['train']" if split else "") + ".features['ner_tags'].feature.names",
            "```", "",
        ]
        return "\n".join(lines)
