"""Right-click in the text: a menu for what lies under the pointer, made of the window's own actions
(``actions.WorkbenchActions``, review mode's, the note and return actions), so every entry shows
its key and does what the key does.

- a selection: Label as ▸ (the label keys), Copy;
- a span of the layer being edited (the annotator's, or gold in review mode): Relabel as ▸,
  Delete, Edit note, Adjust boundaries ▸, Next / Previous with the same label; in review mode also
  Reject candidate;
- a suggestion: Accept, Accept as ▸, Reject, Accept all, Next / Previous with the same label;
- a review candidate: Accept into gold, Reject, Edit note, Next / Previous, Return to annotator ▸;
- elsewhere: the document's note and status (done, skip, flag; adjudicated in review mode).

Right-clicking selects what it is on first (a candidate is only selected, not accepted as a left
click does), so the entries act on it. The Menu key opens the menu of what is selected.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.gui.text.suggestions import OVERLAY as SUGGESTIONS
from annotator.gui.window.translation import language

OWN_LAYER = "annotations"
SHOWN_CHARACTERS = 30  # a longer selection or span is cut in the menu's heading


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS - 1] + "…"


def _actionable(overlay: str) -> bool:
    return overlay in (OWN_LAYER, SUGGESTIONS) or overlay.startswith("review:")


class TextMenu(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.copy = QAction(self)
        self.copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))  # shown; the text view handles the key
        self.copy.triggered.connect(window.view.copy)
        self.shown: QMenu | None = None  # the menu shown last (it deletes itself once closed)
        window.view.contextMenuAsked.connect(self.show_at)

    def show_at(self, point: QPoint, global_point: QPoint, by_mouse: bool = True) -> None:
        menu = self.menu_at(point, by_mouse)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(global_point)
        self.shown = menu

    # -- what the menu is for ---------------------------------------------------------------

    def menu_at(self, point: QPoint, by_mouse: bool = True) -> QMenu:
        """Select what lies at ``point`` (by the mouse) and return the menu for it, or for what is
        selected (the Menu key)."""
        w = self.window
        view = w.view
        selection = view.selection_range()
        if by_mouse:
            hit = view.hit_at(point, _actionable)
            offset = view.offsets.from_qt(view.cursorForPosition(point).position())
            if selection is not None and (hit is None or selection[0] <= offset < selection[1]):
                return self._selection_menu(selection)
            if hit is None:
                return self._document_menu()
            self._select(hit.overlay, hit.placed.span.id)
        elif selection is not None:
            return self._selection_menu(selection)
        chosen = view.selected_span()
        if w.review.active and w.review.selected_candidate() is not None and (
                chosen is None or chosen[0] != OWN_LAYER):
            return self._candidate_menu()
        if w.selected_span() is not None:
            return self._span_menu()
        if w.suggestions.selected() is not None:
            return self._suggestion_menu()
        return self._document_menu()

    def _select(self, overlay: str, item_id: int) -> None:
        w = self.window
        if overlay == SUGGESTIONS:
            w.suggestions.select(item_id)
        elif overlay == OWN_LAYER:
            w.select_span(item_id)
            row = w.review.model.row_of_gold(item_id) if w.review.active else None
            if row is not None:
                w.review.select_row(row)
        else:
            w.review.select_row(item_id)  # a candidate's mark id is its row

    # -- the menus ----------------------------------------------------------------------------

    def _item_menu(self, heading: str, label: str, text: str) -> QMenu:
        """A menu headed by ``heading`` with %1 the label's name and %2 the (shortened) text."""
        return self._menu(heading.replace("%1", self._label_name(label)).replace("%2", _short(text)))

    def _menu(self, heading: str) -> QMenu:
        menu = QMenu(self.window)
        title = menu.addAction(heading)
        title.setEnabled(False)
        menu.addSeparator()
        return menu

    def _labels(self, menu: QMenu, title: str) -> None:
        submenu = menu.addMenu(title)
        submenu.addActions(list(self.window.shortcuts.labels.values()))

    def _steps(self, menu: QMenu) -> None:
        a = self.window.shortcuts
        menu.addActions([a.next_same_label, a.previous_same_label])

    def _label_name(self, label: str) -> str:
        found = self.window.project.schema.label(label)
        return found.display(language()) if found else label

    def _selection_menu(self, selection: tuple[int, int]) -> QMenu:
        text = self.window.document.text[selection[0]:selection[1]]
        menu = self._menu(self.tr("Selected: “%1”").replace("%1", _short(text)))
        self._labels(menu, self.tr("Label as"))
        menu.addSeparator()
        menu.addAction(self.copy)
        self.copy.setText(self.tr("Copy"))
        return menu

    def _span_menu(self) -> QMenu:
        w = self.window
        a = w.shortcuts
        span = w.selected_span()
        menu = self._item_menu("%1 · %2", span.label, span.text)
        self._labels(menu, self.tr("Relabel as"))
        menu.addActions([a.delete_span, w.notes.edit])
        edges = menu.addMenu(self.tr("Adjust boundaries"))
        edges.addActions(list(a.edges.values()))
        self._steps(menu)
        if w.review.active:
            menu.addSeparator()
            menu.addAction(w.review.reject)
        return menu

    def _suggestion_menu(self) -> QMenu:
        w = self.window
        a = w.shortcuts
        mark = w.suggestions.selected()
        menu = self._item_menu(self.tr("Suggestion: %1 · %2"), mark.label, mark.text)
        menu.addAction(a.accept_suggestion)
        self._labels(menu, self.tr("Accept as"))
        menu.addActions([a.reject_suggestion, a.accept_all_suggestions])
        menu.addSeparator()
        self._steps(menu)
        return menu

    def _candidate_menu(self) -> QMenu:
        w = self.window
        review = w.review
        candidate = review.selected_candidate()
        menu = self._item_menu(self.tr("Candidate: %1 · %2"), candidate.label, candidate.text)
        menu.addActions([review.accept, review.reject, w.notes.edit])
        self._steps(menu)
        menu.addSeparator()
        menu.addMenu(w.review_returns.menu)
        return menu

    def _document_menu(self) -> QMenu:
        w = self.window
        a = w.shortcuts
        menu = self._menu(self.tr("Document: %1").replace("%1", _short(w.document.title)) if w.document
                          else self.tr("No document"))
        menu.addAction(w.notes.edit)
        if w.review.active:
            menu.addAction(w.review.adjudicate)
            menu.addMenu(w.review_returns.menu)
        else:
            menu.addActions([a.mark_done, a.skip, a.flag])
        return menu
