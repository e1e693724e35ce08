"""Returns (반려) in the workbench.

Review mode: Review › Return to annotator › "Return to kim…" (one entry per
annotator of the open document; Ctrl+Shift+R is the first) asks for the
reason and returns the document to that annotator, as one undo step. The reviewer's document list
shows which returned documents wait and which came back fixed
(``review_model.ReviewColumns``).

Annotator mode: a button in the status bar counts the documents returned to
this annotator and filters the list to them (they come first anyway); the
reason stands above the text (``document_header``); Ctrl+Enter marks the
document done again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
                               QToolButton, QVBoxLayout)

from annotator.core.errors import AnnotatorError
from annotator.core.operations import Change
from annotator.core.records import GOLD, RETURNED
from annotator.core.team.returns import check_return, return_operation
from annotator.core.store.returns import annotators_of
from annotator.gui.window.commands import OperationCommand
from annotator.gui.window.messages import error_message


class ReturnDialog(QDialog):
    """Whom to return the document to, and why (the reason is required)."""

    def __init__(self, annotators: list[str], chosen: str, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return to annotator"))
        self.annotator = QComboBox()
        self.annotator.addItems(annotators)
        self.annotator.setCurrentText(chosen)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("What should be fixed? The annotator reads this above the text."))
        self.reason.setTabChangesFocus(True)
        heading = QLabel(title, textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        heading.setStyleSheet("font-weight: bold;")
        form = QFormLayout()
        form.addRow(self.tr("Annotator:"), self.annotator)
        form.addRow(self.tr("Reason:"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Return"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, 260)
        self._enable()

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.toPlainText().strip()))


class ReviewReturns(QObject):
    """Review mode's "Return to NAME…" entries."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.project = window.project
        review = window.review
        self.menu = review.menu.addMenu("")
        self.first = QAction(window)
        self.first.setShortcuts([QKeySequence("Ctrl+Shift+R")])
        window.addAction(self.first)
        self.first.triggered.connect(lambda: self.return_document(None))
        self.dialog_factory = ReturnDialog  # tests answer the dialog themselves
        self._names: list[str] = []  # the open document's annotators, as the menu lists them
        window.installEventFilter(self)
        review.toggle.toggled.connect(lambda _active: self._refresh_menu())
        window.documentOpened.connect(lambda _doc_id: self._refresh_menu())
        window.changeApplied.connect(self._change_applied)
        window.changedElsewhere.connect(self._changed_elsewhere)
        self.retranslate()

    def annotators(self) -> list[str]:
        document = self.window.document
        return annotators_of(self.project.store, document.id, GOLD) if document is not None else []

    def _refresh_menu(self) -> None:
        self._names = self.annotators() if self.window.review.active else []
        self._fill_menu()

    def _fill_menu(self) -> None:
        self.menu.clear()
        names = self._names
        for i, name in enumerate(names):
            text = self.tr("Return to %1…").replace("%1", name)
            if i == 0:  # the first entry is the keyed action
                self.first.setText(text)
                self.menu.addAction(self.first)
            else:
                action = self.menu.addAction(text)
                action.triggered.connect(lambda _checked=False, n=name: self.return_document(n))
        self.menu.setEnabled(bool(names))
        self.first.setEnabled(bool(names))

    def _change_applied(self, change: Change) -> None:
        if self.window.review.active and change.statuses:
            self.window.review.columns.set_returns(self.project.returns())
            self.window.documents.model.review_changed(change.doc_ids)
            if self.window.document is not None and self.window.document.id in change.doc_ids:
                self._refresh_menu()

    def _changed_elsewhere(self, doc_ids: set) -> None:
        """Others returned documents, or annotators sent back fixed ones: the list's marks follow."""
        ids = {d for d in doc_ids if d is not None}
        if self.window.review.active and ids:
            self.window.review.columns.set_returns([r for d in sorted(ids) for r in self.project.returns(d)], ids)
            self.window.documents.model.review_changed(ids)

    def return_document(self, annotator: str | None) -> None:
        """Ask for the reason, then return the open document to ``annotator`` (the first one when None)."""
        w = self.window
        names = self.annotators()
        if w.document is None or not w.review.active or not names:
            return
        dialog = self.dialog_factory(names, annotator or names[0], w.document.title, w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, reason = dialog.annotator.currentText(), dialog.reason.toPlainText().strip()
        try:
            check_return(self.project, w.document.id, name, reason)
        except AnnotatorError as error:
            w.show_message(error_message(error))
            return
        text = self.tr("Return to %1").replace("%1", name)
        w.stack.push(OperationCommand(self.project, return_operation(w.document.id, name, reason), text,
                                      w.apply_change, w.show_message))
        w.show_message(self.tr("Returned to %1 (Ctrl+Z undoes); the next merge takes it to their copy")
                       .replace("%1", name))

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("Return to annotator"))
        self._fill_menu()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


class AnnotatorReturns(QObject):
    """The status bar's count of documents returned to this annotator; a click lists only them."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.button = QToolButton()
        self.button.setAutoRaise(True)
        self.button.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.button.clicked.connect(self.show_returned)
        self._count = 0
        self._returned: tuple[str, set[int]] | None = None  # whose returned documents the list was ordered by
        window.statusBar().addPermanentWidget(self.button)
        window.changeApplied.connect(lambda change: self.update() if change.statuses else None)
        window.changedElsewhere.connect(lambda _doc_ids: self.update())  # a merge or the server brought returns
        window.review.toggle.toggled.connect(lambda _active: self.update())
        window.documentOpened.connect(lambda _doc_id: self.update())  # also after switching annotators
        window.installEventFilter(self)
        self.update()

    def update(self) -> None:
        """Count the documents returned to this annotator; when they are others than before, list them
        first again (the list's order is read with its ids)."""
        w = self.window
        returned = (w.annotator, set() if w.review.active else w.worklist.returned_ids(w.annotator))
        self._count = len(returned[1])
        if self._returned is not None and self._returned[0] == returned[0] and self._returned[1] != returned[1]:
            w.documents.apply_filter()
        self._returned = returned
        self._show()

    def _show(self) -> None:
        count = self._count
        self.button.setVisible(count > 0)
        self.button.setText(self.tr("↩ %n returned", "", count))
        self.button.setToolTip(self.tr("Documents the reviewer returned to you, with a reason: they come first "
                                       "in the list. Click to list only them."))

    def show_returned(self) -> None:
        combo = self.window.documents.status_filter
        combo.setCurrentIndex(combo.findData(RETURNED))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self._show()
        return False


def attach(window) -> tuple[ReviewReturns, AnnotatorReturns]:
    return ReviewReturns(window), AnnotatorReturns(window)
