"""Morpheme boundaries as stored with each document, and the tag classes snapping needs.

Kiwi gives (start, end, tag) in code points. Morphemes may share characters
(했 = 하 + 었), so text is always sliced from the original, never rebuilt from
morpheme forms. Stored compactly: three little-endian uint32 per morpheme.
"""

from __future__ import annotations

from array import array
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


class Morpheme(NamedTuple):
    start: int
    end: int
    tag: str


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


def pack_morphemes(morphemes: Sequence[Morpheme]) -> bytes:
    values = array("I")
    for m in morphemes:
        values.extend((m.start, m.end, TAG_INDEX.get(m.tag, len(TAGS) - 1)))
    return values.tobytes()


def unpack_morphemes(blob: bytes | None) -> list[Morpheme]:
    if not blob:
        return []
    values = array("I")
    values.frombytes(blob)
    return [
        Morpheme(values[i], values[i + 1], TAGS[values[i + 2]])
        for i in range(0, len(values), 3)
    ]


def pack_sentences(sentences: Sequence[tuple[int, int]]) -> bytes:
    values = array("I")
    for start, end in sentences:
        values.extend((start, end))
    return values.tobytes()


def unpack_sentences(blob: bytes | None) -> list[tuple[int, int]]:
    if not blob:
        return []
    values = array("I")
    values.frombytes(blob)
    return [(values[i], values[i + 1]) for i in range(0, len(values), 2)]


def _blob_problem(blob, what: str, width: int, text_length: int) -> tuple[str | None, array]:
    values = array("I")
    if blob is None:
        return None, values
    if not isinstance(blob, bytes):
        return f"{what} must be binary (a BLOB), not {type(blob).__name__}", values
    if len(blob) % (width * values.itemsize):
        return f"{what} of {len(blob)} bytes is not a whole number of {width}-number records", values
    values.frombytes(blob)
    starts, ends = values[0::width], values[1::width]
    if ends and max(ends) > text_length:
        return f"{what} end past the text ({max(ends)} > {text_length} characters)", values
    if any(start > end for start, end in zip(starts, ends)):
        return f"{what} has a record that ends before it starts", values
    return None, values


def morphemes_problem(blob: bytes | None, text_length: int) -> str | None:
    """Why a stored morpheme blob cannot be used with a text of ``text_length`` characters, or None."""
    problem, values = _blob_problem(blob, "morphemes", 3, text_length)
    tags = values[2::3]
    if problem is None and tags and max(tags) >= len(TAGS):
        problem = f"morphemes name tag number {max(tags)}; there are {len(TAGS)}"
    return problem


def sentences_problem(blob: bytes | None, text_length: int) -> str | None:
    """Why a stored sentence blob cannot be used with a text of ``text_length`` characters, or None."""
    return _blob_problem(blob, "sentences", 2, text_length)[0]
