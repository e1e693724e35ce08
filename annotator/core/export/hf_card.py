"""The ``README.md`` dataset card of a Hugging Face export: source, split, features, labels, counts, loading.

Its YAML header lists the Parquet files as the ``default`` configuration, so
``load_dataset("path/to/export")`` reads them in any datasets version.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from annotator.core.export.formats import ExportContext


def dataset_card(context: ExportContext, tag_names: list[str], counts: dict, file_names: dict) -> str:
    """``counts``: per part ``{"rows", "documents", "labels"}``; ``file_names``: part → file stem."""
    split = context.split
    labels = list(context.labels)
    stems = [file_names[part] for part in counts]
    lines = [
        "---",
        "language:", "- ko",
        "task_categories:", "- token-classification",
        "task_ids:", "- named-entity-recognition",
        f"pretty_name: {json.dumps(context.project + ' NER', ensure_ascii=False)}",
        "configs:", "- config_name: default", "  data_files:",
        *[line for stem in stems for line in (f"  - split: {stem}", f"    path: {stem}.parquet")],
        "---", "",
        f"# {context.project}: named entities (exported by annotator)", "",
        f"- Source project: `{context.project}`, layer `{context.source}`"
        + (", documents marked done (gold: adjudicated) only" if context.status == "done" else ""),
        f"- Exported: {datetime.now(timezone.utc).isoformat(timespec='seconds')}",
        (f"- Split: {'/'.join(map(str, split.percentages))} ({', '.join(stems)}), seed {split.seed}; a document's "
         "part is fixed by sha256(seed:uid), so adding documents never moves the old ones")
        if split else "- Split: none (every row in `train`)",
        "- Rows are sentences (Kiwi sentence boundaries; sentences a span crosses are joined).",
        "- Tokens are Kiwi morphemes sliced from the text (morphemes sharing characters merged, never "
        "containing whitespace), cut where a span starts or ends inside one, so every span keeps its edges; "
        "overlapping spans were resolved by keeping the longer one. `tokenizer.py` beside this card "
        "tokenises new text the same way for prediction.", "",
        "## Files", "",
        "- `" + "/`, `".join(stems) + "/` and `dataset_dict.json`: a `DatasetDict` for `datasets.load_from_disk` "
        "(written so that datasets 2.x and 3.x read it too), `ner_tags` as a `ClassLabel` sequence.",
        "- " + ", ".join(f"`{stem}.parquet`" for stem in stems) + " and "
        + ", ".join(f"`{stem}.json`" for stem in stems) + " (JSON lines): the same rows with plain columns, "
        "`ner_tags` as tag names, for pandas, Spark, any datasets version and `run_ner.py --train_file`.", "",
        "## Features", "",
        "| column | type | meaning |", "|---|---|---|",
        "| `id` | string | `<document uid>-<sentence number>` |",
        "| `uid` | string | the document's uid in the project (hash of its text) |",
        "| `tokens` | list of string | morpheme tokens |",
        "| `ner_tags` | list of ClassLabel (tag names in the Parquet and JSON files) | BIO tag per token |", "",
        "## Labels", "",
        "| index | tag |", "|---|---|",
        *[f"| {i} | `{name}` |" for i, name in enumerate(tag_names)], "",
        "## Counts", "",
        "| split | documents | sentences | " + " | ".join(labels) + " |",
        "|---|---|---|" + "---|" * len(labels),
        *[f"| {file_names[part]} | {counts[part]['documents']} | {counts[part]['rows']} | "
          + " | ".join(str(counts[part]['labels'].get(label, 0)) for label in labels) + " |"
          for part in counts], "",
        "## Loading", "",
        "```python",
        "from datasets import load_dataset, load_from_disk",
        'data = load_from_disk("path/to/this/folder")',
        "names = data['train'].features['ner_tags'].feature.names",
        "# or the Parquet files this card names (tag names as strings):",
        'data = load_dataset("path/to/this/folder")',
        "# or, in any datasets version:",
        'data = load_dataset("parquet", data_files={'
        + ", ".join(f'"{stem}": "path/to/this/folder/{stem}.parquet"' for stem in stems) + "})",
        "```", "",
    ]
    return "\n".join(lines)
