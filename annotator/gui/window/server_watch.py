"""The window on a shared server: others' work shows within a second; without the server it goes on.

- Live: the schema's triggers NOTIFY the documents every commit touched; a
  connection of the window's own LISTENs (``postgres_store.Notifications``), and
  every ``POLL_MS`` what others changed is re-read: the open document's spans and
  status, the list's rows, the review states, the progress. Per-annotator layers
  mean writers rarely meet; an undo step whose span someone else changed is
  refused (``StaleSpanError``), and so is an edit made on a span the window
  showed at an older revision (``operations.UpdateSpan.rev``: two reviewers on gold).
- Offline (``core.offline_copy``): each opened document is copied to a local
  file, again after each change to it, and so are the next ``PREFETCH``
  documents of the list and the documents returned to me, one every
  ``PREFETCH_MS``, up to ``PREFETCH_MAX_CHARS`` long (and again when others change them). When the server stops answering the
  window switches to that file, says so in the status bar, and keeps working;
  every ``RECONNECT_MS`` it tries the server, and once back merges what was done
  offline into it and reports what could not be applied (kept in the file).
  A keypress in the quarter second before the switch is refused with the
  server's message, not acknowledged. A window that starts without the server
  works on the copy an earlier window of the annotator kept (``launch``,
  ``offline_copy.start_offline``) and sends it the same way.

A project in ``project.db`` has none of this (``attach`` returns None): its
window watches the file (``database_watch``).
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from annotator.core.errors import AnnotatorError, ServerUnavailableError
from annotator.core.team.offline_copy import OfflineCopy
from annotator.core.store.worklist import WorklistStore

POLL_MS = 250
RECONNECT_MS = 3000
MIRROR_DELAY_MS = 200  # copy the open document after a burst of edits, not after each key
PREFETCH = 20  # documents after the open one in the list, copied ahead for working offline
PREFETCH_MS = 1000  # one at a time: each copy is a few queries on the GUI thread's connection
# Copied ahead only up to this length: a 5,000-character article takes ~5 ms, 50,000 ~30 ms, 200,000 ~265 ms
# (the GUI thread waits meanwhile); a longer one is copied when it is opened.
PREFETCH_MAX_CHARS = 20_000


class ServerWatch(QObject):
    changed = Signal(object)  # set of doc ids others changed (None in it: documents came or went)
    reachable = Signal(bool)

    def __init__(self, window, offline: OfflineCopy | None = None):
        """``offline``: the window started without the server, on the copy ``offline_copy.start_offline``
        found; it works on it and sends it once the server answers."""
        from annotator.core.store.postgres.engine import describe  # a server project's window only

        super().__init__(window)
        self.window = window
        self.store = window.project.store
        self.offline = offline or OfflineCopy(window.project, window.annotator)
        self.location = describe(self.offline.server_url)
        self.online = not self.offline.offline
        self.notifications = self.store.engine.notifications(self.store.conn) if self.online else None
        self._last_attempt = 0.0
        self.indicator = QLabel()
        window.statusBar().addPermanentWidget(self.indicator)
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.mirror_timer = QTimer(self, singleShot=True, interval=MIRROR_DELAY_MS)
        self.mirror_timer.timeout.connect(self.mirror_open_document)
        self.mirrored: set[int] = set()  # documents in the local copy
        self._ahead: list[int] = []  # documents to copy ahead, next first
        self._ahead_of: int | None = None  # the open document they were chosen for
        self._stale: set[int] = set()  # copied, then changed by others
        self._creating: threading.Thread | None = None  # making the copy's file
        self.prefetch_timer = QTimer(self, interval=PREFETCH_MS)
        self.prefetch_timer.timeout.connect(self.prefetch)
        self.changed.connect(window.show_changes_from_elsewhere)
        self.changed.connect(self._others_changed)
        window.documentOpened.connect(lambda _doc_id: self.mirror_timer.start())
        window.changeApplied.connect(self._own_change)
        self.retranslate()

    def start(self) -> None:
        self.timer.start()
        self.prefetch_timer.start()
        if not self.online:
            self._last_attempt = time.monotonic()
            self.window.show_message(self.tr(
                "The server cannot be reached: working on the local copy of your documents kept from last time; "
                "your edits are sent when it is back"))
            return
        # The copy's file (its tables: a third of a second) is made on a worker thread; copying waits for it.
        self._creating = threading.Thread(target=self.offline.create_file, name="offline copy", daemon=True)
        self._creating.start()
        self.mirror_timer.start()
        self._send_left_behind()

    # -- live ---------------------------------------------------------------------------

    def poll(self) -> None:
        if not self.online:
            if time.monotonic() - self._last_attempt >= RECONNECT_MS / 1000:
                self.reconnect()
            return
        try:
            changed = self.notifications.take()
        except ServerUnavailableError as error:
            self.go_offline(str(error))
            return
        if changed:
            self.changed.emit(changed)

    def _others_changed(self, doc_ids: set) -> None:
        if self.window.document is not None and self.window.document.id in doc_ids:
            self.mirror_timer.start()
        stale = [doc_id for doc_id in doc_ids if doc_id in self.mirrored and doc_id not in self._ahead]
        self._stale.update(stale)
        self._ahead[:0] = stale  # copied ahead, then changed by others: copy again first

    def _own_change(self, change) -> None:
        if self.window.document is not None and self.window.document.id in change.doc_ids:
            self.mirror_timer.start()

    # -- offline ---------------------------------------------------------------------------

    def _file_ready(self) -> bool:
        """Whether the copy's file is made (else copying comes back a little later)."""
        if self._creating is not None and self._creating.is_alive():
            self.mirror_timer.start()
            return False
        return True

    def mirror_open_document(self) -> None:
        document = self.window.document
        if self.online and document is not None and self._file_ready():
            self._mirror(document.id)

    def prefetch(self) -> None:
        """Copy one more of the documents the annotator is likely to open next."""
        document = self.window.document
        if not self.online or document is None or not self._file_ready():
            return
        if document.id not in self.mirrored:  # the open document first
            self._mirror(document.id)
            return
        if self._ahead_of != document.id:
            try:
                self._ahead = self._documents_ahead(document.id)
            except ServerUnavailableError as error:
                self.go_offline(str(error))
                return
            if self._ahead:  # else the list is still loading: choose again next time
                self._ahead_of = document.id
        while self._ahead:
            doc_id = self._ahead.pop(0)
            if doc_id in self.mirrored and doc_id not in self._stale:
                continue
            self._stale.discard(doc_id)
            try:
                short = (self.store.document_length(doc_id) or 0) <= PREFETCH_MAX_CHARS
            except ServerUnavailableError as error:
                self.go_offline(str(error))
                return
            if short:
                self._mirror(doc_id)
                return

    def _documents_ahead(self, doc_id: int) -> list[int]:
        ahead = [self.window.documents.neighbour(doc_id, step) for step in range(1, PREFETCH + 1)]
        returned = sorted(WorklistStore(self.store).returned_ids(self.window.annotator))[:PREFETCH]
        return list(dict.fromkeys(d for d in returned + ahead if d is not None and d != doc_id))

    def _mirror(self, doc_id: int) -> None:
        try:
            self.offline.mirror(doc_id)
        except ServerUnavailableError as error:
            self.go_offline(str(error))
        except AnnotatorError as error:  # the local disk: say it, the server still has everything
            self.window.show_message(str(error))
        else:
            self.mirrored.add(doc_id)

    def go_offline(self, reason: str) -> None:
        self.online = False
        if self._creating is not None:
            self._creating.join()  # the copy's file, made before the window switches to it
        self._last_attempt = time.monotonic()
        self.offline.go_offline()
        self.window.reload_everything(self.tr(
            "The server cannot be reached (%1): working on a local copy of the documents opened and the next "
            "ones of the list; your edits are sent when it is back").replace("%1", reason))
        self.retranslate()
        self.reachable.emit(False)

    def reconnect(self) -> None:
        self._last_attempt = time.monotonic()
        try:
            report = self.offline.reconnect()
        except AnnotatorError as error:
            self.window.show_message(str(error))
            return
        if report is None:
            return
        self.online = True
        self.mirrored.clear()  # the copy was merged and removed: a new one fills from here
        self._ahead_of = None
        if self.notifications is not None:
            self.notifications.close()
        self.notifications = self.store.engine.notifications(self.store.conn)
        self.window.reload_everything(self._sent_message(report))
        self.retranslate()
        self.reachable.emit(True)
        self._send_left_behind()  # copies other windows left meanwhile

    def _sent_message(self, report) -> str:
        sent = (sum(report.spans_added.values()) + sum(report.spans_updated.values())
                + sum(report.spans_deleted.values()) + report.statuses_updated + report.notes_updated
                + report.rejections_added + report.rejections_withdrawn)
        if report.conflicts:
            message = self.tr("Back on the server: %1 change(s) made offline sent; %2 conflict with changes made on "
                              "the server meanwhile and were not applied (kept in %3)").replace("%1", str(sent)).replace(
                "%2", str(len(report.conflicts))).replace("%3", str(report.source))
        else:
            message = self.tr("Back on the server: %1 change(s) made offline sent").replace("%1", str(sent))
        if report.overlaps:  # the same layer edited offline and in another window meanwhile
            first = report.overlaps[0]
            message += self.tr("; %1 pair(s) of your spans now overlap: fix one of them (the first in “%2”)").replace(
                "%1", str(len(report.overlaps))).replace("%2", first.first.text)
        return message

    def _send_left_behind(self) -> None:
        try:
            for _path, report in self.offline.send_left_behind():
                self.window.show_message(self._sent_message(report))
        except AnnotatorError as error:
            self.window.show_message(str(error))

    def stop(self) -> None:
        if self._creating is not None:
            self._creating.join()
        self.timer.stop()
        self.prefetch_timer.stop()
        self.mirror_timer.stop()
        if self.notifications is not None:
            self.notifications.close()
        self.offline.close()

    def retranslate(self) -> None:
        if self.online:
            self.indicator.setText(self.tr("Server: %1").replace("%1", self.location))
            self.indicator.setStyleSheet("")
        else:
            self.indicator.setText(self.tr("Offline: %1 unreachable").replace("%1", self.location))
            self.indicator.setStyleSheet("color: #a00; font-weight: bold;")


def attach(window, offline: OfflineCopy | None = None) -> ServerWatch | None:
    """The watch of a window on a server project (``offline``: started without the server); None for
    a project in ``project.db``."""
    if window.project.store.server is None and offline is None:
        return None
    watch = ServerWatch(window, offline)
    watch.start()
    return watch
