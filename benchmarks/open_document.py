"""Opening documents and the label key, in the real window (offscreen).

    python benchmarks/open_document.py [--runs 15]

Articles of 5,000, 50,000 and 200,000 characters with 50, 500 and 2,000
spans: time to open one (load, fill the view, the panels) and paint it,
median and p95 over several opens; and the label key: from a key press on a
selection (snap, commit, panels) to the repainted view. Baseline in the same
run: a bare QTextEdit filled with the same plain text and painted. The
suggestions worker, which runs after each open and change, is let finish
between measurements.
Goals (issue 7): p95 ≤ 50 ms to open 50k characters with 500 spans; ≤ 16 ms
from key press to repaint.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# ANNOTATOR_SOURCE=DIR: measure another checkout of annotator (see scale.py).
sys.path.insert(0, os.environ.get("ANNOTATOR_SOURCE", str(Path(__file__).resolve().parents[1])))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_articles  # noqa: E402
from synthetic import rough_morphemes  # noqa: E402

from annotator import Project  # noqa: E402
from annotator.core.text.morphemes import pack_morphemes, pack_sentences  # noqa: E402
from annotator.core.records import SpanDraft  # noqa: E402
from annotator.core.text.normalize import document_uid  # noqa: E402

SIZES = ((5_000, 50), (50_000, 500), (200_000, 2_000))


def add_document(project: Project, chars: int, spans: int, seed: int) -> int:
    text = ""
    for article in generate_articles(chars // 500 + 2, seed=seed):
        text += article
    text = text[:chars]
    pieces = rough_morphemes(text)
    store = project.store
    with store.transaction():
        doc_id = store.insert_document(uid=document_uid(text), title=f"{chars:,}자 기사", text=text, raw=None,
                                       meta={}, source="bench", encoding="utf-8", morphemes=pack_morphemes(pieces),
                                       sentences=pack_sentences([(0, len(text))]))
        words = [m for m in pieces if m.tag == "NNG"]
        step = max(1, len(words) // spans)
        labels = project.schema.label_names
        store.insert_spans([SpanDraft(doc_id, "kim", m.start, m.end, labels[n % len(labels)])
                            for n, m in enumerate(words[::step][:spans])])
    return doc_id


def settle(window) -> None:
    """Let the suggestions worker finish (it runs after each open and change, off the measured path)."""
    from PySide6.QtTest import QTest

    QTest.qWait(150)  # past the worker's debounce
    window.suggestions.wait_until_ready(30)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def row(name: str, values: list[float]) -> str:
    return f"{name:<44}{statistics.median(values) * 1e3:>9.1f}{p95(values) * 1e3:>9.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--hide-suggestions", action="store_true",
                        help="measure with View › Show suggestions off")
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTextEdit

    from annotator.gui.window.main_window import MainWindow
    from annotator.gui.window.translation import set_language

    app = QApplication([])
    set_language("ko")
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.create(Path(tmp) / "p")
        docs = {size: add_document(project, *size, seed=n) for n, size in enumerate(SIZES)}
        spare = add_document(project, 1_000, 5, seed=9)
        window = MainWindow(project, "kim")
        if args.hide_suggestions:
            window.suggestions.set_visible(False, remember=False)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        bare = QTextEdit()
        bare.resize(800, 700)
        bare.show()
        print(f"{'':<44}{'median ms':>9}{'p95 ms':>9}")
        for (chars, spans), doc_id in docs.items():
            text = project.document(doc_id).text
            baseline, ours = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                bare.setPlainText(text)
                bare.viewport().repaint()
                baseline.append(time.perf_counter() - start)
                window.open_document(spare)
                app.processEvents()
                start = time.perf_counter()
                window.open_document(doc_id)
                window.view.viewport().repaint()
                ours.append(time.perf_counter() - start)
                settle(window)
            print(row(f"bare QTextEdit, {chars:,} characters", baseline))
            print(row(f"open {chars:,} characters, {spans:,} spans", ours))
        # The label key on the 50k document: select a word, press 3, see it painted; undo between.
        doc_id = docs[(50_000, 500)]
        window.open_document(doc_id)
        bare.close()
        window.activateWindow()  # shortcuts go to the active window
        window.view.setFocus()
        app.processEvents()
        text = window.document.text
        taken = {(s.start, s.end) for s in project.spans(doc_id, "kim")}
        free = [m for m in project.morphemes(doc_id) if m.tag == "NNG" and all(
            m.end <= s or m.start >= e for s, e in taken)]
        keys = []
        profiler = None
        if os.environ.get("PROFILE_KEY"):
            from pyinstrument import Profiler
            profiler = Profiler(interval=0.0002)
            profiler.start()
        for m in free[:: max(1, len(free) // args.runs)][: args.runs]:
            window.view.scroll_to_offset(m.start)
            window.view.select_range(m.start, m.end)
            app.processEvents()
            start = time.perf_counter()
            QTest.keyClick(window.view, Qt.Key.Key_3)
            window.view.viewport().repaint()
            keys.append(time.perf_counter() - start)
            assert any(s.start == m.start and s.text == text[m.start:m.end] for s in project.spans(doc_id, "kim"))
            window.stack.undo()
            settle(window)
        if profiler:
            profiler.stop()
            print(profiler.output_text(color=False, unicode=False))
        print(row("label key → repainted (50,000 characters)", keys))
        window.close()
        project.close()


if __name__ == "__main__":
    main()
