"""Suggestions in the workbench: their own overlay, one key from being spans.

The controller asks the worker for the open document's suggestions for the
current annotator and draws them as the ``suggestions`` overlay (pale fill,
dashed outline, no tag: never mistaken for annotations). Its keys become
undoable editor commands: accept the suggestion that is selected, under the
cursor or next after it; accept all (one undo step); reject (remembered for
this annotator and document); step to the next or previous one. After every
change the drawn list at once drops what the annotator's own spans now cover
and what was rejected; a fresh list (with what was just learned) follows from
the worker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Callable, Mapping, NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from annotator.core.operations import Change
from annotator.core.records import Document
from annotator.core.suggest import Suggestion
from annotator.gui.window import settings
from annotator.gui.text.overlays import MODEL_SUGGESTIONS, SUGGESTIONS, Overlay, OverlayStyle
from annotator.gui.text.remote_suggestions import RemoteStatus
from annotator.gui.jobs.request_worker import run_until
from annotator.gui.text.span_model import format_attributes
from annotator.gui.text.suggestion_worker import SuggestionWorker
from annotator.gui.window.translation import language

OVERLAY = "suggestions"
MODEL = "model"
REMOTE = "remote"
REFRESH_DELAY_MS = 120  # a burst of changes (keys held, undo pressed repeatedly) asks once


class SuggestionMark(NamedTuple):
    """A suggestion as the document view draws it: the view wants an id, span fields and a tooltip."""

    id: int  # its index in the worker's answer: stable until the next answer
    start: int
    end: int
    label: str
    text: str
    attrs: Mapping[str, Any]
    suggestion: Suggestion
    describe: Callable[[Suggestion], str]

    @property
    def tooltip(self) -> str:
        return self.describe(self.suggestion)

    @property
    def style(self) -> OverlayStyle | None:
        """The model's and the remote service's own suggestions are drawn apart from the rules' (dotted)."""
        return MODEL_SUGGESTIONS if self.suggestion.source in (MODEL, REMOTE) else None

    @property
    def key(self) -> tuple[int, int, str]:
        return self.start, self.end, self.label


