"""Document text is shown literally: markup stays text, and offsets stay right after
RTL text, zero-width characters, emoji and very long lines."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.project import Project

from ..conftest import write
from .test_labelling import select_codepoints

HOSTILE = (
    "<b>굵게</b> <img src='x.png'> &amp; <script>alert(1)</script> <a href='#'>링크</a>\n"
    "<!-- 주석 --> <table><tr><td>표</td></tr></table> <font color=red>빨강</font>\n"
    "עברית مرحبا بالعالم ‮뒤집힘‬ 보이지\u200b않는\u200d문자\ufeff 😀🇰🇷👩‍👩‍👧\n"
    + "가" * 20_000 + "\n"
    "그 뒤에 과기정통부가 예산을 발표했다.\n"
)


def test_markup_rtl_zero_width_emoji_and_long_lines_stay_literal(open_window, qtbot, tmp_path):
    write(tmp_path / "in" / "hostile.txt", "이상한 문서\n\n" + HOSTILE)
    with Project.create(tmp_path / "p") as project:
        assert project.import_paths([tmp_path / "in"], clean=False).ok
    window = open_window(tmp_path / "p")
    doc_id = next(window.project.documents()).id
    window.open_document(doc_id)
    text = window.document.text
    # Qt holds exactly the stored text: no tag was interpreted, no character lost.
    assert window.view.toPlainText() == text
    assert "<b>굵게</b>" in window.view.toPlainText() and "<script>" in window.view.toPlainText()
    start = text.index("과기정통부가")
    select_codepoints(window, start, start + len("과기정통부가"))
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    [span] = window.project.spans(doc_id, "kim")
    assert span.text == "과기정통부" and text[span.start:span.end] == "과기정통부"
    assert window.spans.model.spans()[0].text == "과기정통부"


def test_tooltips_show_markup_literally():
    from PySide6.QtGui import QTextDocument

    from annotator.gui.text.plain_text import plain_tooltip

    shown = QTextDocument()
    shown.setHtml(plain_tooltip("<b>굵게</b> &amp;\n둘째 줄"))
    assert shown.toPlainText() == "<b>굵게</b> &amp;\n둘째 줄"
