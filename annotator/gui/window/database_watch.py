"""The window's care of its database file: a replaced database, checkpoints, backups.

- Another program may write to the database (a second window, an
  ``annotator`` command) or replace it (``annotator restore``). SQLite's
  ``data_version``, polled every second (no disk read), says another
  connection committed: the window re-reads what it shows. The project's
  generation (``Store.generation``, which a restore renews) says the
  database was replaced: the window reloads, and its undo history starts
  afresh, since its steps were made on the database that is gone.
- After ``IDLE_S`` without edits a passive checkpoint copies the WAL into
  ``project.db``, and closing runs a truncating one, so a ``project.db``
  copied off the laptop holds everything acknowledged.
- Backups never stand between the user and the window: ``BACKUP_DELAY_MS``
  after the window opened, and then whenever one is due, a worker thread
  takes it (``backups.take_backup``: SQLite's backup API in steps, on its own
  connection).
  Closing the window stops a backup under way; its partial copy is removed.
"""

from __future__ import annotations

import sqlite3
import time

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.safety.backups import backup_due, take_backup
from annotator.core.project import Project
from annotator.gui.jobs.workers import Worker

POLL_MS = 1000
IDLE_S = 30.0
BACKUP_DELAY_MS = 5000
BACKUP_CHECK_S = 300.0
CLOSE_TIMEOUT_S = 2.0


class DatabaseWatch(QObject):
    replaced = Signal()  # another program put a different database in place (a restore)
    changed_elsewhere = Signal()  # another connection committed to this database
    message = Signal(str)  # a backup that could not be taken, for the status bar

    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.store = project.store
        self.db_path = project.store.path
        self._version = self.store.data_version()
        self._generation = self.store.generation()
        self._last_edit = time.monotonic()
        self._edited = False
        self._backup: Worker | None = None
        self._last_backup_check = time.monotonic()
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        if self.db_path is None:  # a project in memory: no file to watch
            return
        self.timer.start()
        QTimer.singleShot(BACKUP_DELAY_MS, self, lambda: self.backup_if_due(first=True))

    def edited(self, *_change) -> None:
        """An edit went in through this window's connection."""
        self._last_edit = time.monotonic()
        self._edited = True

    def poll(self) -> None:
        try:
            version = self.store.data_version()
            if version != self._version:
                self._version = version
                generation = self.store.generation()
                if generation != self._generation:
                    self._generation = generation
                    self.replaced.emit()
                else:
                    self.changed_elsewhere.emit()
        except sqlite3.Error as error:  # once, not every second: the next action reports it anyway
            self.timer.stop()
            self.message.emit(f"{self.db_path}: {error}")
            return
        now = time.monotonic()
        if self._edited and now - self._last_edit >= IDLE_S:
            self._edited = not self.store.checkpoint("PASSIVE")
            self._last_edit = now  # a reader held part of the WAL: try again after another idle spell
        if now - self._last_backup_check >= BACKUP_CHECK_S:
            self.backup_if_due()

    # -- backups ------------------------------------------------------------------------

    def backup_if_due(self, first: bool = False) -> None:
        """On the worker thread: a backup when one is due (the first time in any case, as the job
        also removes what killed backups left behind)."""
        self._last_backup_check = time.monotonic()
        if self._backup is not None or self.db_path is None or not (first or backup_due(self.db_path)):
            return
        path = self.db_path
        worker = Worker(lambda context: take_backup(path, cancelled=context.cancelled.is_set), self)
        worker.failed.connect(self.message)
        worker.finished.connect(self._backup_finished)
        self._backup = worker
        worker.start()

    def _backup_finished(self) -> None:
        if self._backup is not None:
            self._backup.deleteLater()
            self._backup = None

    @property
    def backing_up(self) -> bool:
        return self._backup is not None

    def wait_for_backup(self) -> None:
        """Tests and benchmarks: until a backup under way is finished."""
        if self._backup is not None:
            self._backup.wait()
            self._backup_finished()

    # -- closing -----------------------------------------------------------------------

    def stop(self) -> None:
        """Stop watching, cancel a backup under way and fold the WAL into ``project.db``."""
        self.timer.stop()
        if self._backup is not None:
            self._backup.stop_and_wait()
            self._backup_finished()
        if self.db_path is not None and not self.store.checkpoint("TRUNCATE", timeout_s=CLOSE_TIMEOUT_S):
            self.store.checkpoint("PASSIVE")  # another program is writing: copy what can be copied
