"""``restore``: bring back a backup of the project database."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import AnnotatorError
from ..core.project import DATABASE_FILE, SCHEMA_FILE
from .common import EXIT_OK


def cmd_restore(args) -> int:
    from ..core.backups import list_backups, restore_backup

    folder = Path(args.project)
    db_path = folder / DATABASE_FILE
    if not (folder / SCHEMA_FILE).is_file():
        raise AnnotatorError(f"{folder}: no such project folder")
    if args.list:
        backups = list_backups(db_path)
        for backup in backups:
            print(backup.name)
        if not backups:
            print("no backups yet (one is kept each time a changed project is opened)")
        return EXIT_OK
    restored, safety = restore_backup(db_path, Path(args.backup) if args.backup else None)
    print(f"Restored {restored.name} into {db_path}"
          + (f"; the state before is kept as {safety.name}" if safety else ""))
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("restore", help="bring back a backup of the project database (the newest by default)")
    p.add_argument("project")
    p.add_argument("backup", nargs="?", help="a backup file name from --list (default: the newest)")
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    p.set_defaults(func=cmd_restore)
