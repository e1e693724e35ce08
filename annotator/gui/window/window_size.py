"""The workbench's first size: 1280×800 where the screen has room for it with the window manager's
frame, centred; on a smaller screen (a 1280×800 laptop under a top bar or a task bar) it opens
maximised, so the status bar (progress, annotator) is on screen, and un-maximised it still fits."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize

DEFAULT_SIZE = QSize(1280, 800)
# The title bar and borders a window manager adds around the window; Qt knows them only once the
# window is shown, so this is what common desktops add, rounded up.
FRAME = QMargins(8, 40, 8, 8)


def initial_geometry(available: QRect, wanted: QSize = DEFAULT_SIZE) -> tuple[QRect, bool]:
    """The window's geometry (inside its frame) on a screen whose free area is ``available``, and
    whether to maximise it (the default size does not fit with its frame)."""
    room = available.marginsRemoved(FRAME)
    size = wanted.boundedTo(room.size())
    geometry = QRect(room.left() + (room.width() - size.width()) // 2,
                     room.top() + (room.height() - size.height()) // 2, size.width(), size.height())
    return geometry, size != wanted


def show_fitted(window) -> None:
    """Show ``window`` at its first size on the screen it opens on."""
    geometry, maximised = initial_geometry(window.screen().availableGeometry())
    window.setGeometry(geometry)
    if maximised:
        window.showMaximized()
    else:
        window.show()
