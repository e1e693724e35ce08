"""Fonts that can show Hangul, and the message when none is installed.

Without such a font Qt draws boxes (tofu) for every Korean character; the
window says so and how to install one instead of showing boxes silently.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase

# Preferred for reading Korean, best first; any other Hangul font will do.
PREFERRED_FAMILIES = ("Noto Sans CJK KR", "Noto Sans KR", "NanumBarunGothic", "NanumGothic",
                      "Malgun Gothic", "Apple SD Gothic Neo", "Source Han Sans K")
READING_POINT_SIZE = 12.5


def hangul_families() -> list[str]:
    """Installed families that cover the Korean writing system."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.Korean))


def reading_font(families: Sequence[str], base: QFont) -> QFont:
    """``base`` at reading size, in the preferred Hangul family when one is installed."""
    font = QFont(base)
    font.setPointSizeF(READING_POINT_SIZE)
    available = set(families)
    chosen = next((f for f in PREFERRED_FAMILIES if f in available), families[0] if families else None)
    if chosen:
        font.setFamilies([chosen, *font.families()])
    return font


def missing_font_message(families: Sequence[str]) -> str | None:
    """A message for the window when no installed font covers Hangul, else None."""
    if families:
        return None
    return QCoreApplication.translate(
        "Fonts",
        "No installed font covers Korean (Hangul), so Korean text shows as boxes. Install one and restart, "
        "e.g. on Debian or Ubuntu: sudo apt-get install fonts-nanum (or fonts-noto-cjk).",
    )
