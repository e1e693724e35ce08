"""The document view on its own: overlays, hit testing, long texts."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCursor

from annotator.gui.document_view import DocumentView, LabelLook
from annotator.gui.overlays import SUGGESTIONS, Overlay

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

    from annotator.gui.offsets import OffsetMap
    from annotator.gui.overlays import Overlay, PlacedOverlay

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
