"""Backups of a large project: what one costs, and that the window no longer waits for it.

    python benchmarks/backup_speed.py [--documents 100000] [--runs 3] [--project PATH]

Measures (medians over ``--runs``), on a synthetic project (5 spans per document):
- a plain file copy of ``project.db`` (the disk's speed: the baseline),
- ``backup_store.copy_live`` (SQLite's backup API in steps, one snapshot),
  ``PRAGMA quick_check`` of the copy, and ``take_backup`` (both, and the rename),
- the window's start to its first rendered document with a backup due
  (``annotator gui --screenshot`` in a child process; it takes no backup), and
  with none due; the backup then runs on a worker thread after the window shows,
- that background backup in an offscreen window, with a 5 ms timer ticking on
  the GUI thread meanwhile: a long gap between ticks is time the window could
  not react to a key (as ``gui_jobs.py`` measures imports and exports).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import timed_child  # noqa: E402
from synthetic import build_project  # noqa: E402

from annotator.core.store import backups as backup_store
from annotator.core.safety.backups import backup_folder, database_size, take_backup  # noqa: E402


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _make_due(db: Path) -> None:
    shutil.rmtree(backup_folder(db), ignore_errors=True)
    os.utime(db)  # "changed since the newest backup" (there is none)


def _ticking(loop, until) -> list[float]:
    """The longest gaps between 5 ms ticks of a GUI-thread timer while ``loop`` runs until ``until()``."""
    from PySide6.QtCore import QTimer

    ticks = [time.perf_counter()]
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    check = QTimer(interval=20)
    check.timeout.connect(lambda: loop.quit() if until() else None)
    timer.start()
    check.start()
    loop.exec()
    timer.stop()
    check.stop()
    ticks.append(time.perf_counter())
    return sorted((b - a for a, b in zip(ticks, ticks[1:])), reverse=True)[:3]


def window_during_backup(folder: Path) -> tuple[float, list[float], list[float]]:
    """(backup seconds, longest gaps between 5 ms ticks meanwhile, the same for as long with no backup)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from annotator.core.project import Project
    from annotator.gui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    _make_due(folder / "project.db")
    with Project.open(folder) as project:
        window = MainWindow(project, "kim")
        window.show()
        window.review.worker.wait()
        window.suggestions.wait_until_ready()
        for _ in range(3):
            app.processEvents()
        start = time.perf_counter()
        window.database.backup_if_due()
        during = _ticking(QEventLoop(), lambda: not window.database.backing_up)
        seconds = time.perf_counter() - start
        idle_until = time.perf_counter() + seconds
        idle = _ticking(QEventLoop(), lambda: time.perf_counter() >= idle_until)  # the baseline
        window.close()
    return seconds, during, idle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project", type=Path, help="use this project instead of building one (it is not changed "
                                                     "except for its backups/ folder)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    try:
        folder = args.project
        if folder is None:
            folder = work / "p"
            build_project(folder, args.documents, spans_per_document=5).close()
        db = folder / "project.db"
        copy = work / "copy.db"
        figures: dict[str, list[float]] = {}
        for _ in range(args.runs):
            figures.setdefault("file copy (baseline)", []).append(_timed(lambda: shutil.copyfile(db, copy)))
            copy.unlink()
            figures.setdefault("copy_live (backup API, steps)", []).append(
                _timed(lambda: backup_store.copy_live(db, copy)))
            figures.setdefault("quick_check of the copy", []).append(
                _timed(lambda: backup_store.backup_problems(copy)))
            copy.unlink()
            _make_due(db)
            figures.setdefault("take_backup (copy, check, rename)", []).append(_timed(lambda: take_backup(db)))
            _make_due(db)
            png = work / "shot.png"
            gui = [sys.executable, "-m", "annotator", "gui", str(folder), "--annotator", "kim", "--screenshot", str(png)]
            figures.setdefault("window start, a backup due", []).append(timed_child(gui)[0])
            take_backup(db)
            figures.setdefault("window start, no backup due", []).append(timed_child(gui)[0])
        seconds, during, idle = window_during_backup(folder)
        print(f"backup on the window's worker thread: {seconds:.2f} s; longest gaps between 5 ms ticks "
              + ", ".join(f"{gap * 1000:.0f} ms" for gap in during) + "; as long without a backup: "
              + ", ".join(f"{gap * 1000:.0f} ms" for gap in idle))
        size = database_size(db)
        print(f"database {size / 2**20:,.0f} MB ({size / max(1, args.documents):,.0f} bytes per document)")
        for name, runs in figures.items():
            print(f"{name:<36} median {statistics.median(runs):6.2f} s   ({', '.join(f'{r:.2f}' for r in runs)})")
    finally:
        if args.project is not None:
            shutil.rmtree(backup_folder(args.project / "project.db"), ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
