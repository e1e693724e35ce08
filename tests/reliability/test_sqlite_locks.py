"""Nothing drops SQLite's locks: a process that holds a project open twice (a window and its
workers) while other processes open it, write and exit normally keeps a sound database.

Closing any descriptor of a database file drops every POSIX lock the process holds on it;
another process closing its last connection then believes it is alone, checkpoints and
deletes the WAL under the first one ("database disk image is malformed", lost commits).
These run real processes, as the workbench and the command line do.
"""

import os
import sqlite3
import subprocess
import sys
import textwrap

from annotator import Project
from annotator.core.jobs.import_job import import_in_child_process

from ..conftest import ROOT, write

ADD_ONE = textwrap.dedent(
    """
    import sys
    from annotator import Project
    with Project.open(sys.argv[1]) as project:
        span = project.add_span(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[3]) + 1, "TECH", "b", snap=False)
    print(span.uid, flush=True)
    """
)


def _project(tmp_path, text="가나다라마바사아자차카타파하 " * 10):
    write(tmp_path / "in" / "a.txt", text)
    with Project.create(tmp_path / "p") as project:
        project.import_paths([tmp_path / "in" / "a.txt"], clean=False)
        doc_id = next(project.documents()).id
    return tmp_path / "p", doc_id


def _sound_with(folder, uids: set[str]) -> None:
    """In a fresh process's view: integrity ok, every acknowledged span there."""
    conn = sqlite3.connect((folder / "project.db").as_uri() + "?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in conn.execute("SELECT uid FROM spans")}
    finally:
        conn.close()
    assert uids <= stored, f"acknowledged spans lost: {len(uids - stored)} of {len(uids)}"


def test_a_process_holding_the_project_twice_survives_others_that_write_and_exit(tmp_path):
    folder, doc_id = _project(tmp_path)
    script = tmp_path / "add_one.py"
    script.write_text(ADD_ONE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    window = Project.open(folder)
    worker = Project.open(folder)  # a worker thread's own connection, kept open
    acknowledged = set()
    try:
        for round_ in range(3):
            done = subprocess.run([sys.executable, str(script), str(folder), str(doc_id), str(round_)],
                                  capture_output=True, text=True, env=env, timeout=120)
            assert done.returncode == 0, done.stderr
            acknowledged.add(done.stdout.strip())
            acknowledged.add(window.add_span(doc_id, 20 + round_, 21 + round_, "TECH", "a", snap=False).uid)
            assert {s.uid for s in worker.spans(doc_id)} >= acknowledged
            again = Project.open(folder)  # the next worker: "malformed" once the WAL went under us
            try:
                assert {s.uid for s in again.spans(doc_id)} >= acknowledged
            finally:
                again.close()
    finally:
        worker.close()
        window.close()
    _sound_with(folder, acknowledged)


def test_a_window_keeps_its_commits_while_the_import_child_runs_and_exits(tmp_path):
    folder, doc_id = _project(tmp_path)
    write(tmp_path / "more" / "b.txt", "기사\n\n과기정통부가 120억 원을 배정했다.\n")
    window = Project.open(folder)
    acknowledged = set()
    try:
        with Project.open(folder) as job:  # a worker's job (figures, export) opens and closes
            job.stats()
        acknowledged.add(window.add_span(doc_id, 0, 1, "AGENCY", "kim", snap=False).uid)
        report = import_in_child_process(folder, [tmp_path / "more" / "b.txt"])
        assert report.documents_added == 1
        for i in range(3):
            acknowledged.add(window.add_span(doc_id, 40 + i, 41 + i, "TECH", "kim", snap=False).uid)
            with Project.open(folder) as job:
                assert job.document_count() == 2
                assert {s.uid for s in job.spans(doc_id)} >= acknowledged
    finally:
        window.close()
    _sound_with(folder, acknowledged)
