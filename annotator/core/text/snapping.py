"""Snapping a selection to Korean morphemes (DESIGN.md, Korean text rules).

1. trim whitespace; 2. widen to the morphemes the selection touches;
3. drop particles, endings, copulas, verb suffixes and punctuation at the edges;
4. strip quotes and brackets that wrap the whole span or have no partner
inside it. Units (원, 달러, 억, 조, %) stay: they are nouns or kept symbols.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Sequence

from annotator.core.text.morphemes import PUNCTUATION_TAGS, Morpheme, base_tag, is_functional

OPENING = "([{<‘“「『《〈【〔＜（［｛'\""
CLOSING = ")]}>’”」』》〉】〕＞）］｝'\""
PAIRS = dict(zip(OPENING, CLOSING))
# Symbols that belong to an amount or a measure and so stay inside a span.
KEPT_SYMBOLS = frozenset("%％$＄₩￦€£¥℃")


def _piece(text: str, m: Morpheme) -> str:
    return text[m.start:m.end]


def _is_bracket(piece: str) -> bool:
    return bool(piece) and all(c in OPENING or c in CLOSING for c in piece)


def _is_droppable(text: str, m: Morpheme) -> bool:
    """Particles, endings, suffixes and punctuation other than brackets and kept symbols."""
    tag = base_tag(m.tag)
    if is_functional(tag):
        return True
    if tag in PUNCTUATION_TAGS:
        piece = _piece(text, m)
        return not (all(c in KEPT_SYMBOLS for c in piece) or _is_bracket(piece))
    return False


def _unpartnered_closing(piece: str, before: str) -> bool:
    c = piece[-1]
    if c in OPENING and c in CLOSING:  # straight quote: paired with another of itself
        return c not in before
    if c not in CLOSING:
        return True  # an opening bracket at the end never has its partner inside
    return OPENING[CLOSING.index(c)] not in before


def _unpartnered_opening(piece: str, after: str) -> bool:
    c = piece[0]
    if c in OPENING and c in CLOSING:
        return c not in after
    if c not in OPENING:
        return True
    return PAIRS[c] not in after


def _balanced(inner: str) -> bool:
    """True when brackets inside never close past the wrapping pair: (a)(b) is not wrapped."""
    depth = 0
    for c in inner:
        if c in OPENING and c not in CLOSING:
            depth += 1
        elif c in CLOSING and c not in OPENING:
            depth -= 1
            if depth < 0:
                return False
    return True


def _trim_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _drop(kept: list[Morpheme], index: int) -> None:
    """Remove one morpheme, and any other covering exactly the same characters:
    a character Kiwi splits into stem + ending (된 = 되 + ㄴ, 를 = 를 + JKO) goes whole."""
    gone = kept.pop(index)
    kept[:] = [m for m in kept if (m.start, m.end) != (gone.start, gone.end)]


def _trim_edges(text: str, kept: list[Morpheme]) -> None:
    while kept:
        first, last = kept[0], kept[-1]
        start, end = first.start, max(m.end for m in kept)
        if _is_droppable(text, last):
            _drop(kept, len(kept) - 1)
        elif _is_droppable(text, first):
            _drop(kept, 0)
        elif _is_bracket(_piece(text, last)) and _unpartnered_closing(_piece(text, last), text[start:last.start]):
            _drop(kept, len(kept) - 1)
        elif _is_bracket(_piece(text, first)) and _unpartnered_opening(_piece(text, first), text[first.end:end]):
            _drop(kept, 0)
        elif (
            len(kept) >= 2
            and len(_piece(text, first)) == 1
            and PAIRS.get(_piece(text, first)) == _piece(text, last)
            and _balanced(text[first.end:last.start])
        ):
            kept.pop()
            kept.pop(0)
        else:
            return


def _start(m: Morpheme) -> int:
    return m.start


def snap_to_morphemes(
    text: str, start: int, end: int, morphemes: Sequence[Morpheme]
) -> tuple[int, int]:
    """Snap ``[start, end)`` using stored morphemes (sorted by start).

    Returns an empty span ``(s, s)`` when nothing but particles, endings or
    punctuation was selected.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    start, end = _trim_whitespace(text, start, end)
    if start >= end:
        return start, start
    # bisect with a key: no list of all starts per call (a 200,000-character text has ~100k morphemes).
    lo = max(bisect_right(morphemes, start, key=_start) - 1, 0)
    # Back up over morphemes sharing a start (했 = 하 + 었 both start at 했).
    while lo > 0 and morphemes[lo - 1].end > start:
        lo -= 1
    hi = bisect_left(morphemes, end, key=_start)
    touched = [m for m in morphemes[lo:hi] if m.end > start and m.start < end]
    if not touched:
        return start, end
    _trim_edges(text, touched)
    if not touched:
        return start, start
    return touched[0].start, max(m.end for m in touched)


def snap_span(text: str, start: int, end: int, morphemes: Sequence[Morpheme] | None = None) -> tuple[int, int]:
    """Public snapping: analyses ``text`` with Kiwi when no morphemes are given."""
    if morphemes is None:
        from annotator.core.text.kiwi import analyse

        morphemes = analyse(text).morphemes
    return snap_to_morphemes(text, start, end, morphemes)
