"""How fast is merging a copy (spans by identity, edits and deletions included)?

Builds a reviewer's project of N documents without spans and an annotator's copy of the same
documents with S spans each (no Kiwi), then times, each a median of several runs on fresh copies:

- the first merge of the annotator's copy (every span new);
- merging it again (nothing changes);
- merging after the annotator edited 10 % of the spans and deleted 5 %;

against a baseline measured in the same run: reading the other copy's spans with one SELECT and
inserting them with one executemany (what any merge must at least do). Results: docs/performance.md.

    python benchmarks/merge_speed.py [--documents N] [--spans S] [--runs R]
"""

from __future__ import annotations

import argparse
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
from annotator.core.operations import RemoveSpans, UpdateSpan  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def baseline(target: Path, other: Path) -> float:
    """One SELECT of the other copy's spans and one executemany into the target, committed."""
    conn = sqlite3.connect(target / "project.db")
    conn.execute("ATTACH DATABASE ? AS other", (f"{(other / 'project.db').resolve().as_uri()}?mode=ro",))
    start = time.perf_counter()
    rows = conn.execute("SELECT uid, doc_id, annotator, start, end, label, attrs, note, rev, history, created_at,"
                        " updated_at FROM other.spans").fetchall()
    conn.executemany("INSERT INTO spans (uid, doc_id, annotator, start, end, label, attrs, note, rev, history,"
                     " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.commit()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--spans", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_project(root / "reviewer", args.documents).close()
        build_project(root / "kim", args.documents, args.spans, ("kim",)).close()
        edited = root / "kim-edited"
        shutil.copytree(root / "kim", edited)
        with Project.open(edited, backup=False) as kim:
            spans = kim.spans(annotator="kim")
            with kim.store.transaction():
                for span in spans[::10]:
                    UpdateSpan(span.id, label="TECH" if span.label != "TECH" else "AGENCY").run(kim.store)
                RemoveSpans([s.id for s in spans[5::20]]).run(kim.store)
        figures: dict[str, list[float]] = {"baseline": [], "first": [], "again": [], "edits": []}
        for run in range(args.runs):
            target = root / f"run{run}"
            shutil.copytree(root / "reviewer", target)
            plain = root / f"plain{run}"
            shutil.copytree(root / "reviewer", plain)
            figures["baseline"].append(baseline(plain, root / "kim"))
            with Project.open(target, backup=False) as project:
                figures["first"].append(timed(lambda: project.merge_from(root / "kim", trust_full_copy=True)))
                figures["again"].append(timed(lambda: project.merge_from(root / "kim", trust_full_copy=True)))
                figures["edits"].append(timed(lambda: project.merge_from(edited, trust_full_copy=True)))
        spans_total = args.documents * args.spans
        print(f"{args.documents:,} documents, {spans_total:,} spans, {args.runs} runs (median seconds)")
        base = statistics.median(figures["baseline"])
        for name, values in figures.items():
            median = statistics.median(values)
            print(f"  {name:9} {median:7.2f} s  {median / base:5.2f}× baseline")


if __name__ == "__main__":
    main()
