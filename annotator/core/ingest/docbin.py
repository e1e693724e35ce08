"""spaCy ``DocBin`` files (``.spacy``), as ``annotator export --format spacy`` and ``spacy convert`` write them.

Each ``Doc`` is a document: its text exactly (``doc.text``, whitespace
included), its entities (``doc.ents``) and the spans of its span groups
(``doc.spans``, spancat's data) as spans with their character offsets, the
title from ``user_data`` when the export stored one. Needs spaCy
(``pip install 'annotator[spacy]'``). A DocBin is zlib-compressed: one that
unpacks to more than ``MAX_UNPACKED`` bytes is refused before spaCy reads it.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from annotator.core.content_rules import MAX_DOCUMENT_CHARS
from annotator.core.errors import InputError
from annotator.core.ingest.readers import RawSpan, Record
from annotator.core.ingest.xmi import reason_of

MAX_UNPACKED = 256 * MAX_DOCUMENT_CHARS  # a 100,000-token file of the export unpacks to a few MB


def _unpacked_size_ok(name: str, data: bytes) -> None:
    inflater = zlib.decompressobj()
    try:
        inflater.decompress(data, MAX_UNPACKED)
    except zlib.error as exc:
        raise InputError(name, None, f"not a spaCy DocBin (.spacy) file ({exc})") from None
    if inflater.unconsumed_tail:
        raise InputError(name, None, f"unpacks to over {MAX_UNPACKED:,} bytes; not read")


def read_docbin(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    try:
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab
    except ImportError:
        raise InputError(name, None, "reading .spacy files needs spaCy: pip install 'annotator[spacy]'") from None
    if not data:
        raise InputError(name, None, "empty file")
    _unpacked_size_ok(name, data)
    try:
        docs = list(DocBin().from_bytes(data).get_docs(Vocab()))
    except Exception as exc:  # noqa: BLE001 - msgpack, numpy and spaCy raise many kinds on bad input
        raise InputError(name, None, f"not a spaCy DocBin (.spacy) file ({reason_of(exc)})") from None
    records = []
    for number, doc in enumerate(docs, start=1):
        try:
            text = doc.text
            spans = {(e.start_char, e.end_char, e.label_): None for e in doc.ents}
            for group in doc.spans.values():
                spans.update({(s.start_char, s.end_char, s.label_): None for s in group})
            user_data = doc.user_data if isinstance(doc.user_data, dict) else {}
        except Exception as exc:  # noqa: BLE001 - a DocBin whose arrays do not fit its text
            raise InputError(name, None, f"Doc {number}: cannot be read ({reason_of(exc)})") from None
        if not text.strip():
            continue
        title = user_data.get("title")
        records.append(Record(text, name, None, title if isinstance(title, str) else "", {},
                              [RawSpan(start, end, label) for start, end, label in spans if label],
                              where=f"Doc {number}"))
    if not records:
        raise InputError(name, None, "holds no Doc with text")
    return records, "utf-8"
