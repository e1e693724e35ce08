"""Starting the GUI: display check, QApplication, fonts, then the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NO_DISPLAY_MESSAGE = (
    "annotator: no display found (DISPLAY/WAYLAND_DISPLAY unset). Run it in a desktop session, "
    "use 'xvfb-run annotator gui ...', or '--screenshot PNG' to render offscreen."
)


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def launch(folder: Path, annotator: str | None = None, screenshot: str | None = None, lang: str | None = None) -> int:
    if not _has_display():
        if screenshot:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            print(NO_DISPLAY_MESSAGE, file=sys.stderr)
            return 2
    from PySide6.QtWidgets import QApplication

    from ..core.project import Project
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    app.setOrganizationName("annotator")
    project = Project.open(folder)
    window = MainWindow(project, annotator=annotator or os.environ.get("USER") or "annotator")
    window.resize(1280, 800)
    if screenshot:
        window.show()
        app.processEvents()
        window.grab().save(str(screenshot))
        print(f"saved {screenshot}")
        window.close()
        project.close()
        return 0
    window.show()
    code = app.exec()
    project.close()
    return code
