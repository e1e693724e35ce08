"""Item models of review mode: the candidates of the open document, and the
review columns of the document list.

A candidate is shown in the text as a ``CandidateMark`` (a span-like record
whose id is its row), so the document view draws and hit-tests candidates
like any other overlay.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.review.merged_view import ACCEPTED, Candidate, DocumentReview
from annotator.core.schema import Schema
from annotator.core.team.returns import FIXED
from annotator.gui.review.review_styles import REVIEW_COLOURS, UNDECIDED, document_state_name, state_hint, state_name, swatch
from annotator.gui.window.translation import language

STATE, LABEL, TEXT, ANNOTATORS, NOTES = range(5)
Key = tuple[int, int, str]


@dataclass(frozen=True)
class CandidateMark:
    """A candidate as the document view draws it; ``id`` is its row in the candidate model."""

    id: int
    start: int
    end: int
    label: str
    text: str
    tooltip: str
    candidate: Candidate


def annotators_text(candidate: Candidate) -> str:
    return ", ".join(candidate.annotators) if candidate.annotators else QCoreApplication.translate(
        "CandidateModel", "reviewer only")


class CandidateModel(QAbstractTableModel):
    def __init__(self, schema: Schema, parent=None):
        super().__init__(parent)
        self.schema = schema
        self._candidates: list[Candidate] = []
        self._notes: dict[Key, list[tuple[str, str]]] = {}  # (start, end, label) -> [(who, note)]
        self._icons = {}
        self.lone = False  # the document has one annotator: nothing to compare

    # -- content -----------------------------------------------------------------

    def reset(self, candidates: Sequence[Candidate], notes: dict[Key, list[tuple[str, str]]] | None = None,
              lone: bool = False) -> None:
        self.beginResetModel()
        self._candidates = list(candidates)
        self._notes = dict(notes or {})
        self.lone = lone
        self.endResetModel()

    def notes_text(self, candidate: Candidate) -> str:
        """The notes on a candidate, "who: note", the annotators' first, the reviewer's last."""
        return "  ·  ".join(f"{who}: {note}" for who, note in self._notes.get(
            (candidate.start, candidate.end, candidate.label), ()))

    def has_notes(self) -> bool:
        return bool(self._notes)

    def candidates(self) -> list[Candidate]:
        return list(self._candidates)

    def candidate_at(self, row: int) -> Candidate | None:
        return self._candidates[row] if 0 <= row < len(self._candidates) else None

    def row_of_key(self, key: tuple[int, int, str]) -> int | None:
        return next((i for i, c in enumerate(self._candidates) if (c.start, c.end, c.label) == key), None)

    def row_of_gold(self, span_id: int) -> int | None:
        return next((i for i, c in enumerate(self._candidates) if c.gold_span_id == span_id), None)

    def next_undecided(self, after_row: int) -> int | None:
        """The first row after ``after_row`` still to decide, wrapping around."""
        n = len(self._candidates)
        for step in range(1, n + 1):
            row = (after_row + step) % n
            if self._candidates[row].state in UNDECIDED:
                return row
        return None

    def marks(self) -> list[CandidateMark]:
        """The candidates not in gold (gold spans are drawn as the gold layer itself)."""
        return [CandidateMark(row, c.start, c.end, c.label, c.text, self.describe(c), c)
                for row, c in enumerate(self._candidates) if c.state != ACCEPTED]

    def describe(self, candidate: Candidate) -> str:
        label = self.schema.label(candidate.label)
        name = label.display(language()) if label else candidate.label
        marked = self.tr("Marked by: %1").replace("%1", annotators_text(candidate))
        notes = self.notes_text(candidate)
        state = f"{state_name(candidate.state, self.lone)}: {state_hint(candidate.state, self.lone)}"
        return f"{name}\n{candidate.text}\n{marked}\n{state}" + (f"\n✎ {notes}" if notes else "")

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._candidates:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._candidates) - 1, self.columnCount() - 1))

    # -- Qt model ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._candidates)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 5

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._candidates):
            return None
        candidate = self._candidates[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (state_name(candidate.state, self.lone), candidate.label, candidate.text,
                    annotators_text(candidate), self.notes_text(candidate))[column]
        if role == Qt.ItemDataRole.DecorationRole:
            if column == STATE:
                icon = self._icons.get(candidate.state)
                if icon is None:
                    icon = self._icons[candidate.state] = swatch(candidate.state)
                return icon
            if column == LABEL:
                label = self.schema.label(candidate.label)
                return QColor(label.color) if label else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.describe(candidate)
        if role == Qt.ItemDataRole.UserRole:
            return (candidate.start, candidate.end, candidate.label)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("State"), self.tr("Label"), self.tr("Text"), self.tr("Annotators"), self.tr("Notes"))
        return titles[section] if 0 <= section < len(titles) else None


FIXED_COLOUR = QColor("#6a1b9a")


RETURN_MARKS = (" ↩", " ↩✓")  # returned and waiting; fixed since (the tooltip says which annotator and why)
FLAG_MARK = " ⚑"  # an annotator flagged the document (the tooltip and the header say who and why)


def return_marks(returns) -> str:
    """A mark after the review state: the document was returned and waits, or came back fixed."""
    if not returns:
        return ""
    return RETURN_MARKS[1] if any(r.state == FIXED for r in returns) else RETURN_MARKS[0]


def return_line(item) -> str:
    text = (QCoreApplication.translate("ReviewColumns", "Returned to %1, fixed since: %2") if item.state == FIXED
            else QCoreApplication.translate("ReviewColumns", "Returned to %1, waiting: %2"))
    return text.replace("%1", item.annotator).replace("%2", item.reason)


def flag_line(flag) -> str:
    text = QCoreApplication.translate("ReviewColumns", "Flagged by %1: %2").replace("%1", flag.annotator)
    return text.replace("%2", flag.text or "–")


def _regroup(by_document: dict[int, list], items, doc_ids: Iterable[int] | None) -> None:
    """Put ``items`` (records with a ``doc_id``) in ``by_document`` in place of all it held, or of what
    it held for ``doc_ids``."""
    if doc_ids is None:
        by_document.clear()
    else:
        for doc_id in doc_ids:
            by_document.pop(doc_id, None)
    for item in items:
        by_document.setdefault(item.doc_id, []).append(item)


class ReviewColumns:
    """What the document list shows in review mode: each document's review state and disagreements.

    States arrive for the whole project at once (computed off the GUI thread)
    and are then kept current one document at a time.
    """

    def __init__(self):
        self.reviews: dict[int, DocumentReview] | None = None  # None: still being computed
        self.counts: Counter = Counter()  # documents per review state, kept current (the status bar)
        self.returns: dict[int, list] = {}  # doc id -> team.returns.Return (returned, or fixed since)
        self.flags: dict[int, list] = {}  # doc id -> team.notes.ListedNote

    def set_flags(self, flags, doc_ids: Iterable[int] | None = None) -> None:
        """The flags standing; with ``doc_ids``, those of these documents only (the others kept)."""
        _regroup(self.flags, flags, doc_ids)

    def set_returns(self, returns, doc_ids: Iterable[int] | None = None) -> None:
        """The returns (waiting or fixed); with ``doc_ids``, those of these documents only (the others kept)."""
        _regroup(self.returns, returns, doc_ids)

    def set_all(self, reviews: dict[int, DocumentReview]) -> None:
        self.reviews = dict(reviews)
        self.counts = Counter(review.state for review in self.reviews.values())

    def update(self, reviews: Iterable[DocumentReview]) -> None:
        if self.reviews is not None:
            for review in reviews:
                old = self.reviews.get(review.doc_id)
                if old is not None:
                    self.counts[old.state] -= 1
                self.counts[review.state] += 1
                self.reviews[review.doc_id] = review

    def state_of(self, doc_id: int, project) -> str:
        """The document's review state: from the loaded states, else read now."""
        review = self.reviews.get(doc_id) if self.reviews is not None else None
        return (review or project.review_state(doc_id)).state

    def status(self, doc_id: int, role: int) -> Any:
        review = self.reviews.get(doc_id) if self.reviews is not None else None
        returns = self.returns.get(doc_id, ())
        flags = self.flags.get(doc_id, ())
        if role == Qt.ItemDataRole.DisplayRole:
            return ((document_state_name(review.state) if review else "…") + return_marks(returns)
                    + (FLAG_MARK if flags else ""))
        if role == Qt.ItemDataRole.ForegroundRole:
            if any(r.state == FIXED for r in returns):
                return FIXED_COLOUR
            return REVIEW_COLOURS.get(review.state) if review else None
        if role == Qt.ItemDataRole.ToolTipRole and review is not None:
            done = ", ".join(review.done) or "–"
            lines = [QCoreApplication.translate("ReviewColumns", "Marked done by: %1").replace("%1", done)]
            lines += [return_line(r) for r in returns]
            lines += [flag_line(f) for f in flags]
            return "\n".join(lines)
        return None

    def disagreements(self, doc_id: int, role: int) -> Any:
        review = self.reviews.get(doc_id) if self.reviews is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            return (review.disagreements or "") if review else "…"
        if role == Qt.ItemDataRole.ToolTipRole and review is not None:
            return QCoreApplication.translate("ReviewColumns", "Disagreements between annotators: %1").replace(
                "%1", str(review.disagreements))
        if role == Qt.ItemDataRole.ForegroundRole and review is not None and review.disagreements:
            return QColor("#c62828")
        return None

    @staticmethod
    def headers() -> tuple[str, str]:
        return (QCoreApplication.translate("ReviewColumns", "Review"),
                QCoreApplication.translate("ReviewColumns", "Conflicts"))
