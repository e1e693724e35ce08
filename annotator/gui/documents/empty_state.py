"""What the centre shows while a project has no documents: what to do next, and the buttons to do it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyProject(QWidget):
    def __init__(self, window):
        super().__init__()
        self.window = window
        self.heading = QLabel(textFormat=Qt.TextFormat.PlainText, alignment=Qt.AlignmentFlag.AlignCenter)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.text = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.text.setStyleSheet("color: palette(placeholder-text);")
        self.import_files = QPushButton()
        self.import_folder = QPushButton()
        self.import_files.clicked.connect(window.shortcuts.import_files.trigger)
        self.import_folder.clicked.connect(window.shortcuts.import_folder.trigger)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_files)
        buttons.addWidget(self.import_folder)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addSpacing(8)
        layout.addWidget(self.text)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.hide()
        self.retranslate()

    def refresh(self) -> None:
        """Shown instead of the (empty) text while the project has no documents."""
        empty = self.window.project.document_count() == 0
        self.setVisible(empty)
        self.window.header.setVisible(not empty)
        self.window.view.setVisible(not empty)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("This project has no documents yet"))
        self.text.setText(self.tr("Import articles to start: plain text files (UTF-8 or CP949), JSONL, CSV, or "
                                  "another tool's export. Each file is analysed once (Kiwi) so selections "
                                  "snap to morphemes."))
        self.import_files.setText(self.tr("Import files… (Ctrl+I)"))
        self.import_folder.setText(self.tr("Import a folder… (Ctrl+Shift+I)"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def attach(window) -> EmptyProject:
    empty = EmptyProject(window)
    column = window.view.parentWidget().layout()
    column.insertWidget(column.indexOf(window.view), empty, 1)
    empty.refresh()
    return empty
