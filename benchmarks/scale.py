"""A million documents on one laptop: every figure of issue 17, each against a baseline of the same run.

    python benchmarks/scale.py --keep /tmp/scale-1m                   # 1,000,000 documents (builds once)
    python benchmarks/scale.py --keep /tmp/scale-20k --documents 20000  # a quick check
    python benchmarks/scale.py --keep DIR --only size,startup,list      # some steps

The project (``synthetic.build_large_project``): articles of about 600
characters with Kiwi's morphemes and a date, 10 spans in each of three
annotators' layers (kim, lee, park), the first tenth of the documents done by
all three. Each step runs in a child process of its own (its peak memory is
its own) and prints one JSON line; the load average is noted with every step,
as the machine may be shared.

Steps and their baselines:

- size: bytes per document of each table and index (SQLite's ``dbstat``),
  and per span; a backup's bytes and time (``take_backup``), beside a plain
  file copy of the database (the disk's speed).
- startup: ``annotator gui PROJECT --screenshot`` from process start to the
  first rendered document, right after another program changed the project
  and again with nothing changed, beside a bare PySide6 window; peak RSS.
- list: in the window, the document list after jumping to places (repainted),
  filters and searches (model reset and repaint), beside a repaint of a bare
  QTableView over as many rows; the label key (select, press, repaint)
  beside a plain repaint of the text.
- spans: add, relabel and remove through the API, interleaved with a raw
  INSERT + COMMIT of a whole span row (``span_ops.py``).
- agreement: ``Project.agreement()`` (three annotators on the documents all
  marked done) beside a plain read of what it must read: those documents'
  spans and morphemes.
- export: ``export jsonl`` of one annotator's layer beside a raw SELECT +
  ``json.dumps`` of the same rows (``export_speed.py``).
- merge: merging a copy of 10,000 of the documents with a fourth annotator's
  layer, beside a raw INSERT of as many span rows in one transaction; the
  backup a merge keeps first (``…-before-merge.db``, a copy of the whole
  database) is timed alone and left out of the merge. The benchmark removes
  what the merge added afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
# ANNOTATOR_SOURCE=DIR measures another checkout of annotator (a "before" figure) with these scripts.
ROOT = Path(os.environ.get("ANNOTATOR_SOURCE", HERE.parent)).resolve()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

STEPS = ("size", "startup", "list", "spans", "agreement", "export", "merge")
COPY_DOCUMENTS = 10_000


def load() -> float:
    return round(os.getloadavg()[0], 1)


def peak_rss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def median(values) -> float:
    return statistics.median(values)


def timed(function, *args) -> tuple[object, float]:
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def ensure_project(folder: Path, documents: int) -> Path:
    from synthetic import build_large_project

    project_folder = folder / "project"
    if not (project_folder / "project.db").exists():
        started = time.perf_counter()
        build_large_project(project_folder, documents,
                            progress=lambda n: print(f"  built {n:,} documents", file=sys.stderr, flush=True)).close()
        print(f"built {documents:,} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return project_folder


# -- steps (each in its own process) ------------------------------------------------------


def step_size(project_folder: Path, args) -> dict:
    from annotator.core.safety.backups import backup_folder, take_backup

    db = project_folder / "project.db"
    conn = sqlite3.connect(db.as_uri() + "?mode=ro", uri=True)
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    spans = conn.execute("SELECT count(*) FROM spans").fetchone()[0]
    rows = conn.execute("SELECT name, sum(pgsize), sum(payload) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0] * page_size
    conn.close()
    groups = {"documents (text, morphemes, metadata)": ("documents",),
              "document indexes": ("sqlite_autoindex_documents_1", "documents_ids"),
              "search index": tuple(name for name, _, _ in rows if name.startswith("documents_fts")),
              "spans": ("spans",),
              "span indexes": ("sqlite_autoindex_spans_1", "spans_doc_layer", "spans_annotator_label"),
              "statuses": ("statuses", "sqlite_autoindex_statuses_1")}
    sizes = {group: sum(size for name, size, _ in rows if name in names) for group, names in groups.items()}
    total = sum(size for _, size, _ in rows) + free
    span_bytes = sizes["spans"] + sizes["span indexes"]
    result = {"documents": documents, "spans": spans, "page_size": page_size, "file_bytes": db.stat().st_size,
              "bytes_per_document": round(total / documents), "bytes_per_span": round(span_bytes / max(spans, 1)),
              "without_spans_per_document": round((total - span_bytes) / documents),
              "by_part_per_document": {k: round(v / documents) for k, v in sizes.items()},
              "by_object": {name: round(size / documents) for name, size, _ in rows}, "load": load()}
    # A backup (what the window takes on its worker thread) beside a plain copy of the file.
    scratch = project_folder.parent / "plain-copy.db"
    _, plain = timed(shutil.copyfile, db, scratch)
    scratch.unlink()
    shutil.rmtree(backup_folder(db), ignore_errors=True)
    os.utime(db)
    made, seconds = timed(take_backup, db)
    result.update({"plain_copy_s": round(plain, 2), "backup_s": round(seconds, 2),
                   "backup_bytes_per_document": round(made.path.stat().st_size / documents) if made else None})
    shutil.rmtree(backup_folder(db), ignore_errors=True)
    return result


BARE_QT = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QPlainTextEdit("가나다")); w.resize(1280, 800); w.show()
app.processEvents(); w.grab().save(sys.argv[1])
"""


