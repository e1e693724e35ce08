"""Backups of a project's database in ``backups/``: kept by age, named before risky commands.

- A backup is a copy made by SQLite's backup API, in steps, from one snapshot
  on its own read-only connection (writers go on meanwhile), under a
  ``.partial`` name; it is checked with ``PRAGMA quick_check`` and only then
  renamed into place. A copy that fails the check is kept aside as
  ``…-damaged.db``, never in the rotation.
- By age (``take_backup``): one is due when the newest is older than
  ``DUE_AFTER`` and the database changed since. The workbench takes it on a
  worker thread once the window shows; commands that change data take it
  before they start; read-only commands take none.
- Named (``take_named_backup``): before every merge, whole-project
  auto-adjudication and restore, ``…-before-merge.db`` and so on.
- Ordered by when they were taken: the time in the name, or the file's own
  time when that is earlier (a copy cannot be older than its file). A file
  in ``backups/`` whose name is no date annotator gives (month 13), or that
  is dated in the future (a clock that ran ahead, a file copied in), is left
  out, reported by ``ignored_backups``: it would stop the age backups and
  win every plain ``restore``. Restoring it by name still works.
- Kept (``plan_pruning``): the newest few, the first of each hour for a day
  and of each day for a week, named ones for a week; then all within a disk
  budget of ``BUDGET_FACTOR`` × the database, always keeping the newest good
  backup, the newest named one and the newest damaged one.

Nothing here opens, copies or renames the live database files themselves
(see ``project_files``), except ``restore`` keeping an unreadable one aside.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable

from annotator.core.store import backups as backup_store
from annotator.core.safety import leftovers
from annotator.core.errors import ProjectError, readable_size
from annotator.core.project_files import BACKUP_FOLDER, SQLITE_SIDE_SUFFIXES, database_files

DUE_AFTER = timedelta(minutes=30)
KEEP_NEWEST = 3
HOURLY_FOR = timedelta(days=1)
DAILY_FOR = timedelta(days=7)
NAMED_FOR = timedelta(days=7)
BUDGET_FACTOR = 3
BUDGET_FLOOR = 64 * 1024 * 1024  # a small project keeps its whole age schedule
FREE_MARGIN = 100 * 1024 * 1024
FUTURE_TOLERANCE = timedelta(minutes=10)  # clocks of machines sharing a folder differ a little
DAMAGED = "damaged"
_STAMP = "%Y%m%d-%H%M%S-%f"


class BackupError(ProjectError):
    """No backup could be taken (the disk is full, the database is damaged, …)."""


class DamagedDatabaseError(BackupError):
    """SQLite finds the database damaged or not a database; ``aside`` is the copy kept, if any."""

    def __init__(self, message: str, aside: Path | None = None):
        super().__init__(message)
        self.aside = aside


def is_damage(exc: sqlite3.Error) -> bool:
    """SQLite's word for a damaged file: corrupt, or not a database at all."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime  # UTC
    reason: str  # "" (by age), "before-merge", …, or DAMAGED

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def named(self) -> bool:
        return self.reason.startswith("before-")

    @property
    def damaged(self) -> bool:
        return self.reason == DAMAGED

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def _pattern(db_path: Path) -> re.Pattern:
    return re.compile(re.escape(db_path.stem) + r"-(\d{8}-\d{6}-\d{6})(?:-(before-[a-z-]+|" + DAMAGED + r"))?\.db")


def _parsed(pattern: re.Pattern, path: Path) -> Backup | str:
    """The backup ``path`` is, or why it is none of annotator's."""
    match = pattern.fullmatch(path.name)
    if match is None:
        return "not a name annotator gives its backups"
    try:
        named = datetime.strptime(match[1], _STAMP).replace(tzinfo=timezone.utc)
        written = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    except ValueError as exc:
        return f"its name is no date ({exc})"
    except (OSError, OverflowError) as exc:
        return f"cannot read its time ({exc})"
    taken = min(named, written)
    if taken > _now() + FUTURE_TOLERANCE:
        return f"dated in the future ({taken.astimezone():%Y-%m-%d %H:%M})"
    return Backup(path, taken, match[2] or "")


