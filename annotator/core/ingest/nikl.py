"""국립국어원 모두의 말뭉치 개체명 분석 말뭉치 (NIKL NE JSON), one ``document`` a document.

``{"id", "metadata", "document": [{"id", "metadata", "sentence": [{"id", "form",
"word": [...], "NE": [{"id", "form", "label", "begin", "end"}]}]}]}``:
``begin``/``end`` are character offsets into the sentence's ``form``. A
document's sentences are joined by line breaks. An entity whose ``form`` does
not sit at ``begin`` is looked for in its sentence (the nearest occurrence);
labels are NIKL's subtypes (``OGG_POLITICS``), mapped by the built-in or
given label map.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.content_rules import JSONProblem, loads_json
from annotator.core.errors import InputError
from annotator.core.ingest.encoding import decode_bytes
from annotator.core.ingest.readers import RawSpan, Record


class _Locator:
    """Lines of a JSON text, found by searching for an id or value near where the parser is."""

    def __init__(self, text: str):
        self.text = text
        self.position = 0

    def line_of(self, *values: Any) -> int:
        for value in values:
            if isinstance(value, (str, int)) and not isinstance(value, bool) and value != "":
                needle = json.dumps(value, ensure_ascii=False)
                found = self.text.find(needle, self.position)
                if found >= 0:
                    self.position = found
                    return self.text.count("\n", 0, found) + 1
        return self.text.count("\n", 0, self.position) + 1


def _nearest(form: str, piece: str, begin: int) -> int:
    """Start of the occurrence of ``piece`` in ``form`` nearest to ``begin``, or -1."""
    best, at = -1, form.find(piece)
    while at >= 0:
        if best < 0 or abs(at - begin) < abs(best - begin):
            best = at
        at = form.find(piece, at + 1)
    return best


def _entity(entry: Any, form: str, offset: int, name: str, where: _Locator) -> RawSpan:
    line = where.line_of(entry.get("form") if isinstance(entry, dict) else None)
    if not isinstance(entry, dict):
        raise InputError(name, line, f"an NE entry must be an object, not {entry!r}"[:200])
    label, begin, end = entry.get("label"), entry.get("begin"), entry.get("end")
    if not isinstance(label, str) or not label:
        raise InputError(name, line, f"NE entry without a label: {entry!r}"[:200])
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (begin, end)):
        raise InputError(name, line, f"NE begin and end must be whole numbers, not {begin!r}, {end!r}")
    piece = entry.get("form")
    if isinstance(piece, str) and piece and form[begin:end] != piece and 0 <= begin:
        at = _nearest(form, piece, begin)
        if at >= 0:
            begin, end = at, at + len(piece)
    if not 0 <= begin < end <= len(form):
        raise InputError(name, line, f"NE [{begin}, {end}) {label} is outside its sentence "
                                     f"({len(form)} characters) or empty")
    return RawSpan(offset + begin, offset + end, label)


def _document(doc: Any, index: int, name: str, where: _Locator) -> Record:
    doc_id = doc.get("id") if isinstance(doc, dict) else None
    line = where.line_of(doc_id)
    if not isinstance(doc, dict) or not isinstance(doc.get("sentence"), list):
        raise InputError(name, line, f"document {doc_id or index} has no \"sentence\" list")
    forms, spans, offset = [], [], 0
    for sentence in doc["sentence"]:
        sentence_id = sentence.get("id") if isinstance(sentence, dict) else None
        form = sentence.get("form") if isinstance(sentence, dict) else None
        if not isinstance(form, str):
            raise InputError(name, where.line_of(sentence_id), "a sentence needs its text as \"form\"")
        entities = sentence.get("NE") or []
        if not isinstance(entities, list):
            raise InputError(name, where.line_of(sentence_id), "\"NE\" must be a list")
        where.line_of(sentence_id)  # the entities are searched for from the sentence on
        spans.extend(_entity(entry, form, offset, name, where) for entry in entities)
        forms.append(form)
        offset += len(form) + 1
    text = "\n".join(forms)
    if not text.strip():
        raise InputError(name, line, f"document {doc_id or index} has no text")
    metadata = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
    meta = {key: value for key, value in metadata.items() if isinstance(value, (str, int, float)) and value != ""}
    if doc_id is not None:
        meta["id"] = doc_id
    title = metadata.get("title") if isinstance(metadata.get("title"), str) else ""
    return Record(text, name, line, title, meta, spans)


def read_nikl(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    text, encoding = decode_bytes(data, name)
    try:
        corpus = loads_json(text)  # strict: no NaN, no numbers Python cannot convert, no deep nesting
    except JSONProblem as exc:
        line = text.count("\n", 0, exc.pos) + 1 if exc.pos is not None else 1
        raise InputError(name, line, exc.reason) from None
    if not isinstance(corpus, dict) or not isinstance(corpus.get("document"), list):
        raise InputError(name, 1, 'expected NIKL NE JSON: an object with a "document" list')
    where = _Locator(text)
    records = [_document(doc, index, name, where) for index, doc in enumerate(corpus["document"], start=1)]
    if not records:
        raise InputError(name, 1, "no documents")
    return records, encoding
