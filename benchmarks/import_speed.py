"""Import speed against raw Kiwi tokenisation of the same texts, in the same run.

    python benchmarks/import_speed.py [--documents 10000] [--runs 3]

Goal (issue 7): import ≤ 1.15 × raw Kiwi, i.e. reading, cleaning, hashing,
normalising and storing (with the FTS index) nearly free next to analysis.
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

# ANNOTATOR_SOURCE=DIR: measure another checkout of annotator (see scale.py).
sys.path.insert(0, os.environ.get("ANNOTATOR_SOURCE", str(Path(__file__).resolve().parents[1])))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from annotator import Project  # noqa: E402
from annotator.core.text.kiwi import get_kiwi  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    try:
        paths = write_corpus(work / "corpus", args.documents)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        chars = sum(map(len, texts))
        print(f"corpus: {len(paths)} articles, {chars:,} characters")
        kiwi = get_kiwi()
        Project.create(work / "warm").import_paths(paths[:50])  # load Kiwi and dictionaries once
        # Wall time, and CPU time of the whole process (Kiwi's worker threads
        # included), which other jobs on a shared machine disturb far less.
        raw_wall, raw_cpu, imp_wall, imp_cpu = [], [], [], []
        for run in range(args.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            for _tokens in kiwi.tokenize(texts):
                pass
            raw_wall.append(time.perf_counter() - wall)
            raw_cpu.append(time.process_time() - cpu)
            project = Project.create(work / f"p{run}")
            wall, cpu = time.perf_counter(), time.process_time()
            report = project.import_paths(paths)
            imp_wall.append(time.perf_counter() - wall)
            imp_cpu.append(time.process_time() - cpu)
            assert report.ok and report.documents_added == len(paths)
            project.close()
            print(f"run {run + 1}: raw Kiwi {raw_wall[-1]:.2f} s wall {raw_cpu[-1]:.2f} s CPU, "
                  f"import {imp_wall[-1]:.2f} s wall {imp_cpu[-1]:.2f} s CPU")
        median = statistics.median
        print(f"median raw Kiwi: {median(raw_wall):.2f} s wall, {median(raw_cpu):.2f} s CPU "
              f"({chars / median(raw_wall) / 1e3:.0f} k chars/s)")
        print(f"median import:   {median(imp_wall):.2f} s wall, {median(imp_cpu):.2f} s CPU "
              f"({len(paths) / median(imp_wall):.0f} documents/s)")
        print(f"ratio import / raw Kiwi: {median(imp_wall) / median(raw_wall):.3f} wall, "
              f"{median(imp_cpu) / median(raw_cpu):.3f} CPU (goal ≤ 1.15)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