class SuggestionController(QObject):
    message = Signal(str)
    answered = Signal()  # the answer to the latest request is drawn (or failed)
    suggestionSelected = Signal()  # the window deselects its own span

    def __init__(self, project, view, editor, parent=None):
        super().__init__(parent)
        self.project = project
        self.view = view
        self.editor = editor
        self.worker = SuggestionWorker(project, self)
        self.worker.computed.connect(self._computed)
        self.worker.failed.connect(self._failed)
        self.count_label = QLabel()
        self.document: Document | None = None
        self.visible = settings.show_suggestions()
        self._marks: list[SuggestionMark] = []  # drawn, in text order
        self._by_id: dict[int, SuggestionMark] = {}
        self._starts: list[int] = []
        self._answered = 0
        self._loading = False  # no answer yet for the open document
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh.timeout.connect(self._request)
        remote = project.suggester.remote
        self.remote = RemoteStatus(self, remote, self) if remote is not None else None

    # -- state -----------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True when the drawn suggestions answer the latest request and none is due."""
        return self._answered == self.worker.latest and not self._refresh.isActive()

    def marks(self) -> list[SuggestionMark]:
        return list(self._marks)

    def selected(self) -> SuggestionMark | None:
        chosen = self.view.selected_span()
        return self._by_id.get(chosen[1]) if chosen is not None and chosen[0] == OVERLAY else None

    # -- computing and drawing -------------------------------------------------------------

    def show_document(self, document: Document | None) -> None:
        """A document was opened (the view has dropped every overlay): ask for its suggestions."""
        self.document = document
        self._loading = True
        self._set_marks([])
        self._request()
        self._update_count()
        if self.remote is not None:
            self.remote.document_opened(document)

    def set_visible(self, visible: bool, remember: bool = True) -> None:
        self.visible = visible
        if remember:
            settings.save_show_suggestions(visible)
        if self.selected() is not None:
            self.view.set_selected_span(None)
        self._set_marks([])
        self._loading = visible
        self.view.remove_overlay(OVERLAY)
        self._request()
        self._update_count()
        if self.remote is not None:
            self.remote.document_opened(self.document)

    def apply_change(self, change: Change) -> None:
        """Drop at once what the change covered with the annotator's spans or rejected, then ask for
        a fresh list (what was just labelled is learned; what was undone comes back)."""
        if self.document is None:
            return
        doc_id, annotator = self.document.id, self.editor.annotator
        spans = change.added + [after for _, after in change.updated]
        gone = {m.id: m for s in spans if s.doc_id == doc_id and s.annotator == annotator
                for m in self._overlapping(s.start, s.end)}
        gone.update({m.id: m for r in change.rejected if r.doc_id == doc_id and r.layer == annotator
                     for m in self._overlapping(r.start, r.end) if m.key == (r.start, r.end, r.label)})
        if gone:
            if self.selected() is not None and self.selected().id in gone:
                self.view.set_selected_span(None)
            # Only the dropped marks are touched (binary search; suggestions never overlap each other):
            # no pass over thousands of suggestions, no new layout, per keypress.
            for mark in gone.values():
                i = bisect_left(self._starts, mark.start)
                del self._marks[i], self._starts[i]
                del self._by_id[mark.id]
            if not self.view.update_overlay(OVERLAY, list(gone.values()), []):
                self.view.filter_overlay(OVERLAY, lambda mark: mark.id not in gone)
        self._refresh.start()
        self._update_count()

    def refresh(self) -> None:
        """Ask again (a new model was trained): the drawn list stays until the answer comes."""
        self._request()

    def _request(self) -> None:
        self._refresh.stop()
        if self.document is None or not self.visible:
            self._answered = self.worker.latest
            return
        self.worker.request(self.document.id, self.editor.annotator)

    def _computed(self, number: int, doc_id: int, suggestions: list[Suggestion]) -> None:
        if number != self.worker.latest or self.document is None or doc_id != self.document.id:
            return  # a newer request is on its way
        if not self.visible:
            return  # hidden (review mode, say) while this answer was on its way
        self._answered = number
        self._loading = False
        if [(m.suggestion, m.attrs) for m in self._marks] != [(s, s.attrs) for s in suggestions]:
            was = self.selected()
            self._set_marks(suggestions)
            self.view.set_overlay(Overlay(OVERLAY, self._marks, SUGGESTIONS))
            if was is not None:
                still = next((m for m in self._marks if m.key == was.key), None)
                self.view.set_selected_span(OVERLAY if still else None, still.id if still else None)
        self._update_count()
        self.answered.emit()

    def _failed(self, number: int, message: str) -> None:
        if number == self.worker.latest:
            self._answered = number
            self._loading = False
            self._update_count()
            self.answered.emit()
        self.message.emit(self.tr("No suggestions: %1").replace("%1", message))

    def _set_marks(self, suggestions: list[Suggestion]) -> None:
        self._keep([SuggestionMark(i, s.start, s.end, s.label, s.text, s.attrs, s, self._tooltip)
                    for i, s in enumerate(suggestions)])

    def _keep(self, marks: list[SuggestionMark]) -> None:
        self._marks = marks
        self._by_id = {m.id: m for m in marks}
        self._starts = [m.start for m in marks]

    def _overlapping(self, start: int, end: int) -> list[SuggestionMark]:
        """Drawn suggestions overlapping [start, end): they never overlap each other, so a binary search finds them."""
        found = []
        index = bisect_left(self._starts, end) - 1
        while index >= 0 and self._marks[index].end > start:
            found.append(self._marks[index])
            index -= 1
        return found

    def _update_count(self) -> None:
        self.count_label.setVisible(self.visible and self.document is not None)
        shown = "…" if self._loading else str(len(self._marks))
        self.count_label.setText(self.tr("Suggestions: %1").replace("%1", shown))
        self.count_label.setToolTip(self.tr("Suggestions in this document: A accepts, Shift+A accepts all, "
                                            "X rejects, Tab goes to the next"))

    def retranslate(self) -> None:
        self._update_count()  # tooltips are written when shown
        if self.remote is not None:
            self.remote.retranslate()

    # -- describing ---------------------------------------------------------------------

    def source_name(self, source: str) -> str:
        names = {
            "amount": self.tr("amount pattern"), "gazetteer": self.tr("gazetteer"), "lexicon": self.tr("lexicon"),
            "agency-pattern": self.tr("agency pattern"), "program-pattern": self.tr("programme pattern"),
            "learned": self.tr("labelled before"), MODEL: self.tr("model"), REMOTE: self.tr("remote service"),
        }
        return names.get(source, source)

    def confidence_text(self, suggestion: Suggestion) -> str:
        """The model's confidence, when it proposed the suggestion (alone or with a rule)."""
        if suggestion.confidence is None:
            return ""
        percent = f"{suggestion.confidence * 100:.0f}%"
        if suggestion.source == MODEL:
            return self.tr("Model confidence: %1").replace("%1", percent)
        if suggestion.source == REMOTE:
            return self.tr("Remote service's confidence: %1").replace("%1", percent)
        if suggestion.confidence_from == REMOTE:
            return self.tr("The remote service agrees (confidence %1)").replace("%1", percent)
        return self.tr("The model agrees (confidence %1)").replace("%1", percent)

    def _label_name(self, label: str) -> str:
        found = self.project.schema.label(label)
        return found.display(language()) if found else label

    def _tooltip(self, suggestion: Suggestion) -> str:
        lines = [self.tr("Suggestion: %1 (%2)").replace("%1", self._label_name(suggestion.label))
                 .replace("%2", self.source_name(suggestion.source)), suggestion.text]
        attributes = format_attributes(suggestion.attrs, suggestion.text)
        if attributes:
            lines.append(attributes)
        if suggestion.confidence is not None:
            lines.append(self.confidence_text(suggestion))
        lines.append(self.tr("A accept · X reject · Tab next"))
        return "\n".join(lines)

    def _summary(self, mark: SuggestionMark) -> str:
        parts = [self.tr("Suggestion: %1 (%2)").replace("%1", mark.label).replace("%2", self.source_name(
            mark.suggestion.source)), mark.text, format_attributes(mark.attrs, mark.text),
            self.confidence_text(mark.suggestion)]
        return "  ".join(p for p in parts if p) + "  —  " + self.tr("A accept · X reject · Tab next")

    # -- choosing ------------------------------------------------------------------------

    def select(self, mark_id: int) -> None:
        """Make a suggestion the selection (a click, Tab): the caret moves to it and it comes into view."""
        mark = self._by_id.get(mark_id)
        if mark is None:
            return
        self.suggestionSelected.emit()
        cursor = self.view.textCursor()
        cursor.setPosition(self.view.offsets.to_qt(mark.start))
        self.view.setTextCursor(cursor)
        self.view.set_selected_span(OVERLAY, mark.id)
        self.view.scroll_to_offset(mark.start)
        self.message.emit(self._summary(mark))

    def _caret(self) -> int:
        return self.view.offsets.from_qt(self.view.textCursor().position())

    def target(self) -> SuggestionMark | None:
        """The selected suggestion; else the one the text selection touches or the caret is in;
        else the next one after the caret."""
        chosen = self.selected()
        if chosen is not None:
            return chosen
        selection = self.view.selection_range()
        if selection is not None:
            return min(self._overlapping(*selection), key=lambda m: m.start, default=None)
        caret = self._caret()
        before = bisect_right(self._starts, caret) - 1
        if before >= 0 and self._marks[before].end >= caret:
            return self._marks[before]  # the caret is in it or right after it
        return self._marks[before + 1] if before + 1 < len(self._marks) else None

    def step(self, direction: int) -> None:
        """Select the next (1) or previous (-1) suggestion, going round at the ends."""
        if not self._marks:
            self.message.emit(self.tr("No suggestions in this document"))
            return
        chosen = self.selected()
        if chosen is not None:
            index = self._marks.index(chosen) + direction
        else:
            caret = self._caret()
            index = bisect_left(self._starts, caret) - (0 if direction > 0 else 1)
        self.select(self._marks[index % len(self._marks)].id)

    # -- acting ----------------------------------------------------------------------------

    def _actionable(self) -> SuggestionMark | None:
        if self.document is None or not self.visible:
            return None
        mark = self.target()
        if mark is None:
            self.message.emit(self.tr("No suggestion here or after the cursor") if self.ready
                              else self.tr("Suggestions are still being computed"))
        return mark

    def accept(self, label: str | None = None) -> None:
        """Store the target suggestion as a span; with ``label``, under that label (without the
        attributes its recogniser set for the suggested label)."""
        mark = self._actionable()
        if mark is not None:
            self.editor.accept_suggestions(self.document, [mark.suggestion], label)

    def accept_all(self) -> None:
        if self.document is None or not self.visible:
            return
        if not self._marks:
            self.message.emit(self.tr("No suggestions in this document"))
            return
        suggestions = [m.suggestion for m in self._marks]
        self.editor.accept_suggestions(self.document, suggestions)
        self.message.emit(self.tr("Accepted %1 suggestions (Ctrl+Z undoes them together)")
                          .replace("%1", str(len(suggestions))))

    def reject(self) -> None:
        """Reject the target suggestion and select the one after it, so X X X walks through a run."""
        mark = self._actionable()
        if mark is None:
            return
        position = self._marks.index(mark)
        following = self._marks[position + 1] if position + 1 < len(self._marks) else None
        self.editor.reject_suggestions(self.document, [mark.suggestion])
        if self.selected() is None and following is not None:
            self.select(following.id)

    def stop(self) -> None:
        """The window closes: nothing more is asked, and the worker thread ends."""
        self._refresh.stop()
        self.document = None
        self.worker.stop()
        if self.remote is not None:
            self.remote.stop()

    def wait_until_ready(self, seconds: float = 5.0) -> bool:
        """Run the event loop until the latest answer is drawn (``--screenshot``, benchmarks)."""
        return run_until(lambda: self.ready, self.answered, seconds)


