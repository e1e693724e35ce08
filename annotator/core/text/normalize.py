"""Stored text: NFC with LF line ends; offsets are code points, end-exclusive."""

from __future__ import annotations

import hashlib
import unicodedata


def normalize_text(raw: str) -> str:
    """The form every document is stored in: CRLF/CR to LF, then NFC."""
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))


def normalized_offset(raw: str, offset: int) -> int:
    """Map a code-point offset in ``raw`` to the same place in ``normalize_text(raw)``."""
    return len(normalize_text(raw[:offset]))


def document_uid(text: str) -> str:
    """A document's identity: a hash of its stored text, so re-imports deduplicate."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def utf16_to_codepoint(text: str, utf16_offset: int) -> int:
    """Code-point offset of the place ``utf16_offset`` UTF-16 units into ``text``."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return utf16_offset
    units = 0
    for index, char in enumerate(text):
        if units >= utf16_offset:
            return index
        units += 2 if ord(char) >= 0x10000 else 1
    return len(text)


def codepoint_to_utf16(text: str, offset: int) -> int:
    """UTF-16 unit offset of code-point ``offset`` in ``text``."""
    prefix = text[:offset]
    return offset + sum(1 for c in prefix if ord(c) >= 0x10000)