def _scan(db_path: Path) -> Iterable[tuple[Path, Backup | str]]:
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return
    pattern = _pattern(db_path)
    for path in folder.iterdir():
        if path.name.endswith(".db") and path.is_file():
            yield path, _parsed(pattern, path)


def list_backups(db_path: Path, damaged: bool = False) -> list[Backup]:
    """Newest first; copies kept aside as damaged only with ``damaged``."""
    found = [b for _, b in _scan(db_path) if isinstance(b, Backup)]
    found.sort(key=lambda b: (b.taken, b.name), reverse=True)
    return [b for b in found if damaged or not b.damaged]


def ignored_backups(db_path: Path) -> list[tuple[Path, str]]:
    """Database files in ``backups/`` that ``list_backups`` leaves out, and why (for a warning)."""
    return sorted((path, why) for path, why in _scan(db_path) if isinstance(why, str))


def damaged_path(db_path: Path, taken: datetime | None = None) -> Path:
    """Where a damaged database is kept aside (``.wal`` beside it for its log's bytes, if any)."""
    return backup_folder(db_path) / f"{db_path.stem}-{(taken or _now()).strftime(_STAMP)}-{DAMAGED}.db"


def backup_at(db_path: Path, path: Path) -> Backup:
    """``path`` as a backup: one of ``backups/`` by its name, any other file by its time."""
    if path.parent.resolve() == backup_folder(db_path).resolve():
        found = _parsed(_pattern(db_path), path)
        if isinstance(found, Backup):
            return found
    return Backup(path, datetime.fromtimestamp(path.stat().st_mtime, timezone.utc), "")


def set_aside(backup: Backup) -> Path:
    """Take a backup that fails its check out of the rotation: ``…-damaged.db`` from now on."""
    aside = backup.path.with_name(backup.path.name.removesuffix(".db").removesuffix(f"-{backup.reason}")
                                  + f"-{DAMAGED}.db")
    os.replace(backup.path, aside)  # a backup file, never the live database
    return aside


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _last_change(db_path: Path) -> float:
    """When the database last changed: the newer mtime of the file and its WAL (``stat`` opens nothing)."""
    times = []
    for path in database_files(db_path)[:2]:
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            pass
    return max(times, default=0.0)


def database_size(db_path: Path) -> int:
    return sum(p.stat().st_size for p in database_files(db_path) if p.exists())


def backup_due(db_path: Path | None, now: datetime | None = None) -> bool:
    """No backup yet, or the newest is older than ``DUE_AFTER`` and the database changed since."""
    if db_path is None or not db_path.exists():
        return False
    backups = list_backups(db_path)
    if not backups:
        return True
    newest = backups[0]
    return (now or _now()) - newest.taken >= DUE_AFTER and _last_change(db_path) > newest.taken.timestamp()


def take_backup(db_path: Path | None, cancelled: Callable[[], bool] | None = None) -> Backup | None:
    """A backup by age if one is due (None otherwise, or when ``cancelled()`` stopped it); what
    killed backups left behind goes first either way."""
    if db_path is None:
        return None
    clean_leftovers(db_path)
    if not backup_due(db_path):
        return None
    return _take(db_path, "", cancelled)


def take_named_backup(db_path: Path | None, reason: str, protect: Iterable[Path] = ()) -> Backup | None:
    """A backup before ``reason`` (``merge``, ``adjudicate``, ``restore``) that the age rotation keeps
    for a week; raises ``BackupError`` when none can be taken. None for a project in memory."""
    if db_path is None:
        return None
    clean_leftovers(db_path)
    try:
        return _take(db_path, f"before-{reason}", None, protect)
    except BackupError as error:
        error.args = (f"{error} (no {reason} without a backup first: nothing was changed)",)
        raise


