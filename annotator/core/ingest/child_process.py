"""Importing in a child process, for a program that must stay responsive (the GUI).

Kiwi holds Python's interpreter lock while it builds its model (seconds) and
takes about half a gigabyte; in a thread of the GUI's process that freezes
the window and keeps the memory for the rest of the session. Here the child
opens its own connection to the project, imports, relays progress and phase
over a queue and exits, giving its memory back. Cancelling is cooperative:
the child stops before the next file, and every file already read is stored
whole (each in a committed transaction).
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
from pathlib import Path
from typing import Any, Callable

from ..errors import AnnotatorError
from .importer import ImportReport

POLL_S = 0.1


def _child(folder: str, paths: list[str], options: dict, messages, cancel) -> None:
    from ..kiwi import kiwi_loaded
    from ..project import Project

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
    except AnnotatorError as error:
        messages.put(("failed", str(error)))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which shows it
        messages.put(("failed", f"{type(error).__name__}: {error}"))


def import_in_child_process(folder: Path, paths, *, progress: Callable[[int, int], None] | None = None,
                            phase: Callable[[str], None] | None = None,
                            cancelled: Callable[[], bool] | None = None, **options: Any) -> ImportReport:
    """``Project.import_paths`` run in a fresh process; blocks (without holding the GIL) until done."""
    context = multiprocessing.get_context("spawn")  # no fork of a process with Qt threads
    messages, cancel = context.Queue(), context.Event()
    child = context.Process(target=_child, args=(str(folder), [str(p) for p in paths], options, messages, cancel),
                            daemon=True)
    child.start()
    try:
        while True:
            if cancelled is not None and cancelled():
                cancel.set()
            try:
                message = messages.get(timeout=POLL_S)
            except queue_module.Empty:
                if not child.is_alive():
                    raise AnnotatorError(f"the import process ended unexpectedly (exit code {child.exitcode})") from None
                continue
            kind = message[0]
            if kind == "progress" and progress is not None:
                progress(message[1], message[2])
            elif kind == "phase" and phase is not None:
                phase(message[1])
            elif kind == "done":
                return message[1]
            elif kind == "failed":
                raise AnnotatorError(message[1])
    finally:
        child.join(timeout=30)
        if child.is_alive():
            child.terminate()
