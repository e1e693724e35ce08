"""brat standoff: an ``.ann`` file and the ``.txt`` of the same name beside it, one document.

Offsets in the ``.ann`` count code points of the ``.txt`` as it is (line
ends included), as ``annotator export --format brat`` and brat write them.

- ``T1<TAB>LABEL START END<TAB>text``: a span; a discontinuous one
  (``START END;START END``, fragments of a span that crossed a line break)
  comes in as one span from its first start to its last end. The text column
  must be the fragments' text joined by spaces, as brat writes it: anything
  else means the offsets or the ``.txt`` are not the ones it was made with,
  and the file is refused at that line.
- ``#1<TAB>AnnotatorNotes T1<TAB>note``: the span's note; a note that is a
  JSON object holds its attributes (the export writes them so).
- ``A1<TAB>Name T1 [Value]`` (and the older ``M``): an attribute of the span
  (``true`` without a value).
- Relations (``R``), events (``E``), equivalences (``*``) and normalisations
  (``N``) are not read yet: they are counted in the import summary.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from annotator.core.content_rules import JSONProblem, loads_json
from annotator.core.errors import InputError
from annotator.core.ingest.encoding import decode_bytes, readable_path
from annotator.core.ingest.readers import RawSpan, Record

_ID = re.compile(r"[TRE#AMN*]\d*")
_FRAGMENT = re.compile(r"(\d+) (\d+)")
SKIPPED = {"R": "relations (R lines)", "E": "events (E lines)", "*": "equivalences (* lines)",
           "N": "normalisations (N lines)"}


def text_path(ann: Path) -> Path:
    return ann.with_suffix(".txt")


def read_brat(path: Path, data: bytes) -> tuple[list[Record], str]:
    name = str(path)
    txt = text_path(path)
    try:
        text_bytes = txt.read_bytes()
    except OSError as exc:
        raise InputError(name, None, f"brat needs the text beside it: {readable_path(txt)} ({exc.strerror})") from None
    text, encoding = decode_bytes(text_bytes, readable_path(txt))
    annotations = decode_bytes(data, name)[0] if data.strip() else ""
    spans: dict[str, RawSpan] = {}
    skipped: Counter = Counter()
    later: list[tuple[int, list[str]]] = []  # notes and attributes, once every span is known
    for number, line in enumerate(annotations.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        if not _ID.fullmatch(fields[0]):
            raise InputError(name, number, f"not a brat annotation line (an id such as T1, then a tab): {line[:80]!r}")
        kind = fields[0][0]
        if kind == "T":
            spans[fields[0]] = _text_bound(name, number, fields, text)
        elif kind in SKIPPED:
            skipped[SKIPPED[kind]] += 1
        else:
            later.append((number, fields))
    for number, fields in later:
        _attach(name, number, fields, spans)
    title = next((line.strip() for line in text.split("\n") if line.strip()), "")[:120]
    return [Record(text, name, 1, title, spans=list(spans.values()), skipped=skipped)], encoding


def _text_bound(name: str, number: int, fields: list[str], text: str) -> RawSpan:
    if len(fields) != 3 or " " not in fields[1]:
        raise InputError(name, number, "a text-bound annotation is T1<TAB>LABEL START END<TAB>TEXT")
    label, _, where = fields[1].partition(" ")
    pieces = []
    for piece in where.split(";"):
        match = _FRAGMENT.fullmatch(piece.strip())
        if not match:
            raise InputError(name, number, f"offsets {where!r} are not START END (or START END;START END)"[:200])
        start, end = int(match.group(1)), int(match.group(2))
        if not 0 <= start < end <= len(text):
            raise InputError(name, number, f"fragment [{start}, {end}) is not inside the text of "
                                           f"{len(text):,} characters"[:200])
        pieces.append((start, end))
    shown = " ".join(text[s:e] for s, e in pieces)
    if shown != fields[2]:
        raise InputError(name, number, f"the text column {fields[2][:40]!r} is not the text at {where} "
                                       f"({shown[:40]!r}): the .ann was made for another text"[:300])
    return RawSpan(pieces[0][0], max(e for _, e in pieces), label)


def _attach(name: str, number: int, fields: list[str], spans: dict[str, RawSpan]) -> None:
    """A note (``#``) or attribute (``A``/``M``) line added to the span it names."""
    words = fields[1].split(" ") if len(fields) > 1 else []
    if fields[0][0] == "#":
        if len(words) != 2 or len(fields) != 3:
            raise InputError(name, number, "a note is #1<TAB>AnnotatorNotes T1<TAB>TEXT")
        span = _target(name, number, words[1], spans)
        try:
            value = loads_json(fields[2])
        except JSONProblem:
            value = None
        if isinstance(value, dict):  # the attributes annotator's export writes as a note
            span.attrs.update(value)
        elif span.attrs.get("note"):
            span.attrs["note"] += "\n" + fields[2]
        else:
            span.attrs["note"] = fields[2]
        return
    if len(words) not in (2, 3) or len(fields) != 2:
        raise InputError(name, number, "an attribute is A1<TAB>NAME T1 [VALUE]")
    span = _target(name, number, words[1], spans)
    span.attrs[words[0]] = words[2] if len(words) == 3 else True


def _target(name: str, number: int, target: str, spans: dict[str, RawSpan]) -> RawSpan:
    if target not in spans:
        raise InputError(name, number, f"{target} is not a text-bound annotation (T) of this file"[:200])
    return spans[target]
