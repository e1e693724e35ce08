"""What every command shares: exit codes, error lines, progress bars, opening a project."""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from annotator.core.store.migrations import UpgradeStep, reporting_upgrades
from annotator.core.project import DATABASE_FILE, SCHEMA_FILE, Project

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2
LARGE_DATABASE = 200 * 1024 * 1024  # say why a command waits


def plural(count: int, noun: str) -> str:
    """``1 document``, ``3 documents``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def err(message: str) -> None:
    print(f"annotator: {message}", file=sys.stderr)


@contextmanager
def progress_bar(description: str, enabled: bool = True):
    """A rich progress bar on a terminal; silent otherwise. Yields ``update(done, total)``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        transient=True, disable=not (enabled and sys.stderr.isatty()),
                        console=None)
    with progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


@contextmanager
def reporting_upgrade(path: Path):
    """Say on stderr, before it runs, that opening the project at ``path`` upgrades a database written
    by an earlier version (its size, each step, what the slow ones do), with a progress bar on a
    terminal; then how long it took."""
    from annotator.core.safety.backups import database_size

    database = (path.parent if path.name == SCHEMA_FILE else path) / DATABASE_FILE
    started, update = None, None
    with ExitStack() as bar:
        def announce(step: UpgradeStep) -> None:
            nonlocal started, update
            if started is None:
                started = time.monotonic()
                err(f"upgrading {database} ({database_size(database) / 1e6:,.1f} MB), written by an earlier "
                    f"version of annotator, in {step.total} step(s); a large project takes a few minutes")
                update = bar.enter_context(progress_bar("Upgrading"))
            err(f"  step {step.number}/{step.total}: {step.describe()}")
            update(step.number - 1, step.total)

        with reporting_upgrades(announce):
            yield
    if started is not None:
        err(f"upgraded in {time.monotonic() - started:.1f} s")


def open_project(path: str, changes_data: bool = False) -> Project:
    """Open a project (saying so on stderr when its database needs an upgrade first). A command that
    changes data first keeps a backup when one is due (see ``core.backups``); read-only commands never
    copy the database, so they never wait for it."""
    with reporting_upgrade(Path(path)):
        project = Project.open(Path(path))
    if changes_data and project.database_path is not None:  # a server's backups are its administrator's
        backup_if_due(project.database_path)
    return project


def backup_if_due(db_path: Path) -> None:
    """A failed backup is a warning: the command itself still runs (named backups are stricter)."""
    from annotator.core.safety.backups import BackupError, backup_due, database_size, take_backup

    if not backup_due(db_path):
        return
    size = database_size(db_path)
    if size > LARGE_DATABASE and sys.stderr.isatty():
        print(f"Keeping a backup of the project database ({size >> 20:,} MB)…", file=sys.stderr)
    try:
        take_backup(db_path)
    except BackupError as error:
        err(f"warning: {error}")


def annotator_name(project: Project, given: str) -> str:
    """A name given on the command line as the project knows the person ("Lee" is lee:
    ``core.team.names``), saying so when it is written otherwise."""
    from annotator.core.team.names import canonical_annotator

    name = canonical_annotator(project, given)
    if name != given.strip():
        err(f"{given!r} is {name} in this project (a name is one person whatever its case)")
    return name


def annotator_names(project: Project, given: list[str]) -> list[str]:
    """Several names (``--annotators A,B``): each as ``annotator_name``, and no person twice."""
    from annotator.core.team.names import canonical_annotators

    names = canonical_annotators(project, given)
    for typed, name in zip(given, names):
        if name != typed.strip():
            err(f"{typed!r} is {name} in this project (a name is one person whatever its case)")
    return names


def listed(notes, limit: int = 20) -> list[str]:
    """The first ``limit`` notes, indented, and how many more there are."""
    shown = [f"  {note}" for note in notes[:limit]]
    if len(notes) > limit:
        shown.append(f"  … and {len(notes) - limit} more (--json lists them all)")
    return shown
