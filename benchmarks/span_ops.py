"""Latency of span operations through the core API on a large project,
against a raw SQLite insert + commit with the same durability settings.

    python benchmarks/span_ops.py [--documents 100000] [--operations 300]

Goal (issues 7 and 17): each operation ≤ 1.5 × the raw commit. The raw commit and
the operations are interleaved, so a busy shared machine slows both alike;
CPU time (which leaves out waiting for the disk) is printed beside the wall time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

# ANNOTATOR_SOURCE=DIR: measure another checkout of annotator (see scale.py).
sys.path.insert(0, os.environ.get("ANNOTATOR_SOURCE", str(Path(__file__).resolve().parents[1])))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_project  # noqa: E402

from annotator import Project  # noqa: E402


AMOUNT = re.compile(r"[0-9][0-9,.]*억 ?원(?=[\s.,])")  # ends a rough morpheme: readable as an amount


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def raw_commit(conn: sqlite3.Connection, doc_id: int) -> int:
    """The floor: one INSERT of a whole span row (identity, revision, timestamps) and COMMIT, on a
    connection with the same WAL and synchronous=FULL (benchmark only; the app's SQL lives in stores)."""
    stamp = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    conn.execute("BEGIN IMMEDIATE")
    cursor = conn.execute(
        "INSERT INTO spans (uid, doc_id, annotator, start, end, label, attrs, note, rev, history, created_at,"
        " updated_at) VALUES (?, ?, 'raw', 0, 1, 'TECH', '{}', '', ?, '', ?, ?)",
        (secrets.token_hex(16), doc_id, secrets.token_hex(8), stamp, stamp))
    conn.execute("COMMIT")
    return cursor.lastrowid


def timed(function, *args):
    """(result, wall seconds, CPU seconds)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def measure_span_operations(project: Project, doc_ids: list[int]) -> dict[str, tuple[list[float], list[float]]]:
    """{operation: (wall times, CPU times)}: the raw commit and the API's add, relabel and remove,
    interleaved document by document so that both see the same load on a shared machine."""
    conn = sqlite3.connect(project.database_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    names = ("raw insert+commit", "add_span (snapped)", "relabel_span", "remove_span", "add_span BUDGET (value)")
    figures: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in names}

    def note(name, wall, cpu):
        figures[name][0].append(wall)
        figures[name][1].append(cpu)

    valued = 0
    for doc_id in doc_ids:
        text = project.document(doc_id).text
        at = text.rindex("\n") + 1  # the last line, where no span is
        _, wall, cpu = timed(raw_commit, conn, doc_id)
        note(names[0], wall, cpu)
        span, wall, cpu = timed(project.add_span, doc_id, at, at + 2, "PROGRAM", "bench")
        note(names[1], wall, cpu)
        _, wall, cpu = timed(project.relabel_span, span.id, "TECH")
        note(names[2], wall, cpu)
        _, wall, cpu = timed(project.remove_span, span.id)
        note(names[3], wall, cpu)
        amount = AMOUNT.search(text)
        if amount:  # a hand-drawn amount: its value and currency are computed on the way in
            span, wall, cpu = timed(project.add_span, doc_id, amount.start(), amount.end(), "BUDGET", "bench")
            note(names[4], wall, cpu)
            valued += "value" in span.attrs
            project.remove_span(span.id)
    conn.execute("DELETE FROM spans WHERE annotator = 'raw'")
    conn.close()
    print(f"{valued} of {len(figures[names[4]][0])} hand-drawn amounts got their value")
    return figures


def measure_import_attributes(project: Project, doc_ids: list[int]) -> None:
    """What an import's spans cost more now that their attributes are computed: every amount of the
    documents as BUDGET and every word as AGENCY (``SpanAttributes.complete_drafts``), against
    inserting the same drafts (``store.insert_spans``, rolled back)."""
    from annotator.core.records import SpanDraft

    drafts = []
    for doc_id in doc_ids:
        text = project.document(doc_id).text
        drafts += [SpanDraft(doc_id, "imported", m.start(), m.end(), "BUDGET") for m in AMOUNT.finditer(text)]
        drafts += [SpanDraft(doc_id, "imported", m.start(), m.end(), "AGENCY")
                   for m in re.finditer(r"[가-힣]{3,}(?=[\s.,])", text)][:20]
    store = project.store
    with store.transaction():
        _, attributes_wall, attributes_cpu = timed(project.span_attributes.complete_drafts, drafts, store)
    try:
        with store.transaction():
            _, insert_wall, insert_cpu = timed(store.insert_spans, drafts)
            raise KeyboardInterrupt  # roll back
    except KeyboardInterrupt:
        pass
    n = len(drafts)
    print(f"import of {n:,} BUDGET and AGENCY spans: attributes {attributes_wall / n * 1e3:.3f} ms wall / "
          f"{attributes_cpu / n * 1e3:.3f} ms CPU per span; inserting them {insert_wall / n * 1e3:.3f} ms / "
          f"{insert_cpu / n * 1e3:.3f} ms per span")


def report(figures: dict[str, tuple[list[float], list[float]]]) -> None:
    base_wall = statistics.median(figures["raw insert+commit"][0])
    base_cpu = statistics.median(figures["raw insert+commit"][1])
    print(f"{'operation':<22}{'median ms':>10}{'p95 ms':>10}{'× raw':>8}{'CPU ms':>9}{'CPU × raw':>11}")
    for name, (walls, cpus) in figures.items():
        if not walls:
            continue
        median, cpu = statistics.median(walls), statistics.median(cpus)
        print(f"{name:<22}{median * 1e3:>10.2f}{percentile(walls, 0.95) * 1e3:>10.2f}{median / base_wall:>8.2f}"
              f"{cpu * 1e3:>9.3f}{cpu / base_cpu:>11.2f}")


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
        report(measure_span_operations(project, [rng.randint(1, args.documents) for _ in range(args.operations)]))
        measure_import_attributes(project, [rng.randint(1, args.documents) for _ in range(200)])
        project.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
