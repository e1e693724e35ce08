"""Help › Keyboard shortcuts (F1): every key of the current mode, read from the window's actions.

The sheet is built from the actions themselves (their text and shortcuts,
grouped by the menu that lists them), each time it is shown, so it cannot
drift from what the keys do: review mode's keys appear in review mode, the
suggestion keys while suggestions are shown. Keys that only work in the text
(Tab, Enter) join the menu entry with the same text, or "Other keys".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout


def plain_text(action: QAction) -> str:
    """An action's text without its mnemonic marker (``&File`` → ``File``)."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def key_text(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())


def _menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += _menu_actions(action.menu())
        elif not action.isSeparator():
            found.append(action)
    return found


def shortcut_groups(window) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(keys, what they do)]) of every action with a key that works in the window's
    current mode; actions that only wait for something (a selected span, a step to undo) count."""
    waiting = {*window.shortcuts.selection_actions, window.shortcuts.undo, window.shortcuts.redo}

    def usable(action: QAction) -> bool:
        return bool(action.shortcuts()) and action.isVisible() and (action.isEnabled() or action in waiting)

    groups: list[tuple[str, list[QAction]]] = []
    listed: set[int] = set()
    for entry in window.menuBar().actions():
        if entry.menu() is None or not entry.isVisible():
            continue
        actions = _menu_actions(entry.menu())
        listed.update(id(a) for a in actions)
        groups.append((plain_text(entry), [a for a in actions if usable(a)]))
    by_text = {plain_text(a): group for _title, group in groups for a in group}
    other: list[QAction] = []
    for widget in (window, window.view):
        for action in widget.actions():
            if id(action) in listed or not usable(action):
                continue
            listed.add(id(action))
            by_text.get(plain_text(action), other).append(action)
    if other:
        groups.append((QCoreApplication.translate("ShortcutSheet", "Other keys"), other))
    # Undo and redo name the step they would undo or redo; the sheet names what the key does.
    fixed = {window.shortcuts.undo: QCoreApplication.translate("ShortcutSheet", "Undo"),
             window.shortcuts.redo: QCoreApplication.translate("ShortcutSheet", "Redo")}
    result = []
    for title, actions in groups:
        rows: dict[str, list[str]] = {}  # one row per text: Enter joins A under "Accept …"
        for action in actions:
            rows.setdefault(fixed.get(action) or plain_text(action), []).append(key_text(action))
        if rows:
            result.append((title, [(", ".join(dict.fromkeys(keys)), text) for text, keys in rows.items()]))
    return result


class ShortcutSheet(QDialog):
    """The sheet, and Help › Keyboard shortcuts (F1) that shows or hides it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.menu = window.menuBar().addMenu("")
        self.action = QAction(window)
        self.action.setShortcut(QKeySequence("F1"))
        self.action.triggered.connect(self.toggle)
        window.addAction(self.action)
        self.menu.addAction(self.action)
        self.note = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(640, 720)
        self.retranslate()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self.refresh()
        self.show()
        self.raise_()

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Help"))
        self.action.setText(self.tr("Keyboard shortcuts"))
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the keys again: the mode, or whether suggestions are shown, may have changed."""
        reviewing = self.window.review.active
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.note.setText(self.tr("Keys in review mode (Ctrl+R leaves it)") if reviewing
                          else self.tr("Keys while annotating (Ctrl+R: review mode). Drag over the text to "
                                       "select; Alt- or Ctrl-drag selects characters without snapping."))
        self.tree.setHeaderLabels([self.tr("Key"), self.tr("Does")])
        self.tree.clear()
        bold = self.tree.font()
        bold.setBold(True)
        for title, rows in shortcut_groups(self.window):
            group = QTreeWidgetItem([title])
            group.setFirstColumnSpanned(True)
            group.setFont(0, bold)
            self.tree.addTopLevelItem(group)
            for keys, text in rows:
                group.addChild(QTreeWidgetItem([keys, text]))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
