"""Merging a small copy into a large project costs what the copy holds, not what the project holds.

    python benchmarks/merge_small_copy.py [--documents 10000 100000] [--runs 5]

A window on a server merges its offline copy (the documents it opened and copied ahead, about 20)
on the GUI thread when the server is back; a laptop merges a returned package. Projects of N
documents with three annotators' assignments, statuses and active time on every document; a
copy of 20 documents with kim's and lee's rows; the merge timed without its named backup (a
server project takes none), median of ``--runs``. Flat across N is the goal.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator import Project  # noqa: E402
from annotator.core.team.merge import copies as merge
from annotator.core.store.store import now  # noqa: E402
from annotator.core.store.package import copy_rows  # noqa: E402
from annotator.core.text.normalize import document_uid  # noqa: E402

ANNOTATORS = ("kim", "lee", "park")


def build(folder: Path, documents: int) -> None:
    with Project.create(folder) as project:
        conn = project.store.conn
        stamp = now()  # the copy's times are checked: as annotator writes them, not before the project began
        texts = [f"원주시가 국비 {n}억 원을 확보했다." for n in range(documents)]
        with project.store.transaction():
            conn.executemany("INSERT INTO documents (uid, title, text, length, imported_at) VALUES (?,?,?,?,?)",
                             [(document_uid(t), t[:8], t, len(t), stamp) for t in texts])
            for name in ANNOTATORS:
                ids = range(1, documents + 1)
                conn.executemany("INSERT INTO assignments (doc_id, annotator, updated_at) VALUES (?,?,?)",
                                 [(i, name, stamp) for i in ids])
                conn.executemany("INSERT INTO active_time (doc_id, annotator, day, seconds, updated_at)"
                                 " VALUES (?,?,?,?,?)", [(i, name, "2026-01-01", 30.0, stamp) for i in ids])
                conn.executemany("INSERT INTO statuses (doc_id, annotator, status, updated_at) VALUES (?,?,?,?)",
                                 [(i, name, "done", stamp) for i in ids])
        with Project.create(folder.parent / f"{folder.name}-copy") as copy, copy.store.transaction():
            copy_rows(project.store, copy.store, list(range(1, 21)), "kim", ["lee"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    merge.take_named_backup = lambda *a, **k: None  # what is timed is the merge itself
    with tempfile.TemporaryDirectory() as tmp:
        for documents in args.documents:
            folder = Path(tmp) / f"p{documents}"
            build(folder, documents)
            times = []
            with Project.open(folder) as project:
                for _ in range(args.runs):
                    start = time.perf_counter()
                    project.merge_from(folder.parent / f"{folder.name}-copy", trust_full_copy=True)  # as offline copies
                    times.append(time.perf_counter() - start)
            print(f"merge a 20-document copy into {documents:,} documents: "
                  f"median {statistics.median(times) * 1e3:.1f} ms (min {min(times) * 1e3:.1f})")


if __name__ == "__main__":
    main()
