"""Naver NLP Challenge NER (eojeol BIO), one sentence a document.

``idx<TAB>eojeol<TAB>TAG`` a line, a blank line between sentences; ``TAG`` is
``-`` (outside), ``ORG_B`` or ``ORG_I`` (``_E``/``_S``, ``_L``/``_U`` are
read too). The sentence is its eojeols joined by spaces. An entity there is
whole eojeols, particles included (원주시가); the import snaps each span to
the stored morphemes like a selection (원주시), so the spans follow the
project's convention.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.ingest.encoding import decode_bytes
from annotator.core.ingest.readers import Record
from annotator.core.ingest.tags import parse_tag, raw_spans, spans_from_tags


def naver_tag(tag: str) -> str:
    """``ORG_B`` → ``B-ORG``; ``-`` stays (outside)."""
    label, underscore, prefix = tag.rpartition("_")
    if underscore and len(prefix) == 1 and label:
        return f"{prefix}-{label}"
    return tag


def read_naver(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    text, encoding = decode_bytes(data, name)
    records: list[Record] = []
    words: list[str] = []
    tags: list = []
    first_line = 0

    def finish() -> None:
        if words:
            sentence = " ".join(words)
            units, position = [], 0
            for word, tag in zip(words, tags):
                units.append((position, position + len(word), tag))
                position += len(word) + 1
            records.append(Record(sentence, name, first_line, spans=raw_spans(sentence, spans_from_tags(units)),
                                  snap=True))
        words.clear()
        tags.clear()

    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip("\r")
        if not line.strip():
            finish()
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise InputError(name, number, f"expected INDEX<TAB>EOJEOL<TAB>TAG, found {len(fields)} field(s)")
        index, word, tag = (field.strip() for field in fields)
        if not index.isdigit():
            raise InputError(name, number, f"the first field must be the eojeol's number, not {index!r}"[:200])
        if not word or any(c.isspace() for c in word):
            raise InputError(name, number, f"an eojeol cannot be empty or hold whitespace: {word!r}"[:200])
        try:
            parsed = parse_tag(naver_tag(tag))
        except ValueError:
            raise InputError(name, number, f"tag {tag!r} is not -, LABEL_B or LABEL_I"[:200]) from None
        if not words:
            first_line = number
        words.append(word)
        tags.append(parsed)
    finish()
    if not records:
        raise InputError(name, None, "no sentences (expected Naver NER lines: INDEX<TAB>EOJEOL<TAB>TAG)")
    return records, encoding
