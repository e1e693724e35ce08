"""Twenty annotators labelling at once against one local PostgreSQL server.

    python benchmarks/server_load.py [--annotators 20] [--seconds 300] [--think-ms 250] [--documents 400]

Starts a throwaway server (tests/postgres_server.py, with fsync and synchronous
commit ON, as a real server has them), creates a project on it with the roles
set up (each annotator logs in as a member of the project's annotators group, so
the layer check runs on every write), and starts one process per annotator. Each works
through its own documents through the core API, as the workbench does: add a
span (most operations), relabel one, delete one, mark a document done, with
``--think-ms`` between operations. Every operation the API acknowledged is
logged; at the end the database is checked against the logs: every span
acknowledged as added and not deleted is there with its last acknowledged
label, every acknowledged deletion is a tombstone, every status is the last one
acknowledged. Baseline in the same run: one client's raw psycopg INSERT + COMMIT.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator import Project  # noqa: E402
from annotator.core.errors import AnnotatorError  # noqa: E402
from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences  # noqa: E402
from tests.postgres_server import TemporaryServer  # noqa: E402

LABELS = ("AGENCY", "TECH", "BUDGET", "PROGRAM")
WORDS = 60


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def build(server: TemporaryServer, folder: Path, annotators: list[str], documents: int) -> str:
    url = server.url(server.create_database())
    with Project.create(folder / "owner", server=url) as project:
        with project.store.transaction():
            for i in range(documents):
                text = " ".join(f"단어{i}_{w}" for w in range(WORDS))
                bounds, start = [], 0
                for word in text.split(" "):
                    bounds.append(Morpheme(start, start + len(word), "NNG"))
                    start += len(word) + 1
                project.store.insert_document(uid=f"doc{i}", title=f"문서 {i}", text=text, raw=None, meta={},
                                              source="bench", encoding="utf-8", morphemes=pack_morphemes(bounds),
                                              sentences=pack_sentences([(0, len(text))]))
        project.store.engine.set_up_roles(project.store.conn, annotators=annotators)
    return url


def annotate(name: str, url: str, folder: str, doc_ids: list[int], seconds: float, think: float, seed: int,
             results) -> None:
    """One annotator: operations until the time is up; every acknowledged one is logged."""
    rng = random.Random(seed)
    project = Project.create(Path(folder) / name, server=url.replace("user=annotator_admin", f"user={name}"))
    log: list[tuple] = []  # (operation, seconds, what)
    mine: dict[int, list] = {}  # doc_id -> live spans (id, uid, word index)
    stop = time.monotonic() + seconds
    errors = 0
    while time.monotonic() < stop:
        doc_id = rng.choice(doc_ids)
        spans = mine.setdefault(doc_id, [])
        roll = rng.random()
        started = time.perf_counter()
        try:
            free = [w for w in range(WORDS) if w not in {taken for _, _, taken in spans}]
            if free and (roll < 0.6 or not spans):
                word = rng.choice(free)
                text_start = sum(len(f"단어{doc_ids.index(doc_id)}_{w}") + 1 for w in range(word))
                length = len(f"단어{doc_ids.index(doc_id)}_{word}")
                span = project.add_span(doc_id, text_start, text_start + length, rng.choice(LABELS), name, snap=False)
                spans.append((span.id, span.uid, word))
                log.append(("add", time.perf_counter() - started, (span.uid, span.label)))
            elif roll < 0.8 and free:
                span_id, uid, _ = rng.choice(spans)
                label = rng.choice(LABELS)
                project.relabel_span(span_id, label)
                log.append(("relabel", time.perf_counter() - started, (uid, label)))
            elif roll < 0.9 or not free:
                entry = rng.choice(spans)
                project.remove_span(entry[0])
                spans.remove(entry)
                log.append(("delete", time.perf_counter() - started, (entry[1], None)))
            else:
                status = rng.choice(("in_progress", "done"))
                project.set_status(doc_id, name, status)
                log.append(("status", time.perf_counter() - started, (doc_id, status)))
        except AnnotatorError:
            errors += 1  # refused, not acknowledged: not counted as stored
        if think:
            time.sleep(rng.uniform(0, 2 * think))
    project.close()
    results.put((name, log, errors))


def raw_baseline(url: str, count: int = 300) -> list[float]:
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    conn.execute("CREATE TABLE bench_raw (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text)")
    times = []
    for i in range(count):
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO bench_raw (v) VALUES (%s)", (f"x{i}",))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - started)
    conn.execute("DROP TABLE bench_raw")
    conn.close()
    return times


def check(url: str, logs: dict[str, list[tuple]]) -> tuple[int, list[str]]:
    """Every acknowledged operation against what the server holds: (operations checked, problems)."""
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    live = {uid: (annotator, label) for uid, annotator, label in conn.execute("SELECT uid, annotator, label FROM spans")}
    gone = {uid for (uid,) in conn.execute("SELECT uid FROM span_tombstones")}
    statuses = {(d, a): s for d, a, s in conn.execute("SELECT doc_id, annotator, status FROM statuses")}
    problems, checked = [], 0
    for name, log in logs.items():
        expected_spans: dict[str, str | None] = {}
        expected_status: dict[int, str] = {}
        for operation, _, (key, value) in log:
            checked += 1
            if operation == "status":
                expected_status[key] = value
            else:
                expected_spans[key] = value
        for uid, label in expected_spans.items():
            if label is None and (uid in live or uid not in gone):
                problems.append(f"{name}: span {uid} acknowledged deleted but not")
            elif label is not None and live.get(uid) != (name, label):
                problems.append(f"{name}: span {uid} should be {label}, is {live.get(uid)}")
        for doc_id, status in expected_status.items():
            if statuses.get((doc_id, name)) != status:
                problems.append(f"{name}: document {doc_id} should be {status}, is {statuses.get((doc_id, name))}")
    return checked, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotators", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--think-ms", type=float, default=250)
    parser.add_argument("--documents", type=int, default=400)
    args = parser.parse_args()
    names = [f"annotator{i:02d}" for i in range(args.annotators)]
    server = TemporaryServer(settings={"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}).start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            url = build(server, Path(folder), names, args.documents)
            baseline = raw_baseline(url)
            with Project.open(Path(folder) / "owner") as project:
                doc_ids = [d.id for d in project.documents()]
            per = len(doc_ids) // len(names)
            results = multiprocessing.get_context("fork").Queue()
            workers = [multiprocessing.get_context("fork").Process(
                target=annotate, args=(name, url, folder, doc_ids[i * per:(i + 1) * per], args.seconds,
                                       args.think_ms / 1000, i, results)) for i, name in enumerate(names)]
            started = time.monotonic()
            for worker in workers:
                worker.start()
            logs, errors = {}, 0
            for _ in workers:
                name, log, refused = results.get(timeout=args.seconds + 120)  # a worker that died: stop
                logs[name], errors = log, errors + refused
            for worker in workers:
                worker.join()
            elapsed = time.monotonic() - started
            checked, problems = check(url, logs)
    finally:
        server.stop()
    operations = [entry for log in logs.values() for entry in log]
    print(f"{args.annotators} annotators, {elapsed:.0f} s, think time {args.think_ms:.0f} ms (uniform 0–2×), "
          f"{args.documents} documents of {WORDS} words")
    print(f"acknowledged operations: {len(operations)} ({len(operations) / elapsed:.1f} per second); refused: {errors}")
    raw = statistics.median(baseline)
    print(f"baseline raw INSERT+COMMIT (one client, idle server): median {raw * 1000:.2f} ms, "
          f"p95 {percentile(baseline, 0.95) * 1000:.2f} ms")
    for kind in ("add", "relabel", "delete", "status", None):
        times = [t for op, t, _ in operations if kind is None or op == kind]
        label = kind or "all"
        print(f"  {label:8} n={len(times):6}  median {statistics.median(times) * 1000:6.1f} ms  "
              f"p95 {percentile(times, 0.95) * 1000:6.1f} ms  p99 {percentile(times, 0.99) * 1000:6.1f} ms  "
              f"(p95 {percentile(times, 0.95) / raw:.1f}× raw median)")
    print(f"checked {checked} acknowledged operations against the server: "
          + ("nothing lost" if not problems else f"{len(problems)} PROBLEMS: " + "; ".join(problems[:5])))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
