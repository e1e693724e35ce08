"""Numbered schema migrations, applied on open (sqlite-utils ``Migrations``).

Never edit a released migration: add the next one. tests/core/test_migrations.py
upgrades a frozen database of each old version.

sqlite-utils is imported only when a migration is pending: it imports pandas and
numpy whenever they are installed (0.3–0.5 s of every start on most machines).
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "annotator"
_MIGRATIONS: list[tuple[str, Callable[["Database"], None]]] = []

# The steps that take long on a big project, and what they do (the others take moments).
SLOW_STEPS = {
    "0008_compact_search_index": "rebuilds the search index and counts the labelled strings: "
                                 "about 40 s per 100,000 documents",
}


@dataclass(frozen=True)
class UpgradeStep:
    """A migration about to be applied on open: the ``number``-th of ``total`` pending."""

    name: str
    number: int
    total: int

    @property
    def slow(self) -> bool:
        return self.name in SLOW_STEPS

    def describe(self) -> str:
        return f"{self.name} ({SLOW_STEPS[self.name]})" if self.slow else self.name


UpgradeObserver = Callable[[UpgradeStep], None]
_observer: ContextVar[UpgradeObserver | None] = ContextVar("upgrade_observer", default=None)


@contextmanager
def reporting_upgrades(observer: UpgradeObserver) -> Iterator[None]:
    """Projects opened within (on this thread) call ``observer(step)`` before each migration they
    apply: the CLI and the window say that an upgrade runs, and how far it got."""
    token = _observer.set(observer)
    try:
        yield
    finally:
        _observer.reset(token)


def migrations(*, name: str):
    """Register the next migration (the same decorator form as sqlite-utils' ``Migrations``)."""

    def register(function: Callable[["Database"], None]):
        _MIGRATIONS.append((name, function))
        return function

    return register


def apply_pending(conn: sqlite3.Connection, stop_before: str | None = None) -> None:
    """Apply the migrations this database lacks, each in its own transaction (sqlite-utils);
    ``stop_before`` leaves that one and later ones out (tests build old databases with it)."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    db = Database(conn)
    observer = _observer.get()
    pending = _pending(db, stop_before) if observer is not None else []
    sets = Migrations(MIGRATION_SET)
    for name, function in _MIGRATIONS:
        if name in pending:
            function = _announced(function, UpgradeStep(name, pending.index(name) + 1, len(pending)), observer)
        sets(name=name)(function)
    sets.apply(db, stop_before=stop_before)


def _pending(db: "Database", stop_before: str | None) -> list[str]:
    from sqlite_utils.migrations import Migrations

    sets = Migrations(MIGRATION_SET)
    for name, function in _MIGRATIONS:
        sets(name=name)(function)
    if not sets.applied(db):
        return []  # a new database is being created, not upgraded
    names = [migration.name for migration in sets.pending(db)]
    return names[:names.index(stop_before)] if stop_before in names else names


def _announced(function: Callable[["Database"], None], step: UpgradeStep, observer: UpgradeObserver):
    def announce_then_apply(db: "Database") -> None:
        observer(step)
        function(db)

    return announce_then_apply


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            raw TEXT,               -- the input before cleaning/normalising; NULL when identical
            meta TEXT NOT NULL DEFAULT '{}',
            source TEXT NOT NULL DEFAULT '',
            encoding TEXT NOT NULL DEFAULT 'utf-8',
            length INTEGER NOT NULL,
            morphemes BLOB,         -- uint32 triples (start, end, tag index)
            sentences BLOB,         -- uint32 pairs (start, end)
            imported_at TEXT NOT NULL
        );
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            label TEXT NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            CHECK (start >= 0 AND end > start)
        );
        CREATE INDEX spans_doc_layer ON spans (doc_id, annotator, start);
        CREATE INDEX spans_annotator_label ON spans (annotator, label);
        CREATE TABLE statuses (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            status TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator)
        );
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='id', tokenize='trigram'
        );
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TABLE project_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )


@migrations(name="0002_rejections")
def m0002_rejections(db: Database) -> None:
    """A layer's "no" to a span at (start, end, label): the reviewer's (layer gold) to a review
    candidate, or an annotator's to a suggestion, which is then not shown to them again there."""
    db.executescript(
        """
        CREATE TABLE rejections (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, layer, start, end, label)
        );
        """
    )


@migrations(name="0003_span_identity")
def m0003_span_identity(db: Database) -> None:
    """Spans get an identity that survives copies (``uid``) and a revision (``rev``, with the
    earlier revisions in ``history``), so merges tell an edit from a stale copy and undo tells
    its own span from another; deleted spans leave a tombstone, so deletions travel. Ids are
    never reused (AUTOINCREMENT), and offsets must be integers (text sorted above numbers)."""
    db.executescript(
        """
        CREATE TABLE spans_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            label TEXT NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            note TEXT NOT NULL DEFAULT '',
            rev TEXT NOT NULL,
            history TEXT NOT NULL DEFAULT '',   -- earlier revisions, oldest first, space-separated
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (typeof(start) = 'integer' AND typeof(end) = 'integer' AND start >= 0 AND end > start)
        );
        INSERT INTO spans_v3 (id, uid, doc_id, annotator, start, end, label, attrs, note, rev, history,
                              created_at, updated_at)
            SELECT id, lower(hex(randomblob(16))), doc_id, annotator, start, end, label, attrs, '',
                   lower(hex(randomblob(8))), '', created_at, created_at FROM spans;
        DROP TABLE spans;
        ALTER TABLE spans_v3 RENAME TO spans;
        CREATE INDEX spans_doc_layer ON spans (doc_id, annotator, start);
        CREATE INDEX spans_annotator_label ON spans (annotator, label);
        CREATE TABLE span_tombstones (
            uid TEXT PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            start INTEGER NOT NULL,     -- the span as it was when deleted (for reports)
            end INTEGER NOT NULL,
            label TEXT NOT NULL,
            rev TEXT NOT NULL,          -- the deletion is a revision like an edit
            history TEXT NOT NULL DEFAULT '',
            deleted_at TEXT NOT NULL
        );
        CREATE INDEX span_tombstones_doc ON span_tombstones (doc_id, annotator);
        """
    )


@migrations(name="0004_team_loop")
def m0004_team_loop(db: Database) -> None:
    """The team loop: a reviewer returns a document to an annotator with a reason (반려: the status
    ``returned``, the reason and its time kept after the annotator marks it done again); a
    rejection withdrawn stays as a row that says so (``rejected = 0``), so withdrawals travel
    in merges like rejections, and carries the reviewer's note on that candidate; every layer
    can keep a note on a document. Each row has the time it last changed, for merges."""
    db.executescript(
        """
        ALTER TABLE statuses ADD COLUMN reason TEXT NOT NULL DEFAULT '';
        ALTER TABLE statuses ADD COLUMN returned_at TEXT NOT NULL DEFAULT '';
        ALTER TABLE rejections ADD COLUMN rejected INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE rejections ADD COLUMN note TEXT NOT NULL DEFAULT '';
        ALTER TABLE rejections ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
        UPDATE rejections SET updated_at = created_at;
        CREATE TABLE document_notes (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            note TEXT NOT NULL,         -- '' once cleared: the row stays, so clearing travels
            updated_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, layer)
        );
        """
    )


@migrations(name="0005_assignments_active_time")
def m0005_assignments_active_time(db: Database) -> None:
    """Work distribution and measured effort. ``assignments``: which annotator is to label which
    document (calibration documents go to everyone); a document handed to someone else keeps a
    withdrawn row, so the move travels in merges (the newer ``updated_at`` wins). ``active_time``:
    seconds an annotator spent on a document per local day (window focused, input in the last two
    minutes), kept beside the status with the same key."""
    db.executescript(
        """
        CREATE TABLE assignments (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            calibration INTEGER NOT NULL DEFAULT 0,
            withdrawn INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator)
        );
        CREATE INDEX assignments_annotator ON assignments (annotator, doc_id);
        CREATE TABLE active_time (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            day TEXT NOT NULL,              -- local date, YYYY-MM-DD
            seconds REAL NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator, day)
        );
        CREATE INDEX active_time_annotator ON active_time (annotator, day);
        """
    )


@migrations(name="0008_compact_search_index")
def m0008_compact_search_index(db: Database) -> None:
    """The trigram index keeps no word positions (``detail=none``): a sixth of the size, and
    searches are substring LIKEs it answers as before (``search_store``). ``documents_ids`` is a
    narrow copy of the ids in order, so counting, paging and walking the documents never reads
    rows with their texts (the table is otherwise the only thing in id order). The annotator-label
    index carries the document, so the list's label filter reads the index alone. Searching notes
    reads indexes of the few rows that have one, not every span; an annotator's statuses (returned
    documents, progress) are one index range; the strings labelled so far are counted as spans
    change (``labelled_strings``)."""
    db.executescript(
        """
        DROP TABLE documents_fts;
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='id', tokenize='trigram', detail='none'
        );
        INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
        CREATE INDEX documents_ids ON documents (id);
        DROP INDEX spans_annotator_label;
        CREATE INDEX spans_annotator_label ON spans (annotator, label, doc_id);
        CREATE INDEX spans_notes ON spans (doc_id, note) WHERE note <> '';
        CREATE INDEX rejections_notes ON rejections (doc_id, note) WHERE note <> '';
        CREATE INDEX statuses_annotator ON statuses (annotator, status, doc_id);

        -- How many spans of each layer label each string: the learned suggestions read this
        -- (thousands of rows) instead of every span with its document's text (a minute at a
        -- million documents, after every change). Kept by triggers, so every path that writes
        -- spans (operations, imports, merges) keeps it right.
        CREATE TABLE labelled_strings (
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            spans INTEGER NOT NULL,
            PRIMARY KEY (layer, label, text)
        );
        INSERT INTO labelled_strings (layer, label, text, spans)
            SELECT s.annotator, s.label, substr(d.text, s.start + 1, s."end" - s.start), count(*)
            FROM spans s JOIN documents d ON d.id = s.doc_id GROUP BY 1, 2, 3;
        CREATE TRIGGER spans_labelled_insert AFTER INSERT ON spans BEGIN
            INSERT INTO labelled_strings (layer, label, text, spans)
                SELECT new.annotator, new.label, substr(text, new.start + 1, new."end" - new.start), 1
                FROM documents WHERE id = new.doc_id
                ON CONFLICT (layer, label, text) DO UPDATE SET spans = spans + 1;
        END;
        CREATE TRIGGER spans_labelled_delete AFTER DELETE ON spans BEGIN
            UPDATE labelled_strings SET spans = spans - 1
                WHERE layer = old.annotator AND label = old.label AND text = (
                    SELECT substr(text, old.start + 1, old."end" - old.start) FROM documents WHERE id = old.doc_id);
            DELETE FROM labelled_strings
                WHERE layer = old.annotator AND label = old.label AND spans <= 0 AND text = (
                    SELECT substr(text, old.start + 1, old."end" - old.start) FROM documents WHERE id = old.doc_id);
        END;
        CREATE TRIGGER spans_labelled_update AFTER UPDATE OF doc_id, annotator, start, "end", label ON spans BEGIN
            UPDATE labelled_strings SET spans = spans - 1
                WHERE layer = old.annotator AND label = old.label AND text = (
                    SELECT substr(text, old.start + 1, old."end" - old.start) FROM documents WHERE id = old.doc_id);
            DELETE FROM labelled_strings
                WHERE layer = old.annotator AND label = old.label AND spans <= 0 AND text = (
                    SELECT substr(text, old.start + 1, old."end" - old.start) FROM documents WHERE id = old.doc_id);
            INSERT INTO labelled_strings (layer, label, text, spans)
                SELECT new.annotator, new.label, substr(text, new.start + 1, new."end" - new.start), 1
                FROM documents WHERE id = new.doc_id
                ON CONFLICT (layer, label, text) DO UPDATE SET spans = spans + 1;
        END;
        """
    )


# Where a database's own identity is kept in ``project_meta`` (team.identity reads them).
PROJECT_ID_KEY, CREATED_AT_KEY = "project_id", "created_at"
# Columns holding a time a row was written, per table: the earliest bounds the project's age.
_STAMP_COLUMNS = (("documents", "imported_at"), ("spans", "created_at"), ("span_tombstones", "deleted_at"),
                  ("statuses", "updated_at"), ("rejections", "created_at"), ("document_notes", "updated_at"),
                  ("assignments", "updated_at"), ("active_time", "updated_at"))


def derived_project_id(first_applied_at: str) -> str:
    """The id of a project from before 0009, from its first migration's time: every copy of its
    folder has the same, whether it was upgraded or not (a package was a project of its own)."""
    return hashlib.sha256(f"annotator project {first_applied_at}".encode()).hexdigest()[:32]


@migrations(name="0009_package_identity")
def m0009_package_identity(db: Database) -> None:
    """Who may bring what back. ``issued_packages``: the packages this project made, by a random id
    the package keeps, and whom each was made for; a merge takes from a package only what its
    annotator may change, as recorded here (a package's own record can be edited by its holder).
    ``project_meta`` gets the project's identity: ``project_id``, which copies of the folder share and
    packages never hold (a merge recognises a full copy by it), and ``created_at`` (merged times are
    not earlier). An existing project derives both from its first migration's time, which every copy
    of its folder made before this upgrade shares, and from the earliest time its rows hold."""
    db.executescript(
        """
        CREATE TABLE issued_packages (
            id TEXT PRIMARY KEY,
            annotator TEXT NOT NULL,
            made_at TEXT NOT NULL,
            updated_at TEXT NOT NULL        -- the last update handed out (annotator package --update)
        );
        """
    )
    conn = db.conn
    first = conn.execute("SELECT min(applied_at) FROM _sqlite_migrations WHERE migration_set = ?",
                         (MIGRATION_SET,)).fetchone()[0]
    has_rows = conn.execute("SELECT EXISTS (SELECT 1 FROM documents)").fetchone()[0]
    if has_rows and first:
        project_id = derived_project_id(first)
        stamps = [first.replace(" ", "T", 1)]
        for table, column in _STAMP_COLUMNS:
            stamps += [row[0] for row in conn.execute(
                f"SELECT min({column}) FROM {table} WHERE {column} GLOB '[0-9][0-9][0-9][0-9]-*'") if row[0]]
        created_at = min(stamps)
    else:  # a new database
        project_id = secrets.token_hex(16)
        created_at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    conn.executemany("INSERT OR IGNORE INTO project_meta (key, value) VALUES (?, ?)",
                     [(PROJECT_ID_KEY, project_id), (CREATED_AT_KEY, created_at)])


KNOWN = tuple(name for name, _ in _MIGRATIONS)
