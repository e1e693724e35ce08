"""PySide6 6.12.0 drops a reference to None on every call of a void method
(fatal "deallocating None" after a few thousand calls on Python 3.11), so
pyproject.toml excludes it. This guards the installed binding."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("가")
    assert sys.getrefcount(None) >= before - 50
