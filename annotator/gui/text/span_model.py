"""The spans of one document in one layer, sorted by position, for the span list.

Rows change from a ``Change`` (spans added, removed, updated), never by
reloading the document's spans.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal, InvalidOperation
from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.operations import Change
from annotator.core.records import Span
from annotator.core.schema import Schema
from annotator.gui.text.plain_text import plain_tooltip
from annotator.gui.window.translation import language

LABEL, TEXT, ATTRIBUTES, NOTE = range(4)


def _order(span: Span) -> tuple[int, int, int]:
    return span.start, span.end, span.id


KOREAN_UNITS = ((10**12, "조"), (10**8, "억"), (10**4, "만"))
KOREAN_CURRENCIES = {"KRW": "원", "USD": "달러", "JPY": "엔", "CNY": "위안", "EUR": "유로"}


def korean_amount(value: Decimal) -> str | None:
    """12000000000 → "120억", 1156000000000 → "1조 1,560억", as Korean articles write amounts; None for
    a value that is not a whole, non-negative number (shown in digits)."""
    if value != value.to_integral_value() or value < 0:
        return None
    rest, parts = int(value), []
    for size, unit in KOREAN_UNITS:
        if rest >= size:
            parts.append(f"{rest // size:,}{unit}")
            rest %= size
    if rest or not parts:
        parts.append(f"{rest:,}")
    return " ".join(parts)


def format_attributes(attrs, text: str = "", korean_units: bool = False) -> str:
    """``value``/``currency`` as a readable amount (≈ before an approximate one), a ``canonical``
    name that differs from the span's ``text`` as "= name", other attributes as ``key=value``.
    ``korean_units``: amounts in 만/억/조 and 원/달러 (short enough for the span list's column)."""
    parts = []
    value, currency = attrs.get("value"), attrs.get("currency")
    approximate = "≈" if attrs.get("approximate") is True else ""
    if value is not None:
        try:
            number = Decimal(str(value))
            shown = f"{number:,f}"
            if "." in shown:
                shown = shown.rstrip("0").rstrip(".")
            korean = korean_amount(number) if korean_units and number.is_finite() else None
        except InvalidOperation:
            shown, korean = str(value), None
        if korean is not None:
            parts.append(approximate + korean + (" " + KOREAN_CURRENCIES.get(currency, currency) if currency else ""))
        else:
            parts.append(approximate + (f"{shown} {currency}" if currency else shown))
    elif approximate:
        parts.append(approximate)
    canonical = attrs.get("canonical")
    if canonical and canonical != text:
        parts.append(f"= {canonical}")
    parts += [f"{k}={v}" for k, v in attrs.items() if k not in ("value", "currency", "approximate", "canonical")]
    return ", ".join(parts)


class SpanModel(QAbstractTableModel):
    def __init__(self, schema: Schema, parent=None):
        super().__init__(parent)
        self.schema = schema
        self.doc_id: int | None = None
        self.annotator = ""
        self._spans: list[Span] = []

    # -- content -----------------------------------------------------------------

    def reset(self, doc_id: int | None, annotator: str, spans: Sequence[Span]) -> None:
        self.beginResetModel()
        self.doc_id, self.annotator = doc_id, annotator
        self._spans = sorted((s for s in spans if s.doc_id == doc_id and s.annotator == annotator), key=_order)
        self.endResetModel()

    def spans(self) -> list[Span]:
        return list(self._spans)

    def span_at(self, row: int) -> Span:
        return self._spans[row]

    def row_of(self, span_id: int) -> int | None:
        return next((i for i, s in enumerate(self._spans) if s.id == span_id), None)

    def _mine(self, span: Span) -> bool:
        return span.doc_id == self.doc_id and span.annotator == self.annotator

    def apply_change(self, change: Change) -> bool:
        """Update rows from what an operation did; True when this document's layer changed."""
        gone = [s for s in change.removed if self._mine(s)] + [b for b, _ in change.updated if self._mine(b)]
        new = [s for s in change.added if self._mine(s)] + [a for _, a in change.updated if self._mine(a)]
        for span in gone:
            row = self.row_of(span.id)
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._spans[row]
                self.endRemoveRows()
        for span in new:
            row = bisect_left([_order(s) for s in self._spans], _order(span))
            self.beginInsertRows(QModelIndex(), row, row)
            self._spans.insert(row, span)
            self.endInsertRows()
        return bool(gone or new)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    # -- Qt model ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._spans):
            return None
        span = self._spans[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LABEL:
                return span.label
            if column == TEXT:
                return span.text
            if column == ATTRIBUTES:  # in digits in the tooltip
                return format_attributes(span.attrs, span.text, korean_units=language() == "ko")
            if column == NOTE:
                return span.note
        elif role == Qt.ItemDataRole.DecorationRole and column == LABEL:
            label = self.schema.label(span.label)
            return QColor(label.color) if label else None
        elif role == Qt.ItemDataRole.ToolTipRole:
            label = self.schema.label(span.label)
            name = label.display(language()) if label else span.label
            attributes = format_attributes(span.attrs, span.text)
            return plain_tooltip(f"{name}\n{span.text}\n[{span.start}, {span.end})"
                                 + (f"\n{attributes}" if attributes else "") + (f"\n✎ {span.note}" if span.note else ""))
        elif role == Qt.ItemDataRole.UserRole:
            return span.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Label"), self.tr("Text"), self.tr("Attributes"), self.tr("Note"))
        return titles[section] if 0 <= section < len(titles) else None
