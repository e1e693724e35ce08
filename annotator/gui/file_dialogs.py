"""File and folder dialogs in the interface language, starting where the work is.

A platform's native dialog speaks the system's language, which need not be
the one the workbench is set to (a Korean interface on an English desktop);
then Qt's own dialog is used, which ``qtbase_ko`` translates. Callers pass
the folder to start in: the project's, or the one chosen last.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog


def dialog_options() -> QFileDialog.Option:
    """Qt's own dialog when the system's language is not the interface's (``QLocale()`` is the interface's)."""
    if QLocale.system().language() != QLocale().language():
        return QFileDialog.Option.DontUseNativeDialog
    return QFileDialog.Option(0)


def choose_folder(parent, title: str, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start), QFileDialog.Option.ShowDirsOnly
                                              | dialog_options())
    return Path(chosen) if chosen else None


def choose_files(parent, title: str, start: Path, filters: str) -> list[Path]:
    chosen, _filter = QFileDialog.getOpenFileNames(parent, title, str(start), filters, "", dialog_options())
    return [Path(p) for p in chosen]


def choose_new_path(parent, title: str, start: Path, filters: str = "") -> Path | None:
    """A file (or a folder still to be made) to write to."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(start), filters, "", dialog_options())
    return Path(chosen) if chosen else None
