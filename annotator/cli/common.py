"""What every command shares: exit codes, error lines, progress bars, opening a project."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from ..core.project import Project

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2


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


def open_project(path: str) -> Project:
    return Project.open(Path(path))


def listed(notes, limit: int = 20) -> list[str]:
    """The first ``limit`` notes, indented, and how many more there are."""
    shown = [f"  {note}" for note in notes[:limit]]
    if len(notes) > limit:
        shown.append(f"  … and {len(notes) - limit} more (--json lists them all)")
    return shown
