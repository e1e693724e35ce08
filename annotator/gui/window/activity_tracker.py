"""Feeds the workbench's focus and input events to the active-time clock and saves what it counts.

The rule itself (focused, input in the last two minutes) is ``core.team.activity``.
Here: keys, clicks, the wheel and mouse moves anywhere in the application are
input; the application being active is focus; the open document comes from the
window's ``documentOpened``. Time is saved to the annotator's row every
``SAVE_INTERVAL_MS``, when another document opens, when the annotator changes
(review mode works as gold) and when the window closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from annotator.core.errors import AnnotatorError
from annotator.core.team.activity import ActiveTimeClock, save_active_time

SAVE_INTERVAL_MS = 30_000
INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                          QEvent.Type.MouseMove, QEvent.Type.InputMethod})


class ActivityTracker(QObject):
    def __init__(self, window, clock: ActiveTimeClock | None = None):
        super().__init__(window)
        self.window = window
        self.clock = clock or ActiveTimeClock()
        self.annotator = window.annotator
        app = QGuiApplication.instance()
        self.clock.set_focused(app.applicationState() == Qt.ApplicationState.ApplicationActive)
        app.applicationStateChanged.connect(self._application_state)
        app.installEventFilter(self)
        window.installEventFilter(self)
        window.documentOpened.connect(self._document_opened)
        self.timer = QTimer(self, interval=SAVE_INTERVAL_MS)
        self.timer.timeout.connect(self.save)
        self.timer.start()
        if window.document is not None:
            self.clock.open_document(window.document.id)

    def _application_state(self, state) -> None:
        self.clock.set_focused(state == Qt.ApplicationState.ApplicationActive)

    def _document_opened(self, doc_id: int) -> None:
        if self.window.annotator != self.annotator:  # what was counted belongs to the one before
            self.save()
            self.annotator = self.window.annotator
        self.clock.open_document(doc_id)
        self.save()

    def save(self) -> None:
        """Add the time counted since the last save to the annotator's active time."""
        taken = self.clock.take()
        try:
            unsaved = save_active_time(self.window.project.store, self.annotator, taken)
        except AnnotatorError:  # the project is busy elsewhere: keep the time for the next save
            unsaved = taken
        for key, seconds in unsaved.items():  # also a document an offline copy lacks: saved once back online
            self.clock.give_back(key, seconds)

    def stop(self) -> None:
        self.timer.stop()
        QGuiApplication.instance().removeEventFilter(self)
        self.clock.open_document(None)
        self.save()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.clock.input()
        elif watched is self.window and kind == QEvent.Type.Close:
            self.stop()
        return False
