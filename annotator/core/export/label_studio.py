"""Label Studio JSON: a list of tasks to import into a Label Studio project.

Each task is ``{"data": {"text", "title", "uid", ...meta}, "annotations":
[{"result": [...]}]}`` (or ``"predictions"``, which Label Studio shows as
pre-annotations to review). A result is a ``labels`` region of the ``label``
control on the ``text`` object: ``{"id", "from_name": "label", "to_name":
"text", "type": "labels", "value": {"start", "end", "text", "labels": [L]}}``
with offsets in code points, as current Label Studio counts them. The
project's labelling config must name those (README: Label Studio).
Overlapping spans are kept: Label Studio allows them.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat
from annotator.core.export.formats import PartFiles

FROM_NAME, TO_NAME = "label", "text"


def labeling_config(labels, colors: dict[str, str], from_name: str = FROM_NAME, to_name: str = TO_NAME,
                    field: str = "text") -> str:
    """The Label Studio labelling config that matches the exported tasks (or a remote recogniser's)."""
    items = "".join(
        f'    <Label value={quoteattr(label)}' + (f' background="{colors[label]}"' if label in colors else "") + "/>\n"
        for label in labels)
    return (f'<View>\n  <Labels name={quoteattr(from_name)} toName={quoteattr(to_name)}>\n{items}  </Labels>\n'
            f'  <Text name={quoteattr(to_name)} value={quoteattr("$" + field)}/>\n</View>\n')


def _json(item) -> str:
    # U+2028/2029 are legal in JSON strings but break some line-based readers; escape them.
    return json.dumps(item, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class _TasksWriter(PartFiles):
    extension = ".json"
    preamble = "["
    ending = "\n]\n"
    key = "annotations"

    def task(self, document: ExportDocument) -> dict:
        text = document.text
        result = [{
            "id": f"{document.uid}-{number}",
            "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
            "value": {"start": span.start, "end": span.end, "text": text[span.start:span.end], "labels": [span.label]},
        } for number, span in enumerate(document.spans, start=1)]
        scalar_meta = {k: v for k, v in document.meta.items()
                       if isinstance(v, (str, int, float)) and k not in ("text", "title", "uid")}
        data = {"text": text, "title": document.title, "uid": document.uid, **scalar_meta}
        return {"data": data, self.key: [self.layer(result)]}

    def layer(self, result: list) -> dict:
        return {"result": result, "ground_truth": self.context.source == "gold"}

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        self.put(part, (",\n" if self.count[part] else "\n") + _json(self.task(document)))


class AnnotationsWriter(_TasksWriter):
    key = "annotations"


class PredictionsWriter(_TasksWriter):
    key = "predictions"

    def layer(self, result: list) -> dict:
        return {"model_version": f"annotator:{self.context.source}", "result": result}
