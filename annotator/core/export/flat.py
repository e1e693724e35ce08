"""Turning a document's spans into a flat labelling (one label per character or token).

BIO formats cannot hold overlapping spans, and token formats cannot start or
end a span inside a token. ``flatten`` decides, and says what it changed:

- overlaps are resolved by keeping the longer span (the earlier one on a tie)
  and dropping the other (``dropped``, with the span it lost to);
- tokens: Kiwi morphemes sliced from the text; morphemes that share characters
  (했 = 하 + 었) are merged, tokens are cut at whitespace, and characters no
  morpheme covers become tokens of their own, so every non-space character is
  in exactly one token and tokens never overlap. A token a kept span starts
  or ends inside is cut there (``split`` counts them: Kiwi's 대전광역시도 →
  대전광역시 + 도 for the gold 대전광역시), so no span is widened; a span is
  only trimmed of whitespace at its edges (``widened`` holds the changed ones);
- sentences: Kiwi's stored sentence boundaries, cut at line breaks; a span (or
  token) crossing a boundary joins the sentences around it (``joined``) rather
  than being cut.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import NamedTuple

from annotator.core.text.morphemes import morpheme_bounds, unpack_morphemes, unpack_sentences
from annotator.core.export.document import ExportDocument, ExportSpan
from annotator.core.export.kiwi_tokens import _LINE_CONTENT, Piece, spacy_pieces, split_at, tokenize_ranges  # noqa: F401 (re-exported)
from annotator.core.export.tagging import entity_tags, tag_names


class Flat(NamedTuple):
    spans: list[ExportSpan]  # ordered, non-overlapping (aligned to tokens at token level)
    segments: list[tuple[int, int]]  # sentences, ordered, non-overlapping
    tokens: list[tuple[int, int]]  # empty at character level
    dropped: list[tuple[ExportSpan, str]]  # (span as stored, why)
    widened: list[tuple[ExportSpan, ExportSpan]]  # (as stored, as exported): trimmed of edge whitespace
    joined: int  # sentence boundaries removed because something crossed them
    split: int = 0  # tokens cut at span edges


def tokenize(text: str, morphemes_blob: bytes | None) -> list[tuple[int, int]]:
    """Non-overlapping tokens covering every non-whitespace character exactly once."""
    starts, ends = morpheme_bounds(morphemes_blob)
    return tokenize_ranges(text, zip(starts, ends))


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


def trim_whitespace(spans: list[ExportSpan], text: str):
    """Each span without whitespace at its edges, as (stored, trimmed) pairs; a span of only whitespace
    covers no token and is dropped."""
    pairs, dropped = [], []
    for span in spans:
        start, end = span.start, span.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            dropped.append((span, "covers no token (only whitespace)"))
        else:
            pairs.append((span, span._replace(start=start, end=end)))
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
        pairs, dropped = trim_whitespace(document.spans, document.text)
    kept, overlapping = resolve_overlaps([exported for _, exported in pairs])
    dropped += [(pairs[i][0], why) for i, why in overlapping]
    spans = [pairs[i][1] for i in kept]
    widened = [pairs[i] for i in kept if pairs[i][0][:2] != pairs[i][1][:2]]
    split = 0
    if level == "token":
        whole = tokenize(document.text, document.morphemes)
        tokens = split_at(whole, sorted({edge for span in spans for edge in (span.start, span.end)}))
        split = len(tokens) - len(whole)
    segments, joined = sentences(document.text, document.sentences, [(s.start, s.end) for s in spans], tokens)
    return Flat(spans, segments, tokens, dropped, widened, joined, split)


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
