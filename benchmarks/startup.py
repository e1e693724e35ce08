"""Start-up time and peak memory of the GUI on a large project.

    python benchmarks/startup.py [--documents 100000] [--runs 5]

Runs ``annotator gui PROJECT --screenshot PNG`` (offscreen) as a child
process: from process start to the first rendered document saved as PNG.
Baseline in the same run: a bare PySide6 window of the same size rendered
to PNG, so the figure separates Qt's own start from ours.
Goal (issue 7): ≤ 2 s and ≤ 400 MB peak RSS; Kiwi must not be loaded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# ANNOTATOR_SOURCE=DIR: measure another checkout of annotator (see scale.py).
sys.path.insert(0, os.environ.get("ANNOTATOR_SOURCE", str(Path(__file__).resolve().parents[1])))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_project  # noqa: E402

ROOT = Path(os.environ.get("ANNOTATOR_SOURCE", Path(__file__).resolve().parents[1])).resolve()
BARE_QT = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QPlainTextEdit("가나다")); w.resize(1280, 800); w.show()
app.processEvents(); w.grab().save(sys.argv[1])
"""


def timed_child(args: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    try:
        build_project(work / "p", args.documents, spans_per_document=5).close()
        png = work / "shot.png"
        bare = work / "bare.py"
        bare.write_text(BARE_QT, encoding="utf-8")
        ours, base = [], []
        for _ in range(args.runs):
            base.append(timed_child([sys.executable, str(bare), str(png)]))
            ours.append(timed_child([sys.executable, "-m", "annotator", "gui", str(work / "p"),
                                     "--annotator", "kim", "--screenshot", str(png)]))
        for name, runs in (("bare PySide6 window", base), (f"annotator gui, {args.documents:,} documents", ours)):
            seconds = statistics.median(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            print(f"{name:<36} median {seconds:.2f} s   peak RSS {rss:.0f} MB")
        print(f"start-up over bare Qt: {statistics.median(r[0] for r in ours) - statistics.median(r[0] for r in base):.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
