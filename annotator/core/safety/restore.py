"""Bringing a backup back into a project's database (``annotator restore``).

1. The backup: the one named, or else the newest that passes ``PRAGMA
   quick_check`` among those not kept by an earlier restore (so running
   ``restore`` twice does not undo the first). One written by a newer
   version of annotator is refused. Backups that fail the check are renamed
   ``…-damaged.db`` and left out from then on.
2. The current state is kept first, as ``…-before-restore.db``; the backup
   being restored is protected from the rotation meanwhile. If SQLite cannot
   read the current database, its bytes are kept aside as ``…-damaged.db``
   and the restore goes on: that is when it is needed.
3. SQLite's backup API writes the backup over the live database under
   SQLite's locks, so a window that has the project open sees a new version,
   never a half-written file; it gives up, as every writer does, after 30 s
   while another program holds the write lock.
4. What was restored is checked (``quick_check``, and the backup's numbers of
   documents and spans), upgraded to this version's schema, and given a new
   generation (``Store.generation``): open windows reload and start a fresh
   undo history.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.store import backups as backup_store
from annotator.core.safety.backups import (Backup, DamagedDatabaseError, backup_at, backup_folder, damaged_path, is_damage, list_backups,
                      set_aside, take_named_backup)
from annotator.core.errors import ProjectError
from annotator.core.store.migrations import KNOWN
from annotator.core.store.store import Store

RESTORE_REASON = "restore"


@dataclass
class RestoreReport:
    restored: Backup
    counts: dict[str, int]  # documents and spans restored
    safety: Backup | None = None  # the state before, as a named backup
    damaged: list[Path] = field(default_factory=list)  # the unreadable database kept aside
    skipped: list[tuple[Backup, str]] = field(default_factory=list)  # newer backups that failed the check


def restore_backup(db_path: Path, name: str | Path | None = None) -> RestoreReport:
    """Bring back the backup ``name`` (a file name from ``list_backups`` or a path), or the newest good one."""
    chosen, skipped = _choose(db_path, name)
    applied, counts = backup_store.backup_facts(chosen.path)
    unknown = [m for m in applied if m not in KNOWN]
    if unknown:
        raise ProjectError(f"{chosen.path}: written by a newer version of annotator (schema {unknown[-1]}); "
                           "upgrade annotator to restore it")
    report = RestoreReport(chosen, counts, skipped=skipped)
    if db_path.exists():
        try:
            report.safety = take_named_backup(db_path, RESTORE_REASON, protect=[chosen.path])
        except DamagedDatabaseError as exc:
            report.damaged = [exc.aside] if exc.aside else _keep_bytes_aside(db_path)
    try:
        backup_store.restore_into(chosen.path, db_path)
    except sqlite3.DatabaseError as exc:
        if not (is_damage(exc) and report.damaged):
            raise ProjectError(f"{db_path}: cannot restore into it ({exc}); nothing was changed") from None
        # SQLite cannot even begin to write into it (its bytes are kept aside above), so no connection
        # can be using it as a database. Emptying it through its path (truncate(2) takes no descriptor,
        # so no lock is dropped) lets SQLite write the backup into the same file; SQLite itself
        # discards a WAL left beside an empty database.
        os.truncate(db_path, 0)
        backup_store.restore_into(chosen.path, db_path)
    _check_and_mark(db_path, report)
    return report


def _choose(db_path: Path, name: str | Path | None) -> tuple[Backup, list[tuple[Backup, str]]]:
    folder = backup_folder(db_path)
    if name is not None:
        path = Path(name)
        if not path.is_absolute() and not path.exists():
            path = folder / path
        if not path.is_file():
            raise ProjectError(f"{path}: no such backup ('annotator restore PROJECT --list' shows them)")
        problem = backup_store.backup_problems(path)
        if problem:
            raise ProjectError(f"{path}: this backup is damaged ({problem}); choose another (--list)")
        return backup_at(db_path, path), []
    skipped = []
    candidates = [b for b in list_backups(db_path) if b.reason != f"before-{RESTORE_REASON}"]
    for backup in candidates:
        problem = backup_store.backup_problems(backup.path)
        if problem is None:
            return backup, skipped
        skipped.append((backup, problem))
        set_aside(backup)
    if skipped:
        raise ProjectError(f"{folder}: no backup passes the check ({len(skipped)} damaged); nothing was changed")
    raise ProjectError(f"{folder}: no backups to restore"
                       + (" (only those kept by earlier restores: name one, see --list)" if list_backups(db_path)
                          else ""))


def _keep_bytes_aside(db_path: Path) -> list[Path]:
    """The one place that reads a database file outside SQLite: SQLite cannot read it (that is why
    the restore is happening), and its bytes are all someone could recover from. This process holds
    no connection to it at this point (the failed backup's is closed), so closing these descriptors
    drops no lock of ours, and other processes' locks are their own."""
    aside = damaged_path(db_path)
    kept = []
    try:
        aside.parent.mkdir(exist_ok=True)
        for source, target in ((db_path, aside), (db_path.with_name(db_path.name + "-wal"), aside.with_suffix(".wal"))):
            if source.exists() and source.stat().st_size:
                shutil.copyfile(source, target)
                kept.append(target)
    except OSError as exc:
        raise ProjectError(f"{db_path}: the database is unreadable and cannot be kept aside before restoring "
                           f"({exc.strerror}); nothing was changed") from None
    return kept


def _check_and_mark(db_path: Path, report: RestoreReport) -> None:
    store = Store(db_path)  # upgrades a backup from an older version
    try:
        with store.transaction():
            problem = backup_store.verify_restored(store.conn, report.counts)
            if problem:
                raise ProjectError(f"{db_path}: what was restored does not check out ({problem})"
                                   + (f"; the state before is kept as {report.safety.name}" if report.safety else ""))
            store.forget_move()  # a copy a move left behind, brought back on purpose, takes changes again
            store.new_generation()
    finally:
        store.close()
