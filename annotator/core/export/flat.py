"""Turning a document's spans into a flat labelling (one label per character or token).

BIO formats cannot hold overlapping spans, and token formats cannot start or
end a span inside a token. ``flatten`` decides, and says what it changed:

- tokens: Kiwi morphemes sliced from the text; morphemes that share characters
  (했 = 하 + 었) are merged, tokens are cut at whitespace, and characters no
  morpheme covers become tokens of their own, so every non-space character is
  in exactly one token and tokens never overlap;
- spans are widened to the tokens they touch (``widened``), then overlaps are
  resolved by keeping the longer span (the earlier one on a tie) and dropping
  the other (``dropped``, with the span it lost to);
- sentences: Kiwi's stored sentence boundaries, cut at line breaks; a span (or
  token) crossing a boundary joins the sentences around it (``joined``) rather
  than being cut.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from typing import NamedTuple

from annotator.core.text.morphemes import morpheme_bounds, unpack_morphemes, unpack_sentences
from annotator.core.export.document import ExportDocument, ExportSpan
from annotator.core.export.tagging import entity_tags, tag_names

_WORD = re.compile(r"\S+")
_LINE_CONTENT = re.compile(r"\S(?:[^\n]*\S)?")  # a line without its surrounding whitespace


class Flat(NamedTuple):
    spans: list[ExportSpan]  # ordered, non-overlapping (aligned to tokens at token level)
    segments: list[tuple[int, int]]  # sentences, ordered, non-overlapping
    tokens: list[tuple[int, int]]  # empty at character level
    dropped: list[tuple[ExportSpan, str]]  # (span as stored, why)
    widened: list[tuple[ExportSpan, ExportSpan]]  # (as stored, as exported)
    joined: int  # sentence boundaries removed because something crossed them


def tokenize(text: str, morphemes_blob: bytes | None) -> list[tuple[int, int]]:
    """Non-overlapping tokens covering every non-whitespace character exactly once."""
    starts, ends = morpheme_bounds(morphemes_blob)
    return tokenize_ranges(text, zip(starts, ends))


def tokenize_ranges(text: str, morphemes) -> list[tuple[int, int]]:
    """``tokenize`` from (start, end) pairs of morphemes (the CRF's tokens too)."""
    covered: list[tuple[int, int]] = []
    reach = -1
    for start, end in sorted(morphemes):
        if end <= start:
            continue
        if start < reach:  # shares characters with the previous morpheme (했 = 하 + 었)
            if end > reach:
                covered[-1] = (covered[-1][0], end)
                reach = end
        else:
            covered.append((start, end))
            reach = end
    tokens: list[tuple[int, int]] = []
    position = 0
    for start, end in covered + [(len(text), len(text))]:
        if start > position and not text[position:start].isspace():  # characters Kiwi left out
            tokens.extend(w.span() for w in _WORD.finditer(text, position, start))
        if end > start:
            words = text[start:end].split()
            if len(words) == 1 and len(words[0]) == end - start:
                tokens.append((start, end))
            else:  # a morpheme with whitespace inside (a multi-word dictionary entry) or around it
                tokens.extend(w.span() for w in _WORD.finditer(text, start, end))
        position = end
    return tokens


def token_morpheme_tags(tokens: list[tuple[int, int]], morphemes_blob: bytes | None) -> list[list[str]]:
    """Per token, the Kiwi tags of the morphemes it holds (several where morphemes were merged, as
    했 = XSV + EP; none for characters Kiwi left out), in text order."""
    morphemes = sorted(unpack_morphemes(morphemes_blob), key=lambda m: m.start)  # stable: Kiwi's order kept
    starts = [m.start for m in morphemes]
    found = []
    for start, end in tokens:
        at = max(bisect_left(starts, start) - 1, 0)  # a token cut from a morpheme starts inside it
        tags = []
        while at < len(morphemes) and morphemes[at].start < end:
            if morphemes[at].end > start:
                tags.append(morphemes[at].tag)
            at += 1
        found.append(tags)
    return found


def align_to_tokens(spans: list[ExportSpan], tokens: list[tuple[int, int]]):
    """Each span widened to the tokens it touches, as (stored, aligned) pairs; a span touching no token is dropped."""
    starts = [t[0] for t in tokens]
    ends = [t[1] for t in tokens]
    pairs, dropped = [], []
    for span in spans:
        first = bisect_right(ends, span.start)  # first token ending after the span starts
        last = bisect_left(starts, span.end) - 1  # last token starting before the span ends
        if first > last:
            dropped.append((span, "covers no token (only whitespace)"))
        else:
            pairs.append((span, span._replace(start=starts[first], end=ends[last])))
    return pairs, dropped


def resolve_overlaps(spans: list[ExportSpan]) -> tuple[list[int], list[tuple[int, str]]]:
    """Indices of the spans kept (the longer of overlapping spans, the earlier on a tie), in text
    order, and of those dropped with the reason."""
    kept: list[tuple[int, int, int]] = []  # (start, end, index), non-overlapping, ordered
    dropped: list[tuple[int, str]] = []
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start - spans[i].end, spans[i].start, i))
    for index in order:
        span = spans[index]
        at = bisect_left(kept, (span.end,))  # kept spans starting before this one ends
        if at and kept[at - 1][1] > span.start:
            winner = spans[kept[at - 1][2]]
            dropped.append((index, f"overlaps {winner.label} [{winner.start}, {winner.end})"))
            continue
        insort(kept, (span.start, span.end, index))
    return [i for _, _, i in kept], dropped


