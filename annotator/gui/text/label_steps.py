"""Labels › Next / Previous with the same label (Alt+PgDown, Alt+PgUp; also in the text's right-click
menu): from the selected span to the next span of its label in this layer, from a suggestion to the
next suggestion of its label, in review mode from a candidate to the next candidate of its label,
going round at the ends."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QObject


def following(items: Sequence, current, direction: int):
    """The item ``direction`` steps from ``current`` in ``items`` (which holds it), going round."""
    return items[(items.index(current) + direction) % len(items)]


class LabelSteps(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        window.shortcuts.next_same_label.triggered.connect(lambda: self.step(1))
        window.shortcuts.previous_same_label.triggered.connect(lambda: self.step(-1))

    def step(self, direction: int) -> None:
        w = self.window
        candidate = w.review.selected_candidate() if w.review.active else None
        span = w.selected_span()
        mark = w.suggestions.selected()
        if candidate is not None:
            rows = [r for r, c in enumerate(w.review.model.candidates()) if c.label == candidate.label]
            w.review.select_row(following(rows, w.review.panel.current_row(), direction), scroll=True)
        elif span is not None:
            same = [s.id for s in w.spans.model.spans() if s.label == span.label]
            chosen = following(same, span.id, direction)
            w.select_span(chosen)
            w.view.scroll_to_offset(w.selected_span().start)
        elif mark is not None:
            same = [m.id for m in w.suggestions.marks() if m.label == mark.label]
            w.suggestions.select(following(same, mark.id, direction))
        else:
            w.show_message(self.tr("Select a span, a suggestion or a review candidate first: the next one with "
                                   "its label is chosen"))
