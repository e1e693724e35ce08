"""The search box at 100,000, 300,000 and 1,000,000 documents: the first page of hits, and the whole list.

    python benchmarks/search_speed.py --keep /work/bench-data/search                      # this checkout
    python benchmarks/search_speed.py --keep /work/bench-data/search --before /tmp/main   # and another, interleaved
    python benchmarks/search_speed.py --keep DIR --sizes 20000 --runs 3                   # a quick check

The projects (``synthetic.grow_large_project``: articles of about 600
characters from 500 analysed templates, each with a distinct last line
"문서 N", every one with the line "(관리번호 000NNN)"; no spans, which a
search does not read) are built once under ``--keep``, each size grown from a
copy of the one below it (SQLite's backup API), and reused.

Each query is asked through ``WorklistStore`` as the window's worker asks
it: ``document_page`` (the first page of rows, what the list shows first)
and ``document_ids`` (every matching id: the count, and the rows further
down). A checkout without ``document_page`` (the code before it) shows
nothing until it has every id, so its first page is its whole list. Each
checkout runs in child processes of its own, alternating run by run
(``--rounds``) so both see the same load; figures are medians of the runs,
each run in a fresh process with the operating system's file cache warm.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("ANNOTATOR_SOURCE", HERE.parent)).resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

QUERIES = {  # name: query (hits: about the same share of the documents at any size, but the rare ones)
    "rare word alone": "54321",
    "rare word with a word in every document": "관리번호 54321",
    "common word (~50%)": "인공지능",
    "medium word (~20%)": "원주시",
    "two words, OR": "원주시 OR 대구시",
    "common word NOT another": "인공지능 NOT 원주시",
    "phrase (~20%)": '"디지털 치료기기"',
    "no document": "없는낱말입니다",
    "short word (2 characters, ~65%)": "AI",
    "short word in no document": "뷁",
}
from scale import load  # noqa: E402 (after the path is set)

PAGE = 200  # the rows a list shows first (document_model.PAGE_SIZE)
DONE = 10_000  # the first documents, done by every annotator (statuses: the list reads them)


def ensure_projects(keep: Path, sizes: list[int]) -> dict[int, Path]:
    """A project of each size under ``keep``, each grown from a copy of the next smaller one."""
    from annotator import Project
    from synthetic import grow_large_project

    folders = {}
    smaller: Path | None = None
    for size in sorted(sizes):
        folder = keep / f"{size}" / "project"
        if not (folder / "project.db").exists():
            started = time.perf_counter()
            project = Project.create(folder)
            if smaller is not None:  # the documents so far, through SQLite (never a file copy)
                source = sqlite3.connect(smaller / "project.db")
                source.backup(project.store.conn)
                source.close()
            grow_large_project(project, size, spans_per_annotator=0, done_until=DONE,
                               progress=lambda n: print(f"  {n:,} documents", file=sys.stderr, flush=True))
            project.close()
            print(f"built {size:,} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        folders[size] = folder
        smaller = folder
    return folders


def measure(folder: Path) -> dict:
    """One run of every query on the project in ``folder``: seconds to the first page and to every id."""
    from annotator import Project
    from annotator.core.store.worklist import DocumentFilter, WorklistStore

    result: dict = {"load_before": load(), "queries": {}}
    with Project.open(folder, backup=False) as project:
        worklist = WorklistStore(project.store)
        paged = hasattr(worklist, "document_page")
        for name, query in QUERIES.items():
            flt = DocumentFilter(query=query)
            figures = {}
            if paged:
                started = time.perf_counter()
                page, complete = worklist.document_page("kim", flt, PAGE)
                figures["first_page_s"] = time.perf_counter() - started
                figures["page_rows"] = len(page)
            started = time.perf_counter()
            ids = worklist.document_ids("kim", flt)
            figures["all_ids_s"] = time.perf_counter() - started
            figures["hits"] = len(ids)
            if not paged:
                figures["first_page_s"] = figures["all_ids_s"]
            else:
                assert list(page) == list(ids)[:len(page)], name
                assert complete == (len(page) == len(ids)) or len(ids) > PAGE, name
            result["queries"][name] = figures
    result["load"] = load()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", metavar="FOLDER", help="build the projects here, reuse them next time")
    parser.add_argument("--sizes", default="100000,300000,1000000", help="documents, comma-separated")
    parser.add_argument("--before", metavar="CHECKOUT", help="another checkout of annotator to measure alongside")
    parser.add_argument("--rounds", type=int, default=3, help="runs (child processes) per checkout and size")
    parser.add_argument("--build-only", action="store_true", help="build the projects and stop")
    parser.add_argument("--measure", metavar="PROJECT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure)), ensure_ascii=False))
        return 0
    if not args.keep:
        parser.error("--keep FOLDER is needed")
    sizes = [int(s) for s in args.sizes.split(",")]
    folders = ensure_projects(Path(args.keep), sizes)
    if args.build_only:
        return 0
    checkouts = {"this": HERE.parent, **({"before": Path(args.before)} if args.before else {})}
    runs: dict = {size: {name: [] for name in checkouts} for size in sizes}
    for size in sizes:
        for _ in range(args.rounds):
            for name, checkout in checkouts.items():
                env = {**os.environ, "ANNOTATOR_SOURCE": str(checkout), "PYTHONPATH": str(checkout)}
                done = subprocess.run([sys.executable, __file__, "--measure", str(folders[size])],
                                      capture_output=True, text=True, env=env)
                if done.returncode != 0:
                    print(f"{name}: failed\n{done.stderr}", file=sys.stderr)
                    return 1
                runs[size][name].append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"== {size:,} documents", flush=True)
        print(table(runs[size]), flush=True)
    (Path(args.keep) / "search_speed.json").write_text(json.dumps(runs, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def table(by_checkout: dict[str, list[dict]]) -> str:
    """A Markdown table: median milliseconds to the first page and to every id, per checkout."""
    names = list(by_checkout)
    header = "| query | hits | " + " | ".join(f"{n}: first page ms | {n}: all ids ms" for n in names) + " |"
    lines = [header, "|" + "---|" * (2 + 2 * len(names))]
    for query in QUERIES:
        cells = []
        for name in names:
            figures = [run["queries"][query] for run in by_checkout[name]]
            cells.append(f"{statistics.median(f['first_page_s'] for f in figures) * 1e3:,.0f}")
            cells.append(f"{statistics.median(f['all_ids_s'] for f in figures) * 1e3:,.0f}")
        hits = by_checkout[names[0]][0]["queries"][query]["hits"]
        lines.append(f"| `{QUERIES[query]}` ({query}) | {hits:,} | " + " | ".join(cells) + " |")
    loads = [run["load"] for runs in by_checkout.values() for run in runs]
    lines.append(f"\nload average during the runs: {min(loads)}–{max(loads)}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
