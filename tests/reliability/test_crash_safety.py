"""SIGKILL a process that is adding spans: every span whose call returned survives."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from annotator import Project

from ..conftest import ROOT, write

WRITER = textwrap.dedent(
    """
    import sys
    from annotator import Project
    project = Project.open(sys.argv[1], backup=False)
    doc_id = int(sys.argv[2])
    length = len(project.document(doc_id).text)
    i = 0
    while True:
        start = i % (length - 1)
        span = project.add_span(doc_id, start, start + 1, "TECH", f"{sys.argv[3]}-{i}", snap=False)
        print(span.id, flush=True)  # printed only after the transaction committed
        i += 1
    """
)


@pytest.fixture
def crash_project(tmp_path):
    write(tmp_path / "a.txt", "가나다라마바사아자차카타파하 " * 20)
    with Project.create(tmp_path / "p") as project:
        project.import_paths([tmp_path / "a.txt"], clean=False)
        doc_id = next(project.documents()).id
    return tmp_path / "p", doc_id


def test_sigkill_never_loses_acknowledged_spans(crash_project, tmp_path):
    folder, doc_id = crash_project
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(20261123)
    acknowledged: set[int] = set()
    for run in range(20):
        proc = subprocess.Popen([sys.executable, str(script), str(folder), str(doc_id), f"run{run}"],
                                stdout=subprocess.PIPE, text=True, env=env)
        # Wait for it to start writing, then kill it at a random moment.
        first = proc.stdout.readline()
        assert first.strip().isdigit(), first
        acknowledged.add(int(first))
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        acknowledged.update(int(line) for line in rest.split() if line.isdigit())
        with Project.open(folder, backup=False) as project:
            stored = {s.id for s in project.spans(doc_id)}
        missing = acknowledged - stored
        assert not missing, f"acknowledged spans lost after SIGKILL: {sorted(missing)[:5]}"
    conn = sqlite3.connect(folder / "project.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    assert len(acknowledged) >= 20
