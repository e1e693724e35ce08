"""The label palette: each label of the schema with its colour, key and guideline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.core.schema import Label, Schema
from annotator.gui.window.translation import language


def _ink(colour: str) -> str:
    return "#111111" if QColor(colour).lightnessF() > 0.6 else "#ffffff"


class LabelPalette(QWidget):
    labelChosen = Signal(str)

    def __init__(self, schema: Schema, parent=None):
        super().__init__(parent)
        self.schema = schema
        self.title = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold;")
        self.buttons: dict[str, QPushButton] = {}
        self.guidelines: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        for row, label in enumerate(schema.labels):
            button = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the keyboard in the text
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(
                f"QPushButton {{ background: {label.color}; color: {_ink(label.color)}; border: none;"
                " border-radius: 4px; padding: 4px 8px; font-weight: bold; text-align: left; }"
                f" QPushButton:hover {{ background: {QColor(label.color).darker(112).name()}; }}"
            )
            button.clicked.connect(lambda _checked=False, name=label.name: self.labelChosen.emit(name))
            guideline = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
            guideline.setStyleSheet("color: #5f6368; font-size: 8.5pt;")
            guideline.setFrameShape(QFrame.Shape.NoFrame)
            grid.addWidget(button, 2 * row, 0)
            grid.addWidget(guideline, 2 * row + 1, 0)
            self.buttons[label.name] = button
            self.guidelines[label.name] = guideline
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        self.retranslate()

    def _button_text(self, label: Label) -> str:
        key = f"{label.key}  " if label.key else ""
        return f"{key}{label.display(language())}"

    def retranslate(self) -> None:
        self.title.setText(self.tr("Labels"))
        for label in self.schema.labels:
            self.buttons[label.name].setText(self._button_text(label))
            self.buttons[label.name].setToolTip(label.description)
            self.guidelines[label.name].setText(label.description)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
