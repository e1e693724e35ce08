"""The store: documents, spans, statuses, and the transactions around them.

One interface over two engines (``store.engine``): SQLite, the default, one file
per project (``sqlite_store``), or a shared PostgreSQL server (``postgres_store``).
The SQL here and in the other ``*_store`` modules is written once, in the form both
run (``?`` placeholders, ``ON CONFLICT``, ``RETURNING``); the PostgreSQL connection
translates the few spellings that differ (``postgres_sql``). What only one engine
has (PRAGMAs, checkpoints, notifications) is a method of its engine.
"""

from __future__ import annotations

import json
import secrets
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from annotator.core.errors import ProjectError, ServerError, StaleSpanError
from annotator.core.store.migrations import KNOWN
from annotator.core.records import GOLD, Document, Span, SpanDraft, Status
from annotator.core.worklist.search_query import Term
from annotator.core.store.search import matching_select, text_search
from annotator.core.store.sqlite import BUSY_TIMEOUT_S, CHECKPOINT_MODES, SQLiteEngine, busy_message  # noqa: F401 (re-exported)

GENERATION_KEY = "generation"  # project_meta: a new random value each time the database is replaced (restore)
# project_meta: where the project went (``project_move``). The database left behind refuses every write
# from then on, checked before each commit, so a program that had it open is told instead of writing
# into a copy nobody reads.
MOVED_KEY = "moved_to"


def now() -> str:
    """UTC, to the microsecond: merges order changes by it (ISO strings sort by time)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def stamp_after(previous: str | None) -> str:
    """``now()``, or a microsecond after ``previous`` when this clock is behind it: a change is always
    later than the version it replaces, even when that came from a laptop whose clock runs ahead
    (merges order versions by these times)."""
    stamp = now()
    if previous and stamp <= previous:
        try:
            stamp = (datetime.fromisoformat(previous) + timedelta(microseconds=1)).isoformat(timespec="microseconds")
        except (ValueError, OverflowError):  # a time no clock reaches (a forged one): now, as if absent
            pass
    return stamp


def new_uid() -> str:
    """A span's identity: 128 random bits, unique across every copy of a project."""
    return secrets.token_hex(16)


def new_rev() -> str:
    """A span's revision: a new one with every edit or deletion."""
    return secrets.token_hex(8)


def _history(history: str, rev: str) -> str:
    return f"{history} {rev}".strip()


def _json(value: Any) -> str:
    return json.dumps(dict(value or {}), ensure_ascii=False, sort_keys=True)


