"""``annotator migrate`` while another program holds the project open and writes to it: every write
that program was told had succeeded is in the moved project, and the database left behind refuses
its later writes with a message (none of them vanish into the abandoned copy).

The writer is a real second process, as a window or a script would be; the move runs the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from annotator import Project
from annotator.core.errors import ProjectError
from annotator.core.project_files import DATABASE_FILE
from annotator.core.project_move import move_to_server, move_to_sqlite
from annotator.core.safety.restore import restore_backup

from ..conftest import ROOT
from ..core.synthetic import Words, numbered_text

# Writes one span at a time and prints each one's uid once it is committed; stops at the first
# refusal (printing it), or after the first write it began once the file STOP exists (the move is over).
WRITER = textwrap.dedent(
    """
    import os, sys
    from annotator import Project
    from annotator.core.errors import AnnotatorError
    project = Project.open(sys.argv[1])
    doc_id, stop = int(sys.argv[2]), sys.argv[3]
    print("open", flush=True)
    for i in range(100000):
        last = os.path.exists(stop)
        try:
            span = project.add_span(doc_id, i % 50, i % 50 + 1, "TECH", f"w{i}", snap=False)
        except AnnotatorError as exc:
            print("refused", exc, flush=True)
            break
        print("ok", span.uid, flush=True)
        if last:
            break
    """
)


def _project(folder, server=None) -> int:
    with Project.create(folder, server=server) as project:
        return Words(project, numbered_text(60)).doc_id


def _start_writer(tmp_path, folder, doc_id) -> subprocess.Popen:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(folder), str(doc_id), str(tmp_path / "STOP")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "open"
    for _ in range(5):  # it is writing before the move begins
        assert proc.stdout.readline().startswith("ok ")
    return proc


def _migrate(folder, to: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator", "migrate", str(folder), "--to", to],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def _finish(tmp_path, proc) -> tuple[set[str], str]:
    (tmp_path / "STOP").touch()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    lines = out.splitlines()
    acknowledged = {line.split()[1] for line in lines if line.startswith("ok ")}
    refusals = [line for line in lines if line.startswith("refused")]
    return acknowledged, refusals[0] if refusals else ""


def test_a_writer_that_holds_the_project_open_loses_nothing_when_it_moves_to_a_server(tmp_path, server_url):
    folder = tmp_path / "p"
    doc_id = _project(folder)
    writer = _start_writer(tmp_path, folder, doc_id)
    try:
        moved = _migrate(folder, server_url)
    finally:
        acknowledged, refusal = _finish(tmp_path, writer)
    assert moved.returncode == 0, moved.stderr
    assert "moved" in refusal and "postgresql://" in refusal  # it was told, not left writing into the old file
    with Project.open(folder) as project:
        assert project.store.server == server_url
        stored = {s.uid for s in project.spans(doc_id)}
    assert acknowledged and acknowledged <= stored, f"lost {len(acknowledged - stored)} of {len(acknowledged)}"


def test_a_writer_on_the_server_loses_nothing_when_it_moves_back_to_sqlite(tmp_path, server_url):
    folder = tmp_path / "p"
    doc_id = _project(folder, server=server_url)
    writer = _start_writer(tmp_path, folder, doc_id)
    try:
        moved = _migrate(folder, "sqlite")
    finally:
        acknowledged, refusal = _finish(tmp_path, writer)
    assert moved.returncode == 0, moved.stderr
    assert "moved" in refusal and DATABASE_FILE in refusal
    with Project.open(folder) as project:
        assert project.store.server is None
        stored = {s.uid for s in project.spans(doc_id)}
    assert acknowledged and acknowledged <= stored, f"lost {len(acknowledged - stored)} of {len(acknowledged)}"


def test_the_database_left_behind_refuses_writes_but_can_be_read(tmp_path, server_url):
    folder = tmp_path / "p"
    doc_id = _project(folder)
    left = Project.open(folder)  # a window opened before the move
    try:
        move_to_server(folder, server_url)
        with pytest.raises(ProjectError, match="moved to postgresql://"):
            left.add_span(doc_id, 0, 1, "TECH", "kim", snap=False)
        assert left.spans(doc_id) == []  # reading it still works (an export of the state before the move)
    finally:
        left.close()
    # A second move of the copy left behind (server.toml removed by hand) would fork the project.
    (folder / "server.toml").unlink()
    refused = _migrate(folder, server_url)
    assert refused.returncode == 2 and "moved to postgresql://" in refused.stderr


def test_a_backup_of_the_copy_left_behind_restored_on_purpose_takes_changes(tmp_path, server_url):
    folder = tmp_path / "p"
    doc_id = _project(folder)
    move_to_server(folder, server_url)
    kept = move_to_sqlite(folder).kept  # the project.db the first move left behind
    restore_backup(folder / DATABASE_FILE, kept.name)
    with Project.open(folder) as project:
        assert project.add_span(doc_id, 0, 1, "TECH", "kim", snap=False).text
