"""CoNLL-2003 style files: a token a line with its tag in the last column, as ``annotator export
--format conll`` (``token<TAB>tag``) and ``conll2003`` (``token POS chunk tag``) write them.

Columns are split at tabs when the line has one, else at runs of spaces;
the first column is the token, the last its tag (BIO, IOBES or BILOU; an
``I-`` that does not continue a span starts one). A blank line ends a
sentence; a ``-DOCSTART-`` line starts a document, whose text is its
sentences joined by line breaks, each its tokens joined by spaces (CoNLL
keeps no spacing: the text is not the exported document's, which the README's
export table lists as lost). A file without ``-DOCSTART-`` gives a document
per sentence. Lines of ten tab-separated columns are CoNLL-U: such a file is
read by the CoNLL-U reader.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.ingest.conllu import read_conllu
from annotator.core.ingest.encoding import decode_bytes
from annotator.core.ingest.readers import Record
from annotator.core.ingest.tags import joined_tokens, parse_tag, raw_spans, spans_from_tags

DOCSTART = "-DOCSTART-"


class _Document:
    def __init__(self, line: int):
        self.line = line
        self.sentences: list[list[tuple[str, tuple | None]]] = []

    def record(self, name: str) -> Record:
        text, units = joined_tokens(self.sentences)
        return Record(text, name, self.line, spans=raw_spans(text, spans_from_tags(units)))


def _columns(line: str) -> list[str]:
    return line.split("\t") if "\t" in line else line.split()


def read_conll(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    text, encoding = decode_bytes(data, name)
    lines = text.split("\n")
    first = next((line.removesuffix("\r") for line in lines if line.strip() and not line.startswith("#")), "")
    if len(first.split("\t")) == 10:
        return read_conllu(path, data)
    has_docstart = any(_columns(line)[:1] == [DOCSTART] for line in lines)
    records: list[Record] = []
    document: _Document | None = None
    sentence: list[tuple[str, tuple | None]] = []

    def end_sentence(number: int) -> None:
        nonlocal document
        if sentence:
            if document is None:
                document = _Document(number)
            document.sentences.append(list(sentence))
            sentence.clear()
        if not has_docstart:
            end_document()

    def end_document() -> None:
        nonlocal document
        if document is not None and document.sentences:
            records.append(document.record(name))
        document = None

    for number, line in enumerate(lines, start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            end_sentence(number)
            continue
        columns = _columns(line)
        if columns[0] == DOCSTART:
            end_sentence(number)
            end_document()
            document = _Document(number)
            continue
        if len(columns) < 2:
            raise InputError(name, number, "expected a token and its tag (TOKEN<TAB>TAG, or TOKEN POS CHUNK TAG)")
        token, tag = columns[0].strip(), columns[-1].strip()
        if not token or any(c.isspace() for c in token):
            raise InputError(name, number, f"a token cannot be empty or hold whitespace: {token!r}"[:200])
        try:
            parsed = parse_tag(tag)
        except ValueError as exc:
            raise InputError(name, number, str(exc)[:200]) from None
        if not sentence and document is None:
            document = _Document(number)
        sentence.append((token, parsed))
    end_sentence(len(lines))
    end_document()
    if not records:
        raise InputError(name, None, "no tokens (expected CoNLL lines: TOKEN<TAB>TAG or TOKEN POS CHUNK TAG)")
    return records, encoding
