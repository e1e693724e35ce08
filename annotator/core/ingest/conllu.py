"""CoNLL-U with entities in MISC (``NE=B-AGENCY``), as ``annotator export --format conllu`` writes it.

Ten tab-separated columns a token, ``#`` comments, a blank line after each
sentence. ``# newdoc`` starts a document (``# newdoc id = X`` gives its id); a
file without any ``# newdoc`` gives one document per sentence. The text is
rebuilt from the forms and the spacing in MISC: ``SpaceAfter=No``, or
``SpacesAfter=``/``SpacesBefore=`` with ``\\s`` space, ``\\t`` tab, ``\\n``
line break, ``\\r``, ``\\p`` (``|``), ``\\\\`` and ``\\uXXXX`` for other
whitespace (UDPipe's convention). Without them a token is followed by one
space, a sentence by a line break. Multiword tokens (``1-2``) give the text;
empty nodes (``1.1``) are skipped. Tags may be BIO, IOBES or BILOU.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.ingest.encoding import decode_bytes
from annotator.core.ingest.readers import Record
from annotator.core.ingest.tags import TAG, parse_tag, raw_spans, spans_from_tags

_ESCAPES = {"s": " ", "t": "\t", "n": "\n", "r": "\r", "p": "|", "\\": "\\"}
_REVERSE = {value: f"\\{key}" for key, value in _ESCAPES.items()}
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|.)")
_ID = re.compile(r"(\d+)(?:-(\d+)|\.\d+)?")


def escape_spaces(text: str) -> str:
    out = []
    for char in text:
        if char in _REVERSE:
            out.append(_REVERSE[char])
        elif char.isspace() or not char.isprintable():
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def unescape_spaces(text: str) -> str:
    def one(match: re.Match) -> str:
        code = match.group(1)
        if len(code) == 5:
            return chr(int(code[1:], 16))
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(one, text)


def _misc(field: str) -> dict[str, str]:
    if field == "_":
        return {}
    return dict(item.partition("=")[::2] for item in field.split("|"))


def _entity_tag(misc: dict[str, str]) -> str:
    """The entity tag in MISC: ``NE=`` (spaCy's and our export's), ``NER=``, ``name=``, or a bare ``B-X``."""
    for key in ("NE", "NER", "name"):
        if key in misc:
            return misc[key]
    return next((key for key, value in misc.items() if not value and TAG.fullmatch(key)), "O")


class _Document:
    def __init__(self, doc_id: str | None, line: int):
        self.id = doc_id
        self.line = line
        self.parts: list[str] = []
        self.units: list = []
        self.length = 0
        self.sentences = 0
        self.gap: str | None = None  # after the last sentence: None when the file does not say

    def add(self, text: str, tag=None) -> None:
        if tag is not None:
            self.units.append((self.length, self.length + len(text), tag))
        self.parts.append(text)
        self.length += len(text)

    def record(self, name: str) -> Record:
        text = "".join(self.parts)
        meta = {"id": self.id} if self.id else {}
        return Record(text, name, self.line, meta=meta, spans=raw_spans(text, spans_from_tags(self.units)))


def read_conllu(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    text, encoding = decode_bytes(data, name)
    has_newdoc = any(line.startswith("# newdoc") for line in text.split("\n"))
    records: list[Record] = []
    document: _Document | None = None
    sentence: list[tuple[str, dict, tuple | None]] = []  # (form, misc, tag) of each surface token
    covered = 0  # the last word id a multiword token covers

    def end_sentence() -> None:
        nonlocal document, covered
        if not sentence:
            return
        if document is None:
            document = _Document(None, sentence_line)
        if document.sentences:
            document.add("\n" if document.gap is None else document.gap)
        for index, (form, misc, tag) in enumerate(sentence):
            if index == 0 and "SpacesBefore" in misc:
                document.add(unescape_spaces(misc["SpacesBefore"]))
            document.add(form, tag)
            gap = None
            if misc.get("SpaceAfter") == "No":
                gap = ""
            if "SpacesAfter" in misc:
                gap = unescape_spaces(misc["SpacesAfter"])
            if index == len(sentence) - 1:
                document.gap = gap
            else:
                document.add(" " if gap is None else gap)
        document.sentences += 1
        sentence.clear()
        covered = 0
        if not has_newdoc:
            end_document()

    def end_document() -> None:
        nonlocal document
        if document is not None and document.sentences:
            if document.gap:
                document.add(document.gap)  # trailing whitespace the file asks for
            records.append(document.record(name))
        document = None

    sentence_line = 1
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.startswith("#"):
            if line.startswith("# newdoc"):
                end_sentence()
                end_document()
                doc_id = line.partition("=")[2].strip() if "=" in line else None
                document = _Document(doc_id or None, number)
            continue
        if not line.strip():
            end_sentence()
            continue
        fields = line.split("\t")
        if len(fields) != 10:
            raise InputError(name, number, f"a CoNLL-U token line has 10 tab-separated fields, not {len(fields)}")
        match = _ID.fullmatch(fields[0])
        if not match:
            raise InputError(name, number, f"ID {fields[0]!r} is not a number, a range (1-2) or a decimal (1.1)")
        form = fields[1]
        if not form or "\t" in form:
            raise InputError(name, number, "empty FORM")
        if "." in fields[0]:
            continue  # an empty node: no text of its own
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if not sentence:
            sentence_line = number
        misc = _misc(fields[9])
        try:
            tag = parse_tag(_entity_tag(misc))
        except ValueError as exc:
            raise InputError(name, number, f"MISC NER: {exc}") from None
        if match.group(2):
            if last < first:
                raise InputError(name, number, f"range {fields[0]} ends before it starts")
            covered = last
            sentence.append((form, misc, tag))
        elif first > covered:
            sentence.append((form, misc, tag))
        elif tag is not None and sentence and sentence[-1][2] is None:
            sentence[-1] = (sentence[-1][0], sentence[-1][1], tag)  # a word of a multiword token tagged
    end_sentence()
    end_document()
    if not records:
        raise InputError(name, None, "no sentences (expected CoNLL-U token lines of 10 fields)")
    return records, encoding
