"""What does checking every row of another copy cost a merge? (``team.copy_check``)

Builds a synthetic copy (no Kiwi: rough morphemes) of ``--documents`` articles
with ``--spans`` spans per document in each of two layers, then times, median
of ``--runs``:

- ``check_copy``: every document, span, status, rejection and tombstone row of
  the copy checked by the import's rules;
- the merge of that copy into an empty project (which takes every document in),
  check included: the baseline the check is a part of.

    python benchmarks/merge_check.py                     # 20,000 documents, 400,000 spans
    python benchmarks/merge_check.py --documents 2000    # smaller

Results are recorded in docs/performance.md ("Merging copies").
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_project  # noqa: E402

from annotator import Project  # noqa: E402
from annotator.core.store.merge import OtherDatabase  # noqa: E402
from annotator.core.team.merge.copy_check import TimeWindow, check_copy  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--spans", type=int, default=10, help="spans per document and layer")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="merge-check-"))
    try:
        build_project(folder / "copy", args.documents, args.spans, annotators=("kim", "lee")).close()
        checks, merges = [], []
        for run in range(args.runs):
            other = OtherDatabase(folder / "copy" / "project.db")
            started = time.perf_counter()
            check_copy(other, TimeWindow.around(""))
            checks.append(time.perf_counter() - started)
            other.close()
            with Project.create(folder / f"target{run}") as target:
                started = time.perf_counter()
                report = target.merge_from(folder / "copy", trust_full_copy=True)  # a project built apart
                merges.append(time.perf_counter() - started)
        spans = sum(report.spans_added.values())
        check, merge = statistics.median(checks), statistics.median(merges)
        print(f"copy of {args.documents:,} documents, {spans:,} spans")
        print(f"check_copy: {check:.2f} s; whole merge into an empty project: {merge:.2f} s "
              f"(the check is {check / merge:.0%} of it)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
