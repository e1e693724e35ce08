"""File and folder dialogs in the interface language, starting where the work is.

A platform's native dialog speaks the system's language, which need not be
the one the workbench is set to (a Korean interface on an English desktop);
then Qt's own dialog is used, translated by ``qtbase_ko``. Callers pass the
folder to start in: the project's, or the one chosen last.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QFileDialog


def dialog_options() -> QFileDialog.Option:
    """Qt's own dialog when the system's language is not the interface's (``QLocale()`` is the interface's)."""
    if QLocale.system().language() != QLocale().language():
        return QFileDialog.Option.DontUseNativeDialog
    return QFileDialog.Option(0)


def _dialog(parent, title: str, start: Path, filters: str, file_mode: QFileDialog.FileMode,
            accept_mode: QFileDialog.AcceptMode = QFileDialog.AcceptMode.AcceptOpen) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start), filters)
    dialog.setOptions(dialog_options())
    dialog.setFileMode(file_mode)
    dialog.setAcceptMode(accept_mode)
    # Qt 6's own dialog asks for "&Look in:" and "Files of &type:", which qtbase_ko does not translate:
    # those two labels would be English in a Korean dialog.
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, QCoreApplication.translate("FileDialogs", "Look in:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType,
                        QCoreApplication.translate("FileDialogs", "Files of type:"))
    return dialog


def _chosen(dialog: QFileDialog) -> list[Path]:
    return [Path(p) for p in dialog.selectedFiles()] if dialog.exec() else []


def choose_folder(parent, title: str, start: Path) -> Path | None:
    dialog = _dialog(parent, title, start, "", QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else None


def choose_file(parent, title: str, start: Path, filters: str) -> Path | None:
    chosen = _chosen(_dialog(parent, title, start, filters, QFileDialog.FileMode.ExistingFile))
    return chosen[0] if chosen else None


def choose_files(parent, title: str, start: Path, filters: str) -> list[Path]:
    return _chosen(_dialog(parent, title, start, filters, QFileDialog.FileMode.ExistingFiles))


def choose_new_path(parent, title: str, start: Path, filters: str = "") -> Path | None:
    """A file (or a folder still to be made) to write to; ``start`` may name it."""
    dialog = _dialog(parent, title, start.parent, filters, QFileDialog.FileMode.AnyFile,
                     QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(start.name)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else None
