"""Above the text: the document's title, metadata, this annotator's status, the reviewer's reason
when the document was returned (반려), the annotators' flags (to the reviewer) and the notes on the
document."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.core.records import RETURNED, Document, Status
from annotator.gui.documents.document_model import STATUS_COLOURS, status_name

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
        self.reason = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True, visible=False)
        self.reason.setStyleSheet("background: #fdecea; color: #8c1d18; border-left: 4px solid #b3261e;"
                                  " padding: 6px 8px; font-weight: bold;")
        self.flags = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True, visible=False)
        self.flags.setStyleSheet("background: #fdecea; color: #8c1d18; border-left: 4px solid #c62828;"
                                 " padding: 4px 8px;")
        self.flags.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True, visible=False)
        self.notes.setStyleSheet("background: #fff8e1; color: #5c4400; padding: 4px 8px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 2)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.status)
        layout.addWidget(self.reason)
        layout.addWidget(self.flags)
        layout.addWidget(self.notes)
        self._status: Status | None = None
        self._flags: list = []
        self._notes: dict[str, str] = {}

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
        returned = status is not None and status.status == RETURNED and bool(status.reason)
        self.reason.setVisible(returned)
        if returned:
            self.reason.setText(QCoreApplication.translate("DocumentHeader", "Returned by the reviewer: %1").replace(
                "%1", status.reason))
        if status is None:
            self.status.setText("")
            return
        text = status_name(status.status)
        if status.comment:
            text += f" — {status.comment}"
        colour = STATUS_COLOURS.get(status.status)
        self.status.setStyleSheet(f"color: {colour.name()};" if colour else "color: palette(mid);")
        self.status.setText(text)

    def show_notes(self, notes: dict[str, str]) -> None:
        """Every layer's note on the document ({layer: note}); hidden when there are none."""
        self._notes = dict(notes)
        self.notes.setVisible(bool(notes))
        title = QCoreApplication.translate("DocumentHeader", "Notes")
        self.notes.setText(f"✎ {title}: " + "  ·  ".join(f"{layer}: {note}" for layer, note in notes.items()))

    def show_flags(self, flags) -> None:
        """The annotators' flags on the document (``team.notes.ListedNote``: who, ``time``, the comment ``text``); hidden
        when there are none."""
        self._flags = list(flags)
        self.flags.setVisible(bool(self._flags))
        lines = []
        for flag in self._flags:
            line = QCoreApplication.translate("DocumentHeader", "⚑ Flagged by %1 (%2)").replace(
                "%1", flag.annotator).replace("%2", local_time(flag.time))
            lines.append(f"{line}: {flag.text}" if flag.text else line)
        self.flags.setText("\n".join(lines))

    def retranslate(self) -> None:
        self.show_status(self._status)
        self.show_flags(self._flags)
        self.show_notes(self._notes)


def local_time(stamp: str) -> str:
    """A stored UTC time as the reader's local "YYYY-MM-DD HH:MM" (the stamp as it is if unreadable)."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
