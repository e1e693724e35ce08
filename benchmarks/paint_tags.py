"""Painting the text with stacked label tags (review mode's candidates of three annotators).

    python benchmarks/paint_tags.py [--runs 200]

A 5,000-character article with a span every 40 characters in each of three
overlays, one of them shifted so tags collide and stack: median and p95 time
of one repaint of the view, after the first paint gave the stacked paragraphs
their room (``gui/tag_room.py``). Baseline in the same run: a bare QTextEdit
with the same text repainted. ANNOTATOR_SOURCE=DIR measures another checkout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.environ.get("ANNOTATOR_SOURCE", str(Path(__file__).resolve().parents[1])))

from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from annotator.gui.text.document_view import DocumentView, LabelLook  # noqa: E402
from annotator.gui.text.overlays import Overlay, OverlayStyle  # noqa: E402

WORDS = "과기정통부는 국비 120억 원을 들여 인공지능 사업을 키운다 원주시 디지털트윈 실증 "


@dataclass(frozen=True)
class Mark:
    id: int
    start: int
    end: int
    label: str
    text: str


def timed(paint, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        paint()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    paragraphs = [(WORDS * 4).strip() for _ in range(5_000 // (len(WORDS) * 4))]
    text = "\n".join(paragraphs) + "\n"
    bare = QTextEdit()
    bare.setPlainText(text)
    bare.resize(600, 700)
    bare.show()
    view = DocumentView()
    view.resize(600, 700)
    view.set_labels({"AGENCY": LabelLook(QColor("#2a9d8f"), "AGENCY"), "TECH": LabelLook(QColor("#8ab4f8"), "TECH")})
    view.show_text(text)
    for n, shift in enumerate((0, 0, 3)):
        marks = [Mark(i, s + shift, s + shift + 5, "AGENCY" if n else "TECH", text[s + shift:s + shift + 5])
                 for i, s in enumerate(range(0, len(text) - 10, 40))]
        view.set_overlay(Overlay(f"review:{n}", marks, OverlayStyle(fill_alpha=0, z=n + 1)))
    view.show()
    for _ in range(5):  # the first paints make room for the stacks
        view.viewport().repaint()
        app.processEvents()
    print(f"{'':40s} median ms   p95 ms")
    for name, widget in (("bare QTextEdit, 5,000 characters", bare), ("stacked tags, 3 overlays", view)):
        median, p95 = timed(widget.viewport().repaint, args.runs)
        print(f"{name:40s} {median:9.2f} {p95:8.2f}")


if __name__ == "__main__":
    main()
