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
- Not promised: documents neither opened in this session nor copied ahead (the window copies
  the next ones of its list, ``server_watch.PREFETCH``) are not there offline;
  the undo history starts afresh at each switch; figures computed on worker
  threads (review states of other documents) wait for the server.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from .errors import ServerError
from .offline_store import document_layers, forget_document
from .store import Store
from .team.package_store import copy_rows

OFFLINE_FOLDER = "offline"


def _file_name(annotator: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in annotator) or "layer"
    return f"{safe}-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S%f')}-{os.getpid()}.db"


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
        if not (pid.isdigit() and (int(pid) == os.getpid() or _running(int(pid)))):
            found.append(path)
    return found


class OfflineCopy:
    def __init__(self, project, annotator: str):
        self.project = project
        self.annotator = annotator
        self.copy: Store | None = None
        self.copy_file: Path | None = None
        self.server: Store | None = None  # while offline: the store of the server connection that was lost

    @property
    def offline(self) -> bool:
        return self.server is not None

    def _open(self) -> Store:
        if self.copy is None:
            folder = self.project.folder / OFFLINE_FOLDER
            folder.mkdir(exist_ok=True)
            self.copy_file = folder / _file_name(self.annotator)
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

    def reconnect(self):
        """Back to the server if it answers (else None): the copy is merged into it; returns the
        ``merge.MergeReport`` (its ``conflicts`` were not applied; the copy's file is then kept)."""
        if not self.offline:
            return None
        try:
            fresh = Store(server=self.server.server)
        except ServerError:
            return None
        try:
            self.server.close()
        except Exception:  # noqa: BLE001 - the lost connection may refuse even to close
            pass
        self.project.store.switch_to(fresh).close()  # the copy's connection, left
        self.server, self.copy = None, None
        report = self.project.merge_from(self.copy_file)
        if not report.conflicts:
            self.copy_file.unlink(missing_ok=True)  # closed: SQLite removed its -wal and -shm
        return report

    def send_left_behind(self) -> list[tuple[Path, object]]:
        """Merge what gone windows left offline into the server; (file, MergeReport) of each. A file
        merged without conflicts goes; one with conflicts stays for ``annotator merge``."""
        sent = []
        if self.offline:
            return sent
        for path in left_behind(self.project.folder):
            report = self.project.merge_from(path)
            if not report.conflicts:
                path.unlink(missing_ok=True)
            sent.append((path, report))
        return sent

    def close(self) -> None:
        """The window closes: an unused copy goes (one with offline edits not yet sent stays)."""
        if self.copy is not None and not self.offline:
            self.copy.close()
            self.copy_file.unlink(missing_ok=True)
            self.copy = None
