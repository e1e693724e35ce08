"""Morpheme boundaries as stored with each document, and the tag classes snapping needs.

Kiwi gives (start, end, tag) in code points. Morphemes may share characters
(했 = 하 + 었), so text is always sliced from the original, never rebuilt from
morpheme forms.

Stored compactly (``pack_*``): a 4-byte magic, a flags byte, the count, then
columns of unsigned LEB128 varints: the start offsets as differences from the
previous start, the lengths (end - start), and for morphemes the tag indices.
Offsets in a document are close together, so nearly every value takes one
byte: about 3 bytes a morpheme instead of 12. Blobs written before that are
three (morphemes) or two (sentences) little-endian uint32 a row and stay
readable: their first four bytes are the first start offset, below SQLite's
limit of 2**31 for a text, and the magic read as a uint32 is above it.
Decoding takes no numpy: C-level passes over bytes (``isascii``,
``accumulate``, ``map``) do the work when every value fits in one byte.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from functools import partial
from itertools import accumulate, chain
from operator import add, sub
from typing import NamedTuple, Sequence

# Kiwi's tag set (Sejong-based). Index in this tuple is what is stored.
TAGS: tuple[str, ...] = (
    "NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "VX", "VCP", "VCN", "MM", "MAG", "MAJ",
    "IC", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "EP", "EF", "EC",
    "ETN", "ETM", "XPN", "XSN", "XSV", "XSA", "XSM", "XR", "SF", "SP", "SS", "SSO", "SSC",
    "SE", "SO", "SW", "SL", "SH", "SN", "SB", "UN", "W_URL", "W_EMAIL", "W_HASHTAG",
    "W_MENTION", "W_SERIAL", "W_EMOJI", "Z_CODA", "Z_SIWA", "USER0", "USER1", "USER2",
    "USER3", "USER4", "XSA-I", "XSA-R", "VV-I", "VV-R", "VA-I", "VA-R", "VX-I", "VX-R",
    "XSV-I", "XSV-R", "UNK",
)
TAG_INDEX = {tag: i for i, tag in enumerate(TAGS)}
UNKNOWN_TAG = len(TAGS) - 1

MAGIC = b"KM1\xa5"  # as a little-endian uint32: 0xa5314d4b, above any offset SQLite can store
_ZIGZAG = 1  # flags: some start lies before the previous one, differences are zigzag-encoded
_MULTI_BYTE = re.compile(rb"[\x80-\xff]+[\x00-\x7f]")  # a varint of two bytes or more


class Morpheme(NamedTuple):
    start: int
    end: int
    tag: str


_new_morpheme = partial(tuple.__new__, Morpheme)  # from a (start, end, tag) tuple, without Python-level __new__


class Analysis(NamedTuple):
    """What Kiwi found in one document: morphemes and sentence (start, end) pairs."""

    morphemes: list[Morpheme]
    sentences: list[tuple[int, int]]


def base_tag(tag: str) -> str:
    """``VV-R`` → ``VV``: irregular-conjugation marks do not change the class."""
    return tag.split("-", 1)[0]


def is_functional(tag: str) -> bool:
    """Particles, endings, copulas and verb/adjective suffixes: never end a span."""
    tag = base_tag(tag)
    return tag.startswith(("J", "E")) or tag in {"VCP", "VCN", "XSV", "XSA"}


PUNCTUATION_TAGS = frozenset({"SF", "SP", "SS", "SSO", "SSC", "SE", "SO", "SW"})


# -- varints ---------------------------------------------------------------------


def _varints(values: list[int]) -> bytes:
    """Unsigned LEB128; values below 128 (nearly all) are their own byte. A list: ``bytes()`` of
    an array would copy its machine words."""
    try:
        data = bytes(values)
        if data.isascii():
            return data
    except ValueError:  # a value above 255 (or negative: refused below)
        pass
    out = bytearray()
    for value in values:
        if value < 0:
            raise ValueError(f"cannot store a negative value ({value})")
        while value >= 0x80:
            out.append(value & 0x7F | 0x80)
            value >>= 7
        out.append(value)
    return bytes(out)


def _read_varints(data: bytes) -> Sequence[int]:
    if data.isascii():
        return data  # every value is one byte: bytes is already a sequence of ints
    values: list[int] = []
    position = 0
    for match in _MULTI_BYTE.finditer(data):
        values.extend(data[position:match.start()])
        value = shift = 0
        for byte in match.group():
            value |= (byte & 0x7F) << shift
            shift += 7
        values.append(value)
        position = match.end()
    if data and data[-1] & 0x80:
        raise ValueError("the last value is cut off")
    values.extend(data[position:])
    return values


def _pack(starts: Sequence[int], ends: Sequence[int], *extra: Sequence[int]) -> bytes:
    """Header, start differences, lengths, then any extra columns (all of the same length)."""
    if not starts:
        return b""
    differences = list(map(sub, starts, chain((0,), starts)))
    lengths = list(map(sub, ends, starts))
    if min(lengths) < 0:
        raise ValueError("a range ends before it starts")
    flags = 0
    if min(differences) < 0:
        flags = _ZIGZAG
        differences = [d << 1 if d >= 0 else (-d << 1) - 1 for d in differences]
    return b"".join((MAGIC, bytes((flags,)), _varints((len(starts),)), _varints(differences),
                     _varints(lengths), *(_varints(list(column)) for column in extra)))


def _unpack(blob: bytes, columns: int) -> tuple[list[int], list[int], Sequence[int]]:
    """(starts, ends, the third column or empty) of a blob written by ``_pack``."""
    if len(blob) < 6:
        raise ValueError("too short")
    flags, count, position, shift = blob[4], 0, 5, 0
    while True:  # the count: a varint of its own, so that the columns after it are all one byte
        byte = blob[position]
        count |= (byte & 0x7F) << shift
        position += 1
        if byte < 0x80:
            break
        shift += 7
    values = _read_varints(blob[position:])
    if len(values) != columns * count:
        raise ValueError(f"{len(values)} values for {count} rows of {columns}")
    differences = values[:count]
    if flags & _ZIGZAG:
        differences = [d >> 1 if not d & 1 else -((d + 1) >> 1) for d in differences]
    starts = list(accumulate(differences))
    ends = list(map(add, starts, values[count:2 * count]))
    return starts, ends, values[2 * count:]


def _old_rows(blob: bytes, width: int, what: str) -> array:
    if len(blob) % (4 * width):
        raise ValueError(f"the stored {what} are damaged ({len(blob)} bytes, not a multiple of {4 * width})")
    values = array("I")
    values.frombytes(blob)
    return values


# -- morphemes and sentences ----------------------------------------------------------


def pack_morpheme_rows(values: Sequence[int]) -> bytes:
    """Pack flat (start, end, tag index) triples, as the import's tight loop collects them."""
    return _pack(values[0::3], values[1::3], values[2::3])


