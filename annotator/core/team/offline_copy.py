"""Working on when the server is away (JabRef's shared-database mode, simpler): a local copy.

What is promised:
- While the server is there, every document the window opens is copied, with
  every layer's rows, into a local SQLite file in the project folder
  (``offline/NAME-TIME.db``), and copied again after changes to it.
- When the server cannot be reached, the window switches to that file
  (``Store.switch_to``: every part of the window keeps working on the same
  store object) and says so. Edits there are committed to the local file
  before they show: acknowledged means on the laptop's disk.
- When the server answers again, the file is merged into it the way copies are
  (``merge``: by span identity and revision, statuses and notes by time), so
  edits, deletions and statuses made offline arrive in the order that matters,
  and nothing of the others' work in the meantime is undone. Then the file is
  removed. A change the merge cannot apply (someone changed the same span on
  the server) is reported as a conflict, and the file is kept where it is:
  ``annotator merge PROJECT FILE --prefer theirs`` takes it later.
- A window closed (or killed) while offline leaves its file; the next window
  opened on the project sends it when the server is there (files are named
  with their process, so one still in use by a running window is left alone).
- A window closed while online keeps its copy too (the documents it opened
  and copied ahead): a window started while the server cannot be reached
  opens on the newest copy its annotator left (``start_offline``), and sends
  it when the server is back. A copy nothing was changed in merges as nothing.
- Not promised: documents neither opened nor copied ahead (the window copies the next ones of
  its list, ``server_watch.PREFETCH``) are not there offline;
  the undo history starts afresh at each switch; figures computed on worker
  threads (review states of other documents) wait for the server.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from annotator.core.errors import ServerError
from annotator.core.store.offline import document_layers, forget_document
from annotator.core.project_files import OFFLINE_FOLDER
from annotator.core.store.store import Store
from annotator.core.store.package import copy_rows

_IN_USE: set[Path] = set()  # copies a window of this process works with (its pid names them all)


def _safe(annotator: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in annotator) or "layer"


def _file_name(annotator: str) -> str:
    return f"{_safe(annotator)}-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S%f')}-{os.getpid()}.db"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: running
        return True
    return True


def left_behind(folder: Path) -> list[Path]:
    """Copies of windows that are gone (closed while offline, or killed), oldest first."""
    found = []
    for path in sorted((folder / OFFLINE_FOLDER).glob("*.db")):
        pid = path.stem.rsplit("-", 1)[-1]
        if path.absolute() in _IN_USE:
            continue
        if not (pid.isdigit() and int(pid) != os.getpid() and _running(int(pid))):
            found.append(path)
    return found


def start_offline(folder: Path, annotator: str, server_url: str):
    """The server cannot be reached as a window starts: the project on this annotator's newest copy
    left by an earlier window, as (``Project``, ``OfflineCopy`` already offline), or None when there
    is none. The copy is taken into a file of this window's own with SQLite's backup API (and the old
    one removed), so no other window takes it too."""
    from annotator.core.project import Project

    safe = _safe(annotator)
    mine = [path for path in left_behind(folder) if path.stem.rsplit("-", 2)[0] == safe]
    if not mine:
        return None
    own = folder / OFFLINE_FOLDER / _file_name(annotator)
    # Opened read-write (not backup_store.copy_live's read-only snapshot): closing it folds in and
    # removes the -wal a killed window left, so nothing of it stays behind once the file is removed.
    with closing(sqlite3.connect(mine[-1])) as source, closing(sqlite3.connect(own)) as target:
        source.backup(target)
    mine[-1].unlink()  # closed, and its rows are in ours: sent with ours when the server is back
    _IN_USE.add(own.absolute())
    project = Project.open(folder, database=own)
    return project, OfflineCopy.working_on(project, annotator, server_url)


class OfflineCopy:
    def __init__(self, project, annotator: str, server_url: str | None = None):
        self.project = project
        self.annotator = annotator
        self.server_url = server_url or project.store.server
        self.copy: Store | None = None
        self.copy_file: Path | None = None
        self.server: Store | None = None  # while offline: the store of the server connection that was lost
        self._offline = False

    @classmethod
    def working_on(cls, project, annotator: str, server_url: str) -> "OfflineCopy":
        """The copy of a project that already works on it (``project.store`` is the copy's file)."""
        copy = cls(project, annotator, server_url)
        copy.copy, copy.copy_file, copy._offline = project.store, project.store.path, True
        return copy

    @property
    def offline(self) -> bool:
        return self._offline

    def create_file(self) -> None:
        """Create the copy's file with its tables, unless there is one: the slow part (the schema's
        migrations), which a window does on a worker thread before it opens it (``_open``)."""
        if self.copy_file is None:
            folder = self.project.folder / OFFLINE_FOLDER
            folder.mkdir(exist_ok=True)
            path = folder / _file_name(self.annotator)
            _IN_USE.add(path.absolute())
            Store(path).close()
            self.copy_file = path

    def _open(self) -> Store:
        if self.copy is None:
            self.create_file()
            self.copy = Store(self.copy_file)
        return self.copy

    def mirror(self, doc_id: int) -> None:
        """Copy one document with every layer's rows from the server, replacing what the copy had."""
        if self.offline:
            return
        copy, server = self._open(), self.project.store
        layers = document_layers(server, doc_id)
        with copy.transaction():
            forget_document(copy, doc_id)
            copy_rows(server, copy, [doc_id], self.annotator, [layer for layer in layers if layer != self.annotator])

    def go_offline(self) -> None:
        """The project works on the local copy from now on."""
        if not self.offline:
            self.server = self.project.store.switch_to(self._open())
            self._offline = True

    def reconnect(self):
        """Back to the server if it answers (else None): the copy is merged into it; returns the
        ``merge.MergeReport`` (its ``conflicts`` were not applied; the copy's file is then kept)."""
        if not self.offline:
            return None
        try:
            fresh = Store(server=self.server_url)
        except ServerError:
            return None
        if self.server is not None:  # None for a window that started offline
            try:
                self.server.close()
            except Exception:  # noqa: BLE001 - the lost connection may refuse even to close
                pass
        self.project.store.switch_to(fresh).close()  # the copy's connection, left
        self.server, self.copy, self._offline = None, None, False
        sent, self.copy_file = self.copy_file, None  # the next copy is a new file
        _IN_USE.discard(sent.absolute())
        report = self.project.merge_from(sent, trust_full_copy=True)  # this window's own; the server's roles guard it
        if not report.conflicts:
            sent.unlink(missing_ok=True)  # closed: SQLite removed its -wal and -shm
        return report

    def send_left_behind(self) -> list[tuple[Path, object]]:
        """Merge what gone windows left offline into the server; (file, MergeReport) of each. A file
        merged without conflicts goes; one with conflicts stays for ``annotator merge``."""
        sent = []
        if self.offline:
            return sent
        for path in left_behind(self.project.folder):
            report = self.project.merge_from(path, trust_full_copy=True)
            if not report.conflicts:
                path.unlink(missing_ok=True)
            sent.append((path, report))
        return sent

    def close(self) -> None:
        """The window closes. Online, its copy is closed and kept for a window that starts without the
        server (``start_offline``; the next one online sends it, changing nothing); offline, the project
        closes it, and it stays with edits not yet sent. Either way another window may take it now."""
        if self.copy is not None and not self.offline:
            self.copy.close()
            self.copy = None
        if self.copy_file is not None:
            _IN_USE.discard(self.copy_file.absolute())
