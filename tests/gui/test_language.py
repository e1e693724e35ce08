"""Korean by default, English by setting or --lang, switched live through Qt's translators."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt

from annotator.gui import settings
from annotator.gui.translation import language, set_language, translations_dir


def texts(window) -> dict[str, str]:
    return {
        "menu": window.shortcuts.file_menu.title(),
        "header": window.documents.model.headerData(0, Qt.Orientation.Horizontal),
        "progress": window.progress_status.text(),
        "status": window.documents.model.index(0, 2).data(),
        "placeholder": window.documents.search.placeholderText(),
        "palette": window.palette_panel.title.text(),
        "agency": window.palette_panel.buttons["AGENCY"].text(),
    }


def test_korean_by_default_and_english_on_switch(window, qtbot):
    assert language() == "ko"
    assert texts(window) == {
        "menu": "파일(&F)", "header": "제목", "progress": "0/16 완료", "status": "새 문서",
        "placeholder": "제목·본문 검색 (Ctrl+F)", "palette": "레이블", "agency": "2  AGENCY 기관",
    }
    window.shortcuts.languages["en"].trigger()
    qtbot.waitUntil(lambda: texts(window)["menu"] == "&File")  # LanguageChange is a posted event
    assert language() == "en"
    assert settings.saved_language() == "en"
    assert texts(window) == {
        "menu": "&File", "header": "Title", "progress": "0/16 done", "status": "new",
        "placeholder": "Search titles and texts (Ctrl+F)", "palette": "Labels", "agency": "2  AGENCY Agency",
    }
    window.shortcuts.languages["ko"].trigger()
    qtbot.waitUntil(lambda: texts(window)["menu"] == "파일(&F)")
    assert settings.saved_language() == "ko"


def test_english_from_the_start(qapp, open_window, project_dir):
    set_language("en")
    window = open_window(project_dir)
    assert window.windowTitle() == "korean-policy — kim — annotator"
    assert window.annotator_status.text() == "Annotator: kim"
    assert window.shortcuts.languages["en"].isChecked()


def test_every_interface_string_has_a_korean_translation():
    ts = ET.parse(translations_dir() / "annotator_ko.ts")
    unfinished = [m.findtext("source") for m in ts.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished")]
    assert not unfinished
    assert (translations_dir() / "annotator_ko.qm").stat().st_mtime >= 0
