"""Main window: document list and the document's text."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QMainWindow, QPlainTextEdit, QSplitter

from ..core.project import Project


class MainWindow(QMainWindow):
    def __init__(self, project: Project, annotator: str):
        super().__init__()
        self.project = project
        self.annotator = annotator
        self.setWindowTitle(f"annotator — {project.name}")
        self.documents = QListWidget()
        self.view = QPlainTextEdit(readOnly=True)
        splitter = QSplitter()
        splitter.addWidget(self.documents)
        splitter.addWidget(self.view)
        splitter.setSizes([320, 960])
        self.setCentralWidget(splitter)
        self._ids = []
        for document in project.documents():
            self._ids.append(document.id)
            self.documents.addItem(document.title)
        self.documents.currentRowChanged.connect(self._open_row)
        if self._ids:
            self.documents.setCurrentRow(0)
        self.statusBar().showMessage(f"{annotator} · {len(self._ids)} documents")

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self._ids):
            self.view.setPlainText(self.project.document(self._ids[row]).text)
