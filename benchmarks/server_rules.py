"""What the server's content rules cost (postgres_rules: CHECK constraints and the content trigger).

    python benchmarks/server_rules.py [--spans 20000] [--operations 300] [--rounds 5]

Two databases on one throwaway server (tests/postgres_server.py, fsync and synchronous commit ON),
built the same way; in the baseline one the rules' constraints and triggers are dropped again.
Measured alternately, so both see the same load on this shared machine:

- bulk: ``--spans`` span rows inserted in one transaction with ``executemany`` (a package merged
  into the server, ``migrate --to``), as the owner;
- single: ``--operations`` spans added through the core API by an annotator login (the
  workbench's path: validation, insert, read-back, the layer check, notify), one commit each.

Prints the median of ``--rounds`` rounds per database and the ratio.
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
from annotator.cli.main import main  # noqa: E402
from annotator.core.store.postgres import rules as postgres_rules
from annotator.core.text.morphemes import Morpheme, pack_morphemes, pack_sentences  # noqa: E402
from annotator.core.store.store import new_uid, now  # noqa: E402
from tests.postgres_server import TemporaryServer  # noqa: E402

WORDS = 200


def build(server: TemporaryServer, folder: Path, rules: bool) -> tuple[str, int, list[tuple[int, int]]]:
    url = server.url(server.create_database())
    text = " ".join(f"단어{w}" for w in range(WORDS))
    bounds, start = [], 0
    for word in text.split(" "):
        bounds.append((start, start + len(word)))
        start += len(word) + 1
    with Project.create(folder, server=url) as project:
        with project.store.transaction():
            doc_id = project.store.insert_document(
                uid="bench", title="문서", text=text, raw=None, meta={}, source="bench", encoding="utf-8",
                morphemes=pack_morphemes([Morpheme(s, e, "NNG") for s, e in bounds]),
                sentences=pack_sentences([(0, len(text))]))
    assert main(["server-roles", str(folder), "--annotators", "kim"]) == 0
    if not rules:
        with server.admin(url.rsplit("dbname=", 1)[1]) as conn:
            for statement in postgres_rules.removal():
                conn.execute(statement)
    return url, doc_id, bounds


def bulk(url: str, doc_id: int, bounds: list[tuple[int, int]], count: int) -> float:
    import psycopg

    stamp = now()
    rows = [(new_uid(), doc_id, "lee", *bounds[i % len(bounds)], "AGENCY", "{}" if i % 4 else '{"score": 0.5}',
             "r1", stamp, stamp) for i in range(count)]
    with psycopg.connect(url, autocommit=True) as conn:
        began = time.perf_counter()
        with conn.transaction(), conn.cursor() as cursor:
            cursor.executemany('INSERT INTO spans (uid, doc_id, annotator, start, "end", label, attrs, rev, created_at,'
                               " updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", rows)
        elapsed = time.perf_counter() - began
        conn.execute("DELETE FROM spans WHERE annotator = 'lee'")
    return elapsed


def single(url: str, folder: Path, doc_id: int, bounds: list[tuple[int, int]], count: int) -> float:
    """Median seconds per add_span as kim."""
    times = []
    with Project.create(folder, server=url.replace("user=annotator_admin", "user=kim")) as kim:
        for i in range(count):
            start, end = bounds[i % len(bounds)]
            began = time.perf_counter()
            span = kim.add_span(doc_id, start, end, "AGENCY", "kim", snap=False)
            times.append(time.perf_counter() - began)
            kim.remove_span(span.id)
    return statistics.median(times)


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spans", type=int, default=20_000)
    parser.add_argument("--operations", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    server = TemporaryServer({"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            built = {rules: build(server, Path(tmp) / f"p{rules}", rules) for rules in (True, False)}
            results: dict[bool, dict[str, list[float]]] = {rules: {"bulk": [], "single": []} for rules in built}
            for round_ in range(args.rounds):
                for rules, (url, doc_id, bounds) in built.items():
                    results[rules]["bulk"].append(bulk(url, doc_id, bounds, args.spans))
                    results[rules]["single"].append(
                        single(url, Path(tmp) / f"kim{rules}{round_}", doc_id, bounds, args.operations))
    finally:
        server.stop()
    with_rules, without = results[True], results[False]
    for what, unit, scale in (("bulk", f"s for {args.spans:,} spans", 1), ("single", "ms per add_span", 1000)):
        a, b = statistics.median(with_rules[what]) * scale, statistics.median(without[what]) * scale
        print(f"{what:>6}: with the rules {a:.3f} {unit}, without {b:.3f} ({a / b:.2f}×)")


if __name__ == "__main__":
    main_()
