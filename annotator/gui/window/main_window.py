"""The workbench window: creates the panels, connects their signals, owns the undo stack.

Left: the document list. Centre: title, metadata and the text with spans.
Right: the label palette and the span list. Every change runs through the
editor (undoable core operations) and comes back as a ``Change``, from which
the panels update what changed and nothing else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from annotator.core.operations import Change
from annotator.core.project import Project
from annotator.core.records import Document
from annotator.core.team.assignment import next_unfinished_document
from annotator.core.team.names import canonical_annotator
from annotator.core.store.worklist import WorklistStore
from annotator.gui.window import dialogs
from annotator.gui.documents import empty_state
from annotator.gui.text import find_bar
from annotator.gui.window import fonts
from annotator.gui.window import server_watch
from annotator.gui.window import settings
from annotator.gui.window.actions import WorkbenchActions
from annotator.gui.window.activity_tracker import ActivityTracker
from annotator.gui.window.context_menu import TextMenu
from annotator.gui.window.database_watch import DatabaseWatch
from annotator.gui.text.document_header import DocumentHeader
from annotator.gui.documents.document_list import DocumentList
from annotator.gui.documents.document_model import DocumentModel
from annotator.gui.documents.document_search import DocumentSearch
from annotator.gui.text.document_view import DocumentView, LabelLook
from annotator.gui.window.editor import Editor
from annotator.gui.jobs.export_dialog import ExportDialog
from annotator.gui.review.flags import ReviewFlags
from annotator.gui.review.gold_comparison import GoldComparisonView
from annotator.gui.jobs.import_dialog import ImportDialog
from annotator.gui.text.label_palette import LabelPalette
from annotator.gui.text.label_steps import LabelSteps
from annotator.gui.documents.next_document import attach as attach_next_document
from annotator.gui.text.note_editor import NoteEditor
from annotator.gui.text.overlays import ANNOTATIONS, Overlay
from annotator.gui.review.returns import attach as attach_returns
from annotator.gui.window.project_menu import ProjectMenu
from annotator.gui.review.review_mode import ReviewMode
from annotator.gui.window.shortcut_sheet import ShortcutSheet
from annotator.gui.text.span_list import SpanList
from annotator.gui.text.span_model import SpanModel
from annotator.gui.text.suggestions import OVERLAY as SUGGESTIONS
from annotator.gui.text.suggestions import attach as attach_suggestions
from annotator.gui.jobs.training_job import attach as attach_training
from annotator.gui.window.translation import language, set_language
from annotator.gui.text.zoom import Zoom

MESSAGE_MS = 8000
OWN_LAYER = "annotations"


class MainWindow(QMainWindow):
    documentOpened = Signal(int)
    changeApplied = Signal(object)  # a core Change, after the panels took it in
    changedElsewhere = Signal(object)  # ids others changed, after the panels took them in (None: any)

    def __init__(self, project: Project, annotator: str, start_at_first: bool = False, review: bool = False,
                 offline=None):
        """Opens the first unfinished document, or the first of the list with ``start_at_first``;
        ``review`` starts in review mode at the first document ready for review. ``offline``: the
        ``OfflineCopy`` of a server project started without the server (``project`` is on it)."""
        super().__init__()
        self.project = project
        self.annotator = annotator
        self.document: Document | None = None
        self.server: server_watch.ServerWatch | None = None  # set once the window is ready (a server project)
        self.worklist = WorklistStore(project.store)
        self.stack = QUndoStack(self)
        self.editor = Editor(project, annotator, self.stack, self)
        self.shortcuts = WorkbenchActions(self, project.schema, self.stack)

        self.documents = DocumentList(DocumentModel(self.worklist, annotator, self), project.schema,
                                      DocumentSearch(project, self))
        self.header = DocumentHeader()
        self.view = DocumentView()
        families = fonts.hangul_families()
        self.view.setFont(fonts.reading_font(families, self.view.font()))
        self.font_banner = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.font_banner.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 8px;")
        self.font_banner.setVisible(fonts.missing_font_message(families) is not None)
        self._font_families = families
        self.palette_panel = LabelPalette(project.schema)
        self.spans = SpanList(SpanModel(project.schema, self))
        self.annotator_status = QLabel()
        self.progress_status = QLabel()
        self._progress = (0, 0)
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self._layout()
        self.review = ReviewMode(self)
        self._connect()
        self.suggestions = attach_suggestions(self)
        self.training = attach_training(self)
        self.next_document = attach_next_document(self)
        self.database = DatabaseWatch(project, self)
        self.database.replaced.connect(self.reload_replaced_database)
        self.database.changed_elsewhere.connect(self.show_commits_from_elsewhere)
        self._last_document_id = project.store.last_document_id()
        self._open_marker = None  # the open document's ``document_marker`` when others last committed
        self.database.message.connect(self.show_message)
        self.changeApplied.connect(self.database.edited)
        self.notes = NoteEditor(self)  # the team loop: notes, returns (반려), gold beside mine
        self.review_returns, self.annotator_returns = attach_returns(self)
        self.flags = ReviewFlags(self)
        self.text_menu, self.label_steps = TextMenu(self), LabelSteps(self)  # right-click; Alt+PgUp/PgDown
        self.gold_comparison = GoldComparisonView(self)
        self.find_bar = find_bar.attach(self)
        self.zoom = Zoom(self, self.view.font())
        self.project_menu = ProjectMenu(self)
        self.shortcut_sheet = ShortcutSheet(self)
        self.empty_state = empty_state.attach(self)
        self.retranslate()
        self.documents.apply_filter()
        self._update_progress()
        first = self.documents.neighbour(None, 0) if start_at_first else self._first_unfinished()
        if first is not None:
            self.open_document(first)
        if review:
            self.review.set_active(True, open_ready=not start_at_first)
        if offline is None:  # a local copy of a server project is neither watched nor backed up
            self.database.start()  # after the first document: backups go to a worker thread later
        self.server = server_watch.attach(self, offline)  # a project on a server: others' work shows live
        self.view.setFocus()  # the keys the README lists act on the text, not the search box
        self.activity = ActivityTracker(self)

    def _layout(self) -> None:
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.font_banner)
        column.addWidget(self.header)
        column.addWidget(self.view, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.palette_panel)
        right.addWidget(self.spans)
        right.setStretchFactor(1, 1)
        right.setSizes([self.palette_panel.heightForWidth(330) + 10, 400])
        splitter = QSplitter()
        splitter.addWidget(self.documents)
        splitter.addWidget(centre)
        splitter.addWidget(right)
        for column, stretch in enumerate((1, 2, 1)):  # a wider window widens the lists too
            splitter.setStretchFactor(column, stretch)
        splitter.setSizes([350, 600, 330])
        self.setCentralWidget(splitter)
        self.statusBar().addPermanentWidget(self.progress_status)
        self.statusBar().addPermanentWidget(self.annotator_status)

    def _connect(self) -> None:
        a = self.shortcuts
        self.editor.changed.connect(self.apply_change)
        self.editor.failed.connect(self.show_message)
        self.editor.replayed.connect(self.show_message)
        self.documents.documentChosen.connect(self.open_document)
        self.documents.message.connect(self.show_message)
        self.view.selectionReleased.connect(self._snap_selection)
        self.view.selectionChanged.connect(self._text_selection_changed)
        self.view.spanClicked.connect(self._span_clicked)
        self.view.emptyClicked.connect(lambda: self.select_span(None))
        self.spans.spanSelected.connect(lambda span_id: self._jump_to_span(span_id, focus=False))
        self.spans.spanActivated.connect(self._jump_to_span)
        self.palette_panel.labelChosen.connect(self.apply_label)
        for name, action in a.labels.items():
            action.triggered.connect(lambda _checked=False, n=name: self.apply_label(n))
        for (edge, direction, by_character), action in a.edges.items():
            action.triggered.connect(lambda _c=False, e=edge, d=direction, b=by_character: self._move_edge(e, d, b))
        a.delete_span.triggered.connect(self.delete_selected_span)
        a.find.triggered.connect(self.documents.search.setFocus)
        a.mark_done.triggered.connect(lambda: self.finish_document("done"))
        a.skip.triggered.connect(lambda: self.finish_document("skipped"))
        a.flag.triggered.connect(self._flag_document)
        a.previous.triggered.connect(lambda: self._step_document(-1))
        a.next.triggered.connect(lambda: self._step_document(1))
        a.import_files.triggered.connect(lambda: self.show_import_dialog(folder=False))
        a.import_folder.triggered.connect(lambda: self.show_import_dialog(folder=True))
        a.export.triggered.connect(self.show_export_dialog)
        a.switch_annotator.triggered.connect(self._ask_annotator)
        a.quit.triggered.connect(QApplication.closeAllWindows)
        for lang, action in a.languages.items():
            action.triggered.connect(lambda _checked=False, code=lang: self.change_language(code))

    # -- documents -------------------------------------------------------------------

    def _first_unfinished(self) -> int | None:
        found = next_unfinished_document(self.worklist, self.annotator, 0)
        return found if found is not None else self.documents.neighbour(None, 0)

    def open_document(self, doc_id: int) -> None:
        if self.document is not None and self.document.id == doc_id:
            return
        self.document = self.project.document(doc_id)
        self.header.show_document(self.document, self.project.status(doc_id, self.annotator))
        self.view.show_text(self.document.text)
        self.spans.model.reset(doc_id, self.annotator, self.project.spans(doc_id, self.annotator))
        self._refresh_overlay()
        self.suggestions.show_document(self.document)
        self.select_span(None)
        self.documents.show_current(doc_id)
        self.documentOpened.emit(doc_id)

    def _step_document(self, step: int) -> None:
        target = self.documents.neighbour(self.document.id if self.document else None, step)
        if target is None:
            self.show_message(self.tr("No more documents in the list"))
        else:
            self.open_document(target)

    def finish_document(self, status: str, comment: str = "") -> None:
        """Set this annotator's status of the open document (undoable) and open the next one the queue offers."""
        if self.document is None:
            return
        doc_id = self.document.id
        self.editor.set_status(doc_id, status, comment)
        self.next_document.offer(doc_id, self.documents.model.filter)  # the queue's choice (next_document.py)

    def _flag_document(self) -> None:
        if self.document is None:
            return
        comment = dialogs.ask_flag_comment(self, self.project.status(self.document.id, self.annotator).comment)
        if comment is not None:
            self.finish_document("flagged", comment)

    # -- import and export (dialogs that run on worker threads) ----------------------------

    def show_export_dialog(self) -> None:
        if self.export_dialog is None:
            self.export_dialog = ExportDialog(self.project, self)
        elif not self.export_dialog.running():
            self.export_dialog.refresh_layers()
        self.export_dialog.show()
        self.export_dialog.raise_()

    def show_import_dialog(self, folder: bool) -> None:
        """Ask for files (or a folder) first; the dialog then offers the options and runs the import."""
        if self.import_dialog is None:
            self.import_dialog = ImportDialog(self.project, self)
            self.import_dialog.jobFinished.connect(self.reload_documents)
        dialog = self.import_dialog
        if dialog.running() or (dialog.choose_folder() if folder else dialog.choose_files()) or dialog.isVisible():
            dialog.show()
            dialog.raise_()

    def reload_documents(self, report=None) -> None:
        """Documents (and spans) came in on another connection: re-read the list and the progress; the
        open document keeps its place and re-reads its spans only if the import brought some."""
        self.empty_state.refresh()
        self.documents.apply_filter()
        self._update_progress()
        if self.document is None:
            first = self._first_unfinished()
            if first is not None:
                self.open_document(first)
        elif getattr(report, "spans_added", 0):
            doc_id = self.document.id
            self.spans.model.reset(doc_id, self.annotator, self.project.spans(doc_id, self.annotator))
            self._refresh_overlay()
            self.select_span(None)

    def reload_replaced_database(self) -> None:
        """Another program replaced the database (a restore): re-read the list, the progress and the
        open document. The undo history starts afresh: its steps were made on the database that is gone."""
        self.reload_everything(self.tr("The project database was replaced by another program (a restore): "
                                       "the documents were reloaded and the undo history starts afresh"))

    def reload_everything(self, message: str) -> None:
        """The window works on another database (a restore; a server gone or back): re-read the list,
        the progress and the open document, start the undo history afresh and say why."""
        self.stack.clear()
        current, self.document = self.document, None
        self.documents.apply_filter()
        self._update_progress()
        self.review.reload()
        target = current.id if current is not None and self.project.store.document(current.id) else None
        target = target if target is not None else self._first_unfinished()
        if target is not None:
            self.open_document(target)
        else:
            self.view.show_text("")
            self.header.show_document(None, None)
            self.spans.model.reset(None, self.annotator, [])
        self.show_message(message)
        self.changedElsewhere.emit({None})

    def show_commits_from_elsewhere(self) -> None:
        """Another program committed to this project's file (a second window, a command): SQLite does not
        say what changed, so the list's rows, any new documents and the open document if its marker
        moved (an import of other documents leaves it, and its suggestions, alone) are re-read."""
        ids = set()
        if self.document is not None:
            marker = self.project.store.document_marker(self.document.id)
            if marker != self._open_marker:
                self._open_marker = marker
                ids.add(self.document.id)
        last = self.project.store.last_document_id()
        if last != self._last_document_id:
            self._last_document_id = last
            ids.add(None)
        self.documents.model.forget_summaries()
        self.show_changes_from_elsewhere(ids)

    def show_changes_from_elsewhere(self, doc_ids: set) -> None:
        """Others committed (on a server: the team's windows): re-read what they touched. ``None`` among
        the ids: documents came or went."""
        ids = {d for d in doc_ids if d is not None}
        if None in doc_ids:
            self.empty_state.refresh()
            self.documents.apply_filter()
        self.documents.model.refresh(ids)
        if self.document is not None and self.document.id in ids:
            doc_id = self.document.id
            selected = self.selected_span()
            self.spans.model.reset(doc_id, self.annotator, self.project.spans(doc_id, self.annotator))
            self._refresh_overlay()
            self.header.show_status(self.project.status(doc_id, self.annotator))
            self.select_span(selected.id if selected is not None and self.project.store.span(selected.id) else None)
            self.suggestions.refresh()  # what the new spans cover is no longer suggested
        self._update_progress()
        self.review.changed_elsewhere(ids)
        self.changedElsewhere.emit(set(doc_ids))

    # -- spans -------------------------------------------------------------------------

    def _refresh_overlay(self) -> None:
        self.view.set_overlay(Overlay(OWN_LAYER, self.spans.model.spans(), ANNOTATIONS))

    def _update_overlay(self, change: Change) -> None:
        """Place only what ``change`` did to this layer (a key must not re-place every span)."""
        def mine(span) -> bool:
            return span.doc_id == self.document.id and span.annotator == self.annotator

        gone = [s for s in change.removed if mine(s)] + [before for before, _ in change.updated if mine(before)]
        new = [s for s in change.added if mine(s)] + [after for _, after in change.updated if mine(after)]
        if not self.view.update_overlay(OWN_LAYER, gone, new):
            self._refresh_overlay()

    def selected_span(self):
        chosen = self.view.selected_span()
        if chosen is None or chosen[0] != OWN_LAYER:
            return None
        row = self.spans.model.row_of(chosen[1])
        return self.spans.model.span_at(row) if row is not None else None

    def select_span(self, span_id: int | None) -> None:
        self.view.set_selected_span(OWN_LAYER if span_id is not None else None, span_id)
        self.spans.select_span(span_id)
        self.shortcuts.set_span_selected(span_id is not None)
        span = self.selected_span()
        if span is not None:
            self.view.clear_selection()
            self.show_message(f"{span.label}  {span.text}")

    def _span_clicked(self, overlay: str, span_id: int) -> None:
        if overlay == SUGGESTIONS:
            self.suggestions.select(span_id)
        elif overlay == OWN_LAYER:  # review candidates are handled by the review controller
            self.select_span(span_id)

    def _jump_to_span(self, span_id: int, focus: bool = True) -> None:
        """Select a span and bring it into view; a double-click also moves the keyboard to the text."""
        self.select_span(span_id)
        span = self.selected_span()
        if span is not None:
            self.view.scroll_to_offset(span.start)
            if focus:
                self.view.setFocus()

    def _snap_selection(self, start: int, end: int, raw: bool) -> None:
        if self.document is None or raw:
            return
        snapped = self.editor.snap(self.document, start, end)
        if snapped[0] < snapped[1] and snapped != (start, end):
            self.view.select_range(*snapped)

    def _text_selection_changed(self) -> None:
        if self.view.textCursor().hasSelection() and self.view.selected_span() is not None:
            self.select_span(None)

    def apply_label(self, label: str) -> None:
        """A label key: label the selected text, or relabel the selected span."""
        if self.document is None:
            return
        selection = self.view.selection_range()
        span = self.selected_span()
        if selection is not None:
            self.editor.add_span(self.document, *selection, label, raw=self.view.raw_selection)
        elif span is not None:
            self.editor.relabel(span, label)
        elif self.suggestions.selected() is not None:
            self.suggestions.accept(label)  # a label key on a suggestion accepts it under that label
        else:
            self.show_message(self.tr("Select some text first (drag, or Shift+arrows), then press a label key"))

    def delete_selected_span(self) -> None:
        """Delete the selected span; nothing is selected afterwards, so a second Delete deletes nothing."""
        span = self.selected_span()
        if span is not None and self.editor.remove(span):
            self.select_span(None)
            self.show_message(self.tr("Deleted %1 “%2” (Ctrl+Z brings it back)").replace("%1", span.label)
                              .replace("%2", span.text))

    def _move_edge(self, edge: str, direction: int, by_character: bool) -> None:
        span = self.selected_span()
        if span is not None and self.document is not None:
            self.editor.move_edge(self.document, span, edge, direction, by_character)

    # -- changes -------------------------------------------------------------------------

    def apply_change(self, change: Change) -> None:
        """Update the panels from what one operation (or its undo) changed."""
        if self.document is not None and self.document.id not in change.doc_ids and len(change.doc_ids) == 1:
            self.open_document(next(iter(change.doc_ids)))  # undo/redo shows the document it changed
        if self.document is not None and self.document.id in change.doc_ids:
            if self.spans.apply_change(change):
                self._update_overlay(change)
            touched = [s for s in change.added if s.doc_id == self.document.id]
            touched += [after for _, after in change.updated if after.doc_id == self.document.id]
            if len(touched) == 1 and touched[0].annotator == self.annotator:
                self.view.clear_selection()
                self.select_span(touched[0].id)
                self.view.scroll_to_offset(touched[0].start)
            elif self.selected_span() is None:
                self.select_span(None)
            for _, status in change.statuses:
                if status.doc_id == self.document.id and status.annotator == self.annotator:
                    self.header.show_status(status)
        self.documents.model.refresh(change.doc_ids)
        if change.statuses:
            self._update_progress()
        self.suggestions.apply_change(change)
        self.changeApplied.emit(change)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def _update_progress(self) -> None:
        self._progress = self.worklist.progress(self.annotator)
        self._show_progress()

    def _show_progress(self) -> None:
        done, total = self._progress
        self.progress_status.setText(self.tr("%1/%2 done").replace("%1", str(done)).replace("%2", str(total)))

    # -- annotator and language ---------------------------------------------------------------

    def _ask_annotator(self) -> None:
        name = dialogs.ask_annotator_name(
            self, self.annotator, check=lambda typed: canonical_annotator(self.project, typed, working=True))
        if name and name != self.annotator:
            settings.save_annotator(name)
            self.set_annotator(name)

    def set_annotator(self, name: str) -> None:
        """Work as ``name``: their statuses, spans and progress; the undo history starts afresh."""
        self.stack.clear()
        self.annotator = self.editor.annotator = name
        if self.server is not None:
            self.server.offline.annotator = name
        self.documents.set_annotator(name)
        current, self.document = self.document, None
        if current is not None:
            self.open_document(current.id)
        self._update_progress()
        self.retranslate()

    def change_language(self, lang: str) -> None:
        settings.save_language(lang)
        set_language(lang)  # every widget retranslates on the LanguageChange event

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.suggestions.stop()
        self.documents.stop()
        self.training.stop()
        self.database.stop()
        if self.server is not None:
            self.server.stop()
        self.review.worker.wait()  # its threads belong to this window
        self.next_document.wait()
        super().closeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        # The folder's name tells copies of one project apart (their schemas share a name).
        name = self.project.folder.absolute().name if not self.project.store.in_memory else self.project.name
        title = self.tr("%1 — review — annotator") if self.review.active else self.tr("%1 — %2 — annotator")
        self.setWindowTitle(title.replace("%1", name).replace("%2", self.annotator))
        self.annotator_status.setText(self.tr("Annotator: %1").replace("%1", self.annotator))
        self.font_banner.setText(fonts.missing_font_message(self._font_families) or "")
        self.shortcuts.retranslate()
        self.view.set_labels({label.name: LabelLook(QColor(label.color), label.display(language()))
                              for label in self.project.schema.labels})  # tooltips name labels in the language
        self.header.retranslate()
        self._show_progress()
        self.suggestions.retranslate()
        if self.server is not None:
            self.server.retranslate()
