"""A grouped bar chart painted with QPainter (PySide6-Essentials has no QtCharts).

Categories along the bottom (labels, say), one bar per series in each group
(F1 strict and lenient, or one per annotator), a value axis with a few round
ticks, a legend on top. A missing value (``None``) leaves a gap. Hovering a
bar shows its series, category and value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

MAX_DECIMALS = 4
SERIES_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#9d755d", "#bab0ac")


@dataclass
class ChartData:
    categories: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    values: list[list[float | None]] = field(default_factory=list)  # [series][category]
    maximum: float | None = None  # fixed top of the axis (1.0 for scores); None: from the data
    decimals: int = 2


def nice_step(top: float, ticks: int = 4) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about ``ticks`` intervals up to ``top``."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


class BarChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.data = ChartData()
        self.title = ""
        self._bars: list[tuple[QRectF, str]] = []  # for tooltips
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def set_data(self, data: ChartData, title: str = "") -> None:
        self.data = data
        self.title = title
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(520, 240)

    def _step(self, top: float) -> float:
        """A round tick step no finer than the decimals shown: 0.05 with one decimal would read 0.1, 0.1."""
        return max(nice_step(top), 10.0 ** -self.data.decimals)

    def top_value(self) -> float:
        values = [v for row in self.data.values for v in row if v is not None]
        if self.data.maximum is not None:
            return self.data.maximum
        top = max(values, default=0.0)
        step = self._step(top)
        return max(step, math.ceil(round(top / step, 9)) * step)

    def ticks(self) -> list[tuple[float, str]]:
        """(value, label) of the value axis, from 0 to the top."""
        top = self.top_value()
        step = self._step(top)
        return [(i * step, self._format(i * step)) for i in range(int(round(top / step)) + 1)]

    def _format(self, value: float, decimals: int | None = None) -> str:
        decimals = self.data.decimals if decimals is None else decimals
        return f"{value:.{decimals}f}" if decimals else f"{value:,.0f}"

    def value_text(self, value: float) -> str:
        """A bar's value: more decimals when the usual ones would show a bar as 0 (0.02 hours)."""
        decimals = self.data.decimals
        while value and round(value, decimals) == 0 and decimals < MAX_DECIMALS:
            decimals += 1
        return self._format(value, decimals)

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        ink = self.palette().color(self.foregroundRole())
        faint = QColor(ink)
        faint.setAlpha(45)
        self._bars = []
        top = self.top_value()
        ticks = self.ticks()
        left = max(metrics.horizontalAdvance(text) for _value, text in ticks) + 10
        plot = QRectF(left, 2 * line + 10, self.width() - left - 10, self.height() - 4 * line - 16)
        painter.setPen(ink)
        painter.drawText(QRectF(0, 2, self.width(), line), Qt.AlignmentFlag.AlignHCenter, self.title)
        self._legend(painter, metrics, line + 6)
        if not self.data.categories or plot.height() < 20 or plot.width() < 20:
            painter.end()
            return
        for value, text in ticks:  # value axis and grid
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(faint, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(ink)
            painter.drawText(QRectF(0, y - line / 2, left - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        groups = len(self.data.categories)
        bars = max(1, len(self.data.series))
        group_width = plot.width() / groups
        bar_width = min(40.0, group_width * 0.8 / bars)
        for g, category in enumerate(self.data.categories):
            start = plot.left() + g * group_width + (group_width - bar_width * bars) / 2
            for s, series in enumerate(self.data.series):
                value = self.data.values[s][g] if s < len(self.data.values) else None
                if value is None:
                    continue
                height = plot.height() * min(value, top) / top
                bar = QRectF(start + s * bar_width + 1, plot.bottom() - height, bar_width - 2, height)
                painter.fillRect(bar, QColor(SERIES_COLOURS[s % len(SERIES_COLOURS)]))
                shown = self.value_text(value)
                self._bars.append((bar, f"{series} · {category}: {shown}"))
                if bar_width >= metrics.horizontalAdvance(shown) + 2:
                    painter.setPen(ink)
                    painter.drawText(QRectF(bar.left() - 4, bar.top() - line, bar.width() + 8, line),
                                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, shown)
            painter.setPen(ink)
            name = metrics.elidedText(category, Qt.TextElideMode.ElideRight, group_width - 4)
            painter.drawText(QRectF(plot.left() + g * group_width, plot.bottom() + 4, group_width, line),
                             Qt.AlignmentFlag.AlignHCenter, name)
        painter.setPen(QPen(ink, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.end()

    def _legend(self, painter: QPainter, metrics: QFontMetricsF, y: float) -> None:
        widths = [metrics.horizontalAdvance(name) + 26 for name in self.data.series]
        x = max(4.0, (self.width() - sum(widths)) / 2)
        for s, (name, width) in enumerate(zip(self.data.series, widths)):
            box = QRectF(x, y + (metrics.height() - 10) / 2, 10, 10)
            painter.fillRect(box, QColor(SERIES_COLOURS[s % len(SERIES_COLOURS)]))
            painter.drawText(QRectF(x + 14, y, width - 14, metrics.height()), Qt.AlignmentFlag.AlignVCenter, name)
            x += width

    def bar_at(self, point: QPointF) -> str | None:
        return next((text for rect, text in self._bars if rect.adjusted(-1, -1, 1, 1).contains(point)), None)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.bar_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
