"""The order of the document list, as a sequence that need not hold every id.

The list shows the documents returned to the annotator first, then the
others in import order. For a whole project of a million documents, "the
others" are every id from the first to the last but the returned ones: held
as a range and the few ids it skips, so opening the window reads three index
entries instead of a million ids, and a row or an id is found by binary
search either way.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable, Sequence, overload


class _Rows(Sequence[int]):
    """A sequence of ids by row: subclasses say how long it is and which id a valid row holds."""

    @overload
    def __getitem__(self, row: int) -> int: ...

    @overload
    def __getitem__(self, row: slice) -> list[int]: ...

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[r] for r in range(*row.indices(len(self)))]
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        return self._at(row)

    def _at(self, row: int) -> int:  # pragma: no cover - abstract
        raise NotImplementedError


class IdsWithout(_Rows):
    """The ids of ``ids`` (a range) except ``skipped``, ascending."""

    def __init__(self, ids: range, skipped: Iterable[int]):
        self.ids = ids
        self.skipped = sorted({doc_id for doc_id in skipped if doc_id in ids})
        # The row the id after each skipped one would have if nothing else were skipped: for bisect.
        self._rows_before = [s - ids.start - i for i, s in enumerate(self.skipped)]

    def __len__(self) -> int:
        return len(self.ids) - len(self.skipped)

    def _at(self, row: int) -> int:
        return self.ids.start + row + bisect_right(self._rows_before, row)

    def row_of(self, doc_id: int) -> int | None:
        if doc_id not in self.ids:
            return None
        skipped = bisect_left(self.skipped, doc_id)
        if skipped < len(self.skipped) and self.skipped[skipped] == doc_id:
            return None
        return doc_id - self.ids.start - skipped


class DocumentOrder(_Rows):
    """``first`` (in that order), then ``rest`` (ascending); no id in both."""

    def __init__(self, first: Sequence[int], rest: Sequence[int]):
        self.first = list(first)
        self.rest = rest
        self._first_rows = {doc_id: row for row, doc_id in enumerate(self.first)}

    def __len__(self) -> int:
        return len(self.first) + len(self.rest)

    def _at(self, row: int) -> int:
        return self.first[row] if row < len(self.first) else self.rest[row - len(self.first)]

    def row_of(self, doc_id: int) -> int | None:
        """The row of ``doc_id``, or ``None`` when it is not in the list."""
        row = self._first_rows.get(doc_id)
        if row is not None:
            return row
        if isinstance(self.rest, IdsWithout):
            found = self.rest.row_of(doc_id)
        else:
            found = bisect_left(self.rest, doc_id)
            found = found if found < len(self.rest) and self.rest[found] == doc_id else None
        return None if found is None else len(self.first) + found

    def __eq__(self, other) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"DocumentOrder(first={self.first!r}, rest={self.rest!r})"
