"""Only SQLite touches project.db, -wal and -shm; no --out or input path reaches the project's own files.

Python's audit hooks see every file the interpreter opens, renames, removes or truncates
(builtins.open, io.open, os.open, pathlib, shutil); SQLite's own file access does not pass
through them, so any event naming a database file is our code touching it.
"""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from annotator import Project
from annotator.cli import main
from annotator.core.errors import AnnotatorError

from ..conftest import write

FILE_EVENTS = {"open", "os.rename", "os.remove", "os.truncate", "os.link", "os.symlink", "shutil.copyfile",
               "shutil.copymode", "shutil.copystat", "shutil.move", "shutil.rmtree", "os.rmdir", "os.chmod"}
_watched: list[tuple[set[str], list]] = []


def _hook(event, args):
    if not _watched or event not in FILE_EVENTS:
        return
    for arg in args[:2]:
        if isinstance(arg, (str, bytes, os.PathLike)):
            name = os.path.abspath(os.fsdecode(arg))
            for paths, touched in _watched:
                if name in paths:
                    touched.append((event, name))


sys.addaudithook(_hook)


@contextmanager
def database_untouched(folder: Path):
    db = os.path.abspath(folder / "project.db")
    paths = {db, db + "-wal", db + "-shm", db + "-journal"}
    touched: list = []
    _watched.append((paths, touched))
    try:
        yield
    finally:
        _watched.remove((paths, touched))
    assert not touched, f"the database files were touched outside SQLite: {touched}"


@pytest.fixture
def labelled(tmp_path):
    write(tmp_path / "in" / "a.txt", "원주시가 디지털트윈 사업에 국비 120억 원을 확보했다.\n")
    with Project.create(tmp_path / "p") as project:
        project.import_paths([tmp_path / "in"])
        doc_id = next(project.documents()).id
        project.add_span(doc_id, 0, 3, "AGENCY", "gold")
        project.mark_adjudicated(doc_id)
    return tmp_path / "p", doc_id


def test_every_operation_leaves_the_database_files_to_sqlite(labelled, tmp_path):
    from annotator.core.safety.backups import take_backup, take_named_backup
    from annotator.core.safety.restore import restore_backup

    folder, doc_id = labelled
    write(tmp_path / "more" / "b.txt", "과기정통부는 인공지능 사업을 지원한다.\n")
    other = tmp_path / "other"
    Project.create(other).close()
    with database_untouched(folder):
        window = Project.open(folder)
        worker = Project.open(folder)
        window.add_span(doc_id, 9, 14, "TECH", "kim")
        assert worker.stats()["spans"] == 2
        take_backup(folder / "project.db")
        take_named_backup(folder / "project.db", "merge")
        worker.export("jsonl", tmp_path / "out.jsonl")
        worker.import_paths([tmp_path / "more"])
        worker.merge_from(other, trust_full_copy=True)
        worker.close()
        restore_backup(folder / "project.db")
        window.close()
        assert main(["stats", str(folder)]) == 0
        assert main(["adjudicate", str(folder), "--auto", "--all-documents"]) == 0


@pytest.mark.parametrize("target", ["project.db", "project.db-wal", "project.db-shm", "project.toml", "backups",
                                    "backups/x.jsonl", "."])
def test_export_refuses_the_projects_own_files(labelled, target, capsys):
    folder, _ = labelled
    (folder / "backups").mkdir(exist_ok=True)
    (folder / "export.json").write_text("{}", encoding="utf-8")  # as if an earlier export had been written here
    before = sorted(p.name for p in folder.iterdir())
    with database_untouched(folder):
        code = main(["export", str(folder), "--format", "jsonl", "--split", "50/50", "--out", str(folder / target)]
                    if target == "." else
                    ["export", str(folder), "--format", "jsonl", "--out", str(folder / target)])
    assert code == 2
    assert "the project's own" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == before
    with Project.open(folder) as project:
        assert [s.text for s in project.spans()] == ["원주시"]


OWNED = {"userdict.tsv": "과기정통부\tNNP\n", "gazetteers/agencies.tsv": "원주시\tAGENCY\n",
         "model.json": "{}\n", "model.crfsuite": "crf", "offline/kim.db": "", "server.toml": None}


@pytest.mark.parametrize("target", [*OWNED, "gazetteers", "offline", "gazetteers/new.tsv"])
def test_export_refuses_every_other_file_the_project_owns(labelled, target, capsys):
    folder, _ = labelled
    for name, content in OWNED.items():
        if content is not None:
            write(folder / name, content)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and "project.db" not in p.name}
    code = main(["export", str(folder), "--format", "jsonl", "--out", str(folder / target)]
                if "." in target else
                ["export", str(folder), "--format", "jsonl", "--split", "50/50", "--out", str(folder / target)])
    assert code == 2
    assert "the project's own" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and "project.db" not in p.name} == before
    with Project.open(folder) as project:  # still opens (a server.toml written there would point it elsewhere)
        assert [s.text for s in project.spans()] == ["원주시"]


def test_export_refuses_the_database_through_links(labelled, tmp_path):
    folder, _ = labelled
    (tmp_path / "linked").symlink_to(folder, target_is_directory=True)
    os.link(folder / "project.db", tmp_path / "hard.jsonl")
    with Project.open(folder) as project:
        for out in (tmp_path / "linked" / "project.db", tmp_path / "linked" / "project.db-wal",
                    tmp_path / "hard.jsonl", tmp_path / "linked", tmp_path):
            with pytest.raises(AnnotatorError, match="the project's own"):
                project.export("jsonl", out, split="50/50" if out.is_dir() else None)
        report = project.export("jsonl", tmp_path / "fine.jsonl")  # beside the project: fine
        assert report.documents == 1


def test_import_refuses_the_projects_own_database(labelled, capsys):
    folder, _ = labelled
    with database_untouched(folder):
        code = main(["import", str(folder), str(folder / "project.db"), "--format", "txt", "--quiet"])
    assert code == 1  # the input is rejected, as a bad file is
    assert "project.db: the project's own database" in capsys.readouterr().err
    with Project.open(folder) as project:
        assert project.document_count() == 1


def test_an_export_cleans_what_killed_exports_left(labelled, tmp_path):
    import subprocess

    folder, _ = labelled
    out = tmp_path / "exports"
    out.mkdir()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # a process id that no longer runs
    killed_file = out / f".gold.jsonl.{child.pid}-0badcafe.partial"
    killed_file.write_text("half an export", encoding="utf-8")
    killed_folder = out / f".split.{child.pid}-0badcafe.partial"
    killed_folder.mkdir()
    (killed_folder / "train.jsonl").write_text("half", encoding="utf-8")
    old_style = out / ".gold.jsonl.deadbeef.partial"  # before partial names carried a process id
    old_style.write_text("older", encoding="utf-8")
    os.utime(old_style, (1, 1))
    running = out / f".other.jsonl.{os.getppid()}-12345678.partial"  # another export still writing
    running.write_text("in progress", encoding="utf-8")
    unrelated = out / ".notes.partial"
    unrelated.write_text("the user's own", encoding="utf-8")
    with Project.open(folder) as project:
        project.export("jsonl", out / "gold.jsonl")
    assert sorted(p.name for p in out.iterdir()) == sorted([".notes.partial", running.name, "gold.jsonl"])
