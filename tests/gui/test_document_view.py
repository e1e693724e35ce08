"""The document view on its own: overlays, hit testing, long texts."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QTextCursor

from annotator.gui.text.document_view import DocumentView, LabelLook
from annotator.gui.text.overlays import SUGGESTIONS, Overlay

TEXT = "😀🇰🇷 원주의료기기테크노밸리에서 국비 120억 원을 확보했다.\n과기정통부는 인공지능(AI)에 투자한다.\n"


@dataclass(frozen=True)
class Suggestion:
    id: int
    start: int
    end: int
    label: str
    text: str


def make_view(qtbot, text=TEXT) -> DocumentView:
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.set_labels({"AGENCY": LabelLook(QColor("#2a9d8f"), "AGENCY 기관"),
                     "BUDGET": LabelLook(QColor("#f4a261"), "BUDGET 예산·금액")})
    view.show_text(text)
    view.show()
    qtbot.waitExposed(view)
    return view


def centre_of(view, offset):
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(offset))
    rect = view.cursorRect(cursor)
    return rect.center()


def test_overlays_are_hit_and_described_by_layer(qtbot):
    view = make_view(qtbot)
    start = TEXT.index("원주의료기기테크노밸리")
    mine = Suggestion(1, start, start + 11, "AGENCY", "원주의료기기테크노밸리")
    suggested = Suggestion(7, TEXT.index("120억 원"), TEXT.index("120억 원") + 6, "BUDGET", "120억 원")
    view.set_overlay(Overlay("annotations", [mine]))
    view.set_overlay(Overlay("suggestions", [suggested], SUGGESTIONS))
    assert view.overlay_names() == ["annotations", "suggestions"]
    hit = view.hit_at(centre_of(view, start + 3))
    assert (hit.overlay, hit.placed.span.id) == ("annotations", 1)
    hit = view.hit_at(centre_of(view, suggested.start + 2))
    assert (hit.overlay, hit.placed.span.id) == ("suggestions", 7)
    assert view.describe(suggested, "suggestions") == "BUDGET 예산·금액\n120억 원\nsuggestions"
    assert view.hit_at(centre_of(view, TEXT.index("확보"))) is None
    view.remove_overlay("suggestions")
    assert view.hit_at(centre_of(view, suggested.start + 2)) is None
    view.grab()  # paints both styles without error


def test_a_long_article_with_thousands_of_spans_opens_quickly(qtbot):
    paragraph = "원주시가 국비 120억 원을 확보했다. 과기정통부는 인공지능에 투자한다. 😀 " * 4 + "\n"
    text = (paragraph * (200_000 // len(paragraph) + 1))[:200_000]
    spans = []
    position = 0
    while len(spans) < 2000:
        position = text.index("원주시", position)
        spans.append(Suggestion(len(spans), position, position + 3, "AGENCY", "원주시"))
        position += 3
    view = make_view(qtbot, "짧은 글")
    started = time.perf_counter()
    view.show_text(text)
    view.set_overlay(Overlay("annotations", spans))
    view.viewport().repaint()
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"{elapsed:.2f} s"  # about 0.1 s on a laptop; the bound catches per-character work
    view.scroll_to_offset(spans[-1].start)
    hit = view.hit_at(centre_of(view, spans[-1].start + 1))
    assert hit is not None and hit.placed.span.id == 1999


def test_updating_an_overlay_places_like_placing_it_whole():
    from types import SimpleNamespace as S

    from annotator.gui.text.offsets import OffsetMap
    from annotator.gui.text.overlays import Overlay, PlacedOverlay

    text = "😀 원주시 과기정통부 🇰🇷 식약처 디지털트윈"
    offsets = OffsetMap(text)

    def span(i, word):
        start = text.index(word)
        return S(id=i, start=start, end=start + len(word), label="AGENCY")

    a, b, c = span(1, "원주시"), span(2, "과기정통부"), span(3, "식약처")
    placed = PlacedOverlay.place(Overlay("annotations", [a, b]), offsets)
    updated = placed.updated([b], [c, span(4, "디지털트윈")], offsets)
    whole = PlacedOverlay.place(Overlay("annotations", [a, c, span(4, "디지털트윈")]), offsets)
    assert updated.spans == whole.spans and updated._starts == whole._starts
    assert placed.updated([], [span(5, "원주")], offsets) is None  # overlaps a neighbour: place it whole


def test_every_tag_sits_under_its_own_span_whatever_the_overlay_order(qtbot):
    """Review mode draws gold and candidates as separate overlays on the same lines (issue 12, bug 2):
    a tag placed for one overlay must not push another overlay's tag away from its span."""
    from annotator.gui.text.overlays import OverlayStyle

    text = "원주의료기기테크노밸리가 국비 120억 원을 들여 인공지능 의료기기산업을 키운다.\n"
    view = make_view(qtbot, text)

    def span(i, word, label, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return Suggestion(i, start, start + len(word), label, word)

    gold = [span(1, "원주의료기기테크노밸리", "AGENCY"), span(2, "인공지능", "AGENCY")]
    disagreement = [span(10, "국비 120억 원", "BUDGET"), span(11, "120억 원", "BUDGET")]
    rejected = [span(20, "의료기기산업", "AGENCY")]
    view.set_overlay(Overlay("annotations", gold))
    view.set_overlay(Overlay("review:disagreement", disagreement, OverlayStyle(fill_alpha=0, z=3)))
    view.set_overlay(Overlay("review:rejected", rejected, OverlayStyle(fill_alpha=0, muted_tag=True, z=1)))
    boxes = view.tag_boxes()
    assert sorted((name, span.id) for name, span, _box in boxes) == [
        ("annotations", 1), ("annotations", 2), ("review:disagreement", 10), ("review:disagreement", 11),
        ("review:rejected", 20)]
    rects = {span.id: view._line_rects(*view.offsets.range_to_qt(span.start, span.end))[0]
             for _name, span, _box in boxes}
    for _name, span, box in boxes:
        under = rects[span.id]
        assert under.left() - 0.5 <= box.left() < under.right(), (span.text, box, under)
        assert box.top() >= under.bottom()
    for i, (_n, a, first) in enumerate(boxes):  # stacked, never drawn over each other
        for _m, b, second in boxes[i + 1:]:
            assert not first.intersects(second), (a.text, b.text)
    view.grab()


def covered_text(view) -> list[tuple[str, str]]:
    """(tag, line of text) of the tags drawn over a line of text."""
    document = view.document()
    layout = document.documentLayout()
    dy = -view.verticalScrollBar().value()
    lines = []
    block = document.begin()
    while block.isValid():
        origin = layout.blockBoundingRect(block).topLeft()
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            if line.textLength():
                lines.append((block.text()[line.textStart():line.textStart() + line.textLength()],
                              QRectF(origin.x() + line.x(), origin.y() + line.y() + dy, line.naturalTextWidth(),
                                     line.height())))
        block = block.next()
    return [(span.label, words) for _name, span, box in view.tag_boxes() for words, rect in lines
            if box.intersects(rect)]


def test_stacked_tags_get_room_instead_of_covering_the_next_line(qtbot):
    from annotator.gui.window import fonts
    from annotator.gui.text.document_view import LINE_HEIGHT_PERCENT
    from annotator.gui.text.overlays import OverlayStyle

    text = ("과기정통부는 국비 120억 원을 들여 인공지능 사업을 키운다.\n다음 줄의 글자는 가려지면 안 된다.\n"
            "셋째 줄.\n")
    view = make_view(qtbot, text)
    view.setFont(fonts.reading_font(fonts.hangul_families(), view.font()))  # as the window does
    start = text.index("국비")
    same = [Suggestion(1, start, start + 2, "AGENCY", "국비")]  # shorter than its tag: tags cannot sit side by side
    third = text.index("셋째")
    view.set_overlay(Overlay("annotations", [Suggestion(9, third, third + 2, "AGENCY", "셋째")]))
    view.grab()

    def third_line() -> float:
        return view.document().documentLayout().blockBoundingRect(view.document().findBlockByNumber(2)).top()

    plain = third_line()  # one row of tags: the usual spacing
    for n in range(3):  # three annotators' candidates on the same word: three rows of tags
        view.set_overlay(Overlay(f"review:{n}", same, OverlayStyle(fill_alpha=0, z=n + 1)))
    view.grab()
    qtbot.waitUntil(lambda: covered_text(view) == [], timeout=2000)
    rows = {round(box.top()) for name, _span, box in view.tag_boxes() if name.startswith("review:")}
    assert len(rows) == 3
    assert view.document().findBlockByNumber(1).blockFormat().lineHeight() == LINE_HEIGHT_PERCENT  # only where needed
    for n in (1, 2):
        view.remove_overlay(f"review:{n}")
    view.grab()
    qtbot.waitUntil(lambda: view.document().findBlockByNumber(0).blockFormat().lineHeight() == LINE_HEIGHT_PERCENT,
                    timeout=2000)  # back to the usual spacing when the stack is gone
    assert third_line() == plain and covered_text(view) == []
