"""Reading spans back from tag sequences (BIO, IOBES, BILOU), for the tagged import formats.

Real corpora break the scheme now and then, so decoding is forgiving: an
``I-`` (or ``E-``/``L-``) that does not continue a span of its label starts
one, as the KLUE and CoNLL evaluation scripts read it. Span edges are then
trimmed of whitespace and of brackets with no partner inside the span (KLUE
v1.1 tags the ``<`` of ``<<레이>>`` as part of the name).
"""

from __future__ import annotations

import re
from functools import lru_cache

from annotator.core.text.snapping import CLOSING, OPENING, PAIRS
from annotator.core.ingest.readers import RawSpan

TAG = re.compile(r"(?P<prefix>[BIESLU])-(?P<label>[A-Za-z][A-Za-z0-9_\-]*)")
OUTSIDE = frozenset({"O", "-"})
STARTS, ENDS = frozenset("BSU"), frozenset("ESLU")


@lru_cache(maxsize=4096)  # a corpus has few distinct tags and hundreds of thousands of lines
def parse_tag(tag: str) -> tuple[str, str] | None:
    """``(prefix, label)`` of ``B-AGENCY``; None for outside (``O``); ValueError for anything else."""
    if tag in OUTSIDE:
        return None
    match = TAG.fullmatch(tag)
    if not match:
        raise ValueError(f"tag {tag!r} is not O, B-LABEL, I-LABEL (or E-, S-, L-, U-)")
    return match.group("prefix"), match.group("label")


def spans_from_tags(units: list[tuple[int, int, tuple[str, str] | None]]) -> list[tuple[int, int, str]]:
    """Spans of ``(start, end, parsed tag)`` units given in text order."""
    spans: list[tuple[int, int, str]] = []
    current: list | None = None  # [start, end, label]
    for start, end, tag in units:
        if tag is None:
            current = None
            continue
        prefix, label = tag
        if current is not None and prefix not in STARTS and current[2] == label:
            current[1] = end
        else:
            current = [start, end, label]
            spans.append(current)  # the list is extended in place while the span continues
        if prefix in ENDS:
            current = None
    return [tuple(span) for span in spans]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without whitespace at its edges and brackets that have no partner inside."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start].isspace():
            start, changed = start + 1, True
        while end > start and text[end - 1].isspace():
            end, changed = end - 1, True
        if start < end and text[start] in OPENING and text[start] not in CLOSING \
                and PAIRS[text[start]] not in text[start + 1:end]:
            start, changed = start + 1, True
        if end > start and text[end - 1] in CLOSING and text[end - 1] not in OPENING \
                and OPENING[CLOSING.index(text[end - 1])] not in text[start:end - 1]:
            end, changed = end - 1, True
    return start, end


def raw_spans(text: str, spans: list[tuple[int, int, str]]) -> list[RawSpan]:
    """Trimmed spans of ``text``; those with nothing left are dropped."""
    found = []
    for start, end, label in spans:
        start, end = trim_span(text, start, end)
        if start < end:
            found.append(RawSpan(start, end, label))
    return found


def joined_tokens(sentences) -> tuple[str, list]:
    """The text of formats that keep tokens but no spacing (CoNLL, Hugging Face rows): each sentence's
    tokens joined by spaces, sentences by line breaks; and ``(start, end, tag)`` units for
    ``spans_from_tags``. ``sentences``: lists of (token, parsed tag)."""
    parts, units, position = [], [], 0
    for number, sentence in enumerate(sentences):
        if number:
            parts.append("\n")
            position += 1
        for index, (token, tag) in enumerate(sentence):
            if index:
                parts.append(" ")
                position += 1
            units.append((position, position + len(token), tag))
            parts.append(token)
            position += len(token)
    return "".join(parts), units
