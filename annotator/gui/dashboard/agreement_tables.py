"""The agreement dashboard's tables: one small table model, and the rows each
table takes from an ``AgreementReport.to_dict()``.

Scores (F1, κ, α) are shown with three decimals and a background from red
(0) through yellow to green (1), so weak pairs and labels stand out.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

MEASURES = ("f1_strict", "f1_lenient", "kappa")
LOW, MIDDLE, HIGH = QColor("#f4c7c3"), QColor("#fce8b2"), QColor("#b7e1cd")


def score_colour(value: float) -> QColor:
    """Red at 0 (or below, κ can be negative), yellow at 0.5, green at 1."""
    value = max(0.0, min(1.0, value))
    a, b, t = (LOW, MIDDLE, value * 2) if value < 0.5 else (MIDDLE, HIGH, value * 2 - 1)
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def format_value(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


class FigureTable(QAbstractTableModel):
    """Rows of values under headers; floats in ``score_columns`` are coloured as scores."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[list[Any]] = []
        self.score_columns: set[int] = set()
        self.payloads: list[Any] = []

    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], score_columns=(),
                  payloads: Sequence[Any] | None = None) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [list(row) for row in rows]
        self.score_columns = set(score_columns)
        self.payloads = list(payloads) if payloads is not None else [None] * len(self.rows)
        self.endResetModel()

    def value(self, row: int, column: int) -> Any:
        return self.rows[row][column]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows) and 0 <= index.column() < len(self.headers)):
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = value is None or isinstance(value, (int, float))
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if numeric else None
        if role == Qt.ItemDataRole.BackgroundRole and isinstance(value, float) and index.column() in self.score_columns:
            return score_colour(value)
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(value, float) and index.column() in self.score_columns:
            return QColor("#111111")  # readable on the light score colours in a dark theme too
        if role == Qt.ItemDataRole.UserRole:
            return self.payloads[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None


# -- rows from a report ---------------------------------------------------------------------


def matrix_rows(report: dict, measure: str) -> list[list[Any]]:
    """Annotator by annotator: the pair's ``measure``; the diagonal is empty."""
    names = report["annotators"]
    value = {}
    for pair in report["pairs"]:
        value[(pair["a"], pair["b"])] = value[(pair["b"], pair["a"])] = pair[measure]
    return [[a] + [("" if a == b else value.get((a, b))) for b in names] for a in names]


def pair_rows(report: dict) -> list[list[Any]]:
    return [[p["a"], p["b"], p["documents"], p["f1_strict"], p["f1_lenient"], p["kappa"], p["spans_a"],
             p["spans_b"]] for p in report["pairs"]]


def label_rows(report: dict) -> list[list[Any]]:
    return [[label, row["f1_strict"], row["f1_lenient"], row["exact"]]
            + [row["spans"].get(a, 0) for a in report["annotators"]]
            for label, row in report["labels"].items()]


def progress_rows(report: dict, status_names) -> list[list[Any]]:
    rows = []
    for name, row in report["progress"].items():
        statuses = ", ".join(f"{status_names(s)} {n}" for s, n in sorted(row["statuses"].items()))
        rows.append([name, row["done"], row["spans"], statuses])
    return rows


def document_rows(report: dict, titles: dict[int, str]) -> tuple[list[list[Any]], list[int]]:
    """Each counted document: title and who was compared on it; payloads are the document ids."""
    compared: dict[int, set[str]] = {}
    for pair in report["pairs"]:
        for doc_id in pair["document_ids"]:
            compared.setdefault(doc_id, set()).update((pair["a"], pair["b"]))
    ids = list(report["alpha_document_ids"])
    return [[titles.get(d, str(d)), ", ".join(sorted(compared.get(d, ())))] for d in ids], ids
