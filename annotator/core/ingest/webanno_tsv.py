"""WebAnno TSV 3 (``#FORMAT=WebAnno TSV 3.x``), as INCEpTION and WebAnno write it: one document a file.

The header declares the layers (``#T_SP=``, ``#T_CH=``, ``#T_RL=``), each of
its fields one column after the three of a token (``S-T``, ``BEGIN-END``, the
token). The text is rebuilt as INCEpTION rebuilds it: the ``#Text=`` lines of
a sentence each followed by a line break, the sentence placed at its first
token's offset (spaces fill a gap, the last line break goes when the next
sentence starts right there), less the break after the very last line. Offsets count UTF-16 units. Spans are the
``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`` annotations with
their ``value`` as the label: ``_`` is none, stacked ones are split at ``|``,
``[N]`` joins the rows of one multi-token annotation. Other layers are
skipped. Escapes are undone as INCEpTION's ``Escaping`` does (3.2 and later;
3.0 and 3.1 used Java escapes).
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.content_rules import MAX_DOCUMENT_CHARS, short
from annotator.core.errors import InputError
from annotator.core.text.normalize import utf16_length
from annotator.core.ingest.encoding import decode_bytes
from annotator.core.ingest.readers import RawSpan, Record

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
FORMAT = re.compile(r"#FORMAT=WebAnno TSV (\d{1,9})\.(\d{1,9})$")  # more digits: no version, and int() refuses
_TEXT_ESCAPES = {"t": "\t", "n": "\n", "f": "\f", "r": "\r", "b": "\b", "\\": "\\"}
_TEXT_ESCAPE = re.compile(r"\\([tnfrb\\\x00-\x07\x0e-\x1f])")
_JAVA_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[tnfrb\\'\"])")
_VALUE_ESCAPE = re.compile(r"\\(->|[\\\[\]|_;tn*])")
_STACK = re.compile(r"(?<!\\)\|")
_ID = re.compile(r"^(.*)\[(\d+)\]$")
# The longest document a project takes, in UTF-16 units (the offsets' unit): a token beyond it would have
# the text padded with spaces up to there (a few hundred bytes asking for petabytes).
MAX_OFFSET = 2 * MAX_DOCUMENT_CHARS


def _java_unescape(match: re.Match) -> str:
    escaped = match[1]
    return chr(int(escaped[1:], 16)) if escaped[0] == "u" else _TEXT_ESCAPES.get(escaped, escaped)


def _unescape_text(text: str, minor: int) -> str:
    """A ``#Text=`` line's text: 3.2 and later escape control characters and the backslash; 3.0 and
    3.1 used Java's escapes."""
    if minor <= 1:
        return _JAVA_ESCAPE.sub(_java_unescape, text)
    return _TEXT_ESCAPE.sub(lambda m: _TEXT_ESCAPES.get(m[1], m[1]), text)


def _unescape_value(value: str) -> str:
    return _VALUE_ESCAPE.sub(lambda m: {"t": "\t", "n": "\n"}.get(m[1], m[1]), value)


def _value_column(lines: list[str], name: str) -> tuple[int | None, int, int]:
    """(column of NamedEntity's value or None, the number of annotation columns, the body's first line)."""
    column, columns, number = None, 0, 1
    for number, line in enumerate(lines[1:], start=2):
        kind, _, declaration = line.partition("=")
        if kind not in ("#T_SP", "#T_CH", "#T_RL"):
            break
        type_name, *features = declaration.split("|")
        if not type_name:
            raise InputError(name, number, f"a layer declaration without a type name: {line[:80]}")
        if type_name == NAMED_ENTITY and "value" in features:
            column = columns + features.index("value")
        columns += max(1, len(features))  # a layer without features still has a column
    else:
        number = len(lines) + 1
    return column, columns, number


def read_webanno_tsv(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    text, encoding = decode_bytes(data, name)
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    header = FORMAT.match(lines[0].lstrip("\ufeff")) if lines else None
    if header is None or header[1] != "3":
        raise InputError(name, 1, "not WebAnno TSV 3 (the first line is not #FORMAT=WebAnno TSV 3.x)")
    minor = int(header[2])
    column, columns, first_body = _value_column(lines, name)
    document: list[str] = []  # the text rebuilt, as pieces
    length = 0  # its length in UTF-16 units, the offsets' unit
    sentence: list[str] = []  # #Text lines of the sentence not yet placed
    spans: list[RawSpan] = []
    open_spans: dict[int, RawSpan] = {}  # multi-token annotations by disambiguation id
    for number, line in enumerate(lines[first_body - 1:], start=first_body):
        if not line:
            continue
        if line.startswith("#Text="):
            sentence.append(_unescape_text(line[6:], minor) + "\n")
            continue
        if line.startswith("#"):
            continue  # #Sentence.id and other sentence headers
        fields = line.split("\t")
        if len(fields) < columns + 3:
            raise InputError(name, number, f"expected {columns + 3} tab-separated fields (token id, offsets, token "
                                           f"and one a declared column), found {len(fields)}")
        match = re.fullmatch(r"(\d+)-(\d+)", fields[1])
        if not re.fullmatch(r"\d+-\d+(\.\d+)?", fields[0]) or match is None:
            raise InputError(name, number, f"expected a token line (S-T<TAB>BEGIN-END<TAB>…), not {line[:80]!r}")
        if max(len(match[1]), len(match[2])) > len(str(MAX_OFFSET)) or max(int(match[1]), int(match[2])) > MAX_OFFSET:
            raise InputError(name, number, f"token offsets {short(fields[1])} reach beyond the longest document a "
                                           f"project takes ({MAX_DOCUMENT_CHARS:,} characters)")
        begin, end = int(match[1]), int(match[2])
        if sentence:  # a sentence's first token: place the sentence at its offset
            if length == begin + 1 and document and document[-1].endswith("\n"):
                document[-1] = document[-1][:-1]  # no space between the sentences
                length -= 1
            if length > begin:
                raise InputError(name, number, f"the sentence starts at {begin}, inside the text before it")
            document.append(" " * (begin - length))
            document.extend(sentence)
            length = begin + sum(utf16_length(piece) for piece in sentence)
            sentence = []
        if not begin <= end <= length:
            raise InputError(name, number, f"token offsets {begin}-{end} are outside its sentence")
        if column is None or fields[3 + column] == "_":
            continue
        for value in _STACK.split(fields[3 + column]):
            identified = _ID.match(value) if not value.endswith("\\]") else None
            label, key = (identified[1], int(identified[2])) if identified else (value, None)
            if label in ("", "*"):
                raise InputError(name, number, "a NamedEntity without a value (label): give it one in INCEpTION "
                                               "and export again")
            label = _unescape_value(label)
            if key is not None and key in open_spans:
                open_spans[key].end = max(open_spans[key].end, end)
                continue
            span = RawSpan(begin, end, label)
            spans.append(span)
            if key is not None:
                open_spans[key] = span
    rebuilt = "".join(document).removesuffix("\n")  # the format's own break after the last #Text line
    if not rebuilt.strip():
        raise InputError(name, None, "no sentences (no #Text= lines followed by tokens)")
    title = next((line.strip() for line in rebuilt.split("\n") if line.strip()), "")[:120]
    return [Record(rebuilt, name, 1, title, {}, spans, utf16_offsets=True)], encoding
