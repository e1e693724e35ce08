"""How the workbench's review mode feels on a big project (offscreen).

Uses the synthetic project of ``agreement_speed.py`` (10,000 documents, 3
annotators, all done) and measures, in milliseconds of GUI-thread time:
opening the window in review mode, the whole-project review states that the
worker thread counts meanwhile, opening a document (its merged view, overlays
and auto-merge), and the reviewer's keys (accept, reject, undo, mark
adjudicated and open the next). For the agreement dashboard it prints how
long the report took on the worker thread and the longest stall of the GUI
thread while it ran (a 10 ms timer that should keep ticking).

    python benchmarks/review_mode.py [--documents 10000] [--keep DIR]
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from agreement_speed import build  # noqa: E402

from annotator.core.project import Project  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def wait_for(app, condition, timeout: float = 120.0) -> float:
    """Process events until ``condition()``; returns the seconds it took."""
    started = time.perf_counter()
    while not condition():
        app.processEvents()
        time.sleep(0.002)
        if time.perf_counter() - started > timeout:
            raise TimeoutError
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the project in this folder and keep it (or reuse it)")
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.gui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch) / "bench"
        if not (folder / "project.toml").exists():
            build(folder, args.documents).close()
        project = Project.open(folder, backup=False)
        print(f"project of {project.document_count()} documents, {project.stats()['spans']} spans")

        started = time.perf_counter()
        window = MainWindow(project, "kim", review=True)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        print(f"window in review mode, first document merged and shown: {ms(time.perf_counter() - started)}")
        took = wait_for(app, lambda: window.review.columns.reviews is not None)
        print(f"review states of every document (worker thread), after that: {ms(took)}")

        review = window.review
        opened, accepted, rejected, undone = [], [], [], []
        ids = project.store.document_ids()[1:21]
        for doc_id in ids:
            started = time.perf_counter()
            window.open_document(doc_id)
            app.processEvents()
            opened.append(time.perf_counter() - started)
            for timings, act in ((accepted, review.accept_selected), (rejected, review.reject_selected),
                                 (undone, window.stack.undo)):
                if review.selected_candidate() is None:
                    break
                started = time.perf_counter()
                act()
                window.repaint()
                timings.append(time.perf_counter() - started)
        for name, values in (("open a document (merged view, overlays, auto-merge)", opened),
                             ("accept the selected candidate (A)", accepted),
                             ("reject the selected candidate (X)", rejected), ("undo (Ctrl+Z)", undone)):
            print(f"{name}: median {ms(statistics.median(values))}, max {ms(max(values))} over {len(values)}")
        started = time.perf_counter()
        review.adjudicate_and_next()
        window.repaint()
        print(f"mark adjudicated and open the next ready document (Ctrl+Enter): {ms(time.perf_counter() - started)}")

        stalls, clock = [], QElapsedTimer()
        ticker = QTimer(interval=10)
        ticker.timeout.connect(lambda: (stalls.append(clock.restart())))
        clock.start()
        ticker.start()
        started = time.perf_counter()
        review.show_agreement()
        dialog = review.agreement_dialog
        took = wait_for(app, lambda: dialog.report is not None)
        ticker.stop()
        print(f"agreement dashboard: report shown after {ms(took)} (worker thread); "
              f"longest GUI-thread stall meanwhile {max(stalls, default=0)} ms")
        while window.stack.canUndo():  # leave a kept project as it was
            window.stack.undo()
        window.close()
        review.worker.wait()
        project.close()


if __name__ == "__main__":
    main()
