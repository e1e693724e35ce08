"""A missing Hangul font is said plainly, with how to install one."""

from __future__ import annotations

from PySide6.QtGui import QFont

from annotator.gui.window import fonts


def test_message_only_when_no_family_covers_hangul(korean):
    assert fonts.missing_font_message(["NanumGothic"]) is None
    message = fonts.missing_font_message([])
    assert "fonts-nanum" in message and "한글" in message


def test_reading_font_prefers_a_korean_family():
    font = fonts.reading_font(["DejaVu Sans", "NanumGothic", "Noto Sans CJK KR"], QFont("DejaVu Sans"))
    assert font.families()[0] == "Noto Sans CJK KR"
    assert fonts.reading_font(["Some Hangul Font"], QFont()).families()[0] == "Some Hangul Font"
    assert fonts.reading_font([], QFont("DejaVu Sans")).families()[0] == "DejaVu Sans"


def test_window_shows_the_banner_without_a_hangul_font(open_window, project_dir, monkeypatch):
    monkeypatch.setattr(fonts, "hangul_families", lambda: [])
    window = open_window(project_dir)
    assert window.font_banner.isVisible()
    assert "fonts-nanum" in window.font_banner.text()


def test_no_banner_on_this_machine(window):
    assert fonts.hangul_families(), "tests need a Hangul font (Debian: fonts-nanum)"
    assert not window.font_banner.isVisible()
