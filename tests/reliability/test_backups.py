import os
import time

import pytest

from annotator import Project, ProjectError
from annotator.cli import main
from annotator.core.backups import list_backups


def test_backup_on_open_only_after_changes_and_rotation(tmp_path):
    folder = tmp_path / "p"
    Project.create(folder).close()
    db = folder / "project.db"
    Project.open(folder).close()
    first = list_backups(db)
    assert len(first) == 1
    Project.open(folder).close()
    assert list_backups(db) == first  # nothing changed: no new backup
    for i in range(7):
        with Project.open(folder) as project:
            project.store.conn.execute("PRAGMA user_version = %d" % (i + 1))
        future = time.time() + i + 1
        os.utime(db, (future, future))
    assert len(list_backups(db)) == 5


def test_restore_brings_back_spans_and_keeps_a_safety_copy(tmp_path, capsys):
    folder = tmp_path / "p"
    with Project.create(folder) as project:
        (tmp_path / "a.txt").write_text("원주시 예산\n\n원주시가 발표했다.\n", encoding="utf-8")
        project.import_paths([tmp_path / "a.txt"])
        doc_id = next(project.documents()).id
        project.add_span(doc_id, 0, 3, "AGENCY", "kim")
    Project.open(folder).close()  # backup with the span
    time.sleep(0.01)
    with Project.open(folder, backup=False) as project:
        project.remove_span(project.spans(doc_id)[0].id)
    assert main(["restore", str(folder)]) == 0
    assert "Restored" in capsys.readouterr().out
    with Project.open(folder, backup=False) as project:
        assert [s.text for s in project.spans(doc_id)] == ["원주시"]
    assert main(["restore", str(folder), "--list"]) == 0
    assert main(["restore", str(folder), "nope.db"]) == 2


def test_read_only_folder_is_a_clear_error(tmp_path, monkeypatch):
    folder = tmp_path / "p"
    Project.create(folder).close()
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(ProjectError, match="read-only"):
        Project.open(folder, backup=False)
