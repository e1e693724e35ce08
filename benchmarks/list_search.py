"""The document list while it searches: the longest the GUI thread stalls, and the wait for the answer.

    python benchmarks/list_search.py --keep /tmp/list-100k                       # this checkout
    python benchmarks/list_search.py --keep /tmp/list-100k --before /tmp/main    # and another checkout, interleaved

The project (``synthetic.build_large_project``, 100,000 documents unless
``--documents``) is built once into ``--keep`` and reused. In the window, a
filter is set as a person sets it (a word typed in the search box and Enter;
a status or label chosen), and a 2 ms timer ticks on the GUI thread until the
list shows the answer: the longest gap between ticks is the longest the
window could not take a key or repaint (the baseline: the gaps of the same
timer with nothing to do). Before the list's queries ran on a worker thread,
the query ran inside the key press and the gap was the whole query. Two
waits are noted: until the list shows the filter's first rows (a search
shows its first page before it has counted the rest), and until it shows
them all. Each
checkout runs in a child process of its own; with ``--before``, the two
alternate run by run, so both see the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("ANNOTATOR_SOURCE", HERE.parent)).resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

TICK_MS = 2
FILTERS = {  # name: (search words, status, label)
    "search 6% (대구시)": ("대구시", None, None),
    "search 20% (원주시)": ("원주시", None, None),
    "search 53% (인공지능)": ("인공지능", None, None),
    "status new": ("", "new", None),
    "label TECH": ("", None, "TECH"),
}


def measure(project_folder: Path, runs: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator import Project
    from annotator.gui.window.main_window import MainWindow
    from annotator.gui.window.translation import set_language

    app = QApplication.instance() or QApplication([])
    set_language("ko")
    result: dict = {"annotator": str(Path(sys.modules["annotator"].__file__).parents[1]), "load_before": load()}
    with Project.open(project_folder) as project:
        window = MainWindow(project, "kim")
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        documents = window.documents

        def episode(change, wanted) -> tuple[float, float, float, int]:
            """(longest gap between ticks, seconds until the list shows the first rows of ``wanted`` and
            until it shows them all, rows)."""
            ticks: list[float] = []
            loop = QEventLoop()
            shown: list[float] = []
            first_rows: list[float] = []

            def tick() -> None:
                ticks.append(time.perf_counter())
                if started and not first_rows and documents.model.filter == wanted:
                    first_rows.append(ticks[-1])
                if started and not shown and listed(wanted):
                    shown.append(ticks[-1])
                    loop.quit()

            timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=TICK_MS)
            timer.timeout.connect(tick)
            started: list[float] = []
            timer.start()
            QTest.qWait(30)  # ticking before the change
            started.append(time.perf_counter())
            change()
            QTimer.singleShot(120_000, loop.quit)
            loop.exec()
            timer.stop()
            during = [t for t in ticks if t >= started[0]]
            last_before = max(t for t in ticks if t < started[0])
            points = [last_before, *during]
            gap = max(b - a for a, b in zip(points, points[1:]))
            return gap, first_rows[0] - started[0], shown[0] - started[0], documents.model.rowCount()

        def listed(wanted) -> bool:
            searching = getattr(documents, "searching", lambda: False)()  # the old list answered at once
            return documents.model.filter == wanted and not searching

        def set_filter(words: str, status, label):
            def change() -> None:
                if status:
                    documents.status_filter.setCurrentIndex(documents.status_filter.findData(status))
                if label:
                    documents.label_filter.setCurrentIndex(documents.label_filter.findData(label))
                if words:
                    documents.search.setFocus()
                    documents.search.setText(words)
                    QTest.keyClick(documents.search, Qt.Key.Key_Return)
            return change

        def reset() -> None:
            documents.search.clear()
            documents.status_filter.setCurrentIndex(0)
            documents.label_filter.setCurrentIndex(0)
            documents.apply_filter()
            getattr(documents, "wait_until_listed", lambda: None)()
            app.processEvents()

        idle_gaps = []
        for _ in range(runs):  # the baseline: the same timer, nothing asked of the list
            gap, _, _, _ = episode(lambda: None, documents.model.filter)
            idle_gaps.append(gap)
        result["idle_longest_gap_ms"] = round(statistics.median(idle_gaps) * 1e3, 1)
        from annotator.core.store.worklist import DocumentFilter

        result["filters"] = {}
        for name, (words, status, label) in FILTERS.items():
            wanted = DocumentFilter(status=status, label=label, query=words)
            gaps, firsts, waits, rows = [], [], [], 0
            for _ in range(runs):
                reset()
                gap, first, wait, rows = episode(set_filter(words, status, label), wanted)
                gaps.append(gap)
                firsts.append(first)
                waits.append(wait)
            result["filters"][name] = {"longest_stall_ms": round(statistics.median(gaps) * 1e3, 1),
                                       "worst_stall_ms": round(max(gaps) * 1e3, 1),
                                       "first_rows_after_s": round(statistics.median(firsts), 3),
                                       "shown_after_s": round(statistics.median(waits), 3), "documents": rows}
        window.close()
    result["load"] = load()
    return result


def load() -> float:
    return round(os.getloadavg()[0], 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", metavar="FOLDER", required=True, help="build the project here, reuse it next time")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--before", metavar="CHECKOUT", help="another checkout of annotator to measure alongside")
    parser.add_argument("--runs", type=int, default=3, help="runs of each filter per child process")
    parser.add_argument("--rounds", type=int, default=2, help="child processes per checkout")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = Path(args.keep)
    if args.measure:
        print(json.dumps(measure(folder / "project", args.runs), ensure_ascii=False))
        return 0
    from scale import ensure_project

    folder.mkdir(parents=True, exist_ok=True)
    ensure_project(folder, args.documents)
    checkouts = {"this": HERE.parent, **({"before": Path(args.before)} if args.before else {})}
    results: dict[str, list] = {name: [] for name in checkouts}
    for _ in range(args.rounds):
        for name, checkout in checkouts.items():
            env = {**os.environ, "ANNOTATOR_SOURCE": str(checkout), "PYTHONPATH": str(checkout)}
            done = subprocess.run([sys.executable, __file__, "--measure", "--keep", str(folder), "--runs",
                                   str(args.runs)], capture_output=True, text=True, env=env)
            if done.returncode != 0:
                print(f"{name}: failed\n{done.stderr}", file=sys.stderr)
                return 1
            results[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"== {name}\n{json.dumps(results[name][-1], ensure_ascii=False, indent=1)}", flush=True)
    (folder / "list_search.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
