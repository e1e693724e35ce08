"""Latency of span operations through the core API on a large project,
against a raw SQLite insert + commit with the same durability settings.

    python benchmarks/span_ops.py [--documents 100000] [--operations 300]

Goal (issue 7): each operation ≤ 1.5 × the raw commit.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_project  # noqa: E402

from annotator import Project  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def raw_commits(db_path: Path, doc_ids: list[int], count: int) -> list[float]:
    """The floor: one INSERT and COMMIT per call, same WAL and synchronous=FULL."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    times = []
    for i in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO spans (doc_id, annotator, start, end, label, attrs, created_at)"
                     " VALUES (?, 'raw', ?, ?, 'TECH', '{}', '')", (doc_ids[i % len(doc_ids)], 0, 1))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.execute("DELETE FROM spans WHERE annotator = 'raw'")
    conn.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--operations", type=int, default=300)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    try:
        start = time.perf_counter()
        build_project(work / "p", args.documents, spans_per_document=5).close()
        print(f"built {args.documents:,} documents with 5 spans each in {time.perf_counter() - start:.0f} s")
        project = Project.open(work / "p", backup=False)
        rng = random.Random(1)
        doc_ids = [rng.randint(1, args.documents) for _ in range(args.operations)]
        figures = {"raw insert+commit": raw_commits(project.database_path, doc_ids, args.operations)}
        add, relabel, remove = [], [], []
        for doc_id in doc_ids:
            text = project.document(doc_id).text
            at = text.index("관리번호")
            t = time.perf_counter()
            span = project.add_span(doc_id, at, at + 4, "PROGRAM", "bench")
            add.append(time.perf_counter() - t)
            t = time.perf_counter()
            project.relabel_span(span.id, "TECH")
            relabel.append(time.perf_counter() - t)
            t = time.perf_counter()
            project.remove_span(span.id)
            remove.append(time.perf_counter() - t)
        figures.update({"add_span (snapped)": add, "relabel_span": relabel, "remove_span": remove})
        base = statistics.median(figures["raw insert+commit"])
        print(f"{'operation':<22}{'median ms':>10}{'p95 ms':>10}{'× raw':>8}")
        for name, values in figures.items():
            median = statistics.median(values)
            print(f"{name:<22}{median * 1e3:>10.2f}{percentile(values, 0.95) * 1e3:>10.2f}{median / base:>8.2f}")
        project.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