def attach(window) -> SuggestionController:
    """The suggestions of a workbench window: keys, the View menu's toggle, the count in the status bar."""
    a = window.shortcuts
    controller = SuggestionController(window.project, window.view, window.editor, window)
    window.statusBar().insertPermanentWidget(0, controller.count_label)
    for action in a.text_actions:
        window.view.addAction(action)
    a.accept_suggestion.triggered.connect(lambda: controller.accept())
    a.accept_suggestion_in_text.triggered.connect(lambda: controller.accept())
    a.accept_all_suggestions.triggered.connect(controller.accept_all)
    a.reject_suggestion.triggered.connect(controller.reject)
    a.next_suggestion.triggered.connect(lambda: controller.step(1))
    a.previous_suggestion.triggered.connect(lambda: controller.step(-1))
    a.set_suggestions_shown(controller.visible)
    a.show_suggestions.toggled.connect(lambda shown: (controller.set_visible(shown), a.set_suggestions_shown(shown)))
    controller.message.connect(window.show_message)
    if controller.remote is not None:
        window.statusBar().insertPermanentWidget(1, controller.remote.label)
        controller.remote.message.connect(window.show_message)
    controller.suggestionSelected.connect(lambda: (window.spans.select_span(None), a.set_span_selected(False)))
    return controller
