"""The annotator's work list: which documents match a filter, one page of
their summaries at a time, progress, and the next unfinished document.

Queries read ids, titles, dates, statuses and span counts only, never the
document texts, so a list of 100,000 documents pages in milliseconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

from .document_order import DocumentOrder, IdsWithout
from .records import RETURNED, UNFINISHED
from .search_query import SearchError, parse
from .search_store import documents_matching
from .store import Store
from .team.assignment_store import assigned_progress

__all__ = ["DocumentFilter", "DocumentSummary", "SearchError", "WorklistStore"]


@dataclass(frozen=True)
class DocumentFilter:
    status: str | None = None  # one of records.STATUSES; None: any
    label: str | None = None  # documents with a span of this label in the annotator's layer
    query: str = ""  # full-text search (see ``search_query``)
    mine: bool = False  # only documents assigned to the annotator (see ``team.assignment``)


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    title: str
    date: str
    status: str
    spans: int


def _date(meta: str) -> str:
    """``meta["date"]`` as text; '' when it is missing or ``meta`` cannot be read."""
    try:
        value = json.loads(meta).get("date", "")
    except (ValueError, RecursionError, AttributeError, TypeError):
        return ""
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


class WorklistStore:
    def __init__(self, store: Store):
        self.store = store

    def _where(self, annotator: str, flt: DocumentFilter, walking: bool = False) -> tuple[str, list]:
        clauses, params = [], [annotator]
        if flt.status:
            clauses.append("coalesce(st.status, 'new') = ?")
            params.append(flt.status)
        if flt.mine and walking:  # stepping through documents in order: a probe per document, stop at the first
            clauses.append("EXISTS (SELECT 1 FROM assignments a WHERE a.doc_id = d.id AND a.annotator = ?"
                           " AND a.withdrawn = 0)")
            params.append(annotator)
        elif flt.mine:  # listing them all: read only the annotator's documents, not every one
            clauses.append("d.id IN (SELECT doc_id FROM assignments WHERE annotator = ? AND withdrawn = 0)")
            params.append(annotator)
        if flt.label:
            # Not a correlated EXISTS: SQLite would scan the layer's spans of the label once per document.
            clauses.append("d.id IN (SELECT s.doc_id FROM spans s WHERE s.annotator = ? AND s.label = ?)")
            params += [annotator, flt.label]
        query = parse(flt.query)
        if query is not None:  # the words in the title and text, or what was typed in a note
            sql, search_params = documents_matching(query, flt.query.strip())
            clauses.append(f"d.id IN ({sql})")
            params += search_params
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    def _ids(self, sql: str, params: list) -> list[int]:
        return [row[0] for row in self.store.conn.execute(sql, params)]

    def document_ids(self, annotator: str, flt: DocumentFilter = DocumentFilter()) -> DocumentOrder:
        """Ids of the matching documents, those returned to ``annotator`` first, then in import order.

        Unfiltered, when no id is missing between the first and the last (documents are never
        deleted one by one), the rest is a range: three index lookups instead of reading a
        million ids at start-up."""
        returned = self.returned_ids(annotator)
        where, params = self._where(annotator, flt)
        if not where:
            dense = self._dense_ids()
            if dense is not None:
                first = sorted(returned)
                return DocumentOrder(first, IdsWithout(dense, first) if first else dense)
        # documents_ids walks the ids in order without reading the rows with their texts.
        sql = (f"SELECT d.id FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ? {where}"
               " ORDER BY d.id")
        ids = self._ids(sql, params)
        if not returned:
            return DocumentOrder([], ids)
        return DocumentOrder([i for i in ids if i in returned], [i for i in ids if i not in returned])

    def _dense_ids(self) -> range | None:
        q = self.store.conn.execute
        first = q("SELECT min(id) FROM documents").fetchone()[0]  # separate: each is one index lookup
        if first is None:
            return range(0)
        last = q("SELECT max(id) FROM documents").fetchone()[0]
        return range(first, last + 1) if self.store.document_count() == last - first + 1 else None

    def returned_ids(self, annotator: str) -> set[int]:
        return {row[0] for row in self.store.conn.execute(
            "SELECT doc_id FROM statuses WHERE annotator = ? AND status = ?", (annotator, RETURNED))}

    def summaries(self, doc_ids: Sequence[int], annotator: str) -> dict[int, DocumentSummary]:
        found: dict[int, DocumentSummary] = {}
        ids = list(doc_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            # The date is read from meta here, not with SQL's json_extract, which fails the whole query on one
            # value that is not strict JSON (NaN stored by an older version) or nested too deeply.
            rows = self.store.conn.execute(
                "SELECT d.id, d.title, d.meta, coalesce(st.status, 'new'),"
                " (SELECT count(*) FROM spans s WHERE s.doc_id = d.id AND s.annotator = ?)"
                " FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ?"
                f" WHERE d.id IN ({marks})",
                [annotator, annotator, *chunk],
            )
            for row in rows:
                found[row[0]] = DocumentSummary(row[0], row[1], _date(row[2]), row[3], row[4])
        return found

    def progress(self, annotator: str) -> tuple[int, int]:
        """(documents done by ``annotator``, documents in the project), or of the documents assigned
        to them when they have some."""
        assigned = assigned_progress(self.store, annotator)
        if assigned[1]:
            return assigned
        done = self.store.conn.execute(
            "SELECT count(*) FROM statuses WHERE annotator = ? AND status = 'done'", (annotator,)
        ).fetchone()[0]
        return done, self.store.document_count()

    def next_unfinished(self, annotator: str, after_id: int, flt: DocumentFilter = DocumentFilter()) -> int | None:
        """The first returned document other than ``after_id`` in ``flt``, else the first new or
        in-progress one after it, wrapping around."""
        where, params = self._where(annotator, flt, walking=True)
        base = ("SELECT d.id FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ? "
                + (where + " AND " if where else "WHERE "))
        marks = ", ".join("?" * len(UNFINISHED))
        searches = [(base + f"coalesce(st.status, 'new') IN ({marks})", list(UNFINISHED))]
        if self.returned_ids(annotator):  # asked first only when there are any: no walk over every document
            searches.insert(0, (base + "d.id IN (SELECT doc_id FROM statuses WHERE annotator = ? AND status = ?)",
                                [annotator, RETURNED]))
        for sql, extra_params in searches:
            for extra, bound in ((" AND d.id > ?", after_id), (" AND d.id < ?", after_id)):
                ids = self._ids(sql + extra + " ORDER BY d.id LIMIT 1", [*params, *extra_params, bound])
                if ids:
                    return ids[0]
        return None
