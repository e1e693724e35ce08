"""Korean by default, English by setting or --lang, switched live through Qt's translators."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from annotator.gui.window import settings
from annotator.gui.window.translation import language, set_language, translations_dir

ROOT = Path(__file__).resolve().parents[2]


def texts(window) -> dict[str, str]:
    return {
        "menu": window.shortcuts.file_menu.title(),
        "header": window.documents.model.headerData(0, Qt.Orientation.Horizontal),
        "progress": window.progress_status.text(),
        "status": window.documents.model.index(0, 2).data(),
        "placeholder": window.documents.search.placeholderText(),
        "palette": window.palette_panel.title.text(),
        "agency": window.palette_panel.buttons["AGENCY"].text(),
        "count": window.documents.count.text(),
    }


def test_korean_by_default_and_english_on_switch(window, qtbot):
    assert language() == "ko"
    assert texts(window) == {
        "menu": "파일(&F)", "header": "제목", "progress": "0/16 완료", "status": "새 문서",
        "placeholder": "제목·본문 검색 (Ctrl+Shift+F)", "palette": "레이블", "agency": "2  AGENCY 기관",
        "count": "문서 16건",
    }
    window.shortcuts.languages["en"].trigger()
    qtbot.waitUntil(lambda: texts(window)["menu"] == "&File")  # LanguageChange is a posted event
    assert language() == "en"
    assert settings.saved_language() == "en"
    assert texts(window) == {
        "menu": "&File", "header": "Title", "progress": "0/16 done", "status": "new",
        "placeholder": "Search titles and texts (Ctrl+Shift+F)", "palette": "Labels", "agency": "2  AGENCY Agency",
        "count": "16 documents",
    }
    window.shortcuts.languages["ko"].trigger()
    qtbot.waitUntil(lambda: texts(window)["menu"] == "파일(&F)")
    assert settings.saved_language() == "ko"


def test_english_from_the_start(qapp, open_window, project_dir):
    set_language("en")
    window = open_window(project_dir)
    assert window.windowTitle() == "project — kim — annotator"  # the folder's name: copies differ
    assert window.annotator_status.text() == "Annotator: kim"
    assert window.shortcuts.languages["en"].isChecked()


def test_every_interface_string_is_translated_and_compiled(tmp_path):
    for lang in ("ko", "en"):
        ts = translations_dir() / f"annotator_{lang}.ts"
        unfinished = [m.findtext("source") for m in ET.parse(ts).iter("message")
                      if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
        assert not unfinished, (lang, unfinished)
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        if lrelease.exists():  # the committed .qm is the compiled .ts
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(tmp_path / "out.qm")], check=True)
            assert (tmp_path / "out.qm").read_bytes() == (translations_dir() / f"annotator_{lang}.qm").read_bytes()


def test_every_string_in_the_code_is_in_the_korean_ts(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    ts = tmp_path / "check.ts"
    shutil.copyfile(translations_dir() / "annotator_ko.ts", ts)
    sources = sorted(str(p) for p in (ROOT / "annotator" / "gui").glob("*.py"))
    subprocess.run([str(lupdate), "-silent", "-locations", "none", *sources, "-ts", str(ts)], check=True)
    missing = [m.findtext("source") for m in ET.parse(ts).iter("message")
               if m.find("translation").get("type") == "unfinished"]
    assert not missing, f"run 'make translations' and translate: {missing}"


def clipped_headers(table) -> list[str]:
    """Titles of the shown columns narrower than their header's text (the stretching one aside)."""
    header = table.horizontalHeader()
    model = table.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
            if not table.isColumnHidden(c) and header.sectionResizeMode(c) != header.ResizeMode.Stretch
            and header.sectionSize(c) < header.sectionSizeHint(c)]


def test_no_column_header_is_clipped_in_either_language(window, qtbot):
    from annotator.core.operations import UpdateSpan

    doc_id = window.document.id
    text = window.document.text
    start = text.index("120억 원") if "120억 원" in text else 0
    span = window.project.add_span(doc_id, start, start + 3, "BUDGET", "kim", snap=False)
    window.project.apply(UpdateSpan(span.id, note="단위까지?", attrs={"value": "12000000000", "currency": "KRW"}))
    window.open_document(window.documents.neighbour(doc_id, 1))
    window.open_document(doc_id)
    columns = window.spans.parentWidget().parentWidget()
    columns.setSizes([350, 1280 - 350 - 250, 250])  # the right panel dragged narrow
    for lang in ("en", "ko"):
        window.shortcuts.languages[lang].trigger()
        qtbot.waitUntil(lambda: language() == lang)
        qtbot.wait(10)  # the posted LanguageChange events
        for review in (False, True):
            window.review.set_active(review)
            qtbot.waitUntil(lambda: window.review.columns.reviews is not None or not review)
            if not review:
                assert not window.spans.table.isColumnHidden(2) and not window.spans.table.isColumnHidden(3)
            tables = [window.documents.table] + ([window.review.panel.table] if review else [window.spans.table])
            assert [clipped_headers(t) for t in tables] == [[] for _ in tables], (lang, review)
        window.review.set_active(False)
