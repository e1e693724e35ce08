"""Gazetteers: plain TSV files of names and terms, and a matcher over stored morphemes.

A line is ``name<TAB>LABEL[<TAB>other|surface|forms]``; ``#`` starts a comment.
The name is the canonical form; every form (the name and the others) is
matched. The bundled files in ``resources/gazetteers/`` and a project's
``gazetteers/*.tsv`` are merged; a project line for a form the bundled files
already have replaces it (another canonical name or label), and the label ``-``
removes a form (``AI<TAB>-`` stops suggesting AI in that project).

Matching never needs Kiwi: forms are compared character by character at the
document's stored morpheme boundaries, so ``AI`` inside ``KAIST`` never
matches. Spaces in the text are skipped inside forms of four or more
characters (디지털 트윈 = 디지털트윈), and all-Latin forms of four or more letters
match in any case.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from annotator.core.errors import InputError
from annotator.core.suggest.analysed_text import AnalysedText

REMOVE = "-"
_LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
SPACE_SKIPPING_MIN = 4


@dataclass(frozen=True)
class Entry:
    surface: str
    canonical: str
    label: str


class SurfaceIndex:
    """A character trie of surface forms; finds the forms starting at a position.

    ``flexible`` (gazetteers) skips spaces inside long forms and ignores the case
    of long Latin forms; otherwise (learned strings) forms match exactly.
    """

    def __init__(self, entries: Iterable[Entry] = (), flexible: bool = True):
        self._root: dict = {}
        self.flexible = flexible
        self.size = 0
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        forms = {entry.surface}
        letters = entry.surface.replace(" ", "")
        spaceless = self.flexible and len(letters) >= SPACE_SKIPPING_MIN
        if spaceless and letters.isascii() and letters.isalpha():
            forms |= {entry.surface.lower(), entry.surface.upper(), entry.surface.title()}
        for form in forms:
            node = self._root
            for ch in form.replace(" ", "") if spaceless else form:
                node = node.setdefault(ch, {})
            node.setdefault(None, []).append(entry)
        self.size += 1

    def matches_at(self, text: str, start: int) -> Iterator[tuple[int, list[Entry]]]:
        """(end, entries) for every form starting at ``start``, shortest first."""
        node, i, n = self._root, start, len(text)
        while i < n:
            ch = text[i]
            child = node.get(ch)
            if child is None:
                if ch == " " and self.flexible and i > start and i + 1 < n and text[i + 1] != " ":
                    i += 1  # a space the form does not have: skip it (디지털 트윈 = 디지털트윈)
                    continue
                return
            node = child
            i += 1
            found = node.get(None)
            if found:
                entries = _fitting(found, text[start:i]) if self.flexible else found
                if entries:
                    yield i, entries

    def longest(self, analysed: AnalysedText, start: int) -> tuple[int, list[Entry]] | None:
        """The longest form at ``start`` that ends on a morpheme boundary."""
        best = None
        for end, entries in self.matches_at(analysed.text, start):
            if analysed.can_end(end):
                best = (end, entries)
        return best

    def leftmost_longest(self, analysed: AnalysedText) -> Iterator[tuple[int, int, list[Entry]]]:
        """(start, end, entries) of non-overlapping matches, left to right, the longest at each
        morpheme start."""
        if not self.size:
            return
        last_end = -1
        for start in sorted(analysed.starts):
            if start < last_end:
                continue
            found = self.longest(analysed, start)
            if found is not None:
                last_end = found[0]
                yield start, found[0], found[1]


def _fitting(entries: list[Entry], matched: str) -> list[Entry]:
    """Entries whose form allows the matched text: forms shorter than four characters match exactly."""
    return [e for e in entries if len(e.surface.replace(" ", "")) >= SPACE_SKIPPING_MIN or e.surface == matched]


class Gazetteer:
    """Merged entries of several TSV files; a later line for the same form replaces an earlier one."""

    def __init__(self, entries: dict[str, Entry], files: list[Path]):
        self.entries = entries  # surface form -> entry
        self.files = files
        self._indexes: dict[str, SurfaceIndex] = {}
        self._surfaces: dict[str, set[str]] = {}

    @classmethod
    def load(cls, paths: Iterable[Path]) -> "Gazetteer":
        entries: dict[str, Entry] = {}
        files = [Path(p) for p in paths]
        for path in files:
            for surface, entry in read_gazetteer(path):
                if entry is None:
                    entries.pop(surface, None)
                else:
                    entries[surface] = entry
        return cls(entries, files)

    def index(self, label: str) -> SurfaceIndex:
        """The trie of ``label`` 's forms, built on first use."""
        index = self._indexes.get(label)
        if index is None:
            index = SurfaceIndex(e for e in self.entries.values() if e.label == label)
            self._indexes[label] = index
        return index

    def surfaces(self, label: str) -> set[str]:
        found = self._surfaces.get(label)
        if found is None:
            found = self._surfaces[label] = {e.surface for e in self.entries.values() if e.label == label}
        return found

    def __len__(self) -> int:
        """Number of distinct (canonical name, label) entries."""
        return len({(e.canonical, e.label) for e in self.entries.values()})


def read_gazetteer(path: Path) -> Iterator[tuple[str, Entry | None]]:
    """(surface, entry) pairs of one file; ``entry`` is None for a removal (label ``-``)."""
    try:
        content = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(str(path), None, "not UTF-8 text") from None
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read ({exc.strerror})") from None
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [unicodedata.normalize("NFC", f.strip()) for f in line.split("\t")]
        if len(fields) < 2 or not fields[0]:
            raise InputError(str(path), number, "expected name<TAB>LABEL[<TAB>other|forms]")
        name, label = fields[0], fields[1]
        others = [f.strip() for f in fields[2].split("|")] if len(fields) > 2 and fields[2] else []
        if label == REMOVE:
            for surface in [name, *others]:
                yield surface, None
            continue
        if not _LABEL.match(label):
            raise InputError(str(path), number, f"{label!r} is not a label name")
        for surface in dict.fromkeys([name, *others]):
            if surface:
                yield surface, Entry(surface, name, label)
