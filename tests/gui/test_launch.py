"""Starting the workbench: display check, annotator name, --screenshot."""

from __future__ import annotations

from PySide6.QtGui import QImage

from annotator.cli import main
from annotator.gui.window import dialogs
from annotator.gui.window import launch
from annotator.gui.window import settings

from ..conftest import write


def test_screenshot_of_a_project(tmp_path, qapp):
    project = tmp_path / "p"
    assert main(["init", str(project)]) == 0
    write(tmp_path / "a.txt", "원주시 예산\n\n원주시가 국비 120억 원을 확보했다.\n")
    assert main(["import", str(project), str(tmp_path / "a.txt"), "--quiet"]) == 0
    png = tmp_path / "shot.png"
    assert main(["gui", str(project), "--annotator", "kim", "--screenshot", str(png), "--lang", "en"]) == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == launch.SCREENSHOT_SIZE


def test_screenshot_of_the_sample_project_with_spans(project_dir, tmp_path, qapp):
    from annotator.core.project import Project

    with Project.open(project_dir) as project:
        first = project.store.document_ids()[0]
        text = project.document(first).text
        start = text.index("과기정통부")
        project.add_span(first, start, start + 5, "AGENCY", "kim")
    png = tmp_path / "shot.png"
    assert launch.launch(project_dir, annotator="kim", screenshot=str(png)) == 0
    assert png.stat().st_size > 50_000


def test_no_display_is_a_message_and_exit_2(monkeypatch, tmp_path, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(launch.sys, "platform", "linux")
    assert launch.launch(tmp_path, annotator="kim") == 2
    assert "no display" in capsys.readouterr().err


def test_annotator_name_comes_from_the_flag_the_settings_or_the_dialog(qapp, monkeypatch):
    settings.save_annotator("")
    asked = []
    monkeypatch.setattr(dialogs, "ask_annotator_name", lambda parent=None, current="": asked.append(1) or "park")
    assert launch.resolve_annotator(" kim ", interactive=True) == "kim"
    assert launch.resolve_annotator(None, interactive=False) == launch.FALLBACK_ANNOTATOR  # never blocks
    assert asked == []
    assert launch.resolve_annotator(None, interactive=True) == "park"
    assert settings.saved_annotator() == "park"
    assert launch.resolve_annotator(None, interactive=True) == "park"
    assert launch.resolve_annotator(None, interactive=False) == "park"
    assert asked == [1]


def test_on_a_server_the_annotator_is_the_login(qapp, tmp_path, monkeypatch):
    """The roles key layers on the server login: without --annotator the window works as that login."""
    from annotator.core.project_files import write_server_address

    settings.save_annotator("park")
    write_server_address(tmp_path, "postgresql://db.example.org/policy_ner")
    monkeypatch.setenv("PGUSER", "kim")
    assert launch.resolve_annotator(None, interactive=False, folder=tmp_path) == "kim"
    write_server_address(tmp_path, "postgresql://lee@db.example.org/policy_ner")
    assert launch.resolve_annotator(None, interactive=True, folder=tmp_path) == "lee"
    assert launch.resolve_annotator("gold", interactive=True, folder=tmp_path) == "gold"  # a reviewer says so


def test_the_window_opens_within_the_screen_with_its_status_bar_showing(project_dir, qtbot, korean):
    from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize

    from annotator.gui.window import window_size

    window = launch.open_window(project_dir, "kim")  # the offscreen screen is 800×800, smaller than 1280×800
    try:
        qtbot.waitExposed(window)
        available = window.screen().availableGeometry()
        assert available.contains(window.frameGeometry())
        status_bar = window.statusBar()
        assert available.contains(QRect(status_bar.mapToGlobal(status_bar.rect().topLeft()), status_bar.size()))
        assert window.progress_status.isVisible() and window.annotator_status.isVisible()
        assert available.contains(window.normalGeometry())  # un-maximised, it still fits
        for review in (False, True):  # a 1280×800 laptop has room for the smallest window in both modes
            window.review.set_active(review)
            room = QRect(0, 0, 1280, 800).marginsRemoved(window_size.FRAME).size()
            assert window.minimumSizeHint().boundedTo(room) == window.minimumSizeHint()
    finally:
        window.close()  # it deletes itself, and closes its project
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # A screen with room enough opens the window at 1280×800, centred, not maximised.
    geometry, maximised = window_size.initial_geometry(QRect(0, 30, 1920, 1050))
    assert (geometry.size(), maximised) == (QSize(1280, 800), False)
    assert QRect(0, 30, 1920, 1050).contains(geometry.marginsAdded(window_size.FRAME))
    geometry, maximised = window_size.initial_geometry(QRect(0, 27, 1280, 773))  # 1280×800 under a top bar
    assert maximised and QRect(0, 27, 1280, 773).contains(geometry.marginsAdded(window_size.FRAME))


def test_the_first_start_builds_the_demo_off_the_gui_thread_and_says_so(tmp_path, qtbot, korean, monkeypatch):
    import threading

    from annotator.core import demo
    from annotator.core.ingest import importer
    from annotator.core.project import Project
    from annotator.gui.window import demo_dialog

    samples = tmp_path / "samples"
    write(samples / "a.txt", "원주시 예산\n\n원주시가 국비 120억 원을 확보했다.\n")
    write(samples / "b.txt", "과기정통부 발표\n\n과기정통부는 인공지능 사업을 지원한다.\n")
    monkeypatch.setattr(demo, "sample_articles_dir", lambda: samples)
    threads, shown = [], []
    import_paths = importer.import_paths
    monkeypatch.setattr(importer, "import_paths", lambda *a, **k: threads.append(threading.current_thread())
                        or import_paths(*a, **k))
    monkeypatch.setattr(demo_dialog.DemoDialog, "showEvent", lambda dialog, event: shown.append(
        (dialog.explanation.text(), dialog.bar.maximum())))
    folder = tmp_path / "demo"
    demo_dialog.prepare_demo_project(folder)
    assert threads and threads[0] is not threading.main_thread()  # Kiwi ran on a worker thread
    assert shown and "데모" in shown[0][0]  # a dialog said what was happening meanwhile
    with Project.open(folder) as project:
        assert project.document_count() == 2
    shown.clear()
    demo_dialog.prepare_demo_project(folder)  # the next start: nothing to build, no dialog
    assert shown == []
