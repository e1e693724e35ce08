"""The document list's "my documents / all documents" choice.

Shown to an annotator with assigned documents (``annotator assign``): they
see theirs by default and can switch to all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker
from PySide6.QtWidgets import QComboBox

from annotator.core.store import assignments as assignment_store

MINE, ALL = True, False


class AssignmentFilter(QComboBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.addItem("", MINE)
        self.addItem("", ALL)
        self.setCurrentIndex(1)
        self.hide()
        self.retranslate()

    def mine(self) -> bool:
        return bool(self.currentData())

    def choose_for(self, store, annotator: str) -> None:
        """Offer the choice, set to "my documents", when ``annotator`` has assigned documents; else list all
        (the reviewer, working on gold, or someone the assignment left out)."""
        mine = assignment_store.has_assignments(store, annotator)
        self.setVisible(mine)
        with QSignalBlocker(self):
            self.setCurrentIndex(0 if mine else 1)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setItemText(0, self.tr("My documents"))
        self.setItemText(1, self.tr("All documents"))
        self.setToolTip(self.tr("The documents assigned to you, or every document of the project"))
