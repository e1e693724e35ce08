"""How fast the workbench opens, paints and labels big inputs (offscreen).

    python benchmarks/workbench.py [--chars 200000] [--spans 2000] [--documents 100000]

A 200,000-character article (the bundled samples repeated, analysed by Kiwi)
with 2,000 spans, its suggestions (computed by the worker thread, drawn,
accepted with the key), and a project of 100,000 short documents for the list.
Prints milliseconds; results are kept in docs/performance.md.
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
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.operations import AddSpans  # noqa: E402
from annotator.core.paths import sample_articles_dir  # noqa: E402
from annotator.core.project import Project  # noqa: E402
from annotator.core.records import SpanDraft  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def long_article(chars: int) -> str:
    bodies = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted(sample_articles_dir().glob("*.txt"))]
    text, i = "긴 기사 성능 측정\n", 0
    while len(text) < chars:
        text += bodies[i % len(bodies)]
        i += 1
    return text[:chars]


def big_document(folder: Path, chars: int, spans: int) -> tuple[Project, int]:
    project = Project.create(folder / "long")
    (folder / "long.txt").write_text(long_article(chars), encoding="utf-8")
    started = time.perf_counter()
    project.import_paths([folder / "long.txt"], clean=False)
    print(f"import + Kiwi analysis of {chars:,} characters: {ms(time.perf_counter() - started)}")
    doc_id = project.store.document_ids()[0]
    morphemes = [m for m in project.morphemes(doc_id) if m.tag.startswith("NN")]
    step = max(1, len(morphemes) // spans)
    drafts = [SpanDraft(doc_id, "kim", m.start, m.end, ("AGENCY", "TECH", "BUDGET")[n % 3])
              for n, m in enumerate(morphemes[::step][:spans])]
    project.apply(AddSpans(drafts))
    return project, doc_id


def many_documents(folder: Path, count: int) -> Project:
    project = Project.create(folder / "many")
    body = long_article(1500)
    with project.store.transaction():
        for n in range(count):
            project.store.insert_document(uid=f"doc{n}", title=f"정책 기사 {n}", text=f"{n} {body}", raw=None,
                                          meta={"date": "2025-03-14"}, source="", encoding="utf-8",
                                          morphemes=b"", sentences=b"")
    return project


def sample_suggestion_times() -> list[float]:
    """Seconds per bundled sample article for ``Project.suggest`` (what the worker thread runs)."""
    project = Project.in_memory()
    project.import_samples()
    project.suggest(project.store.document_ids()[0], "kim")  # loads the gazetteers once
    timings = []
    for doc_id in project.store.document_ids():
        started = time.perf_counter()
        project.suggest(doc_id, "kim")
        timings.append(time.perf_counter() - started)
    project.close()
    return timings


def measure_suggestions(window, project: Project, doc_id: int, app) -> None:
    """The long article's suggestions: computed off the GUI thread, drawn, accepted with a key."""
    started = time.perf_counter()
    project.suggest(doc_id, "kim")
    print(f"suggestions for the {len(window.document.text):,}-character article (Project.suggest): "
          f"{ms(time.perf_counter() - started)}")
    controller = window.suggestions
    for shown in (False, True):
        controller.wait_until_ready(30)
        window.shortcuts.show_suggestions.setChecked(shown)
        window.document = None
        started = time.perf_counter()
        window.open_document(doc_id)
        window.view.viewport().repaint()
        gui = time.perf_counter() - started
        controller.wait_until_ready(30)
        drawn = time.perf_counter() - started
        print(f"reopen and paint it, suggestions {'shown' if shown else 'hidden'}: {ms(gui)}"
              + (f"; its {len(controller.marks()):,} suggestions drawn after {ms(drawn)}" if shown else ""))
    timings, refreshed = [], []
    for _ in range(5):
        controller.select(len(controller.marks()) // 2)
        started = time.perf_counter()
        window.shortcuts.accept_suggestion.trigger()
        window.view.viewport().repaint()
        timings.append(time.perf_counter() - started)
        controller.wait_until_ready(30)
        app.processEvents()
        refreshed.append(time.perf_counter() - started)
    print(f"accept a suggestion with its key (commit, panels, repaint): median {ms(statistics.median(timings))}; "
          f"fresh suggestions (learned strings included) after {ms(statistics.median(refreshed))}")
    timings = sample_suggestion_times()
    print(f"suggestions for a bundled sample article: median {ms(statistics.median(timings))}, "
          f"max {ms(max(timings))}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--spans", type=int, default=2_000)
    parser.add_argument("--documents", type=int, default=100_000)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from annotator.gui.window.main_window import MainWindow
    from annotator.gui.window.translation import set_language

    app = QApplication([])
    set_language("ko")
    with tempfile.TemporaryDirectory() as tmp:
        project, doc_id = big_document(Path(tmp), args.chars, args.spans)
        window = MainWindow(project, "kim")
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.open_document(project.store.document_ids()[0]) if window.document is None else None
        other = MainWindow  # reopen from scratch: the window caches nothing per document
        window.document = None
        window.suggestions.wait_until_ready(60)  # the first document's suggestions are not computing meanwhile
        started = time.perf_counter()
        window.open_document(doc_id)
        window.view.viewport().repaint()
        print(f"open a {args.chars:,}-character document with {len(window.spans.model.spans()):,} spans "
              f"and paint it: {ms(time.perf_counter() - started)}")
        bar = window.view.verticalScrollBar()
        timings = []
        for n in range(40):
            bar.setValue(bar.maximum() * n // 40)
            started = time.perf_counter()
            window.view.viewport().repaint()
            timings.append(time.perf_counter() - started)
        print(f"repaint after a scroll: median {ms(statistics.median(timings))}, max {ms(max(timings))}")
        span = window.spans.model.spans()[len(window.spans.model.spans()) // 2]
        window.view.scroll_to_offset(span.start)
        timings = []
        for label in ("TECH", "AGENCY", "BUDGET", "TECH"):
            window.select_span(span.id)
            started = time.perf_counter()
            window.apply_label(label)
            window.view.viewport().repaint()
            timings.append(time.perf_counter() - started)
        print(f"relabel a span (commit, update, repaint): median {ms(statistics.median(timings))}")
        measure_suggestions(window, project, doc_id, app)
        window.close()
        project.close()
        del other

        started = time.perf_counter()
        project = many_documents(Path(tmp), args.documents)
        print(f"({args.documents:,} documents written in {ms(time.perf_counter() - started)})")
        started = time.perf_counter()
        window = MainWindow(project, "kim")
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        print(f"open the window on {args.documents:,} documents: {ms(time.perf_counter() - started)}")
        table = window.documents.table
        timings = []
        for n in range(40):
            table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() * n // 40)
            started = time.perf_counter()
            table.viewport().repaint()
            timings.append(time.perf_counter() - started)
        print(f"list repaint after a jump (pages a new slice in): median {ms(statistics.median(timings))}, "
              f"max {ms(max(timings))}")
        for query in ("기사 9999", "디지털트윈", "원주시 OR 대구시"):
            window.documents.search.setText(query)
            started = time.perf_counter()
            window.documents.apply_filter()
            window.documents.wait_until_listed()  # answered on a worker thread
            print(f"search {query!r}: {window.documents.model.rowCount():,} rows in "
                  f"{ms(time.perf_counter() - started)}")
        window.close()
        project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
