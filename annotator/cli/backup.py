"""``restore``: list the backups of a project's database, or bring one back."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.project import DATABASE_FILE, SCHEMA_FILE
from annotator.core.project_files import server_address
from annotator.cli.common import EXIT_OK, err


def _when(backup) -> str:
    return backup.taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _what(backup) -> str:
    if backup.damaged:
        return "damaged: kept aside, cannot be restored"
    return backup.reason.replace("-", " ") if backup.named else "by age"


def _warn_ignored(db_path: Path) -> None:
    from annotator.core.safety.backups import ignored_backups

    for path, why in ignored_backups(db_path):
        err(f"warning: {path}: {why}; left out of the backups (restore it by its name if it is one)")


def cmd_restore(args) -> int:
    from annotator.core.safety.backups import list_backups
    from annotator.core.safety.restore import restore_backup

    folder = Path(args.project)
    db_path = folder / DATABASE_FILE
    if not (folder / SCHEMA_FILE).is_file():
        raise AnnotatorError(f"{folder}: no such project folder")
    if server_address(folder) is not None and not args.list:
        raise AnnotatorError(f"{folder}: the annotations are on a PostgreSQL server ({server_address(folder)}); its "
                             "backups are the server's (pg_dump), and the project.db here, if any, is from before "
                             "the move: annotator migrate --to sqlite brings the server's rows back into it")
    _warn_ignored(db_path)
    if args.list:
        backups = list_backups(db_path, damaged=True)
        for backup in backups:
            print(f"{backup.name:<52} {_when(backup)}  {backup.size / 2**20:>9.1f} MB  {_what(backup)}")
        if not backups:
            print("no backups yet (the workbench and commands that change data keep one every 30 minutes "
                  "of work, and one before every merge, adjudicate --auto and restore)")
        return EXIT_OK
    report = restore_backup(db_path, args.backup)
    for backup, problem in report.skipped:
        err(f"{backup.path}: fails its check ({problem}); renamed …-damaged.db and skipped")
    for path in report.damaged:
        err(f"{db_path}: unreadable; its bytes are kept aside as {path}")
    counts = ", ".join(f"{count} {table}" for table, count in report.counts.items())
    print(f"Restored {report.restored.name} (from {_when(report.restored)}; {counts}) into {db_path}")
    if report.safety:
        print(f"The state before is kept as {report.safety.name}; to go back to it: "
              f"annotator restore {args.project} {report.safety.name}")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("restore", help="bring back a backup of the project database (the newest good one by default)")
    p.add_argument("project")
    p.add_argument("backup", nargs="?", help="a backup file name from --list (default: the newest that passes "
                                             "its check, not one kept by an earlier restore)")
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    p.set_defaults(func=cmd_restore)
