"""Numbered schema migrations, applied on open (sqlite-utils ``Migrations``).

Never edit a released migration: add the next one. tests/core/test_migrations.py
upgrades a frozen database of each old version.

sqlite-utils is imported only when a migration is pending: it imports pandas and
numpy whenever they are installed (0.3–0.5 s of every start on most machines).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "annotator"
_MIGRATIONS: list[tuple[str, Callable[["Database"], None]]] = []


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

    sets = Migrations(MIGRATION_SET)
    for name, function in _MIGRATIONS:
        sets(name=name)(function)
    sets.apply(Database(conn), stop_before=stop_before)


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


KNOWN = tuple(name for name, _ in _MIGRATIONS)