class Store:
    def __init__(self, path: Path | str | None = None, server: str | None = None):
        """Open (creating if needed) the database at ``path`` (``None``: in memory), or the
        PostgreSQL database ``server`` (a libpq connection string or URL, see ``postgres_store``)."""
        if server is not None:
            from annotator.core.store.postgres.engine import PostgresEngine

            self.engine = PostgresEngine(server)
        else:
            self.engine = SQLiteEngine(Path(path) if path is not None else None)
        self.path = getattr(self.engine, "path", None)  # the SQLite file; None in memory and on a server
        self.server = server
        self.conn = self.engine.connect()
        self._depth = 0
        self._leaving: str | None = None  # the move this connection itself is making (``mark_moved``)
        try:
            self._migrate()
        except BaseException:
            self.conn.close()
            raise

    def switch_to(self, other: "Store") -> "Store":
        """Work on ``other``'s database from now on, through this same object (every part of a window
        holds it); returns a Store holding the database left. A window whose server went away works on
        a local copy this way (``offline_copy``)."""
        if self._depth:
            raise ProjectError("cannot switch databases inside a transaction")
        left = Store.__new__(Store)
        left.__dict__.update(self.__dict__)
        self.__dict__.update(other.__dict__)
        return left

    @property
    def in_memory(self) -> bool:
        """A throwaway database: no project folder holds it, no other connection can open it."""
        return self.path is None and self.server is None

    @property
    def location(self) -> str:
        """The database, as messages name it (a file, or the server without its password)."""
        return self.engine.location

    # -- lifecycle -----------------------------------------------------------

    def _migrate(self) -> None:
        try:
            applied = self.applied_migrations()
        except ServerError:
            raise  # the server's own refusal, in words already
        except self.engine.errors as exc:
            raise ProjectError(f"{self.location}: not a usable database ({exc})") from None
        unknown = [name for name in applied if name not in KNOWN]
        if unknown:
            raise ProjectError(
                f"{self.location}: written by a newer version of annotator (schema {unknown[-1]}); "
                "upgrade annotator to open it"
            )
        if self.engine.upgrade_due(self.conn, applied):
            self.engine.apply_pending(self.conn)

    def applied_migrations(self) -> list[str]:
        """Names of the applied migrations, oldest first."""
        return self.engine.applied_migrations(self.conn)

    def schema_version(self) -> str:
        applied = self.applied_migrations()
        return applied[-1] if applied else ""

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One committed unit of work; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.engine.begin(self.conn)
        self._depth = 1
        try:
            yield
            # Last, under the lock a move takes exclusively (SQLite's write lock; on a server the lock
            # every transaction holds shared): nothing commits into a database a move has left.
            self._refuse_if_moved()
        except BaseException:
            self.engine.rollback(self.conn)
            raise
        else:
            try:
                self.engine.commit(self.conn)
            except self.engine.errors:  # a full disk at commit: the transaction must not stay open
                self.engine.rollback(self.conn)
                raise
        finally:
            self._depth = 0

    # -- the database: versions, checkpoints -------------------------------------

    def data_version(self) -> int:
        """Changes when another connection commits (cheap: no disk read)."""
        return self.engine.data_version(self.conn)

    def change_marker(self) -> tuple:
        """Changes whenever this connection or another one writes to the database."""
        return self.engine.change_marker(self.conn)

    def generation(self) -> str:
        """Which copy of the database this is: ``restore`` sets a new one (see ``GENERATION_KEY``)."""
        row = self.conn.execute("SELECT value FROM project_meta WHERE key = ?", (GENERATION_KEY,)).fetchone()
        return row[0] if row else ""

    def new_generation(self) -> str:
        token = secrets.token_hex(16)
        self.conn.execute(
            "INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (GENERATION_KEY, token))
        return token

    def moved_to(self) -> str | None:
        """Where the project was moved to, when this database is the copy a move left behind."""
        row = self.conn.execute("SELECT value FROM project_meta WHERE key = ?", (MOVED_KEY,)).fetchone()
        return row[0] if row else None

    def mark_moved(self, target: str) -> None:
        """This database is left behind by a move to ``target`` (inside the move's transaction): once
        that commits, every later transaction of any connection is refused."""
        self._leaving = target
        self.conn.execute(
            "INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (MOVED_KEY, target))

    def forget_move(self) -> None:
        """Writable again: a backup of a database a move left behind, restored on purpose."""
        self.conn.execute("DELETE FROM project_meta WHERE key = ?", (MOVED_KEY,))

    def _refuse_if_moved(self) -> None:
        target = self.moved_to()
        if target is not None and target != self._leaving:
            raise ProjectError(f"{self.location}: the project was moved to {target}; this copy of it no longer "
                               "takes changes (nothing was changed). Open the project folder again to work there")

    def checkpoint(self, mode: str = "PASSIVE", timeout_s: float | None = None) -> bool:
        """Copy the WAL into the database file, so ``project.db`` alone holds every commit; True when
        all of it was copied. ``timeout_s`` bounds the wait for other connections (TRUNCATE). A server
        has no file of the project's: False."""
        if mode not in CHECKPOINT_MODES:
            raise ValueError(f"checkpoint mode {mode!r}")
        if self._depth:
            return False
        return self.engine.checkpoint(self.conn, mode, timeout_s)

    def snapshot(self):
        """A context manager yielding a read-only connection that sees one consistent state (exports)."""
        return self.engine.snapshot(self.conn)

    # -- documents -----------------------------------------------------------

    def document_ids_by_uid(self, uids: Iterable[str]) -> dict[str, int]:
        uids = list(uids)
        found: dict[str, int] = {}
        for i in range(0, len(uids), 500):
            chunk = uids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT uid, id FROM documents WHERE uid IN ({marks})", chunk).fetchall())
        return found

    def insert_document(self, *, uid: str, title: str, text: str, raw: str | None, meta: dict,
                        source: str, encoding: str, morphemes: bytes, sentences: bytes) -> int:
        return self.conn.execute(
            "INSERT INTO documents (uid, title, text, raw, meta, source, encoding, length, morphemes,"
            " sentences, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            (uid, title, text, raw, _json(meta), source, encoding, len(text), morphemes, sentences, now()),
        ).fetchall()[0][0]

    def _document(self, row) -> Document:
        return Document(id=row[0], uid=row[1], title=row[2], text=row[3], meta=json.loads(row[4]), source=row[5])

    def document(self, doc_id: int) -> Document | None:
        row = self.conn.execute(
            "SELECT id, uid, title, text, meta, source FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return self._document(row) if row else None

    def documents(self, chunk: int = 500) -> Iterator[Document]:
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT id, uid, title, text, meta, source FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                (last, chunk),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._document(row)
            last = rows[-1][0]

    def document_text(self, doc_id: int) -> str | None:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def text_and_morphemes(self, doc_id: int) -> tuple[str, bytes | None] | None:
        """(text, packed morphemes): what snapping a selection reads, in one query."""
        return self.conn.execute("SELECT text, morphemes FROM documents WHERE id = ?", (doc_id,)).fetchone()

    def document_length(self, doc_id: int) -> int | None:
        row = self.conn.execute("SELECT length FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def document_marker(self, doc_id: int) -> tuple:
        """Changes when anything about the document is written: a span added, edited, deleted or
        restored, a status, a rejection, a note (what a window shows of it). Read through indexes."""
        return self.conn.execute(
            "SELECT (SELECT count(*) FROM spans WHERE doc_id = ?), (SELECT max(updated_at) FROM spans WHERE doc_id = ?),"
            " (SELECT count(*) FROM span_tombstones WHERE doc_id = ?),"
            " (SELECT max(updated_at) FROM statuses WHERE doc_id = ?),"
            " (SELECT max(updated_at) FROM rejections WHERE doc_id = ?),"
            " (SELECT max(updated_at) FROM document_notes WHERE doc_id = ?)", (doc_id,) * 6).fetchone()

    def last_document_id(self) -> int:
        """The highest document id (0 for none): new documents change it; cheaper than counting."""
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]

    def document_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def document_raw(self, doc_id: int) -> tuple[str, str]:
        """(raw input, encoding) kept for provenance."""
        raw, text, encoding = self.conn.execute(
            "SELECT raw, text, encoding FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return (raw if raw is not None else text), encoding

    def analysis_blobs(self, doc_id: int) -> tuple[bytes | None, bytes | None]:
        row = self.conn.execute("SELECT morphemes, sentences FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def search(self, query: str, limit: int = 1000) -> list[int]:
        """Document ids whose title or text contains ``query`` as written (the trigram index finds
        Korean substrings; fewer than three characters are a scan). The document list's search
        box parses AND, OR, NOT and quotes (``search_query``)."""
        query = query.strip()
        if not query:
            return []
        sql, params = matching_select(text_search(Term(query), indexed=self.engine.name == "sqlite"), limit=limit)
        return [r[0] for r in self.conn.execute(sql, params)]

    # -- spans ---------------------------------------------------------------

    _SPAN_COLUMNS = ("s.id, s.doc_id, s.annotator, s.start, s.end, s.label,"
                     " substr(d.text, s.start + 1, s.end - s.start), s.attrs, s.uid, s.rev, s.note")
    # Without an id, the database gives the next one (AUTOINCREMENT or an identity column; an explicit
    # NULL would be refused by PostgreSQL). RETURNING, not lastrowid: both engines have it.
    _SPAN_INSERT = ("INSERT INTO spans (uid, doc_id, annotator, start, end, label, attrs, note, rev, history,"
                    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
    _SPAN_INSERT_WITH_ID = ("INSERT INTO spans (uid, doc_id, annotator, start, end, label, attrs, note, rev, history,"
                            " created_at, updated_at, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")

    def _span(self, row) -> Span:
        return Span(id=row[0], doc_id=row[1], annotator=row[2], start=row[3], end=row[4], label=row[5],
                    text=row[6], attrs=json.loads(row[7]), uid=row[8], rev=row[9], note=row[10])

    def insert_span(self, draft: SpanDraft) -> int:
        return self.add_span(draft).id

    def add_span(self, draft: SpanDraft) -> Span:
        """Store a new span, or bring back a deleted one (``draft.uid`` set: undo of a removal), whose
        tombstone goes and whose revision history continues. Returns it as stored."""
        uid, history, previous = draft.uid or new_uid(), "", None
        if draft.uid:
            if self.conn.execute("SELECT 1 FROM spans WHERE uid = ?", (uid,)).fetchone():
                raise StaleSpanError(f"the span {draft.label} [{draft.start}, {draft.end}) is already back "
                                     "(restored by a merge or another window); nothing was changed")
            tomb = self.conn.execute("SELECT rev, history, deleted_at FROM span_tombstones WHERE uid = ?",
                                     (uid,)).fetchone()
            if tomb:
                history, previous = _history(tomb[1], tomb[0]), tomb[2]
                self.conn.execute("DELETE FROM span_tombstones WHERE uid = ?", (uid,))
        span_id = draft.id
        if span_id is not None and self.conn.execute("SELECT 1 FROM spans WHERE id = ?", (span_id,)).fetchone():
            span_id = None  # taken (after a restore): the span comes back under a new id
        stamp, rev, attrs = stamp_after(previous), new_rev(), _json(draft.attrs)
        values = (uid, draft.doc_id, draft.annotator, draft.start, draft.end, draft.label, attrs,
                  draft.note, rev, history, stamp, stamp)
        if span_id is None:
            span_id = self.conn.execute(self._SPAN_INSERT + " RETURNING id", values).fetchall()[0][0]
        else:
            self.conn.execute(self._SPAN_INSERT_WITH_ID, (*values, span_id))
        # Built from what was written, not read back: only the covered text comes from the database.
        text = self.conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                                 (draft.start + 1, draft.end - draft.start, draft.doc_id)).fetchone()[0]
        return Span(id=span_id, doc_id=draft.doc_id, annotator=draft.annotator, start=draft.start,
                    end=draft.end, label=draft.label, text=text, attrs=json.loads(attrs), uid=uid, rev=rev,
                    note=draft.note)

    def insert_spans(self, drafts: Sequence[SpanDraft]) -> None:
        """New spans in bulk (imports): fresh identities."""
        stamp = now()
        self.conn.executemany(self._SPAN_INSERT, [
            (new_uid(), d.doc_id, d.annotator, d.start, d.end, d.label, _json(d.attrs), d.note, new_rev(), "",
             stamp, stamp) for d in drafts])

    def span(self, span_id: int) -> Span | None:
        row = self.conn.execute(
            f"SELECT {self._SPAN_COLUMNS} FROM spans s JOIN documents d ON d.id = s.doc_id WHERE s.id = ?",
            (span_id,),
        ).fetchone()
        return self._span(row) if row else None

    def span_by_uid(self, uid: str) -> Span | None:
        row = self.conn.execute(
            f"SELECT {self._SPAN_COLUMNS} FROM spans s JOIN documents d ON d.id = s.doc_id WHERE s.uid = ?",
            (uid,),
        ).fetchone()
        return self._span(row) if row else None

    def spans(self, doc_id: int | None = None, annotator: str | None = None, label: str | None = None) -> list[Span]:
        where, params = [], []
        for column, value in (("s.doc_id", doc_id), ("s.annotator", annotator), ("s.label", label)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        if doc_id is not None:  # one document: read its text once, not once per span (long articles)
            found = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
            rows = self.conn.execute(
                "SELECT s.id, s.doc_id, s.annotator, s.start, s.end, s.label, '', s.attrs, s.uid, s.rev, s.note"
                f" FROM spans s {clause} ORDER BY s.start, s.end, s.id",
                params,
            )
            text = found[0] if found else ""
            return [self._span((*row[:6], text[row[3]:row[4]], *row[7:])) for row in rows]
        rows = self.conn.execute(
            f"SELECT {self._SPAN_COLUMNS} FROM spans s JOIN documents d ON d.id = s.doc_id {clause}"
            " ORDER BY s.doc_id, s.start, s.end, s.id",
            params,
        )
        return [self._span(row) for row in rows]

    def length_and_overlapping(self, doc_id: int, annotator: str, start: int,
                               end: int) -> tuple[int | None, list[tuple[int, int, int, str, str]]]:
        """(the document's length or ``None`` when there is none, (id, start, end, label, text) of the
        layer's spans overlapping ``[start, end)``): what validating a new span reads, in one query."""
        rows = self.conn.execute(
            "SELECT d.length, s.id, s.start, s.end, s.label, substr(d.text, s.start + 1, s.end - s.start)"
            " FROM documents d LEFT JOIN spans s ON s.doc_id = d.id AND s.annotator = ? AND s.start < ?"
            " AND s.end > ? WHERE d.id = ?", (annotator, end, start, doc_id)).fetchall()
        if not rows:
            return None, []
        return rows[0][0], [row[1:] for row in rows if row[1] is not None]

    def update_span(self, span_id: int, *, start: int, end: int, label: str, attrs: dict,
                    note: str | None = None) -> None:
        """Edit a span: a new revision, the old one appended to its history."""
        row = self.conn.execute("SELECT updated_at FROM spans WHERE id = ?", (span_id,)).fetchone()
        self.conn.execute(
            "UPDATE spans SET start = ?, end = ?, label = ?, attrs = ?, note = coalesce(?, note),"
            " history = trim(history || ' ' || rev), rev = ?, updated_at = ? WHERE id = ?",
            (start, end, label, _json(attrs), note, new_rev(), stamp_after(row[0] if row else None), span_id),
        )

    def delete_span(self, span_id: int) -> None:
        """Delete a span, leaving a tombstone (its identity, a new revision) so the deletion travels."""
        row = self.conn.execute(
            "SELECT uid, doc_id, annotator, start, end, label, rev, history, updated_at FROM spans WHERE id = ?",
            (span_id,)).fetchone()
        if row is None:
            return
        uid, doc_id, annotator, start, end, label, rev, history, updated_at = row
        self.conn.execute(
            "INSERT INTO span_tombstones (uid, doc_id, annotator, start, end, label, rev, history, deleted_at)"
            " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (uid) DO UPDATE SET doc_id = excluded.doc_id,"
            " annotator = excluded.annotator, start = excluded.start, end = excluded.end, label = excluded.label,"
            " rev = excluded.rev, history = excluded.history, deleted_at = excluded.deleted_at",
            (uid, doc_id, annotator, start, end, label, new_rev(), _history(history, rev), stamp_after(updated_at)),
        )
        self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))

    def annotators(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT annotator FROM spans UNION SELECT annotator FROM statuses WHERE status != 'new' ORDER BY 1"
        )
        return [r[0] for r in rows]

    # -- statuses ------------------------------------------------------------

    def status(self, doc_id: int, annotator: str) -> Status:
        row = self.conn.execute(
            "SELECT status, comment, reason, returned_at FROM statuses WHERE doc_id = ? AND annotator = ?",
            (doc_id, annotator)).fetchone()
        return Status(doc_id, annotator, *(row or ("new", "", "", "")))

    def statuses(self, annotator: str | None = None) -> list[Status]:
        sql = "SELECT doc_id, annotator, status, comment, reason, returned_at FROM statuses"
        rows = self.conn.execute(sql + (" WHERE annotator = ?" if annotator else ""), (annotator,) if annotator else ())
        return [Status(*row) for row in rows]

    def write_status(self, status: Status) -> None:
        """Store a status; a document set back to new keeps its row, so that travels in merges too."""
        row = self.conn.execute("SELECT updated_at FROM statuses WHERE doc_id = ? AND annotator = ?",
                                (status.doc_id, status.annotator)).fetchone()
        self.conn.execute(
            "INSERT INTO statuses (doc_id, annotator, status, comment, reason, returned_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT (doc_id, annotator) DO UPDATE SET status = excluded.status,"
            " comment = excluded.comment, reason = excluded.reason, returned_at = excluded.returned_at,"
            " updated_at = excluded.updated_at",
            (status.doc_id, status.annotator, status.status, status.comment, status.reason, status.returned_at,
             stamp_after(row[0] if row else None)),
        )

    # -- figures -------------------------------------------------------------

    def counts(self) -> dict[str, Any]:
        q = self.conn.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "characters": q("SELECT coalesce(sum(length), 0) FROM documents").fetchone()[0],
            "spans": q("SELECT count(*) FROM spans").fetchone()[0],
            # per layer, gold first: adding gold and annotators' layers together counts nothing real
            "spans_by_layer": dict(sorted(
                ((a, dict(rows)) for a, rows in _group(q(
                    "SELECT annotator, label, count(*) FROM spans GROUP BY annotator, label ORDER BY annotator, label"
                ).fetchall())), key=lambda item: (item[0] != GOLD, item[0]))),
            "statuses": {
                a: dict(rows) for a, rows in _group(q(
                    "SELECT annotator, status, count(*) FROM statuses WHERE status != 'new'"
                    " GROUP BY annotator, status ORDER BY annotator, status"
                ).fetchall())
            },
        }


def _group(rows: list[tuple]) -> Iterator[tuple[Any, list[tuple]]]:
    groups: dict[Any, list[tuple]] = {}
    for first, *rest in rows:
        groups.setdefault(first, []).append(tuple(rest))
    return iter(groups.items())
