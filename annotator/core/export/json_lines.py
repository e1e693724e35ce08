"""JSON-lines formats: our master format, doccano and Prodigy.

All three keep every span as stored (overlaps included) and are read back by
``annotator import`` (``--format jsonl``, ``doccano``, ``prodigy``).
"""

from __future__ import annotations

import json
import re

from annotator.core.text.normalize import codepoint_to_utf16
from annotator.core.export.document import ExportDocument
from annotator.core.export.flat import Flat, spacy_pieces, split_at, tokenize
from annotator.core.export.formats import PartFiles, attrs_without

SPAN_KEYS = frozenset({"start", "end", "label", "text", "token_start", "token_end", "note"})
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _line(item: dict) -> str:
    # U+2028/2029 and NEL are legal inside JSON strings but are line breaks to
    # str.splitlines and many JSONL readers: escape them so a record stays one line.
    line = json.dumps(item, ensure_ascii=False)
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085") + "\n"


class _LinesWriter(PartFiles):
    extension = ".jsonl"

    def write(self, part: str | None, document: ExportDocument, flat: Flat | None) -> None:
        self.put(part, _line(self.record(document)))

    def record(self, document: ExportDocument) -> dict:
        raise NotImplementedError



class MasterWriter(_LinesWriter):
    """``{"id", "uid", "title", "text", "spans": [{"start", "end", "label", "text", "note"?, ...attrs}], "meta"}``."""

    def record(self, document: ExportDocument) -> dict:
        text = document.text
        spans = []
        for start, end, label, attrs, note in document.spans:
            span = {"start": start, "end": end, "label": label, "text": text[start:end]}
            if note:
                span["note"] = note
            if attrs:
                span.update(attrs_without(attrs, SPAN_KEYS))
            spans.append(span)
        return {"id": document.id, "uid": document.uid, "title": document.title, "text": text, "spans": spans,
                "meta": document.meta}


class DoccanoWriter(_LinesWriter):
    """``{"text", "label": [[start, end, label]], ...}`` with offsets in UTF-16 units, as doccano (JavaScript) counts."""

    def record(self, document: ExportDocument) -> dict:
        text = document.text
        if _ASTRAL.search(text):
            def units(offset: int) -> int:
                return codepoint_to_utf16(text, offset)
        else:
            def units(offset: int) -> int:
                return offset
        labels = [[units(s.start), units(s.end), s.label] for s in document.spans]
        return {"text": text, "label": labels, "uid": document.uid, "title": document.title, "meta": document.meta}


class ProdigyWriter(_LinesWriter):
    """``{"text", "tokens", "spans": [{start, end, label, token_start, token_end}], "meta"}`` in code points.

    Tokens follow Prodigy's (spaCy's) conventions: the Kiwi morpheme tokens,
    cut at every span edge so that every span has ``token_start`` and
    ``token_end``; ``ws`` is one space after a token, and any other
    whitespace (line breaks, runs of spaces) is a token of its own, so the
    tokens and their ``ws`` rebuild the text exactly.
    """

    def record(self, document: ExportDocument) -> dict:
        text = document.text
        edges = [(s.start, s.end) for s in document.spans]
        tokens = split_at(tokenize(text, document.morphemes), sorted({offset for edge in edges for offset in edge}))
        pieces = spacy_pieces(text, tokens, edges)
        first = {p.start: i for i, p in enumerate(pieces)}
        last = {p.end: i for i, p in enumerate(pieces)}
        spans = []
        for start, end, label, attrs, _note in document.spans:
            span = {"start": start, "end": end, "label": label, "text": text[start:end],
                    "token_start": first[start], "token_end": last[end]}
            if attrs:
                span.update(attrs_without(attrs, SPAN_KEYS))
            spans.append(span)
        return {
            "text": text,
            "title": document.title,
            "tokens": [{"text": text[p.start:p.end], "start": p.start, "end": p.end, "id": i, "ws": p.ws}
                       for i, p in enumerate(pieces)],
            "spans": spans,
            "meta": {**document.meta, "uid": document.uid},
        }
