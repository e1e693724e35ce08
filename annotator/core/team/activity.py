"""Active time: how long an annotator actually worked on a document.

A moment counts for the open document when the window is focused and the
annotator gave input (a key, a click, the wheel, moving the mouse) within the
last two minutes. So a pause of ten minutes adds the first two (reading) and
not the rest; time with the window in the background adds nothing. Opening a
document and focusing the window count as input.

``ActiveTimeClock`` is the rule alone, with an injectable clock (tests use a
fake one); the GUI feeds it focus and input events and saves what it took.
Time counted is attributed to the local day on which it was taken.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Callable, Mapping

from annotator.core.store.store import now
from annotator.core.store import activity as activity_store

IDLE_AFTER_S = 120.0


def local_day() -> str:
    return date.today().isoformat()


class ActiveTimeClock:
    def __init__(self, clock: Callable[[], float] = time.monotonic, today: Callable[[], str] = local_day,
                 idle_after: float = IDLE_AFTER_S):
        self._clock = clock
        self._today = today
        self.idle_after = idle_after
        self.doc_id: int | None = None
        self.focused = False
        self._last_input: float | None = None
        self._counted_to = clock()
        self._pending: dict[tuple[int, str], float] = {}

    def _accrue(self) -> float:
        """Count the active part of the time since the last event; returns the time now."""
        moment = self._clock()
        if self.doc_id is not None and self.focused and self._last_input is not None:
            end = min(moment, self._last_input + self.idle_after)
            if end > self._counted_to:
                key = (self.doc_id, self._today())
                self._pending[key] = self._pending.get(key, 0.0) + end - self._counted_to
        self._counted_to = moment
        return moment

    def input(self) -> None:
        """The annotator did something."""
        self._last_input = self._accrue()

    def open_document(self, doc_id: int | None) -> None:
        """Time from now on belongs to ``doc_id`` (None: no document open)."""
        moment = self._accrue()
        self.doc_id = doc_id
        self._last_input = moment

    def set_focused(self, focused: bool) -> None:
        moment = self._accrue()
        if focused and not self.focused:
            self._last_input = moment
        self.focused = focused

    @property
    def counting(self) -> bool:
        """Whether time passing now would count."""
        moment = self._clock()
        return (self.doc_id is not None and self.focused and self._last_input is not None
                and moment < self._last_input + self.idle_after)

    def take(self) -> dict[tuple[int, str], float]:
        """{(doc_id, day): seconds} counted since the last call."""
        self._accrue()
        taken, self._pending = self._pending, {}
        return taken

    def give_back(self, key: tuple[int, str], seconds: float) -> None:
        """Keep time that could not be saved for the next ``take``."""
        self._pending[key] = self._pending.get(key, 0.0) + seconds


def save_active_time(store, annotator: str, seconds: Mapping[tuple[int, str], float]) -> dict[tuple[int, str], float]:
    """Add what a clock took to ``annotator``'s active time, in one transaction; returns the time of
    documents this database does not hold (a window's offline copy lacks some), to be saved later."""
    seconds = {key: value for key, value in seconds.items() if value > 0}
    if not seconds:
        return {}
    present = activity_store.present_documents(store, {doc_id for doc_id, _ in seconds})
    with store.transaction():
        activity_store.add_seconds(store, annotator, {k: v for k, v in seconds.items() if k[0] in present}, now())
    return {key: value for key, value in seconds.items() if key[0] not in present}