def _outside(tokens: list[tuple[int, int]], base: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Tokens not inside one sentence (rare: a sentence boundary inside a token)."""
    found, at = [], 0
    for start, end in tokens:
        while at < len(base) and base[at][1] <= start:
            at += 1
        if at == len(base) or start < base[at][0] or end > base[at][1]:
            found.append((start, end))
    return found


def sentences(text: str, sentences_blob: bytes | None, bridges: list[tuple[int, int]],
              tokens: list[tuple[int, int]] = ()) -> tuple[list[tuple[int, int]], int]:
    """Sentence ranges covering every non-space character; sentences that a bridge (a span, or a
    token) crosses are joined."""
    stored = sorted(unpack_sentences(sentences_blob)) or [(0, len(text))]
    base: list[tuple[int, int]] = []
    position = 0
    for start, end in stored + [(len(text), len(text))]:
        start = max(start, position)
        if start > position:  # text outside every stored sentence
            base.extend(m.span() for m in _LINE_CONTENT.finditer(text, position, start))
        base.extend(m.span() for m in _LINE_CONTENT.finditer(text, start, end))
        position = max(position, end)
    items = sorted([(s, e, 1) for s, e in base] + [(s, e, 0) for s, e in bridges]
                   + [(s, e, 0) for s, e in _outside(tokens, base)])
    merged: list[tuple[int, int]] = []
    joined = 0
    current: list[int] | None = None  # [start, end, sentences inside]
    for start, end, is_sentence in items:
        if current is not None and start < current[1]:
            current[1] = max(current[1], end)
            current[2] += is_sentence
            continue
        if current is not None:
            merged.append((current[0], current[1]))
            joined += max(current[2] - 1, 0)
        current = [start, end, is_sentence]
    if current is not None:
        merged.append((current[0], current[1]))
        joined += max(current[2] - 1, 0)
    return merged, joined


def flatten(document: ExportDocument, level: str) -> Flat:
    """A flat labelling of ``document`` at ``level`` ``"char"`` or ``"token"``."""
    tokens: list[tuple[int, int]] = []
    dropped: list[tuple[ExportSpan, str]] = []
    pairs = [(span, span) for span in document.spans]  # (as stored, as exported)
    if level == "token":
        tokens = tokenize(document.text, document.morphemes)
        pairs, dropped = align_to_tokens(document.spans, tokens)
    kept, overlapping = resolve_overlaps([exported for _, exported in pairs])
    dropped += [(pairs[i][0], why) for i, why in overlapping]
    spans = [pairs[i][1] for i in kept]
    widened = [pairs[i] for i in kept if pairs[i][0][:2] != pairs[i][1][:2]]
    segments, joined = sentences(document.text, document.sentences, [(s.start, s.end) for s in spans], tokens)
    return Flat(spans, segments, tokens, dropped, widened, joined)


def token_tags(flat: Flat, scheme: str = "bio") -> list[str]:
    """One tag per token of ``flat``, in ``scheme`` (bio, iobes, bilou)."""
    tags = ["O"] * len(flat.tokens)
    starts = [t[0] for t in flat.tokens]
    for span in flat.spans:
        first = bisect_left(starts, span.start)
        last = bisect_left(starts, span.end)
        tags[first:last] = entity_tags(span.label, last - first, scheme)
    return tags


def bio_labels(label_names, scheme: str = "bio") -> list[str]:
    """``O`` then ``B-``/``I-`` (and ``E-``/``S-`` or ``L-``/``U-``) for each label, in schema order."""
    return tag_names(label_names, scheme)


class Piece(NamedTuple):
    """A token as spaCy (and so Prodigy) keeps it: ``ws`` is one following space."""

    start: int
    end: int
    ws: bool
    is_space: bool  # a whitespace token


def split_at(tokens: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
    """``tokens`` cut at every offset of ``cuts`` (sorted) that falls strictly inside one."""
    if not cuts:
        return tokens
    out: list[tuple[int, int]] = []
    for start, end in tokens:
        at = bisect_right(cuts, start)
        while at < len(cuts) and cuts[at] < end:
            out.append((start, cuts[at]))
            start = cuts[at]
            at += 1
        out.append((start, end))
    return out


def spacy_pieces(text: str, tokens: list[tuple[int, int]], spans=()) -> list[Piece]:
    """``tokens`` plus the whitespace between them the way spaCy tokenises it, so that
    ``"".join(text[p.start:p.end] + " " * p.ws for p in pieces) == text``: a single space after a
    token is its ``ws``; any other whitespace is a whitespace token of its own. Whitespace is also
    cut at the edges of ``spans`` ((start, end) pairs), so every span starts and ends on a piece."""
    starts = {span[0] for span in spans}
    ends = {span[1] for span in spans}
    cuts = sorted(starts | ends)
    pieces: list[Piece] = []

    def whitespace(start: int, end: int) -> None:
        if cuts:
            pieces.extend(Piece(s, e, False, True) for s, e in split_at([(start, end)], cuts))
        else:
            pieces.append(Piece(start, end, False, True))

    if tokens and tokens[0][0] > 0 or not tokens and text:
        whitespace(0, tokens[0][0] if tokens else len(text))
    for index, (start, end) in enumerate(tokens):
        following = tokens[index + 1][0] if index + 1 < len(tokens) else len(text)
        ws = following > end and text[end] == " " and end not in starts and end + 1 not in ends
        pieces.append(Piece(start, end, ws, False))
        if following > end + ws:
            whitespace(end + ws, following)
    return pieces
