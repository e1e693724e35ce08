"""The annotator's work list: which documents match a filter, one page of
their summaries at a time, progress, and the next unfinished document.

Queries read ids, titles, dates, statuses and span counts only, never the
document texts, so a list of 100,000 documents pages in milliseconds.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Sequence

from .errors import AnnotatorError
from .records import RETURNED, UNFINISHED
from .store import Store
from .team.assignment_store import assigned_progress

# Words that turn a search into an FTS5 query (quotes, boolean operators, NEAR).
_FTS_SYNTAX = re.compile(r'"|(?:^|\s)(?:AND|OR|NOT|NEAR)(?:\s|\(|$)')


class SearchError(AnnotatorError):
    """A search query the full-text index cannot parse."""


@dataclass(frozen=True)
class DocumentFilter:
    status: str | None = None  # one of records.STATUSES; None: any
    label: str | None = None  # documents with a span of this label in the annotator's layer
    query: str = ""  # full-text search (see ``search_terms``)
    mine: bool = False  # only documents assigned to the annotator (see ``team.assignment``)


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    title: str
    date: str
    status: str
    spans: int


# Documents with a note (on a span, a review candidate or the document) that contains the query.
NOTE_SEARCH = ("SELECT doc_id FROM spans WHERE note LIKE ? ESCAPE '\\' UNION SELECT doc_id FROM document_notes"
               " WHERE note LIKE ? ESCAPE '\\' UNION SELECT doc_id FROM rejections WHERE note LIKE ? ESCAPE '\\'")


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_terms(query: str, fts: bool = True) -> tuple[str | None, list[str]]:
    """Turn what the user typed into (FTS5 MATCH expression, LIKE patterns).

    Plain words must all occur (as substrings: the index is trigram). Words of
    one or two characters cannot be trigram-matched and become LIKE scans.
    A query with double quotes or AND/OR/NOT/NEAR is passed to FTS5 as written. Without ``fts``
    (a PostgreSQL server: its pg_trgm indexes answer LIKE) every word is a LIKE pattern.
    """
    query = query.strip()
    if not query:
        return None, []
    if not fts:
        return None, [_like(w) for w in query.split()]
    if _FTS_SYNTAX.search(query):
        return query, []
    words = query.split()
    phrases = ['"' + w.replace('"', '""') + '"' for w in words if len(w) >= 3]
    likes = [_like(w) for w in words if len(w) < 3]
    return (" AND ".join(phrases) or None), likes


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
            clauses.append("EXISTS (SELECT 1 FROM spans s WHERE s.doc_id = d.id AND s.annotator = ? AND s.label = ?)")
            params += [annotator, flt.label]
        match, likes = search_terms(flt.query, fts=self.store.engine.name == "sqlite")
        text_clauses, text_params = [], []
        if match:
            text_clauses.append("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            text_params.append(match)
        for pattern in likes:
            text_clauses.append("(d.title LIKE ? ESCAPE '\\' OR d.text LIKE ? ESCAPE '\\')")
            text_params += [pattern, pattern]
        if text_clauses:  # the words in the title and text, or the query in a note (span, candidate, document)
            clauses.append(f"(({' AND '.join(text_clauses)}) OR d.id IN ({NOTE_SEARCH}))")
            params += [*text_params, *[_like(flt.query.strip())] * 3]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    def _ids(self, sql: str, params: list, query: str) -> list[int]:
        try:
            return [row[0] for row in self.store.conn.execute(sql, params)]
        except sqlite3.OperationalError as exc:
            if query:  # the rest of the statement is fixed: the error is in the FTS5 query
                raise SearchError(f"cannot search for {query!r}: {exc}") from None
            raise

    def document_ids(self, annotator: str, flt: DocumentFilter = DocumentFilter()) -> list[int]:
        """Ids of the matching documents in import order, those returned to ``annotator`` first."""
        where, params = self._where(annotator, flt)
        # No ORDER BY: unsorted, SQLite scans the narrow uid index instead of the rows with their
        # texts (30 ms instead of 0.4-1.6 s for 100,000 documents); Python sorts the ids.
        sql = f"SELECT d.id FROM documents d LEFT JOIN statuses st ON st.doc_id = d.id AND st.annotator = ? {where}"
        ids = sorted(self._ids(sql, params, flt.query))
        returned = self.returned_ids(annotator)
        if not returned:
            return ids
        return [i for i in ids if i in returned] + [i for i in ids if i not in returned]  # returned ones first

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
        for statuses in ((RETURNED,), UNFINISHED):
            marks = ", ".join("?" * len(statuses))
            sql = base + f"coalesce(st.status, 'new') IN ({marks})"
            for extra, bound in ((" AND d.id > ?", after_id), (" AND d.id < ?", after_id)):
                ids = self._ids(sql + extra + " ORDER BY d.id LIMIT 1", [*params, *statuses, bound], flt.query)
                if ids:
                    return ids[0]
        return None
