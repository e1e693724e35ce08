"""All-or-nothing output: write beside the target, rename into place at the end.

The export writes to a hidden ``.<name>.<pid>-<random>.partial`` file or
folder in the target's directory (same file system, so the final
``os.replace`` is atomic). An interrupted or failed export removes it and
leaves any previous output untouched; a killed one leaves it behind, and the
next export into that directory removes it once stale (``core.leftovers``).
An existing folder is replaced only when it holds an earlier export (its
``export.json``), never a folder of other files.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

from annotator.core.safety import leftovers
from annotator.core.errors import AnnotatorError

MANIFEST = "export.json"
# Our temporaries only: ".name.<pid>-<8 hex>.partial|old", older ".name.<8 hex>.partial|old", and the
# hf writer's ".name….rows-<random>.<pid>.partial" scratch folders.
LEFTOVER = re.compile(r"\..+\.(?:\d+-[0-9a-f]{8}|[0-9a-f]{8}|rows-\w+\.\d+)\.(?:partial|old)")


class AtomicOutput:
    def __init__(self, out: Path, folder: bool):
        self.out = Path(out)
        self.folder = folder
        self._check()
        parent = self.out.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise AnnotatorError(f"{parent}: cannot create the output folder ({exc.strerror})") from None
        clean_leftovers(parent)
        self.temp = parent / ("." + leftovers.partial_name(self.out.name, secrets.token_hex(4)))
        if folder:
            self.temp.mkdir()

    def _check(self) -> None:
        out = self.out
        if not out.name or out.name in (".", ".."):
            raise AnnotatorError(f"{out}: give a file or folder name for --out")
        if self.folder:
            if out.is_file():
                raise AnnotatorError(f"{out}: is a file; this export writes a folder")
            if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
                raise AnnotatorError(f"{out}: folder exists and is not an earlier export; choose a new or empty folder")
        elif out.is_dir():
            raise AnnotatorError(f"{out}: is a folder; this export writes one file (add --split for a folder)")

    def commit(self) -> None:
        """Move the finished output into place, replacing an earlier export. (The exporter has
        refused an ``out`` that is or holds the project's own files: ``project_files.refuse_own_files``.)"""
        if not self.folder:
            os.replace(self.temp, self.out)
            return
        old = None
        if self.out.exists():
            old = self.out.parent / f".{self.out.name}.{os.getpid()}-{secrets.token_hex(4)}.old"
            os.replace(self.out, old)
        os.replace(self.temp, self.out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        if self.temp.is_dir():
            shutil.rmtree(self.temp, ignore_errors=True)
        else:
            self.temp.unlink(missing_ok=True)


def clean_leftovers(folder: Path) -> None:
    """Remove the temporaries that killed exports left in ``folder`` once stale."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        if LEFTOVER.fullmatch(entry.name) and leftovers.is_stale(entry, _owner(entry.name)):
            leftovers.remove(entry)


def _owner(name: str) -> int | None:
    if ".rows-" in name:
        return leftovers.owner_pid(name)
    token = name.rsplit(".", 2)[-2]
    return int(token.split("-", 1)[0]) if "-" in token else None
