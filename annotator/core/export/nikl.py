"""국립국어원 모두의 말뭉치 NE JSON (NIKL): ``{"id", "metadata", "document": [...]}``.

A document is ``{"id", "metadata": {"title", "uid", ...}, "sentence": [{"id",
"form", "word": [{"id", "form", "begin", "end"}], "NE": [{"id", "form",
"label", "begin", "end"}]}]}`` with ``begin``/``end`` code-point offsets into
the sentence's ``form`` (end exclusive). Sentences are Kiwi's, cut at line
breaks (a span crossing one joins the sentences); words are the
whitespace-separated eojeols. Labels go through the label map (by default
``resources/label_maps/nikl.toml``: BUDGET → QT_PRICE, AGENCY → OGG_POLITICS,
PROGRAM → TMI_PROJECT, TECH → TMI_SW). NE entries do not overlap here; the
shorter of overlapping spans is left out and reported.
"""

from __future__ import annotations

import json
import re

from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat
from annotator.core.export.formats import PartFiles

_WORD = re.compile(r"\S+")


def _json(item) -> str:
    return json.dumps(item, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def nikl_sentence(sentence_id: str, text: str, start: int, end: int, spans) -> dict:
    """One sentence ``text[start:end]`` with the (ordered, non-overlapping) ``spans`` inside it."""
    form = text[start:end]
    words = [{"id": number, "form": match.group(), "begin": match.start(), "end": match.end()}
             for number, match in enumerate(_WORD.finditer(form), start=1)]
    entities = [{"id": number, "form": text[span.start:span.end], "label": span.label,
                 "begin": span.start - start, "end": span.end - start}
                for number, span in enumerate(spans, start=1)]
    return {"id": sentence_id, "form": form, "word": words, "NE": entities}


class NiklWriter(PartFiles):
    extension = ".json"
    ending = "\n]}\n"

    def start(self, part: str | None) -> str:
        name = self.context.project + (f".{part}" if part else "")
        head = _json({"id": name, "metadata": {"title": f"{self.context.project} NE ({self.context.source})",
                                                "creator": "annotator", "annotation_level": ["개체명"]}})
        return head[:-1] + ', "document": ['

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        doc_id = str(document.meta.get("id") or document.uid)
        sentences, index = [], 0
        for number, (start, end) in enumerate(flat.segments, start=1):
            first = index
            while index < len(flat.spans) and flat.spans[index].start < end:
                index += 1
            sentences.append(nikl_sentence(f"{doc_id}.{number}", document.text, start, end, flat.spans[first:index]))
        item = {"id": doc_id, "metadata": {"title": document.title, "uid": document.uid}, "sentence": sentences}
        self.put(part, ("," if self.count[part] else "") + "\n" + _json(item))