def pack_morphemes(morphemes: Sequence[Morpheme]) -> bytes:
    values = array("I")
    for m in morphemes:
        values.extend((m.start, m.end, TAG_INDEX.get(m.tag, UNKNOWN_TAG)))
    return pack_morpheme_rows(values)


def _morpheme_columns(blob: bytes | None) -> tuple[Sequence[int], Sequence[int], Sequence[int]]:
    if not blob:
        return (), (), ()
    if blob[:4] != MAGIC:
        values = _old_rows(blob, 3, "morphemes")
        return values[0::3], values[1::3], values[2::3]
    try:
        return _unpack(blob, 3)
    except (ValueError, IndexError) as exc:
        raise ValueError(f"the stored morphemes are damaged ({exc})") from None


def morpheme_bounds(blob: bytes | None) -> tuple[Sequence[int], Sequence[int]]:
    """(starts, ends) of the stored morphemes, without building a tuple per morpheme."""
    starts, ends, _ = _morpheme_columns(blob)
    return starts, ends


def unpack_morphemes(blob: bytes | None) -> list[Morpheme]:
    """The stored morphemes (either format); ``ValueError`` when the blob is damaged."""
    starts, ends, codes = _morpheme_columns(blob)
    if codes and max(codes) >= len(TAGS):
        raise ValueError(f"the stored morphemes are damaged (tag number {max(codes)})")
    return list(map(_new_morpheme, zip(starts, ends, map(TAGS.__getitem__, codes))))


