"""Opening a project from an earlier version in the GUI: the upgrade runs off the GUI thread, a
dialog says what it does, the event loop keeps running; a newer database is still refused."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.errors import ProjectError
from annotator.core.store.migrations import KNOWN
from annotator.core.project import Project
from annotator.gui.window import launch
from annotator.gui.jobs.upgrade_dialog import UpgradeDialog

from ..conftest import around_migration

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def old_project(tmp_path) -> Path:
    folder = tmp_path / "p"
    Project.create(folder).close()
    (folder / "project.db").unlink()
    shutil.copy(DATA / "project-0002_rejections.db", folder / "project.db")
    return folder


def close(window) -> None:
    window.close()  # the window deletes itself and closes its project
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def dialogs() -> list[UpgradeDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, UpgradeDialog) and w.isVisible()]


def test_the_upgrade_runs_beside_a_live_event_loop_with_a_dialog(old_project, qtbot, korean, monkeypatch):
    around_migration(monkeypatch, "0008_compact_search_index", lambda: time.sleep(0.8))  # a big project's rebuild
    ticks, seen = [], []
    timer = QTimer(interval=20)

    def tick():
        ticks.append(time.monotonic())
        seen.extend(d.step.text() for d in dialogs() if d.step.text() not in seen)

    timer.timeout.connect(tick)
    timer.start()
    started = time.monotonic()
    window = launch.open_window(old_project, "kim")
    took = time.monotonic() - started
    timer.stop()
    assert took >= 0.8
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) >= 20 and max(gaps) < 0.6  # kept firing through the 0.8 s step: the GUI thread never waited
    assert "5단계 중 4단계: 검색 색인을 다시 만드는 중 (문서 10만 건에 약 40초)" in seen
    assert not dialogs()  # gone once the window is open
    assert window.project.store.schema_version() == KNOWN[-1]
    assert window.project.search("원주시") == [window.document.id]
    close(window)


def test_a_current_project_opens_without_the_dialog(project_dir, qtbot, korean):
    shown = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: shown.extend(dialogs()))
    timer.start()
    window = launch.open_window(project_dir, "kim")
    timer.stop()
    assert not shown and window.isVisible()
    close(window)


def test_a_newer_database_is_refused_with_a_clear_message(tmp_path, qtbot, korean):
    folder = tmp_path / "p"
    Project.create(folder).close()
    conn = sqlite3.connect(folder / "project.db")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('annotator', '9999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="written by a newer version of annotator"):
        launch.open_window(folder, "kim")
    assert not dialogs()
