"""Two processes writing one project at once: both finish, nothing acknowledged is lost."""

import os
import subprocess
import sys
import textwrap

from annotator import Project

from ..conftest import ROOT, write

ADDER = textwrap.dedent(
    """
    import sys
    from annotator import Project
    project = Project.open(sys.argv[1], backup=False)
    doc_id, name = int(sys.argv[2]), sys.argv[3]
    for i in range(150):
        project.add_span(doc_id, i, i + 1, "TECH", f"{name}{i}", snap=False)
    print("done", flush=True)
    """
)


def test_two_writers_and_an_import(tmp_path):
    write(tmp_path / "a.txt", "가" * 400)
    with Project.create(tmp_path / "p") as project:
        project.import_paths([tmp_path / "a.txt"], clean=False)
        doc_id = next(project.documents()).id
    for i in range(30):
        write(tmp_path / "more" / f"{i}.txt", f"기사 {i}\n\n과기정통부가 {i}억 원을 배정했다.\n")
    script = tmp_path / "adder.py"
    script.write_text(ADDER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, str(script), str(tmp_path / "p"), str(doc_id), name],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for name in ("a", "b")
    ]
    procs.append(subprocess.Popen([sys.executable, "-m", "annotator", "import", str(tmp_path / "p"),
                                   str(tmp_path / "more"), "--quiet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
    results = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert "locked" not in err
    with Project.open(tmp_path / "p", backup=False) as project:
        assert len(project.spans(doc_id)) == 300
        assert project.document_count() == 31
