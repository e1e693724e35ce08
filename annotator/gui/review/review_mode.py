"""Review mode: the workbench as INCEpTION's curation page, simpler.

In review mode the window works on the gold layer (the usual keys edit gold
directly), every annotator's spans are drawn as candidates coloured by state,
and the side panel lists them. A ready document's agreed spans are merged
into gold when it is first opened in a session (one undo step). A click on a
candidate in the text accepts it; A or Enter accepts the selected one, X
rejects it, Ctrl+Enter marks the document adjudicated and opens the next
ready one. Every decision is an undo command around a core operation.

The window calls nothing here: this controller listens to its signals
(``documentOpened``, ``changeApplied``) and the view's clicks.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from annotator.core.operations import Change
from annotator.core.records import GOLD
from annotator.core.review.merged_view import ACCEPTED, ADJUDICATED, READY, REVIEW_STATES, Candidate, ready_documents
from annotator.core.team.notes import flag_comments
from annotator.core.team.notes import candidate_notes
from annotator.gui.review.adjudicator import Adjudicator
from annotator.gui.dashboard.agreement_dialog import AgreementDialog
from annotator.gui.text.overlays import Overlay
from annotator.gui.dashboard.project_worker import ProjectWorker
from annotator.gui.review.review_model import FLAG_MARK, RETURN_MARKS, CandidateModel, ReviewColumns
from annotator.gui.review.review_panel import ReviewPanel
from annotator.gui.documents.document_model import SPANS, STATUS
from annotator.gui.review.review_styles import CANDIDATE_STYLES, document_state_name, overlay_name

OWN_LAYER = "annotations"
REVIEW_PANEL_WIDTH, NORMAL_PANEL_WIDTH = 440, 330


class ReviewMode(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.active = False
        self._annotator_before = window.annotator
        self.model = CandidateModel(self.project.schema, self)
        self.panel = ReviewPanel(self.model)
        self.panel.hide()
        window.spans.parentWidget().insertWidget(2, self.panel)  # beside the span list, in the right splitter
        self.adjudicator = Adjudicator(self.project, window.stack, self)
        self.worker = ProjectWorker(self.project, self)
        self.columns = ReviewColumns()
        self._loading = 0  # generation of the review-state job whose result is wanted
        self._changed_while_loading: set[int] = set()
        self._merged: set[int] = set()  # documents auto-merged (or left alone) in this session
        self.status_label = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.status_label.hide()
        window.statusBar().addPermanentWidget(self.status_label)
        self.agreement_dialog: AgreementDialog | None = None
        self._list_widths: tuple[int, int] | None = None
        self._make_actions()
        self._connect()
        self.retranslate()
        window.installEventFilter(self)
        # A package holds one annotator's work; review happens in the project that made it (the core
        # refuses gold and returns there too: team.package_guard).
        self.available = self.project.package is None
        self.menu.menuAction().setVisible(self.available)
        self.toggle.setEnabled(self.available)
        self.agreement.setEnabled(self.available)

    @property
    def own_annotator(self) -> str:
        """Whose layer the window works on outside review mode."""
        return self._annotator_before if self.active else self.window.annotator

    # -- actions and menu -----------------------------------------------------------

    def _action(self, *keys: str, widget=None) -> QAction:
        action = QAction(self.window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        if widget is None:
            self.window.addAction(action)
        else:  # a key that means something else elsewhere (Enter in the search box)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            widget.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.toggle = self._action("Ctrl+R")
        self.toggle.setCheckable(True)
        self.accept = self._action("A")
        self.accept_in_text = self._action("Return", "Enter", widget=self.window.view)
        self.reject = self._action("X")
        self.merge = self._action("Ctrl+M")
        self.adjudicate = self._action("Ctrl+Return", "Ctrl+Enter")
        self.agreement = self._action("Ctrl+Shift+A")
        self.decisions = (self.accept, self.accept_in_text, self.reject, self.merge, self.adjudicate)
        for action in self.decisions:
            action.setEnabled(False)
        bar = self.window.menuBar()
        self.menu = bar.addMenu("")
        bar.insertMenu(self.window.shortcuts.view_menu.menuAction(), self.menu)
        self.menu.addAction(self.toggle)
        self.menu.addSeparator()
        self.menu.addActions([self.accept, self.reject, self.merge, self.adjudicate])
        self.menu.addSeparator()
        self.menu.addAction(self.agreement)

    def _connect(self) -> None:
        w = self.window
        w.documentOpened.connect(self._document_opened)
        w.changeApplied.connect(self._change_applied)
        w.view.spanClicked.connect(self._span_clicked)
        w.view.emptyClicked.connect(lambda: self.panel.select_row(None) if self.active else None)
        self.adjudicator.changed.connect(w.apply_change)
        self.adjudicator.failed.connect(w.show_message)
        self.adjudicator.replayed.connect(w.show_message)
        self.toggle.toggled.connect(self.set_active)
        self.accept.triggered.connect(lambda: self.accept_selected())
        self.accept_in_text.triggered.connect(lambda: self.accept_selected())
        self.reject.triggered.connect(self.reject_selected)
        self.merge.triggered.connect(self.merge_agreed)
        self.adjudicate.triggered.connect(self.adjudicate_and_next)
        self.agreement.triggered.connect(self.show_agreement)
        p = self.panel
        p.candidateSelected.connect(lambda row: self.select_row(row, scroll=True))
        p.candidateActivated.connect(lambda row: self.accept_row(row))
        p.acceptRequested.connect(lambda: self.accept_selected())
        p.rejectRequested.connect(self.reject_selected)
        p.adjudicateRequested.connect(self.adjudicate_and_next)
        p.acceptAllRequested.connect(self.accept_all)

    # -- entering and leaving ---------------------------------------------------------

    def set_active(self, active: bool, open_ready: bool = False) -> None:
        """Switch review mode; with ``open_ready`` also open the first document ready for review."""
        if active == self.active:
            return
        if active and not self.available:
            self.toggle.setChecked(False)
            self.window.show_message(self.tr("This is %1's package: review happens in the project that made it")
                                     .replace("%1", self.project.package.annotator))
            return
        w = self.window
        self.active = active
        self.toggle.setChecked(active)
        for action in self.decisions:
            action.setEnabled(active)
        w.shortcuts.mark_done.setEnabled(not active)  # Ctrl+Enter adjudicates instead
        w.shortcuts.switch_annotator.setEnabled(not active)
        # A, X and Enter decide on candidates here: suggestions step aside while reviewing.
        for action in [*w.shortcuts.suggestion_actions, w.shortcuts.show_suggestions]:
            action.setEnabled(not active)
        w.suggestions.set_visible(not active and w.shortcuts.show_suggestions.isChecked(), remember=False)
        self._arrange(active)
        self.status_label.setVisible(active)
        w.annotator_status.setVisible(not active)
        w.progress_status.setVisible(not active)
        if active:
            self._annotator_before = w.annotator
            self._load_states()
            w.documents.model.set_review(self.columns)
            w.set_annotator(GOLD)
            first_ready = self._next_ready(None) if open_ready else None
            if first_ready is not None:
                w.open_document(first_ready)
        else:
            self._loading += 1  # a late result is not wanted any more
            w.documents.model.set_review(None)
            for state in CANDIDATE_STYLES:
                w.view.remove_overlay(overlay_name(state))
            self.model.reset([])
            w.set_annotator(self._annotator_before)
        self._show_status()

    def reload(self) -> None:
        """The database was replaced: count every document's review state again."""
        if self.active:
            self._load_states()

    def _arrange(self, active: bool) -> None:
        """Review mode needs room on the right for the candidates, and wider review columns in the list."""
        w = self.window
        self.panel.setVisible(active)
        w.spans.setVisible(not active)  # the candidate table lists gold spans too
        for guideline in w.palette_panel.guidelines.values():
            guideline.setVisible(not active)  # label keys still work; their buttons stay
        right = w.spans.parentWidget()
        right.setStretchFactor(2, 1)
        w.palette_panel.layout().activate()  # its size without (or with) the guidelines
        palette_height = w.palette_panel.sizeHint().height()
        right.setSizes([palette_height, 0 if active else 400, 400 if active else 0])
        columns = right.parentWidget()
        sizes = columns.sizes()
        wanted = REVIEW_PANEL_WIDTH if active else NORMAL_PANEL_WIDTH
        total = max(sum(sizes), 1280)  # before the window is first shown, sizes are not laid out yet
        left = sizes[0] if w.isVisible() else 350  # before the first show the splitter is laid out at 640 px
        columns.setSizes([left, total - left - wanted, wanted])
        header = w.documents.table.horizontalHeader()
        metrics = w.documents.fontMetrics()
        if active:
            self._list_widths = (header.sectionSize(STATUS), header.sectionSize(SPANS))
            widest = max(metrics.horizontalAdvance(document_state_name(s) + RETURN_MARKS[1] + FLAG_MARK)
                         for s in REVIEW_STATES)
            header.resizeSection(STATUS, widest + 14)
            header.resizeSection(SPANS, max(self._list_widths[1], metrics.horizontalAdvance(
                ReviewColumns.headers()[1]) + 14))
        elif self._list_widths is not None:
            header.resizeSection(STATUS, self._list_widths[0])
            header.resizeSection(SPANS, self._list_widths[1])

    def _load_states(self) -> None:
        """Every document's review state, computed on the worker thread; the list shows … until then."""
        self._loading += 1
        generation = self._loading
        self.columns = ReviewColumns()
        self._changed_while_loading = set()
        self.worker.run(lambda project: (project.review_states(), project.returns(), flag_comments(project)),
                        lambda loaded: self._states_loaded(generation, *loaded), self.window.show_message)

    def _states_loaded(self, generation: int, states, returns=(), flagged=()) -> None:
        if generation != self._loading or not self.active:
            return
        self.columns.set_all(states)
        self.columns.set_returns(returns)
        self.columns.set_flags(flagged)
        self.columns.update(self.project.review_state(d) for d in self._changed_while_loading)
        self.window.documents.model.review_changed(states)
        self._show_status()

    # -- the open document ---------------------------------------------------------------

    def _document_opened(self, doc_id: int) -> None:
        if not self.active:
            return
        self._refresh(doc_id)
        if doc_id not in self._merged and self.columns.state_of(doc_id, self.project) == READY:
            self._merged.add(doc_id)  # once a session: undoing the merge is not undone by reopening
            change = self.adjudicator.auto_merge(doc_id)
            if change is not None:
                self.window.show_message(self.tr("%n span(s) merged automatically (Ctrl+Z undoes)", "",
                                                 len(change.added)))
        self._select_first_undecided()

    def _refresh(self, doc_id: int) -> None:
        """Candidates, overlays, panel and list row of the open document, from the database."""
        review = self.project.review_state(doc_id)
        self.model.reset(self.project.review_candidates(doc_id), candidate_notes(self.project, doc_id),
                         lone=len(review.annotators) == 1)
        self._show_marks()
        self.columns.update([review])
        self.window.documents.model.review_changed([doc_id])
        self.panel.show_review(review)

    def _show_marks(self) -> None:
        """The candidates not in gold as overlays of the text, one per state."""
        marks = self.model.marks()
        for state, style in CANDIDATE_STYLES.items():
            self.window.view.set_overlay(Overlay(overlay_name(state), [m for m in marks if m.candidate.state == state],
                                                 style))

    def _change_applied(self, change: Change) -> None:
        if not self.active:
            return
        if self.columns.reviews is None:
            self._changed_while_loading |= change.doc_ids
        else:
            others = change.doc_ids - {self.window.document.id if self.window.document else None}
            self.columns.update(self.project.review_state(d) for d in others)
            self.window.documents.model.review_changed(others)
        document = self.window.document
        if document is not None and document.id in change.doc_ids:
            key = self._selected_key()
            self._refresh(document.id)
            gold = self.window.selected_span()
            if gold is not None:
                self.panel.select_row(self.model.row_of_gold(gold.id))
            elif key is not None and self.model.row_of_key(key) is not None:
                self.select_row(self.model.row_of_key(key))
        self._show_status()

    def changed_elsewhere(self, doc_ids: set[int]) -> None:
        """Others changed these documents (a shared server): their review states, and the open one's candidates."""
        if not self.active:
            return
        if self.columns.reviews is None:
            self._changed_while_loading |= doc_ids
        else:
            self.columns.update(self.project.review_state(d) for d in doc_ids if self.project.store.document(d))
            self.window.documents.model.review_changed(doc_ids)
        document = self.window.document
        if document is not None and document.id in doc_ids:
            self._refresh(document.id)
        self._show_status()

    # -- selecting candidates ---------------------------------------------------------------

    def _selected_key(self) -> tuple[int, int, str] | None:
        candidate = self.selected_candidate()
        return (candidate.start, candidate.end, candidate.label) if candidate else None

    def selected_candidate(self) -> Candidate | None:
        row = self.panel.current_row()
        return self.model.candidate_at(row) if row is not None else None

    def select_row(self, row: int | None, scroll: bool = False) -> None:
        """Show a candidate as selected: its gold span when accepted, else the candidate itself."""
        candidate = self.model.candidate_at(row) if row is not None else None
        self.panel.select_row(row if candidate else None)
        if candidate is None:
            return
        if candidate.state == ACCEPTED:
            self.window.select_span(candidate.gold_span_id)
        else:
            self.window.select_span(None)
            self.window.view.set_selected_span(overlay_name(candidate.state), row)
        if scroll:
            self.window.view.scroll_to_offset(candidate.start)

    def _select_first_undecided(self) -> None:
        row = self.model.next_undecided(-1) if self.model.rowCount() else None
        self.select_row(row, scroll=row is not None)

    def _span_clicked(self, overlay: str, span_id: int) -> None:
        if not self.active:
            return
        if overlay == OWN_LAYER:
            self.panel.select_row(self.model.row_of_gold(span_id))
        elif overlay.startswith("review:"):
            self.accept_row(span_id, advance=False)  # a click on a candidate accepts it, as in INCEpTION

    # -- decisions ------------------------------------------------------------------------------

    def _decide(self, decision, advance: bool) -> None:
        """Run ``decision(doc_id, candidate)`` on the selected candidate, then select the next undecided."""
        candidate = self.selected_candidate()
        if candidate is None or self.window.document is None:
            self.window.show_message(self.tr("Select a candidate first (click a row, or use the arrow keys)"))
            return
        if decision(self.window.document.id, candidate) is not None and advance:
            decided = self.model.row_of_key((candidate.start, candidate.end, candidate.label))
            following = self.model.next_undecided(decided if decided is not None else -1)
            if following is not None:
                self.select_row(following, scroll=True)

    def accept_row(self, row: int, advance: bool = True) -> None:
        self.select_row(row)
        self.accept_selected(advance)

    def accept_selected(self, advance: bool = True) -> None:
        candidate = self.selected_candidate()
        if candidate is not None and candidate.state == ACCEPTED:
            self.window.show_message(self.tr("Already in gold"))
            return
        self._decide(self.adjudicator.accept, advance)

    def reject_selected(self) -> None:
        self._decide(self.adjudicator.reject, advance=True)

    def accept_all(self, annotator: str) -> None:
        if self.window.document is not None:
            change = self.adjudicator.accept_annotator(self.window.document.id, annotator)
            if change is None:
                self.window.show_message(self.tr("Every span of %1 is in gold already").replace("%1", annotator))

    def merge_agreed(self) -> None:
        if self.window.document is None:
            return
        change = self.adjudicator.auto_merge(self.window.document.id)
        added = len(change.added) if change is not None else 0
        self.window.show_message(self.tr("%n span(s) merged automatically (Ctrl+Z undoes)", "", added))

    def adjudicate_and_next(self) -> None:
        document = self.window.document
        if document is None:
            return
        self.adjudicator.mark_adjudicated(document.id)
        following = self._next_ready(document.id)
        if following is None:
            self.window.show_message(self.tr("No more documents ready for review"))
        else:
            self.window.open_document(following)

    def _next_ready(self, after: int | None) -> int | None:
        """The next ready document in the list after ``after`` (or the first), wrapping around."""
        listed = self.window.documents.model
        ready = [d for d in ready_documents(self.project) if listed.row_of(d) is not None and d != after]
        if not ready:
            return None
        return next((d for d in ready if after is None or d > after), ready[0])

    # -- agreement ------------------------------------------------------------------------------

    def show_agreement(self) -> None:
        if self.agreement_dialog is None:
            self.agreement_dialog = AgreementDialog(self.project, self.worker, self.window)
            self.agreement_dialog.documentChosen.connect(self.window.open_document)
            self.window.training.watch(self.agreement_dialog.model_panel)
        self.agreement_dialog.show()
        self.agreement_dialog.raise_()
        self.agreement_dialog.refresh()

    # -- status and language ----------------------------------------------------------------

    def _show_status(self) -> None:
        if not self.active:
            return
        reviews = self.columns.reviews
        if reviews is None:
            self.status_label.setText(self.tr("Review mode · counting…"))
            return
        adjudicated, ready = self.columns.counts[ADJUDICATED], self.columns.counts[READY]
        self.status_label.setText(self.tr("Review mode · %1 ready · %2/%3 adjudicated")
                                  .replace("%1", str(ready)).replace("%2", str(adjudicated))
                                  .replace("%3", str(len(reviews))))
        self.status_label.setToolTip(self.tr("You are editing the gold layer; annotators' layers stay as they are"))

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Review"))
        self.toggle.setText(self.tr("Review mode"))
        self.accept.setText(self.tr("Accept candidate into gold"))
        self.accept_in_text.setText(self.accept.text())
        self.reject.setText(self.tr("Reject candidate"))
        self.merge.setText(self.tr("Merge agreed spans"))
        self.adjudicate.setText(self.tr("Mark adjudicated and open the next ready"))
        self.agreement.setText(self.tr("Agreement…"))
        self._show_status()
        if self.active:
            self._show_marks()  # the candidates' tooltips, in the new language

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
