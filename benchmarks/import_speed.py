"""Import speed against raw Kiwi tokenisation of the same texts, in the same run.

    python benchmarks/import_speed.py [--documents 10000] [--runs 3]

Goal (issue 7): import ≤ 1.15 × raw Kiwi, i.e. reading, cleaning, hashing,
normalising and storing (with the FTS index) nearly free next to analysis.
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

from corpus import write_corpus  # noqa: E402

from annotator import Project  # noqa: E402
from annotator.core.kiwi import get_kiwi  # noqa: E402


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
        raw_times, import_times = [], []
        for run in range(args.runs):
            start = time.perf_counter()
            for _tokens in kiwi.tokenize(texts):
                pass
            raw_times.append(time.perf_counter() - start)
            project = Project.create(work / f"p{run}")
            start = time.perf_counter()
            report = project.import_paths(paths)
            import_times.append(time.perf_counter() - start)
            assert report.ok and report.documents_added == len(paths)
            project.close()
            print(f"run {run + 1}: raw Kiwi {raw_times[-1]:.2f} s, import {import_times[-1]:.2f} s")
        raw, imp = statistics.median(raw_times), statistics.median(import_times)
        print(f"median raw Kiwi: {raw:.2f} s ({chars / raw / 1e3:.0f} k chars/s)")
        print(f"median import:   {imp:.2f} s ({len(paths) / imp:.0f} documents/s)")
        print(f"ratio import / raw Kiwi: {imp / raw:.3f} (goal ≤ 1.15)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
