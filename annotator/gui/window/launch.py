"""Starting the GUI: display check, QApplication, language, annotator name, then the window."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

NO_DISPLAY_MESSAGE = (
    "annotator: no display found (DISPLAY/WAYLAND_DISPLAY unset). Run it in a desktop session, "
    "use 'xvfb-run annotator gui ...', or '--screenshot PNG' to render offscreen."
)
FALLBACK_ANNOTATOR = "annotator"
SCREENSHOT_SIZE = (1280, 800)


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def resolve_annotator(given: str | None, interactive: bool, folder: Path | None = None) -> str | None:
    """``--annotator``, else on a server the login (the roles key layers on it), else in a package
    the annotator it was made for (confirmed in the name dialog, pre-filled, unless remembered),
    else the remembered name, else ask (interactive only), else a fallback. The window then takes
    the name as the project knows the person (``settle_annotator``)."""
    from annotator.core.project_files import server_address
    from annotator.core.team.names import package_annotator, package_member, same_person
    from annotator.gui.window import dialogs
    from annotator.gui.window import settings

    if given and given.strip():
        return given.strip()
    server = server_address(folder) if folder is not None and folder.is_dir() else None
    if server is not None:
        from annotator.core.store.postgres.engine import login_name

        return login_name(server)
    saved = settings.saved_annotator()
    expected = package_annotator(folder) if folder is not None and folder.is_dir() else None
    if expected is not None:
        if not interactive or (saved and same_person(saved, expected)):
            return expected
        name = dialogs.ask_annotator_name(None, expected, check=lambda typed: package_member(expected, typed))
        if name:
            settings.save_annotator(name)
        return name
    if saved:
        return saved
    if not interactive:
        return FALLBACK_ANNOTATOR
    name = dialogs.ask_annotator_name()
    if name:
        settings.save_annotator(name)
    return name


def _report_unexpected():
    """Errors in slots become a message in the window in front, not a traceback on a dead terminal."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from annotator.core.errors import AnnotatorError

    def hook(kind, error, tb):
        window = QApplication.activeWindow()
        window = window if hasattr(window, "show_message") else None
        if isinstance(error, AnnotatorError) and window is not None:
            window.show_message(str(error))
            return
        traceback.print_exception(kind, error, tb)
        QMessageBox.critical(window, "annotator", f"{kind.__name__}: {error}\n\n"
                             "Everything done before this is saved. Please report this error.")

    return hook


def open_window(folder: Path, annotator: str, review: bool = False, start_at_first: bool = False, parent=None):
    """A shown workbench window on the project in ``folder``; the window owns the project and closes
    it when it goes. The folder is remembered for File › Open recent. A database an earlier version
    wrote is upgraded first, off the GUI thread, with a dialog over ``parent`` (``upgrade_dialog``)."""
    from PySide6.QtCore import Qt

    from annotator.gui.window import settings
    from annotator.gui.window.main_window import MainWindow
    from annotator.gui.window.window_size import show_fitted

    project, offline = _open_or_start_offline(Path(folder).absolute(), annotator, parent)
    try:
        annotator = settle_annotator(project, annotator)
        window = MainWindow(project, annotator, start_at_first=start_at_first, review=review, offline=offline)
    except BaseException:
        project.close()
        raise
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(project.close)
    show_fitted(window)
    settings.add_recent_project(project.folder)
    return window


def settle_annotator(project, name: str) -> str:
    """The window's name as the project knows the person: "Lee" is lee's layer; in a package, only
    its annotator (``core.team.names``; an ``AnnotatorNameError`` otherwise)."""
    from annotator.core.team.names import canonical_annotator

    return canonical_annotator(project, name, working=True)


def _open_or_start_offline(folder: Path, annotator: str, parent):
    """(project, None); or, for a server project whose server cannot be reached, the project on the
    copy of this annotator's documents an earlier window kept, and its ``OfflineCopy``."""
    from annotator.core.errors import ServerUnavailableError
    from annotator.core.team.offline_copy import start_offline
    from annotator.core.project_files import server_address
    from annotator.gui.jobs.upgrade_dialog import open_project

    try:
        return open_project(folder, parent), None
    except ServerUnavailableError as error:
        started = start_offline(folder, annotator, server_address(folder))
        if started is None:
            raise ServerUnavailableError(f"{error}; no copy of {annotator}'s documents was kept here by an earlier "
                                         "window, so there is nothing to work on until the server answers") from None
        return started


def launch(folder: Path | None, annotator: str | None = None, screenshot: str | None = None, lang: str | None = None,
           review: bool = False) -> int:
    """The window on the project in ``folder``, or on the demo project (made on first use) when None."""
    if not _has_display():
        if screenshot:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            print(NO_DISPLAY_MESSAGE, file=sys.stderr)
            return 2
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from annotator.core.team.names import package_annotator
    from annotator.core.demo import prepare_demo
    from annotator.core.paths import demo_project_dir
    from annotator.gui.window.demo_dialog import prepare_demo_project
    from annotator.gui.window.main_window import MainWindow
    from annotator.gui.window.settings import saved_language
    from annotator.gui.window.translation import set_language
    from annotator.gui.jobs.upgrade_dialog import open_project

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    app.setOrganizationName("annotator")
    set_language(lang or saved_language())
    demo = folder is None
    folder = demo_project_dir() if demo else Path(folder)
    if review and (made_for := package_annotator(folder)) is not None:
        print(f"annotator: {folder}: this package was made for {made_for}; review happens in the project that "
              "made it (open the package without --review)", file=sys.stderr)
        return 2
    name = resolve_annotator(annotator, interactive=not screenshot, folder=folder)
    if name is None:
        print("annotator: no annotator name given (use --annotator NAME)", file=sys.stderr)
        return 2
    if demo and screenshot:
        prepare_demo(folder, started=lambda: print(f"Preparing the demo project in {folder} (analysing the sample "
                                                   "articles with Kiwi)…", file=sys.stderr))
    elif demo:
        prepare_demo_project(folder)  # a dialog says so while a worker thread does it
    if screenshot:
        with open_project(Path(folder).absolute()) as project:
            window = MainWindow(project, settle_annotator(project, name), start_at_first=not review, review=review)
            window.resize(*SCREENSHOT_SIZE)
            window.show()
            window.review.worker.wait()  # review states are counted on a worker thread
            window.suggestions.wait_until_ready()
            window.documents.wait_until_listed()
            for _ in range(3):  # deliver their results, then lay out what changed
                app.processEvents()
            window.grab().save(str(screenshot))
            print(f"saved {screenshot}")
            window.close()
            return 0
    open_window(folder, name, review=review)
    sys.excepthook = _report_unexpected()
    try:
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # closed windows close their projects
