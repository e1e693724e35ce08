"""How fast are assignment, the "my documents" list, team figures and packages on a big project?

Builds a synthetic project (default 100,000 documents, no spans) straight through the store, then
times: assigning every document to 2 of 20 annotators with 20 calibration documents; running it
again (nothing new); one annotator's filtered document list, progress and next document; the team
figures (``annotator stats``) with active time on every assignment; a package of one annotator's
documents. Prints medians (wall and CPU). Results: docs/performance.md.

    python benchmarks/team_speed.py [--documents N] [--runs R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_project  # noqa: E402

from annotator.core.store import assignments as assignment_store
from annotator.core.team.activity import save_active_time  # noqa: E402
from annotator.core.team.assignment import assign, next_unfinished_document  # noqa: E402
from annotator.core.team.effort import team_figures  # noqa: E402
from annotator.core.team.packages.make import write_package  # noqa: E402
from annotator.core.store.worklist import DocumentFilter, WorklistStore  # noqa: E402

ANNOTATORS = [f"annotator{i:02d}" for i in range(20)]


def timed(work, runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        project = build_project(Path(tmp) / "p", args.documents)
        print(f"built {args.documents:,} documents in {time.perf_counter() - started:.0f} s")
        rows = []
        rows.append(("assign: 2 of 20 annotators per document, 20 calibration documents (one run)",
                     timed(lambda: assign(project, ANNOTATORS, 2, calibration=20, seed=1), 1)))
        rows.append(("assign again: nothing new to assign",
                     timed(lambda: assign(project, ANNOTATORS, 2, calibration=20, seed=1), args.runs)))
        worklist = WorklistStore(project.store)
        name = ANNOTATORS[0]
        mine = assignment_store.assigned_ids(project.store, name)
        rows.append(("baseline: every document, the list's ids (no filter)",
                     timed(lambda: worklist.document_ids(name), args.runs)))
        rows.append((f"my documents: the list's ids ({len(mine):,} documents)",
                     timed(lambda: worklist.document_ids(name, DocumentFilter(mine=True)), args.runs)))
        rows.append(("progress of my assigned documents", timed(lambda: worklist.progress(name), args.runs)))
        rows.append(("Ctrl+Enter: my next unfinished document",
                     timed(lambda: next_unfinished_document(worklist, name, mine[len(mine) // 2]), args.runs)))
        for annotator in ANNOTATORS:
            ids = assignment_store.assigned_ids(project.store, annotator)
            save_active_time(project.store, annotator, {(d, "2025-03-14"): 300.0 for d in ids})
        rows.append(("team figures (annotator stats) with active time on every assignment",
                     timed(lambda: team_figures(project), args.runs)))
        counter = iter(range(args.runs + 1))
        rows.append((f"package of one annotator ({len(mine):,} documents)",
                     timed(lambda: write_package(project, name, Path(tmp) / f"package{next(counter)}"), args.runs)))
        project.close()
    print(f"| step ({args.documents:,} documents, 20 annotators) | median wall | median CPU |")
    print("|---|---|---|")
    for label, (wall, cpu) in rows:
        print(f"| {label} | {wall:.3f} s | {cpu:.3f} s |")


if __name__ == "__main__":
    main()
