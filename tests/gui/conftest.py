"""GUI fixtures: one real project (the bundled samples plus an article that
starts with emoji, analysed by Kiwi once per session), copied for each test."""

from __future__ import annotations

import shutil

import pytest

from annotator.core.paths import sample_articles_dir
from annotator.core.project import Project

from ..conftest import write

EMOJI_TITLE = "😀🇰🇷 원주의료기기테크노밸리에서 디지털트윈 실증 착수"
EMOJI_ARTICLE = (
    EMOJI_TITLE + "\n\n"
    "원주의료기기테크노밸리에서 국비 120억 원을 들여 디지털트윈 실증을 시작했다. "
    "과기정통부는 인공지능(AI)으로 의료영상을 분석하는 사업을 지원한다.\n"
)


@pytest.fixture(scope="session", autouse=True)
def isolated_settings(tmp_path_factory):
    """QSettings of the tests go to a temporary folder, never the user's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(scope="session")
def sample_project_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("samples")
    emoji = write(root / "input" / "emoji.txt", EMOJI_ARTICLE)
    with Project.create(root / "project") as project:
        report = project.import_paths([sample_articles_dir(), emoji])
        assert report.ok, report.rejected
    return root / "project"


@pytest.fixture
def project_dir(sample_project_dir, tmp_path):
    target = tmp_path / "project"
    shutil.copytree(sample_project_dir, target)
    return target


@pytest.fixture
def korean(qapp):
    from annotator.gui.window.translation import set_language

    set_language("ko")
    yield
    set_language("ko")


@pytest.fixture
def open_window(qtbot, korean):
    """``open_window(folder, annotator)``: a shown workbench on a project; closed after the test."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from annotator.gui.window.main_window import MainWindow

    opened = []

    def make(folder, annotator: str = "kim") -> MainWindow:
        project = Project.open(folder)
        window = MainWindow(project, annotator)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.windowHandle().requestActivate()  # window shortcuts (the label keys) need the active window
        qtbot.waitUntil(window.isActiveWindow)
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for window in opened:
        window.project.close()


@pytest.fixture
def window(open_window, project_dir):
    return open_window(project_dir)


@pytest.fixture
def file_dialog(monkeypatch):
    """The workbench's file dialogs, built for real but answered by the test: append a list of paths
    to ``answers`` for each dialog (an empty list cancels it); ``asked`` records each dialog."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QFileDialog

    state = SimpleNamespace(answers=[], asked=[])

    def answer(dialog):
        state.asked.append(dialog)
        dialog.answer = [str(p) for p in (state.answers.pop(0) if state.answers else [])]
        return int(bool(dialog.answer))

    monkeypatch.setattr(QFileDialog, "exec", answer)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda dialog: dialog.answer)
    return state


def listed(window, qtbot) -> list[int]:
    """Wait until the document list shows the answer to its latest filter (searches and the status
    and label filters run on a worker thread); returns the ids it shows."""
    qtbot.waitUntil(lambda: not window.documents.searching(), timeout=10_000)
    model = window.documents.model
    return [model.doc_id(r) for r in range(model.rowCount())]


def open_titled(window, title_start: str) -> int:
    """Open the document whose title starts with ``title_start``; returns its id."""
    doc_id = next(d.id for d in window.project.documents() if d.title.startswith(title_start))
    window.open_document(doc_id)
    return doc_id
