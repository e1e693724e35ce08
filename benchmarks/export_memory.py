"""Peak memory of an export as the corpus grows: spacy (and hf) against jsonl, which streams.

Builds synthetic projects (as ``export_speed.py`` does: no Kiwi, one morpheme
a word) of each size in ``--documents``, then runs each export in a fresh
process and reads that process's peak resident set size (``ru_maxrss``):
importing spaCy or datasets, opening the project and exporting. ``--code
PATH`` runs the exports with the ``annotator`` package of another checkout
(for before/after figures: ``git archive <commit> | tar -x -C /tmp/old``).

    python benchmarks/export_memory.py                                  # 2,500 and 10,000 documents
    python benchmarks/export_memory.py --formats spacy jsonl --runs 3
    python benchmarks/export_memory.py --code /tmp/old --keep /tmp/bench-memory

Results are recorded in docs/performance.md ("Export memory").
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from export_speed import build  # noqa: E402

CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from annotator import Project
fmt, folder, out = sys.argv[2], sys.argv[3], sys.argv[4]
started = time.perf_counter()
with Project.open(folder) as project:
    report = project.export(fmt, out, status="all")  # the built gold is not adjudicated
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "seconds": time.perf_counter() - started, "documents": report.documents}))
"""


def measure(code: Path, fmt: str, folder: Path, out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    if out.is_file():
        out.unlink()
    result = subprocess.run([sys.executable, "-c", CHILD, str(code), fmt, str(folder), str(out)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, nargs="+", default=[2_500, 10_000])
    parser.add_argument("--words", type=int, default=400, help="words per document (about 5 characters each)")
    parser.add_argument("--spans-per-document", type=int, default=10)
    parser.add_argument("--formats", nargs="+", default=["jsonl", "spacy"])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--code", type=Path, default=HERE.parent, help="checkout whose annotator package exports")
    parser.add_argument("--keep", metavar="FOLDER", help="build the projects here (and reuse them if present)")
    args = parser.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="export-memory-"))
    try:
        print(f"code: {args.code}; {args.words} words and {args.spans_per_document} spans a document; "
              f"median of {args.runs} run(s)")
        for documents in args.documents:
            folder = work / f"project-{documents}-{args.words}"
            if not (folder / "project.toml").exists():
                seconds = build(folder, documents, args.spans_per_document, args.words, seed=1)
                print(f"built {documents:,} documents in {seconds:.0f} s")
            for fmt in args.formats:
                runs = [measure(args.code, fmt, folder, work / f"out-{fmt}") for _ in range(args.runs)]
                peak = statistics.median(r["peak_mb"] for r in runs)
                seconds = statistics.median(r["seconds"] for r in runs)
                print(f"{documents:>7,} documents  {fmt:<6} peak {peak:7.0f} MB  {seconds:6.1f} s")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
