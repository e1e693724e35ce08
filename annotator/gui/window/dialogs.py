"""Small questions the workbench asks: the annotator's name, a flag's comment."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from annotator.core.errors import AnnotatorError


def ask_annotator_name(parent=None, current: str = "", check: Callable[[str], str] | None = None) -> str | None:
    """The name of the layer the spans go to; None when the dialog is cancelled or left empty.
    ``check(name)`` gives the name as the project knows the person ("Lee" is lee) or raises an
    ``AnnotatorError`` saying why not: the message shows and the dialog asks again, pre-filled
    with the name the error expects (a package's annotator) when it names one."""
    while True:
        name, ok = QInputDialog.getText(
            parent, QCoreApplication.translate("Dialogs", "Who is annotating?"),
            QCoreApplication.translate("Dialogs", "Your name or initials. Your spans and statuses are kept under it:"),
            QLineEdit.EchoMode.Normal, current,
        )
        name = name.strip()
        if not (ok and name):
            return None
        if check is None:
            return name
        try:
            return check(name)
        except AnnotatorError as error:
            expected = getattr(error, "expected", None)  # whom a package was made for
            text = (QCoreApplication.translate("Dialogs", "This is %1's package: it opens as %1 only.")
                    .replace("%1", expected) if expected else str(error))
            QMessageBox.warning(parent, QCoreApplication.translate("Dialogs", "Who is annotating?"), text)
            current = expected or name


def ask_flag_comment(parent=None, current: str = "") -> str | None:
    """Why a document is flagged; None when cancelled."""
    comment, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("Dialogs", "Flag document"),
        QCoreApplication.translate("Dialogs", "What is wrong with this document?"),
        QLineEdit.EchoMode.Normal, current,
    )
    return comment.strip() if ok else None
