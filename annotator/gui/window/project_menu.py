"""File › New project… (Ctrl+N), Open project… (Ctrl+O) and Open recent.

Another project opens in a window of its own (its title is the project's
folder name), so a reviewer can hold several copies side by side; a project
that is open already is brought to the front instead of being opened twice.
Every project opened is remembered for Open recent.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.gui.window.actions import window_action
from annotator.core.errors import AnnotatorError
from annotator.core.project import SCHEMA_FILE, Project
from annotator.gui.window import file_dialogs
from annotator.gui.window import launch
from annotator.gui.window import settings
from annotator.gui.window.translation import on_language_change


class ProjectMenu(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        menu = window.shortcuts.file_menu
        first = menu.actions()[0] if menu.actions() else None
        self.new = window_action(self.window, "Ctrl+N", triggered=self.new_project)
        self.open = window_action(self.window, "Ctrl+O", triggered=self.open_project)
        menu.insertActions(first, [self.new, self.open])
        self.recent = menu.addMenu("")
        menu.insertMenu(first, self.recent)
        menu.insertSeparator(first)
        self.recent.aboutToShow.connect(self._fill_recent)
        self.retranslate()
        on_language_change(window, self.retranslate)

    def _start_folder(self) -> Path:
        """Beside the open project: copies of a project usually live next to each other."""
        return self.window.project.folder.absolute().parent

    # -- the three ways in ---------------------------------------------------------------

    def new_project(self) -> None:
        folder = file_dialogs.choose_new_path(self.window, self.tr("New project: choose a folder name"),
                                              self._start_folder() / self.tr("new-project"))
        if folder is None:
            return
        try:
            Project.create(folder).close()
        except AnnotatorError as error:
            self._refuse(str(error))
            return
        self.open_folder(folder)

    def open_project(self) -> None:
        folder = file_dialogs.choose_folder(self.window, self.tr("Open project: the folder with project.toml"),
                                            self._start_folder())
        if folder is not None:
            self.open_folder(folder)

    def open_folder(self, folder: Path):
        """A window on the project in ``folder``: the one already open, else a new one (None if refused)."""
        folder = Path(folder).absolute()
        if not (folder / SCHEMA_FILE).is_file():
            self._refuse(self.tr("%1 is not a project folder (it has no project.toml)").replace("%1", str(folder)))
            return None
        for other in QApplication.topLevelWidgets():
            project = getattr(other, "project", None)
            if other.isVisible() and project is not None and project.folder.absolute() == folder:
                other.raise_()
                other.activateWindow()
                settings.add_recent_project(folder)
                return other
        try:
            return launch.open_window(folder, self.window.review.own_annotator, parent=self.window)
        except AnnotatorError as error:
            self._refuse(str(error))
            return None

    def _refuse(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("Cannot open the project"), message)

    # -- Open recent ------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent.clear()
        folders = [f for f in settings.recent_projects() if (f / SCHEMA_FILE).is_file()]
        for folder in folders:
            action = self.recent.addAction(f"{folder.name}  —  {folder.parent}")
            action.triggered.connect(lambda _checked=False, f=folder: self.open_folder(f))
        if not folders:
            self.recent.addAction(self.tr("No recent projects")).setEnabled(False)
        self.recent.addSeparator()
        self.recent.addAction(self.tr("Clear the list"), settings.clear_recent_projects).setEnabled(bool(folders))

    def retranslate(self) -> None:
        self.new.setText(self.tr("New project…"))
        self.open.setText(self.tr("Open project…"))
        self.recent.setTitle(self.tr("Open recent"))
