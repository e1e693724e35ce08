"""Opening a project whose database an earlier version wrote: the upgrade runs on a worker thread,
and a dialog says what it does while the event loop keeps running.

Migration 0008 rebuilds the search index: about 40 s per 100,000 documents,
minutes at a million. Opened on the GUI thread, that showed nothing at all
(or froze the window it was opened from). Here a worker thread opens the
project first, on a connection of its own that applies the migrations and is
closed, and reports each step (``migrations.reporting_upgrades``); the dialog
appears with the first step, so a project that needs no upgrade opens
without one. The window's connection then opens the upgraded database. A
database written by a newer version is refused as before (``ProjectError``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from annotator.core.errors import ProjectError, ServerUnavailableError
from annotator.core.store.migrations import UpgradeStep, reporting_upgrades
from annotator.core.project import DATABASE_FILE, Project
from annotator.gui.jobs.wait_dialog import WaitDialog, run_waiting


class UpgradeDialog(WaitDialog):
    stepStarted = Signal(object)  # an UpgradeStep, emitted on the worker thread

    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.folder = folder
        self.stepStarted.connect(self.show_step)

    def show_step(self, step: UpgradeStep) -> None:
        self.setWindowTitle(self.tr("Upgrading the project"))
        self.explanation.setText(self.tr(
            "%1 was written by an earlier version of annotator: its database is being upgraded. "
            "A large project takes a few minutes; the window opens when it is done.")
            .replace("%1", str(self.folder / DATABASE_FILE)))
        self.step.setText(self.tr("Step %1 of %2: %3").replace("%1", str(step.number))
                          .replace("%2", str(step.total)).replace("%3", self.describe(step)))
        self.appear()  # the first step: the upgrade starts now

    def describe(self, step: UpgradeStep) -> str:
        if step.name == "0008_compact_search_index":
            return self.tr("rebuilding the search index (about 40 s per 100,000 documents)")
        return self.tr("updating the tables (%1)").replace("%1", step.name)


def open_project(folder: Path, parent=None) -> Project:
    """The project in ``folder``, its database upgraded first when an earlier version wrote it (on a
    worker thread, with ``UpgradeDialog`` over ``parent``); raises ``ProjectError`` as ``Project.open``."""
    folder = Path(folder)
    dialog = UpgradeDialog(folder, parent)

    unreachable: list[ServerUnavailableError] = []  # kept whole: the window may start on a local copy

    def upgrade(_context) -> None:
        with reporting_upgrades(dialog.stepStarted.emit):
            try:
                Project.open(folder, backup=False).close()
            except ServerUnavailableError as error:
                unreachable.append(error)
                raise

    failures = run_waiting(upgrade, dialog)  # the dialog, the other windows and their timers go on meanwhile
    if unreachable:
        raise unreachable[0]
    if failures:
        raise ProjectError(failures[0])
    return Project.open(folder)
