"""Search queries (``search_query``) as SQL: the documents that match, in id order, a page at a time.

Every query becomes a *check*, a condition on a document's title and text
that is true exactly when it matches (a term is ``LIKE '%term%'``, ``AND`` /
``OR`` / ``NOT`` are SQL's), and, where an index can narrow the documents
down, *candidates* that include every match:

- SQLite: the FTS5 trigram table (``documents_fts``, ``detail=none``) knows
  which trigrams each document has, without their positions. A term of three
  characters or more asks for the documents that have all of its trigrams
  (what FTS5 does for a ``LIKE`` on it); a conjunction ANDs its terms'
  trigrams, so FTS5 steps through the rarest doclist and seeks in the others
  (a rare word beside a word every document has reads the rare word's few
  documents, not every document); ``OR`` ORs them; terms after ``NOT`` and
  terms too short for a trigram only check. The candidates come in id order,
  each is checked on its row, and a ``LIMIT`` stops at a page: the first page
  of a word in half the documents reads about twice a page of rows.
- PostgreSQL: the check alone; its planner answers the ``ILIKE``s from the
  pg_trgm GIN indexes, or walks the ids in order when the words are common.

Terms with ``%``, ``_`` or ``\\`` are escaped in the check; their trigrams
are literal. A query without candidates (only words of one or two
characters) reads the documents in id order until a page is full.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.worklist.search_query import All, Any, Not, Query, Term

# Trigrams asked of the index per term: a long phrase's first, last and evenly spaced ones in between
# narrow it as well as all of them (every candidate is checked), in a fraction of the doclists.
TRIGRAMS_PER_TERM = 8


@dataclass(frozen=True)
class TextSearch:
    candidates: str | None  # an FTS5 query whose rows include every match; None: every document
    check: str  # an SQL condition on ``d.title`` and ``d.text`` (d: the documents table)
    params: list


EVERY_DOCUMENT = TextSearch(None, "TRUE", [])  # no search: the other filters alone


def text_search(query: Query, indexed: bool) -> TextSearch:
    """``query`` as SQL; ``indexed``: with candidates from SQLite's trigram table (PostgreSQL's
    planner picks its indexes itself)."""
    if not indexed:
        return TextSearch(None, *_check(query))
    # A term the index answers exactly (below) need not be checked where every match must have it.
    required = [query] if isinstance(query, Term) else list(query.parts) if isinstance(query, All) else []
    checked = [part for part in required if not (isinstance(part, Term) and _index_is_exact(part))]
    if len(checked) < len(required):
        check, params = _check(All(tuple(checked))) if checked else ("TRUE", [])
    else:
        check, params = _check(query)
    return TextSearch(_candidates(query), check, params)


def _index_is_exact(term: Term) -> bool:
    """A document has all the trigrams of a three-character term exactly when its title or text has
    the term, provided no character of it has a case: the index folds the case of every letter
    (Kelvin's K is a k there) and LIKE of Latin ones only. Three Hangul syllables, the commonest
    Korean word, are counted from the index alone, without reading a text."""
    return len(term.text) == 3 and all(c.lower() == c == c.upper() for c in term.text)


def _pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _check(query: Query) -> tuple[str, list]:
    if isinstance(query, Term):
        return "(d.title LIKE ? ESCAPE '\\' OR d.text LIKE ? ESCAPE '\\')", [_pattern(query.text)] * 2
    if isinstance(query, Not):
        inner, params = _check(query.part)
        return f"NOT {inner}", params
    parts = [_check(part) for part in query.parts]
    joiner = " AND " if isinstance(query, All) else " OR "
    return "(" + joiner.join(sql for sql, _ in parts) + ")", [p for _, params in parts for p in params]


def trigrams(text: str) -> list[str]:
    """The trigrams of ``text`` that the index is asked for (none under three characters)."""
    every = list(dict.fromkeys(text[i:i + 3] for i in range(len(text) - 2)))
    if len(every) <= TRIGRAMS_PER_TERM:
        return every
    step = (len(every) - 1) / (TRIGRAMS_PER_TERM - 1)
    return [every[round(i * step)] for i in range(TRIGRAMS_PER_TERM)]


def _candidates(query: Query) -> str | None:
    """An FTS5 query matching a superset of ``query``'s documents; None when the index cannot narrow
    them (a term under three characters alone, a group with one, ``NOT``)."""
    if isinstance(query, Term):
        grams = trigrams(query.text)
        # Each trigram a one-token string of its own: a phrase needs positions, which detail=none lacks.
        return "(" + " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams) + ")" if grams else None
    if isinstance(query, Not):
        return None
    parts = [_candidates(part) for part in query.parts]
    if isinstance(query, All):
        narrowing = [part for part in parts if part is not None]
        return "(" + " AND ".join(narrowing) + ")" if narrowing else None
    return None if None in parts else "(" + " OR ".join(parts) + ")"


def matching_select(search: TextSearch, *, joins: str = "", join_params: list = (), clauses: list[str] = (),
                    clause_params: list = (), after: int = 0, limit: int | None = None) -> tuple[str, list]:
    """A SELECT of ``d.id`` for the documents matching ``search`` and ``clauses`` with an id above
    ``after``, ascending, at most ``limit``: from the index's candidates when there are any.
    ``joins`` may join tables to ``d`` for the clauses."""
    conditions, params = [search.check, *clauses], [*search.params, *clause_params]
    if after:  # only then: a bound on the id would steer PostgreSQL's planner away from the trigram indexes
        conditions.insert(0, "d.id > ?")
        params.insert(0, after)
    if search.candidates is not None:
        sql = (f"SELECT d.id FROM documents_fts f JOIN documents d ON d.id = f.rowid {joins}"
               " WHERE f.documents_fts MATCH ? AND " + " AND ".join(conditions) + " ORDER BY f.rowid")
        params = [*join_params, search.candidates, *params]
    else:
        sql = f"SELECT d.id FROM documents d {joins} WHERE " + " AND ".join(conditions) + " ORDER BY d.id"
        params = [*join_params, *params]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


# Notes are few: the partial indexes of migration 0008 hold only the rows that have one.
_NOTES = ("SELECT doc_id AS id FROM spans WHERE note <> '' AND note LIKE ? ESCAPE '\\'"
          " UNION SELECT doc_id AS id FROM document_notes WHERE note LIKE ? ESCAPE '\\'"
          " UNION SELECT doc_id AS id FROM rejections WHERE note <> '' AND note LIKE ? ESCAPE '\\'")


def notes_select(typed: str, *, joins: str = "", join_params: list = (), clauses: list[str] = (),
                 clause_params: list = (), after: int = 0, limit: int | None = None) -> tuple[str, list]:
    """Like ``matching_select``, for the documents with ``typed`` (the query as written) in a note on a
    span, a review candidate or the document: the search box finds them too."""
    sql = (f"SELECT d.id FROM documents d {joins} WHERE d.id IN ({_NOTES}) AND d.id > ?"
           + "".join(" AND " + clause for clause in clauses) + " ORDER BY d.id")
    params = [*join_params, *[_pattern(typed)] * 3, after, *clause_params]  # the notes' few ids lead
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params
