"""The annotator's work list: which documents match a filter, one page of
their summaries at a time, progress, and the next unfinished document.

Queries read ids, titles, dates, statuses and span counts only, never the
document texts, so a list of 100,000 documents pages in milliseconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

from annotator.core.worklist.document_order import DocumentOrder, IdsWithout
from annotator.core.records import RETURNED, UNFINISHED
from annotator.core.worklist.search_query import SearchError, parse
from annotator.core.store.search import EVERY_DOCUMENT, matching_select, notes_select, text_search
from annotator.core.store.store import Store
from annotator.core.store.assignments import assigned_progress

__all__ = ["DocumentFilter", "DocumentSummary", "SearchError", "WorklistStore"]


@dataclass(frozen=True)
class DocumentFilter:
    status: str | None = None  # one of records.STATUSES; None: any
    label: str | None = None  # documents with a span of this label in the annotator's layer
    query: str = ""  # full-text search (see ``search_query``)
    mine: bool = False  # only documents assigned to the annotator (see ``team.assignment``)

    def reads_ids_only(self) -> bool:
        """True when only ids are read (the id range, the assignments): milliseconds at any size.
        A status, a label or a search reads a row for every document it looks at: seconds at a
        million documents, which the window asks of a worker thread."""
        return self.status is None and self.label is None and not self.query.strip()


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

    _JOIN_STATUS = "LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ?"

    def _where(self, annotator: str, flt: DocumentFilter, walking: bool = False) -> tuple[list[str], list]:
        """The conditions of ``flt`` but its search, on ``d`` (documents) and ``st`` (statuses)."""
        clauses, params = [], []
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
            # Not a correlated EXISTS: SQLite would scan the layer's spans of the label once per document, and
            # a page would probe every document when the annotator has labelled few (the usual case).
            clauses.append("d.id IN (SELECT s.doc_id FROM spans s WHERE s.annotator = ? AND s.label = ?)")
            params += [annotator, flt.label]
        return clauses, params

    def _ids(self, sql: str, params: list) -> list[int]:
        return [row[0] for row in self.store.conn.execute(sql, params)]

    def _matching(self, annotator: str, flt: DocumentFilter, *, after: int = 0, limit: int | None = None,
                  walking: bool = False, returned_only: bool = False, clauses: Sequence[str] = (),
                  params: Sequence = ()) -> list[int]:
        """Ids above ``after`` of the documents matching ``flt`` and ``clauses``, ascending, at most
        ``limit``. ``walking``: a single id is wanted, so a probe per document beats reading the
        annotator's assignments; ``returned_only``: among the documents returned to ``annotator`` (a few)."""
        where, where_params = self._where(annotator, flt, walking)
        where, where_params = [*where, *clauses], [*where_params, *params]
        if returned_only:
            where.append("d.id IN (SELECT doc_id FROM statuses WHERE annotator = ? AND status = ?)")
            where_params += [annotator, RETURNED]
        query = parse(flt.query)
        shape = dict(joins=self._JOIN_STATUS, join_params=[annotator], clauses=where, clause_params=where_params,
                     after=after, limit=limit)
        if query is None:
            return self._ids(*matching_select(EVERY_DOCUMENT, **shape))
        # The words in the title and text, or what was typed in a note. A few returned documents are
        # checked one by one: asking the index would step through every candidate to find them.
        search = text_search(query, indexed=self.store.engine.name == "sqlite" and not returned_only)
        found = self._ids(*matching_select(search, **shape))
        noted = self._ids(*notes_select(flt.query.strip(), **shape))
        if not noted:
            return found
        merged = sorted(set(found) | set(noted))  # each is its own first ``limit``: so is the union's
        return merged if limit is None else merged[:limit]

    def document_ids(self, annotator: str, flt: DocumentFilter = DocumentFilter()) -> DocumentOrder:
        """Ids of the matching documents, those returned to ``annotator`` first, then in import order.

        Unfiltered, when no id is missing between the first and the last (documents are never
        deleted one by one), the rest is a range: three index lookups instead of reading a
        million ids at start-up."""
        returned = self.returned_ids(annotator)
        if flt.reads_ids_only() and not flt.mine:
            dense = self._dense_ids()
            if dense is not None:
                first = sorted(returned)
                return DocumentOrder(first, IdsWithout(dense, first) if first else dense)
        ids = self._matching(annotator, flt)
        if not returned:
            return DocumentOrder([], ids)
        return DocumentOrder([i for i in ids if i in returned], [i for i in ids if i not in returned])

    def document_page(self, annotator: str, flt: DocumentFilter, rows: int) -> tuple[DocumentOrder, bool]:
        """The first ``rows`` documents ``document_ids`` lists (and every returned one that matches),
        read without the rest: (those ids, True when they are all there are). A word in half of a
        million documents reads about ``2 * rows`` candidates here; ``document_ids`` reads them all."""
        if flt.reads_ids_only():
            return self.document_ids(annotator, flt), True
        returned = self.returned_ids(annotator)
        first = self._matching(annotator, flt, returned_only=True) if returned else []
        asked = rows + len(returned)  # returned ones among the first ids are listed above, not here
        ids = self._matching(annotator, flt, limit=asked)
        rest = [doc_id for doc_id in ids if doc_id not in returned][:rows]
        return DocumentOrder(first, rest), len(ids) < asked

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
        marks = ", ".join("?" * len(UNFINISHED))
        unfinished = ([f"coalesce(st.status, 'new') IN ({marks})"], list(UNFINISHED))
        searches = [(False, *unfinished)]
        if self.returned_ids(annotator):  # asked first only when there are any: no walk over every document
            searches.insert(0, (True, [], []))
        for returned_only, clauses, params in searches:
            for after, before in ((after_id, None), (0, after_id)):
                bound = ([*clauses, "d.id < ?"], [*params, before]) if before is not None else (clauses, params)
                ids = self._matching(annotator, flt, after=after, limit=1, walking=True, returned_only=returned_only,
                                     clauses=bound[0], params=bound[1])
                if ids:
                    return ids[0]
        return None
