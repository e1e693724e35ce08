"""Fuzz every import reader for longer than the test suite does (run by hand, after changing a reader).

    python scripts/fuzz_readers.py [EXAMPLES] [FORMAT ...]

Runs the strategies of ``tests/reader_fuzz.py`` (random bytes, mutations of valid samples) on the
whole check of one file an import makes, for every reader in ``tests/reliability/test_reader_fuzz.py``
and the INCEpTION ZIPs, ``EXAMPLES`` times each (default 2,000). Each crash (anything but a clean
``InputError`` or a storable read) is printed with the shrunk input that causes it, and the run goes on
with the next reader; the exit status is the number of readers that crashed.
"""

from __future__ import annotations

import sys
import time
import traceback
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from annotator.core.ingest.importer import prepare_file  # noqa: E402
from tests.reader_fuzz import mutated, read_cleanly  # noqa: E402
from tests.reliability import test_reader_fuzz as builtin  # noqa: E402


def readers() -> dict[str, tuple]:
    """{format: (read, samples, suffix)} as the test suite fuzzes them."""
    from tests.core.test_inception_zip import ZIP_SAMPLES, project_export
    from tests.reliability.test_interchange_bad_input import LABELS, SAMPLES

    found = {fmt: (builtin.reader(fmt), samples, suffix) for fmt, samples, suffix in (
        ("txt", builtin.TXT, ".txt"), ("jsonl", builtin.JSONL, ".jsonl"), ("csv", builtin.CSV, ".csv"),
        ("doccano", builtin.DOCCANO, ".jsonl"), ("prodigy", builtin.PRODIGY, ".jsonl"),
        ("labelstudio", builtin.LABEL_STUDIO, ".json"))}
    for fmt, suffix in (("klue", ".tsv"), ("nikl", ".json"), ("naver", ".txt"), ("conllu", ".conllu"),
                        ("xmi", ".xmi"), ("webanno", ".tsv")):
        found[fmt] = (partial(prepare_file, schema=builtin.SCHEMA, fmt=fmt, label_map=LABELS), [SAMPLES[fmt]], suffix)
    found["inception"] = (partial(prepare_file, schema=builtin.SCHEMA, fmt="inception", label_map=LABELS),
                          [*ZIP_SAMPLES, project_export()], ".zip")
    return found


def fuzz(fmt: str, read, samples, suffix: str, examples: int) -> list[str]:
    crashes = []
    options = settings(max_examples=examples, deadline=None, database=None, print_blob=True,
                       suppress_health_check=list(HealthCheck))
    for strategy_name, strategy in (("random bytes", st.binary(max_size=600)), ("mutations", mutated(samples))):
        @options
        @given(data=strategy)
        def run(data):
            read_cleanly(read, data, suffix, builtin.storable)

        started = time.perf_counter()
        try:
            run()
        except Exception:  # noqa: BLE001 - a crash: reported, then the next strategy
            crashes.append(f"{fmt} ({strategy_name}):\n{traceback.format_exc()}")
            outcome = "CRASH"
        else:
            outcome = "ok"
        print(f"{fmt:12} {strategy_name:13} {examples} examples  {time.perf_counter() - started:6.1f} s  {outcome}",
              flush=True)
    return crashes


def main(argv: list[str]) -> int:
    examples = int(argv[0]) if argv and argv[0].isdigit() else 2000
    wanted = [a for a in argv if not a.isdigit()]
    crashes = []
    for fmt, (read, samples, suffix) in readers().items():
        if not wanted or fmt in wanted:
            crashes += fuzz(fmt, read, samples, suffix, examples)
    for crash in crashes:
        print("\n" + crash)
    return len(crashes)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