def change_in_another_process(project_folder: Path) -> None:
    code = ("import sys; from annotator import Project\n"
            "with Project.open(sys.argv[1]) as p:\n"
            "    d = p.store.document_count() // 2\n"
            "    s = p.add_span(d, 0, 2, 'PROGRAM', 'other', snap=False); p.remove_span(s.id)\n")
    subprocess.run([sys.executable, "-c", code, str(project_folder)], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})


def step_startup(project_folder: Path, args) -> dict:
    from startup import timed_child

    work = project_folder.parent
    png, bare = work / "shot.png", work / "bare.py"
    bare.write_text(BARE_QT, encoding="utf-8")
    gui = [sys.executable, "-m", "annotator", "gui", str(project_folder), "--annotator", "kim", "--screenshot", str(png)]
    figures: dict[str, list[tuple[float, float]]] = {"bare": [], "after a change": [], "nothing changed": []}
    for _ in range(args.runs):
        figures["bare"].append(timed_child([sys.executable, str(bare), str(png)]))
        change_in_another_process(project_folder)
        figures["after a change"].append(timed_child(gui))
        figures["nothing changed"].append(timed_child(gui))
    shutil.rmtree(project_folder / "backups", ignore_errors=True)
    return {name: {"median_s": round(median(r[0] for r in runs), 2), "runs_s": [round(r[0], 2) for r in runs],
                   "peak_rss_mb": round(max(r[1] for r in runs))} for name, runs in figures.items()} | {"load": load()}


FILTER_LIMIT_S = 60


@contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float):
    """Interrupt a statement that runs longer than ``seconds`` (``sqlite3.OperationalError``)."""
    deadline = time.perf_counter() + seconds
    conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 100_000)
    try:
        yield
    finally:
        conn.set_progress_handler(None, 0)


def _repaint_table(table) -> None:
    table.viewport().repaint()


