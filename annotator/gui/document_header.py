"""Above the text: the document's title, metadata and this annotator's status."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..core.records import Document, Status
from .document_model import STATUS_COLOURS, status_name

META_KEYS = ("date", "outlet", "reporter", "source")


class DocumentHeader(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.meta.setStyleSheet("color: #5f6368;")
        self.status = QLabel(textFormat=Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 2)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.status)
        self._status: Status | None = None

    def show_document(self, document: Document | None, status: Status | None) -> None:
        if document is None:
            self.title.setText("")
            self.meta.setText("")
            self.show_status(None)
            return
        self.title.setText(document.title)
        values = [str(document.meta.get(key, "")) for key in META_KEYS[:-1]]
        values.append(Path(document.source).name)
        self.meta.setText("  ·  ".join(v for v in values if v))
        self.show_status(status)

    def show_status(self, status: Status | None) -> None:
        self._status = status
        if status is None:
            self.status.setText("")
            return
        text = status_name(status.status)
        if status.comment:
            text += f" — {status.comment}"
        colour = STATUS_COLOURS.get(status.status)
        self.status.setStyleSheet(f"color: {colour.name()};" if colour else "color: palette(mid);")
        self.status.setText(text)

    def retranslate(self) -> None:
        self.show_status(self._status)