def morphemes_around(blob: bytes | None, start: int, end: int) -> list[Morpheme]:
    """The stored morphemes that snapping ``[start, end)`` can look at, and only those: the one
    ``start`` falls in (with any that share its characters, 했 = 하 + 었) up to the last that
    begins before ``end``. Snapping one selection in a document whose morphemes are not decoded
    yet (an API call, not the open document) reads a handful of a document's hundreds."""
    starts, ends, codes = _morpheme_columns(blob)
    first = max(bisect_right(starts, start) - 1, 0)
    while first > 0 and ends[first - 1] > start:
        first -= 1
    last = bisect_left(starts, end, first)
    return [Morpheme(starts[i], ends[i], TAGS[codes[i]]) for i in range(first, last)]


def pack_sentences(sentences: Sequence[tuple[int, int]]) -> bytes:
    return _pack([s for s, _ in sentences], [e for _, e in sentences])


def pack_sentence_rows(values: Sequence[int]) -> bytes:
    """Pack flat (start, end) pairs."""
    return _pack(values[0::2], values[1::2])


def unpack_sentences(blob: bytes | None) -> list[tuple[int, int]]:
    """The stored sentence (start, end) pairs (either format); ``ValueError`` when damaged."""
    if not blob:
        return []
    if blob[:4] != MAGIC:
        values = _old_rows(blob, 2, "sentences")
        return list(zip(values[0::2], values[1::2]))
    try:
        starts, ends, _ = _unpack(blob, 2)
    except (ValueError, IndexError) as exc:
        raise ValueError(f"the stored sentences are damaged ({exc})") from None
    return list(zip(starts, ends))


# -- checking blobs that come from elsewhere (another copy of the project) -------------------


def _ranges_problem(what: str, starts: Sequence[int], ends: Sequence[int], text_length: int) -> str | None:
    if starts and min(starts) < 0:
        return f"{what} start before the text ({min(starts)})"
    if ends and max(ends) > text_length:
        return f"{what} end past the text ({max(ends)} > {text_length} characters)"
    if any(start > end for start, end in zip(starts, ends)):
        return f"{what} has a record that ends before it starts"
    return None


def _columns_problem(blob, what: str, columns: int) -> tuple[str | None, tuple]:
    if not isinstance(blob, bytes):
        return f"{what} must be binary (a BLOB), not {type(blob).__name__}", ()
    try:
        if blob[:4] != MAGIC:
            values = _old_rows(blob, columns, what)
            return None, tuple(values[i::columns] for i in range(columns))
        return None, _unpack(blob, columns)
    except (ValueError, IndexError) as exc:
        return f"{what} are damaged ({str(exc).split('(', 1)[-1].rstrip(')')})", ()


def morphemes_problem(blob: bytes | None, text_length: int) -> str | None:
    """Why a stored morpheme blob (either format) cannot be used with a text of ``text_length``
    characters, or None."""
    if not blob:
        return None
    problem, columns = _columns_problem(blob, "morphemes", 3)
    if problem is None:
        starts, ends, tags = columns
        if tags and max(tags) >= len(TAGS):
            return f"morphemes name tag number {max(tags)}; there are {len(TAGS)}"
        problem = _ranges_problem("morphemes", starts, ends, text_length)
    return problem


def sentences_problem(blob: bytes | None, text_length: int) -> str | None:
    """Why a stored sentence blob (either format) cannot be used with a text of ``text_length``
    characters, or None."""
    if not blob:
        return None
    problem, columns = _columns_problem(blob, "sentences", 2)
    return problem or _ranges_problem("sentences", columns[0], columns[1], text_length)
