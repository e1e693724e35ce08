"""KLUE-NER TSV (``klue-ner-v1.1_*.tsv``), one sentence a document.

The file may start with ``##`` header lines; each sentence is a
``## <id><TAB><sentence with <entity:TAG> markup>`` line, then one
``char<TAB>tag`` line per character (a space is the line `` <TAB>O``), then a
blank line (the KLUE baseline also accepts a line holding one tab). The
character lines are what counts, as for the KLUE baseline: the markup line
gives only the sentence id, since v1.1 has ill-formed markup lines
(``<1:QT>, 2편:QT>``, ``<사남:QT>일녀<QT>``). Also tolerated from v1.1: the
``<`` of ``<<레이:PS>>`` tagged as part of the name (a bracket with no partner
in the span is trimmed), whitespace at span edges, an ``I-`` without its
``B-``. Tags may be BIO, IOBES or BILOU (``annotator export --scheme``).
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.ingest.encoding import decode_bytes
from annotator.core.ingest.readers import Record
from annotator.core.ingest.tags import parse_tag, raw_spans, spans_from_tags


class _Sentence:
    def __init__(self, sentence_id: str | None, line: int | None):
        self.id = sentence_id
        self.line = line
        self.chars: list[str] = []
        self.tags: list = []

    def record(self, name: str) -> Record:
        text = "".join(self.chars)
        units, position = [], 0
        for char, tag in zip(self.chars, self.tags):
            units.append((position, position + len(char), tag))
            position += len(char)
        meta = {"id": self.id} if self.id else {}
        return Record(text, name, self.line, meta=meta, spans=raw_spans(text, spans_from_tags(units)))


def read_klue(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    text, encoding = decode_bytes(data, name)
    records: list[Record] = []
    sentence: _Sentence | None = None
    pending_id: tuple[str, int] | None = None  # the last ``##`` line before the characters

    def finish() -> None:
        nonlocal sentence
        if sentence is not None and sentence.chars:
            records.append(sentence.record(name))
        sentence = None

    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.startswith("##"):
            finish()
            pending_id = (line[2:].split("\t", 1)[0].strip(), number)
            continue
        if line.strip() == "" and not line.startswith(" \t"):
            finish()  # a blank line, or the baseline's lone tab
            pending_id = None
            continue
        char, tab, tag = line.rpartition("\t")
        if not tab or "\t" in char:
            raise InputError(name, number, "expected CHAR<TAB>TAG (KLUE-NER: one character and its tag a line)")
        if not char:
            raise InputError(name, number, "empty character before the tag")
        try:
            parsed = parse_tag(tag.strip())
        except ValueError as exc:
            raise InputError(name, number, str(exc)) from None
        if sentence is None:
            sentence_id, line_number = pending_id or (None, number)
            sentence = _Sentence(sentence_id or None, line_number)
        sentence.chars.append(char)
        sentence.tags.append(parsed)
    finish()
    if not records:
        raise InputError(name, None, "no sentences (expected KLUE-NER lines: CHAR<TAB>TAG)")
    return records, encoding
