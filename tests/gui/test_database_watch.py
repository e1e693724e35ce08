"""The window and its database file: backups off the GUI thread, a restore noticed, checkpoints."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

from PySide6.QtCore import Qt

from annotator.core.store import backups as backup_store
from annotator.core.safety.backups import list_backups, take_backup
from annotator.core.safety.restore import restore_backup
from annotator.gui.window import database_watch
from annotator.gui.documents.document_model import SPANS, STATUS, status_name

from .conftest import EMOJI_TITLE, open_titled
from .test_labelling import label_entity, my_spans


def spans_in_file_alone(folder, tmp_path) -> int:
    """Spans in a copy of project.db made without its -wal, by another process (as a person copies
    the file off a laptop; a copy made here would close a descriptor and drop this process's locks)."""
    copy = tmp_path / "copied.db"
    subprocess.run([sys.executable, "-c", "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])",
                    str(folder / "project.db"), str(copy)], check=True)
    conn = sqlite3.connect(copy)
    try:
        return conn.execute("SELECT count(*) FROM spans").fetchone()[0]
    finally:
        conn.close()


def test_the_backup_is_taken_on_a_worker_thread_after_the_window_shows(open_window, project_dir, qtbot,
                                                                        monkeypatch):
    from annotator.gui.window.main_window import MainWindow

    monkeypatch.setattr(database_watch, "BACKUP_DELAY_MS", 50)
    events = []
    copy_live, show_event = backup_store.copy_live, MainWindow.showEvent

    def copying(*args, **kwargs):
        events.append(("copy", threading.current_thread()))
        return copy_live(*args, **kwargs)

    def shown(self, event):
        events.append(("shown", self.document))
        show_event(self, event)

    monkeypatch.setattr(backup_store, "copy_live", copying)
    monkeypatch.setattr(MainWindow, "showEvent", shown)
    window = open_window(project_dir)
    qtbot.waitUntil(lambda: list_backups(project_dir / "project.db") != [], timeout=20000)
    window.database.wait_for_backup()
    (first, document), (second, thread) = events[:2]
    assert first == "shown" and document is not None  # the window showed its first document, then
    assert second == "copy" and thread is not threading.main_thread()  # a worker copied the database


def test_a_restore_by_another_program_reloads_the_window_with_a_fresh_undo_history(open_window, project_dir,
                                                                                   qtbot, monkeypatch):
    monkeypatch.setattr(database_watch, "POLL_MS", 50)
    take_backup(project_dir / "project.db")
    window = open_window(project_dir)
    open_titled(window, EMOJI_TITLE)
    label_entity(window, qtbot)
    assert len(my_spans(window)) == 1 and window.stack.canUndo()
    restore_backup(project_dir / "project.db")  # another connection: as the restore command does
    qtbot.waitUntil(lambda: not window.stack.canUndo(), timeout=5000)
    assert my_spans(window) == [] and window.spans.model.spans() == []
    assert window.document.title.startswith(EMOJI_TITLE)
    assert "복원" in window.statusBar().currentMessage()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing left to undo
    assert window.project.document_count() > 0


def test_an_idle_window_checkpoints_so_project_db_alone_holds_its_spans(open_window, project_dir, tmp_path,
                                                                          qtbot, monkeypatch):
    monkeypatch.setattr(database_watch, "POLL_MS", 50)
    monkeypatch.setattr(database_watch, "IDLE_S", 0.2)
    window = open_window(project_dir)
    open_titled(window, EMOJI_TITLE)
    label_entity(window, qtbot)
    qtbot.waitUntil(lambda: not window.database._edited, timeout=5000)
    assert spans_in_file_alone(project_dir, tmp_path) == 1


def test_closing_the_window_leaves_every_span_in_project_db(open_window, project_dir, tmp_path, qtbot):
    window = open_window(project_dir)
    open_titled(window, EMOJI_TITLE)
    label_entity(window, qtbot)
    window.close()
    assert spans_in_file_alone(project_dir, tmp_path) == 1


def test_work_another_program_commits_shows_in_the_open_document(open_window, project_dir, qtbot, monkeypatch):
    # A second window, `annotator suggest --apply-as`, or a script on the same project file: the open
    # document, its status and the list follow within a poll, as on a server.
    monkeypatch.setattr(database_watch, "POLL_MS", 50)
    window = open_window(project_dir)
    doc_id = open_titled(window, EMOJI_TITLE)
    start = window.document.text.index("과기정통부")
    script = ("import sys; from annotator import Project\n"
              "with Project.open(sys.argv[1]) as p:\n"
              f"    p.add_span({doc_id}, {start}, {start + 5}, 'AGENCY', 'kim', snap=False)\n"
              f"    p.set_status({doc_id}, 'kim', 'done')\n")
    subprocess.run([sys.executable, "-c", script, str(project_dir)], check=True)
    qtbot.waitUntil(lambda: [s.text for s in window.spans.model.spans()] == ["과기정통부"], timeout=5000)
    assert len(window.view._overlays["annotations"].spans) == 1  # drawn, not only listed
    assert window.header.status.text() == status_name("done")
    qtbot.waitUntil(lambda: window.suggestions.ready, timeout=5000)
    assert not [m for m in window.suggestions.marks() if m.start < start + 5 and start < m.end]  # labelled now
    model = window.documents.model
    row = model.row_of(doc_id)
    assert model.data(model.index(row, STATUS)) == status_name("done")  # the list's row too
    assert model.data(model.index(row, SPANS)) in (1, "1")


def test_documents_another_program_adds_appear_in_the_list(open_window, project_dir, qtbot, monkeypatch):
    monkeypatch.setattr(database_watch, "POLL_MS", 50)
    window = open_window(project_dir)
    before = window.documents.model.rowCount()
    script = ("import sys; from annotator import Project\n"
              "with Project.open(sys.argv[1]) as p, p.store.transaction():\n"
              "    p.store.insert_document(uid=sys.argv[2], title='다른 프로그램이 넣은 기사', text=sys.argv[2],\n"
              "        raw=None, meta={}, source='script', encoding='utf-8', morphemes=b'', sentences=b'')\n")
    subprocess.run([sys.executable, "-c", script, str(project_dir), "식약처가 발표했다."], check=True)
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == before + 1, timeout=5000)
    resets = []
    window.spans.model.modelReset.connect(lambda: resets.append(1))
    subprocess.run([sys.executable, "-c", script, str(project_dir), "과기정통부가 발표했다."], check=True)
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == before + 2, timeout=5000)
    assert resets == []  # an import of other documents leaves the open one (and its suggestions) alone
