"""The first start (``make run``, ``annotator`` alone): the demo project is built while a dialog says
so. Importing the sample articles loads Kiwi and analyses them (seconds); a worker thread does it
(``core.demo.prepare_demo``) while the event loop runs, and the dialog shows once the import starts,
with the articles done so far. A demo built before opens at once, without the dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from annotator.core.demo import prepare_demo
from annotator.core.errors import ProjectError
from annotator.gui.jobs.wait_dialog import WaitDialog, run_waiting


class DemoDialog(WaitDialog):
    importStarted = Signal()  # emitted on the worker thread

    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.folder = folder
        self.importStarted.connect(self.begin)

    def begin(self) -> None:
        self.setWindowTitle(self.tr("Preparing the demo project"))
        self.explanation.setText(self.tr(
            "First start: the demo project is being made in %1. Its sample articles are analysed once with "
            "Kiwi (Korean morphemes, so selections snap to them); the window opens when it is done.")
            .replace("%1", str(self.folder)))
        self.appear()


def prepare_demo_project(folder: Path, parent=None) -> None:
    """Make the demo project in ``folder`` if it has no documents yet, on a worker thread, with
    ``DemoDialog`` over ``parent`` meanwhile; raises ``ProjectError`` with the reason if it fails."""
    folder = Path(folder)
    dialog = DemoDialog(folder, parent)
    failures = run_waiting(lambda context: prepare_demo(folder, started=dialog.importStarted.emit,
                                                        progress=context.progress), dialog)
    if failures:
        raise ProjectError(failures[0])
