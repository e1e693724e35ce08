"""Importing in a child process, for a program that must stay responsive (the GUI).

Kiwi holds Python's interpreter lock while it builds its model (seconds) and
takes about half a gigabyte; in a thread of the GUI's process that freezes
the window and keeps the memory for the rest of the session. Here the child
opens its own connection to the project, imports, relays progress and phase
over a queue and exits, giving its memory back. Cancelling is cooperative:
the child stops before the next file, and every file already read is stored
whole (each in a committed transaction). See ``core.child_process``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from annotator.core.jobs.child_process import report_failure, run_in_child
from annotator.core.ingest.importer import ImportReport


def _child(messages, cancel, folder: str, paths: list[str], options: dict) -> None:
    from annotator.core.text.kiwi import kiwi_loaded
    from annotator.core.project import Project

    try:
        with Project.open(Path(folder), backup=False) as project:
            if not kiwi_loaded():
                messages.put(("phase", "loading"))
            project.prepare_analyser()
            messages.put(("phase", "import"))
            report = project.import_paths(
                paths, progress=lambda done, total: messages.put(("progress", done, total)),
                cancelled=cancel.is_set, **options)
        messages.put(("done", report))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which shows it
        report_failure(messages, error)


def import_in_child_process(folder: Path, paths, *, progress: Callable[[int, int], None] | None = None,
                            phase: Callable[[str], None] | None = None,
                            cancelled: Callable[[], bool] | None = None, **options: Any) -> ImportReport:
    """``Project.import_paths`` run in a fresh process; blocks (without holding the GIL) until done."""
    return run_in_child(_child, (str(folder), [str(p) for p in paths], options), what="import",
                        progress=progress, phase=phase, cancelled=cancelled)
