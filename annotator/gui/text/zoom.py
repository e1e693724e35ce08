"""View › Zoom: the article's text larger or smaller (Ctrl+= / Ctrl+- / Ctrl+0), remembered.

Only the text view zooms; its spans, tags and overlays are laid out from the
text, so they scale with it. The line at the top of the view stays at the top.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QFont, QKeySequence

from annotator.gui.window import settings
from annotator.gui.window.translation import on_language_change

STEPS = (60, 70, 80, 90, 100, 110, 125, 150, 175, 200, 250)  # percent of the reading size


class Zoom(QObject):
    def __init__(self, window, base_font: QFont):
        super().__init__(window)
        self.window = window
        self.view = window.view
        self.base_size = base_font.pointSizeF()
        self.percent = 100
        self.zoom_in = self._action("Ctrl+=", "Ctrl++")
        self.zoom_out = self._action("Ctrl+-")
        self.reset = self._action("Ctrl+0")
        self.zoom_in.triggered.connect(lambda: self.step(1))
        self.zoom_out.triggered.connect(lambda: self.step(-1))
        self.reset.triggered.connect(lambda: self.set_percent(100))
        self.menu = window.shortcuts.view_menu.addMenu("")
        self.menu.addActions([self.zoom_in, self.zoom_out, self.reset])
        self.set_percent(settings.zoom_percent(), remember=False)
        self.retranslate()
        on_language_change(window, self.retranslate)

    def _action(self, *keys: str) -> QAction:
        action = QAction(self.window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        self.window.addAction(action)
        return action

    def step(self, direction: int) -> None:
        """One step larger (1) or smaller (-1)."""
        if direction > 0:
            target = next((p for p in STEPS if p > self.percent), STEPS[-1])
        else:
            target = next((p for p in reversed(STEPS) if p < self.percent), STEPS[0])
        self.set_percent(target)

    def set_percent(self, percent: int, remember: bool = True) -> None:
        percent = min(max(percent, STEPS[0]), STEPS[-1])
        top = self.view.offsets.from_qt(self.view.cursorForPosition(QPoint(0, 0)).position())
        font = QFont(self.view.font())
        font.setPointSizeF(self.base_size * percent / 100)
        self.view.setFont(font)
        self.percent = percent
        if top:
            self.view.scroll_to_top(top)
        self.zoom_in.setEnabled(percent < STEPS[-1])
        self.zoom_out.setEnabled(percent > STEPS[0])
        if remember:
            settings.save_zoom_percent(percent)
            self.window.show_message(self.tr("Text size %1 %").replace("%1", str(percent)))

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("Zoom"))
        self.zoom_in.setText(self.tr("Larger text"))
        self.zoom_out.setText(self.tr("Smaller text"))
        self.reset.setText(self.tr("Normal size"))
