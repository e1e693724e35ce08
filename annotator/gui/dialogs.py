"""Small questions the workbench asks: the annotator's name, a flag's comment."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit


def ask_annotator_name(parent=None, current: str = "") -> str | None:
    """The name of the layer the spans go to; None when the dialog is cancelled or left empty."""
    name, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("Dialogs", "Who is annotating?"),
        QCoreApplication.translate("Dialogs", "Your name or initials. Your spans and statuses are kept under it:"),
        QLineEdit.EchoMode.Normal, current,
    )
    name = name.strip()
    return name if ok and name else None


def ask_flag_comment(parent=None, current: str = "") -> str | None:
    """Why a document is flagged; None when cancelled."""
    comment, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("Dialogs", "Flag document"),
        QCoreApplication.translate("Dialogs", "What is wrong with this document?"),
        QLineEdit.EchoMode.Normal, current,
    )
    return comment.strip() if ok else None
