"""Rotating backups of a project's database, taken on open with SQLite's backup API.

A backup is taken only when the database changed since the newest backup, so
running many commands does not push the useful backups out of the rotation.
The copy is written under a temporary name and renamed, so a backup is
either whole or absent.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from .errors import ProjectError

KEEP = 5
FOLDER = "backups"


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / FOLDER


def list_backups(db_path: Path) -> list[Path]:
    """Newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"), reverse=True)


def _last_change(db_path: Path) -> float:
    times = [p.stat().st_mtime for p in (db_path, db_path.with_name(db_path.name + "-wal")) if p.exists()]
    return max(times, default=0.0)


def needs_backup(db_path: Path) -> bool:
    backups = list_backups(db_path)
    return db_path.exists() and (not backups or backups[0].stat().st_mtime < _last_change(db_path))


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def take_backup(db_path: Path, keep: int = KEEP) -> Path | None:
    """Copy the database into ``backups/`` and drop all but the newest ``keep``."""
    if not needs_backup(db_path):
        return None
    folder = backup_folder(db_path)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}.db"
    partial = target.with_suffix(".partial")
    try:
        _copy(db_path, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    return target


def restore_backup(db_path: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Bring a backup back into ``db_path`` (the current state is backed up first).

    Uses the backup API into the live database, so SQLite's locking protects
    a process that has the project open. Returns (restored backup, safety copy).
    """
    backups = list_backups(db_path)
    if backup is None:
        if not backups:
            raise ProjectError(f"{backup_folder(db_path)}: no backups to restore")
        backup = backups[0]
    backup = Path(backup)
    if not backup.is_absolute() and not backup.exists():
        backup = backup_folder(db_path) / backup
    if not backup.is_file():
        raise ProjectError(f"{backup}: no such backup")
    with open(backup, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise ProjectError(f"{backup}: not an SQLite database")
    safety = take_backup(db_path, keep=KEEP + 1)
    _copy(backup, db_path)
    return backup, safety