def step_list(project_folder: Path, args) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTableView

    from annotator import Project
    from annotator.core.errors import AnnotatorError
    from annotator.core.store.worklist import DocumentFilter
    from annotator.gui.window.main_window import MainWindow
    from annotator.gui.window.translation import set_language

    app = QApplication.instance() or QApplication([])
    set_language("ko")
    result: dict = {"load_before": load()}
    with Project.open(project_folder) as project:
        window, seconds = timed(MainWindow, project, "kim")
        result["window_constructed_s"] = round(seconds, 3)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        table = window.documents.table
        model = window.documents.model
        rows = model.rowCount()

        class Rows(QAbstractTableModel):  # the baseline: as many rows, nothing read
            def rowCount(self, parent=QModelIndex()):  # noqa: N802
                return rows

            def columnCount(self, parent=QModelIndex()):  # noqa: N802
                return 4

            def data(self, index, role=Qt.ItemDataRole.DisplayRole):
                return f"{index.row()}" if role == Qt.ItemDataRole.DisplayRole else None

        bare = QTableView()
        bare.setModel(Rows())
        bare.resize(350, 700)
        bare.show()
        rng = random.Random(3)
        places = [rows // 2, rows - 1, 0] + [rng.randrange(rows) for _ in range(args.runs * 2)]
        ours, base = [], []
        for place in places:
            for view, times in ((table, ours), (bare, base)):
                start = time.perf_counter()
                view.scrollTo(view.model().index(place, 0))
                _repaint_table(view)
                times.append(time.perf_counter() - start)
        result["jump_and_repaint_ms"] = {"median": round(median(ours) * 1e3, 1), "max": round(max(ours) * 1e3, 1),
                                         "bare_median": round(median(base) * 1e3, 1)}
        start = time.perf_counter()
        for _ in range(40):
            QTest.keyClick(table, Qt.Key.Key_PageDown)
        _repaint_table(table)
        result["page_down_ms"] = round((time.perf_counter() - start) / 40 * 1e3, 1)
        filters = {"status done": DocumentFilter(status="done"), "status new": DocumentFilter(status="new"),
                   "label TECH": DocumentFilter(label="TECH"), "search rare (문서 123456)": DocumentFilter(query="문서 123456"),
                   "search 6% (대구시)": DocumentFilter(query="대구시"), "search 20% (원주시)": DocumentFilter(query="원주시"),
                   "search 53% (인공지능)": DocumentFilter(query="인공지능"),
                   "search 2 letters, 66% (AI)": DocumentFilter(query="AI"),
                   "search phrase (\"국비 120억\")": DocumentFilter(query='"국비 120억"'),
                   "search 대구시 NOT 원주시": DocumentFilter(query="대구시 NOT 원주시"),
                   "search (대구시 OR 원주시) 국비": DocumentFilter(query="(대구시 OR 원주시) 국비"),
                   "search + status done (원주시)": DocumentFilter(status="done", query="원주시"),
                   "no filter": DocumentFilter()}
        result["filters"] = {}
        for name, flt in filters.items():
            times, found = [], 0
            for _ in range(max(1, args.runs // 2)):
                start = time.perf_counter()
                try:
                    with time_limit(project.store.conn, FILTER_LIMIT_S):
                        model.set_filter(flt)
                except sqlite3.OperationalError:  # interrupted: an older version that scans and scans
                    result["filters"][name] = {"median_s": f"> {FILTER_LIMIT_S}", "documents": None}
                    break
                except AnnotatorError as error:  # a query an older version cannot parse
                    result["filters"][name] = {"median_s": None, "error": str(error)}
                    break
                _repaint_table(table)
                times.append(time.perf_counter() - start)
                found = model.rowCount()
            else:
                result["filters"][name] = {"median_s": round(median(times), 3), "documents": found}
        model.set_filter(DocumentFilter())
        result["label_key"] = label_key(app, window, project, args.runs)
        bare.close()
        window.close()
    result.update({"peak_rss_mb": peak_rss_mb(), "load": load()})
    return result


def label_key(app, window, project, runs: int) -> dict:
    """Select a free noun in an ordinary document, press the label key, repaint; undo between."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    doc_id = project.store.document_count() // 2 + 1
    window.open_document(doc_id)
    window.activateWindow()
    window.view.setFocus()
    app.processEvents()
    taken = [(s.start, s.end) for s in project.spans(doc_id, "kim")]
    free = [m for m in project.morphemes(doc_id) if m.tag in ("NNG", "NNP")
            and all(m.end <= s or m.start >= e for s, e in taken)]
    keys, repaints = [], []
    for m in free[:: max(1, len(free) // runs)][:runs]:
        window.view.select_range(m.start, m.end)
        app.processEvents()
        start = time.perf_counter()
        window.view.viewport().repaint()
        repaints.append(time.perf_counter() - start)
        start = time.perf_counter()
        QTest.keyClick(window.view, Qt.Key.Key_3)
        window.view.viewport().repaint()
        keys.append(time.perf_counter() - start)
        window.stack.undo()
        QTest.qWait(150)
        window.suggestions.wait_until_ready(30)
    return {"median_ms": round(median(keys) * 1e3, 1), "max_ms": round(max(keys) * 1e3, 1),
            "repaint_only_median_ms": round(median(repaints) * 1e3, 1), "runs": len(keys)}


def step_spans(project_folder: Path, args) -> dict:
    from span_ops import measure_span_operations

    from annotator import Project

    with Project.open(project_folder) as project:
        count = project.store.document_count()
        rng = random.Random(5)
        figures = measure_span_operations(project, rng.sample(range(1, count + 1), min(count, args.operations)))
    base_wall, base_cpu = median(figures["raw insert+commit"][0]), median(figures["raw insert+commit"][1])
    return {name: {"median_ms": round(median(w) * 1e3, 3), "x_raw": round(median(w) / base_wall, 2),
                   "cpu_ms": round(median(c) * 1e3, 3), "cpu_x_raw": round(median(c) / base_cpu, 2)}
            for name, (w, c) in figures.items()} | {"load": load()}


def raw_agreement_reads(project) -> int:
    """What agreement has to read (benchmark only; the app's SQL lives in stores): the spans and
    morphemes of every document at least two annotators marked done."""
    conn = project.store.conn
    compared = [r[0] for r in conn.execute(
        "SELECT doc_id FROM statuses WHERE status = 'done' GROUP BY doc_id HAVING count(*) >= 2")]
    rows = 0
    for i in range(0, len(compared), 500):
        chunk = compared[i:i + 500]
        marks = ",".join("?" * len(chunk))
        rows += len(conn.execute(f"SELECT doc_id, annotator, start, end, label FROM spans WHERE doc_id IN ({marks})",
                                 chunk).fetchall())
        rows += len(conn.execute(f"SELECT id, length, morphemes FROM documents WHERE id IN ({marks})", chunk).fetchall())
    return rows


def step_agreement(project_folder: Path, args) -> dict:
    from annotator import Project

    with Project.open(project_folder) as project:
        raw = [timed(raw_agreement_reads, project)[1] for _ in range(args.heavy_runs)]
        ours = []
        for _ in range(args.heavy_runs):
            report, seconds = timed(project.agreement)
            ours.append(seconds)
    return {"raw_reads_s": round(median(raw), 2), "agreement_s": round(median(ours), 2),
            "x_raw": round(median(ours) / median(raw), 2), "documents_compared": len(report.alpha_document_ids),
            "peak_rss_mb": peak_rss_mb(), "load": load()}


def step_export(project_folder: Path, args) -> dict:
    from annotator import Project

    out = project_folder.parent / "export"
    out.mkdir(exist_ok=True)
    with Project.open(project_folder) as project:
        def raw() -> None:  # benchmark only: plain SELECTs + json.dumps of the same rows
            conn = project.store.conn
            with open(out / "raw.jsonl", "w", encoding="utf-8") as handle:
                for row in conn.execute("SELECT id, uid, title, text, meta FROM documents ORDER BY id"):
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                for row in conn.execute("SELECT doc_id, start, end, label, attrs FROM spans WHERE annotator = 'kim'"
                                        " ORDER BY doc_id, start"):
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")

        raws, ours = [], []
        for _ in range(args.heavy_runs):
            raws.append(timed(raw)[1])
            ours.append(timed(project.export, "jsonl", out / "kim.jsonl", "kim")[1])
    size = (out / "kim.jsonl").stat().st_size
    shutil.rmtree(out, ignore_errors=True)
    return {"raw_s": round(median(raws), 1), "export_jsonl_s": round(median(ours), 1),
            "x_raw": round(median(ours) / median(raws), 2), "runs": [round(t, 1) for t in raws + ours],
            "output_mb": round(size / 1e6), "peak_rss_mb": peak_rss_mb(), "load": load()}


def step_merge(project_folder: Path, args) -> dict:
    import annotator.core.team.merge.copies as merge_module
    from annotator import Project
    from annotator.core.safety import backups

    copy = project_folder.parent / "copy"
    if not (copy / "project.db").exists():  # in a child: Kiwi's memory is not the merge's
        code = ("import sys; from pathlib import Path; from synthetic import build_large_project\n"
                "build_large_project(Path(sys.argv[1]), int(sys.argv[2]), annotators=('choi',), done_share=1.0).close()")
        subprocess.run([sys.executable, "-c", code, str(copy), str(min(COPY_DOCUMENTS, args.documents))], check=True,
                       env={**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)])})
    db = project_folder / "project.db"
    with Project.open(copy) as other:
        rows = other.store.conn.execute("SELECT count(*) FROM spans").fetchone()[0]
    # A merge first keeps a named backup of the whole database (its undo): timed alone here, and
    # left out of the merge measured below, which would otherwise be mostly the copy of the database.
    _, backup_s = timed(backups.take_named_backup, db, "benchmark")
    shutil.rmtree(project_folder / "backups", ignore_errors=True)
    merge_module.take_named_backup = lambda *_args, **_kwargs: None
    with Project.open(project_folder) as project:
        conn = project.store.conn

        def raw() -> None:  # benchmark only: as many span rows inserted in one transaction
            stamp = "2025-01-01T00:00:00.000000+00:00"
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO spans (uid, doc_id, annotator, start, end, label, attrs, note, rev, history, created_at,"
                " updated_at) VALUES (?, ?, 'raw', 0, 1, 'TECH', '{}', '', 'r', '', ?, ?)",
                ((f"raw{i:029d}", 1 + i % min(COPY_DOCUMENTS, args.documents), stamp, stamp) for i in range(rows)))
            conn.execute("COMMIT")

        _, raw_s = timed(raw)
        conn.execute("DELETE FROM spans WHERE annotator = 'raw'")
        report, merge_s = timed(project.merge_from, copy, trust_full_copy=True)  # a project built apart
        added = sum(report.spans_added.values())
        conn.execute("DELETE FROM spans WHERE annotator = 'choi'")  # leave the project as built
        conn.execute("DELETE FROM span_tombstones WHERE annotator = 'choi'")
        conn.execute("DELETE FROM statuses WHERE annotator = 'choi'")
    shutil.rmtree(project_folder / "backups", ignore_errors=True)
    return {"copy_documents": min(COPY_DOCUMENTS, args.documents), "spans_added": added, "raw_insert_s": round(raw_s, 2),
            "merge_without_its_backup_s": round(merge_s, 2), "x_raw": round(merge_s / raw_s, 2),
            "its_backup_s": round(backup_s, 2),
            "peak_rss_mb": peak_rss_mb(), "load": load()}


# -- driver ---------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--keep", metavar="FOLDER", required=True, help="build the project here, reuse it next time")
    parser.add_argument("--only", default=",".join(STEPS), help="steps, comma-separated: " + ", ".join(STEPS))
    parser.add_argument("--runs", type=int, default=5, help="repeats of the quick measurements")
    parser.add_argument("--heavy-runs", type=int, default=1, help="repeats of agreement and export")
    parser.add_argument("--operations", type=int, default=300, help="span operations")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = Path(args.keep)
    folder.mkdir(parents=True, exist_ok=True)
    if args.step == "build":
        ensure_project(folder, args.documents)
        return 0
    if args.step:
        result = globals()[f"step_{args.step}"](folder / "project", args)
        result["annotator"] = str(Path(sys.modules["annotator"].__file__).parents[1]) if "annotator" in sys.modules else ""
        print(json.dumps(result, ensure_ascii=False))
        return 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # Built in a child: Kiwi's half gigabyte would otherwise count in every step's peak memory.
    subprocess.run([sys.executable, __file__, "--step", "build", "--keep", str(folder), "--documents",
                    str(args.documents)], check=True, env=env)
    results = {}
    for step in args.only.split(","):
        command = [sys.executable, __file__, "--step", step, "--keep", str(folder), "--documents", str(args.documents),
                   "--runs", str(args.runs), "--heavy-runs", str(args.heavy_runs), "--operations", str(args.operations)]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            print(f"{step}: failed\n{done.stderr}", file=sys.stderr)
            continue
        results[step] = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"== {step} ({time.perf_counter() - started:.0f} s)\n{json.dumps(results[step], ensure_ascii=False, indent=1)}",
              flush=True)
    (folder / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
