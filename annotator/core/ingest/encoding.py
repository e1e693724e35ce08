"""Decoding input files: UTF-8 (with or without BOM), UTF-16 with BOM, CP949/EUC-KR."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from annotator.core.errors import InputError


def readable_path(path: Path | str) -> str:
    """A path as a person reads it, for messages and a document's source.

    A file name that is not UTF-8 (a CP949 name from a zip made on Korean
    Windows) is decoded as CP949, other undecodable bytes are shown as ``\\xNN``;
    the file itself is still opened by its real name.
    """
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    parts = []
    for part in os.fsencode(path).split(os.fsencode(os.sep)):
        for encoding in ("utf-8", "cp949"):
            try:
                parts.append(part.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
        else:
            parts.append(part.decode("utf-8", "backslashreplace"))
    return os.sep.join(parts)


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name); refuse binary, empty and undecodable input."""
    if not data.strip(b" \t\r\n\x00"):
        raise InputError(path, None, "empty file")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise InputError(path, _line_at(data, exc.start), f"not valid {name} ({exc.reason})") from None
            return _refuse_nul(text, path), name
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(path, line, "binary data (NUL byte); not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp949"), "cp949"
        except UnicodeDecodeError:
            raise InputError(
                path, _line_at(data, utf8_error.start),
                "not UTF-8, UTF-16 or CP949/EUC-KR text (binary data or a mixed encoding)",
            ) from None


def _line_at(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _refuse_nul(text: str, path: str) -> str:
    if "\x00" in text:
        raise InputError(path, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL character)")
    return text
