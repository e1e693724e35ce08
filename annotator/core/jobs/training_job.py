"""Training in a child process (``core.child_process``), so a window keeps working.

CRFsuite holds Python's interpreter lock while it trains; the child opens its
own connection to the project, trains, writes the model files (whole, by
rename) and exits. Stopping ends the child: nothing is written before its
last step, so nothing half-written is left.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from annotator.core.jobs.child_process import report_failure, run_in_child
from annotator.core.model.model_files import ModelInfo


def _child(messages, cancel, folder: str, options: dict) -> None:
    from annotator.core.project import Project

    try:
        with Project.open(Path(folder), backup=False) as project:
            info = project.train(progress=lambda done, total: messages.put(("progress", done, total)),
                                 phase=lambda key: messages.put(("phase", key)), cancelled=cancel.is_set, **options)
        messages.put(("done", info))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which shows it
        report_failure(messages, error)


def train_in_child_process(folder: Path, *, progress: Callable[[int, int], None] | None = None,
                           phase: Callable[[str], None] | None = None, cancelled: Callable[[], bool] | None = None,
                           **options) -> ModelInfo:
    """``Project.train`` in a fresh process; blocks (without holding the GIL) until done."""
    return run_in_child(_child, (str(folder), options), what="training", progress=progress, phase=phase,
                        cancelled=cancelled, stop_at_once=True)
