"""Errors a user sees: each names what was wrong and where."""

from __future__ import annotations

import errno
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class AnnotatorError(Exception):
    """Base class: the message is complete and meant for the user."""


class InputError(AnnotatorError):
    """A file (and line) of input that cannot be used; nothing of it is stored."""

    def __init__(self, path: str, line: int | None, reason: str):
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # reports cross from an import's child process
        return (InputError, (self.path, self.line, self.reason))


class ProjectError(AnnotatorError):
    """The project folder, its schema or its database cannot be used."""


class DiskFullError(ProjectError):
    """The disk (or the user's quota) is full while writing a named file."""


# Below this much free space, a database that SQLite cannot open is taken to be on a full disk:
# opening writes the -shm (32 KB) and WAL frames before anything else.
NEARLY_FULL_BYTES = 1 << 20


def readable_size(size: int) -> str:
    """1,536 → "1.5 KB": sizes in messages, never "0 MB" for a small file."""
    if size < 1024:
        return f"{size:,} B"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:,.1f} {unit}"
        value /= 1024
    return f"{value:,.1f} GB"


def disk_full_problem(folder: Path) -> str | None:
    """"the disk is full (12.0 KB free)" when ``folder``'s disk is (nearly) full, else None."""
    import shutil

    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    return f"the disk is full ({readable_size(free)} free)" if free < NEARLY_FULL_BYTES else None


@contextmanager
def reporting_disk_full(path: Path | str | None, consequence: str) -> Iterator[None]:
    """Turn "no space left" from SQLite or the operating system into a ``DiskFullError`` naming ``path``
    (an OS error raised by ``write`` names no file) and saying what became of the work."""
    try:
        yield
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_FULL:
            raise
        raise DiskFullError(f"{path or '(in memory)'}: the disk is full; {consequence}") from None
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        raise DiskFullError(f"{path or exc.filename or ''}: the disk is full; {consequence}") from None


class SpanError(AnnotatorError):
    """A span that cannot be stored (outside the text, empty, overlapping, unknown label)."""


class StaleSpanError(SpanError):
    """An undo or redo step whose span was changed since by someone else (a merge, a restore,
    another window): the step is refused rather than touching a span it did not make."""


class OverlapError(SpanError):
    """The schema forbids overlaps and the span would overlap ``label`` at [start, end) of the layer."""

    def __init__(self, label: str, start: int, end: int, text: str):
        self.label, self.start, self.end, self.text = label, start, end, text
        super().__init__(f"overlaps {label} [{start}, {end}) “{text}”; the schema does not allow overlapping spans")

    def __reduce__(self):
        return (OverlapError, (self.label, self.start, self.end, self.text))


class ServerError(ProjectError):
    """A shared PostgreSQL server refused or could not do what was asked (see ``postgres_store``)."""


class ServerUnavailableError(ServerError):
    """The server cannot be reached (down, network gone, connection dropped): nothing was changed there."""


class PermissionRefusedError(ServerError):
    """The server's roles refuse this change to this user (an annotator writing another's layer, ...)."""
