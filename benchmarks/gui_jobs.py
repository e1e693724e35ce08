"""Does the window keep responding while the import and export dialogs work? (offscreen)

    python benchmarks/gui_jobs.py [--files 300] [--documents 20000]

A 5 ms timer ticks on the GUI thread while the real dialogs run: the first
import of the process (Kiwi loads on the worker), a second import, and an
export of a synthetic project to JSONL. Prints the job's time and the longest
gaps between ticks; results are kept in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import write_corpus  # noqa: E402
from synthetic import build_project  # noqa: E402

from annotator.core.project import Project  # noqa: E402


def run(app, dialog, label: str) -> None:
    """Start ``dialog``'s job and measure the GUI thread's timer until the job has finished."""
    from PySide6.QtCore import QEventLoop, QTimer

    ticks = [time.perf_counter()]
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    dialog.jobFinished.connect(loop.quit)
    timer.start()
    dialog.start_button.click()
    loop.exec()
    timer.stop()
    ticks.append(time.perf_counter())
    gaps = sorted((b - a for a, b in zip(ticks, ticks[1:])), reverse=True)
    print(f"{label}: {ticks[-1] - ticks[0]:.2f} s; longest gaps between ticks "
          + ", ".join(f"{gap * 1000:.0f} ms" for gap in gaps[:3]) + f"; {len(ticks) - 2} ticks")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--documents", type=int, default=20000)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from annotator.gui.jobs.export_dialog import ExportDialog
    from annotator.gui.jobs.import_dialog import ImportDialog
    from annotator.gui.window.main_window import MainWindow

    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root / "first", args.files, seed=1)
        write_corpus(root / "second", args.files, seed=2)
        Project.create(root / "imported").close()
        with Project.open(root / "imported") as project:
            window = MainWindow(project, "kim")
            window.show()
            for folder in ("first", "second"):
                dialog = ImportDialog(project, window)
                dialog.add_paths([root / folder])
                dialog.show()
                run(app, dialog, f"import {args.files} files ({folder}{', Kiwi loads' if folder == 'first' else ''})")
            window.close()
        build_project(root / "big", args.documents, spans_per_document=5, annotators=("gold",)).close()
        with Project.open(root / "big") as project:
            window = MainWindow(project, "kim")
            window.show()
            dialog = ExportDialog(project, window)
            dialog.path.setText(str(root / "out.jsonl"))
            dialog.show()
            run(app, dialog, f"export {args.documents:,} documents to JSONL")
            window.close()


if __name__ == "__main__":
    main()
