"""Long jobs in a child process, for a program that must stay responsive (the GUI).

Kiwi (import) and CRFsuite (training) hold Python's interpreter lock for
seconds and take hundreds of megabytes; in a thread of the GUI's process that
freezes the window and keeps the memory for the rest of the session. A child
started with ``spawn`` runs ``target(messages, cancel, *args)``, which relays
``("progress", done, total)`` and ``("phase", key)`` and ends with
``("done", result)`` or ``("failed", message)``; then it exits, giving its
memory back.
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
from typing import Any, Callable

from annotator.core.errors import AnnotatorError

POLL_S = 0.1


def run_in_child(target: Callable, args: tuple, *, what: str,
                 progress: Callable[[int, int], None] | None = None, phase: Callable[[str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, stop_at_once: bool = False) -> Any:
    """``target`` 's result, computed in a fresh process; blocks (without holding the GIL) until done.

    Cancelling sets the child's ``cancel`` event, which it polls; with ``stop_at_once`` the child
    is ended instead (for work that writes nothing until its last step) and ``AnnotatorError`` raised.
    """
    context = multiprocessing.get_context("spawn")  # no fork of a process with Qt threads
    messages, cancel = context.Queue(), context.Event()
    child = context.Process(target=target, args=(messages, cancel, *args), daemon=True)
    child.start()
    try:
        while True:
            if cancelled is not None and cancelled():
                cancel.set()
                if stop_at_once:
                    child.terminate()
                    raise AnnotatorError(f"the {what} was stopped; nothing of it was kept")
            try:
                message = messages.get(timeout=POLL_S)
            except queue_module.Empty:
                if not child.is_alive():
                    raise AnnotatorError(f"the {what} process ended unexpectedly (exit code {child.exitcode})") from None
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


def report_failure(messages, error: BaseException) -> None:
    """Send an exception to the parent as a message it shows."""
    if isinstance(error, AnnotatorError):
        messages.put(("failed", str(error)))
    else:
        messages.put(("failed", f"{type(error).__name__}: {error}"))
