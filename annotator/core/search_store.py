"""Search queries (``search_query``) as SQL: the ids of the documents that match.

A term of three characters or more is a ``LIKE '%term%'`` on the FTS5
trigram table (``documents_fts``, ``detail=none``): SQLite finds the rows
that have every trigram of the term in the index, then checks each against
the text, as PostgreSQL's pg_trgm does for ``ILIKE``. The index keeps no word
positions, which makes it about a sixth of the size (docs/performance.md).
Shorter terms and terms with ``%``, ``_`` or ``\\`` cannot use the index (the
trigram LIKE takes no ESCAPE) and are checked on the rows of the documents
table, after the indexed terms have narrowed them down where there are any.

``AND`` is ``INTERSECT``, ``OR`` is ``UNION``, ``NOT`` is ``EXCEPT``:
compound SELECTs that SQLite and PostgreSQL both run.
"""

from __future__ import annotations

from itertools import count
from typing import Iterator

from .search_query import All, Any, Not, Query, Term

ALL_DOCUMENTS = "SELECT id FROM documents"


def _indexed(term: Term) -> bool:
    return len(term.text) >= 3 and not any(c in term.text for c in "%_\\")


def _pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class _Compiler:
    def __init__(self):
        self.names: Iterator[int] = count(1)

    def alias(self) -> str:
        return f"q{next(self.names)}"

    def ids(self, query: Query) -> tuple[str, list]:
        """A SELECT of one column, ``id``, the documents matching ``query``."""
        if isinstance(query, Term):
            if _indexed(query):
                pattern = "%" + query.text + "%"
                return ("SELECT rowid AS id FROM documents_fts WHERE title LIKE ?"
                        " UNION SELECT rowid AS id FROM documents_fts WHERE text LIKE ?", [pattern, pattern])
            return self.filtered(None, [query])
        if isinstance(query, Any):
            return self.combine("UNION", [self.ids(part) for part in query.parts])
        if isinstance(query, Not):  # only inside a conjunction or a group that has positive terms
            return self.combine("EXCEPT", [(ALL_DOCUMENTS, []), self.ids(query.part)])
        return self.conjunction(query)

    def conjunction(self, query: All) -> tuple[str, list]:
        narrowing = [p for p in query.parts if not isinstance(p, (Term, Not)) or (isinstance(p, Term) and _indexed(p))]
        scanned = [p for p in query.parts if isinstance(p, Term) and not _indexed(p)]
        excluded = [p.part for p in query.parts if isinstance(p, Not)]
        base = self.combine("INTERSECT", [self.ids(part) for part in narrowing]) if narrowing else None
        if scanned or base is None:
            base = self.filtered(base, scanned)
        return self.combine("EXCEPT", [base] + [self.ids(part) for part in excluded])

    def filtered(self, base: tuple[str, list] | None, terms: list[Term]) -> tuple[str, list]:
        """Documents of ``base`` (all when ``None``) whose title or text contains every one of ``terms``."""
        clauses, params = [], []
        if base is not None:
            clauses.append(f"id IN ({base[0]})")
            params += base[1]
        for term in terms:
            clauses.append("(title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')")
            params += [_pattern(term.text)] * 2
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return ALL_DOCUMENTS + where, params

    def combine(self, operator: str, selects: list[tuple[str, list]]) -> tuple[str, list]:
        if len(selects) == 1:
            return selects[0]
        sql = f" {operator} ".join(f"SELECT id FROM ({select}) AS {self.alias()}" for select, _ in selects)
        return sql, [param for _, params in selects for param in params]


def matching_ids(query: Query) -> tuple[str, list]:
    """(SQL selecting the ``id`` of every document whose title or text matches, its parameters)."""
    return _Compiler().ids(query)


# Notes are few: the partial indexes of migration 0008 hold only the rows that have one.
_NOTES = ("SELECT doc_id AS id FROM spans WHERE note <> '' AND note LIKE ? ESCAPE '\\'"
          " UNION SELECT doc_id AS id FROM document_notes WHERE note LIKE ? ESCAPE '\\'"
          " UNION SELECT doc_id AS id FROM rejections WHERE note <> '' AND note LIKE ? ESCAPE '\\'")


def documents_matching(query: Query, typed: str) -> tuple[str, list]:
    """The document list's search: ``query`` in the title and text, or ``typed`` (the query as
    written) in a note on a span, a review candidate or the document."""
    sql, params = matching_ids(query)
    return f"SELECT id FROM ({sql}) AS text_matches UNION {_NOTES}", [*params, *[_pattern(typed)] * 3]