def _take(db_path: Path, reason: str, cancelled, protect: Iterable[Path] = ()) -> Backup | None:
    folder = backup_folder(db_path)
    try:
        folder.mkdir(exist_ok=True)
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise BackupError(f"{folder}: cannot keep backups there ({exc.strerror})") from None
    size = database_size(db_path)
    if free < size + max(size // 10, FREE_MARGIN):  # never fill the disk the project writes to
        raise BackupError(f"{folder}: not enough free disk space for a backup ({readable_size(free)} free, "
                          f"the database takes {readable_size(size)})")
    taken = _now()
    stamp = taken.strftime(_STAMP)
    target = folder / f"{db_path.stem}-{stamp}{'-' + reason if reason else ''}.db"
    partial = folder / leftovers.partial_name(target.name)
    try:
        try:
            backup_store.copy_live(db_path, partial, cancelled)
        except backup_store.Cancelled:
            return None
        except sqlite3.Error as exc:
            if is_damage(exc):
                raise DamagedDatabaseError(f"{db_path}: the database is damaged ({exc}); no backup was taken; "
                                           "bring back a good one with 'annotator restore'") from None
            raise BackupError(f"{db_path}: cannot back up the database ({exc})") from None
        problem = backup_store.backup_problems(partial)
        if problem:
            aside = damaged_path(db_path, taken)
            os.replace(partial, aside)
            prune(db_path, protect)
            raise DamagedDatabaseError(f"{db_path}: the database is damaged ({problem}); its copy is kept aside as "
                                       f"{aside.name}, not as a backup; bring back a good one with "
                                       "'annotator restore'", aside)
        _sync(partial)
        os.replace(partial, target)  # a backup file, never the live database
    except OSError as exc:
        raise BackupError(f"{folder}: cannot write a backup there ({exc.strerror})") from None
    finally:
        partial.unlink(missing_ok=True)
    backup = Backup(target, taken, reason)
    prune(db_path, [target, *protect])
    return backup


def _sync(path: Path) -> None:
    """The copy is on disk before its final name appears (a power cut leaves it whole or absent)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def clean_leftovers(db_path: Path) -> None:
    """Remove what killed backups and readers left in ``backups/``: stale ``.partial`` copies,
    and the ``-wal``/``-shm``/``-journal`` that opening a backup without ``immutable`` creates."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        name = path.name
        if name.endswith("." + leftovers.PARTIAL):
            if leftovers.is_stale(path, leftovers.owner_pid(name)):
                leftovers.remove(path)
        elif name.endswith(tuple(".db" + suffix for suffix in SQLITE_SIDE_SUFFIXES)):
            leftovers.remove(path)


def plan_pruning(backups: list[Backup], database_bytes: int, now: datetime,
                 protect: Iterable[Path] = ()) -> list[Backup]:
    """The backups to delete (see the module's docstring). ``backups`` newest first, damaged ones included."""
    protected = {Path(p) for p in protect}
    good = [b for b in backups if not b.damaged]
    by_age = [b for b in good if not b.named]
    named = [b for b in good if b.named]
    damaged = [b for b in backups if b.damaged]
    keep = {b for b in backups if b.path in protected} | {group[0] for group in (good, named, damaged) if group}
    wanted = keep | set(by_age[:KEEP_NEWEST]) | {b for b in named if now - b.taken <= NAMED_FOR}
    hours: dict[datetime, Backup] = {}
    days: dict[datetime, Backup] = {}
    for backup in reversed(by_age):  # oldest first: the first of each hour and day stays put
        local = backup.taken.astimezone()
        if now - backup.taken <= HOURLY_FOR:
            hours.setdefault(local.replace(minute=0, second=0, microsecond=0), backup)
        if now - backup.taken <= DAILY_FOR:
            days.setdefault(local.replace(hour=0, minute=0, second=0, microsecond=0), backup)
    wanted |= set(hours.values()) | set(days.values())
    drop = [b for b in backups if b not in wanted]
    budget = max(BUDGET_FACTOR * database_bytes, BUDGET_FLOOR)
    total = sum(b.size for b in wanted)
    for backup in sorted(wanted - keep, key=lambda b: b.taken):
        if total <= budget:
            break
        drop.append(backup)
        total -= backup.size
    return drop


def prune(db_path: Path, protect: Iterable[Path] = ()) -> None:
    backups = list_backups(db_path, damaged=True)
    for backup in plan_pruning(backups, database_size(db_path), _now(), protect):
        backup.path.unlink(missing_ok=True)
        if backup.damaged:
            backup.path.with_suffix(".wal").unlink(missing_ok=True)
