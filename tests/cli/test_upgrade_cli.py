"""Opening a project from an earlier version says on stderr that the database is being upgraded,
before the upgrade runs; a current project opens without a word about it."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotator.cli.main import main
from annotator.core.store import migrations
from annotator.core.project import Project

from ..conftest import around_migration

DATA = Path(__file__).resolve().parents[1] / "data"


def old_project(tmp_path) -> Path:
    folder = tmp_path / "p"
    Project.create(folder).close()
    (folder / "project.db").unlink()
    shutil.copy(DATA / "project-0002_rejections.db", folder / "project.db")
    return folder


def test_an_upgrade_is_announced_before_it_runs(tmp_path, capsys, monkeypatch):
    folder = old_project(tmp_path)
    said_before_the_slow_step = []
    around_migration(monkeypatch, "0008_compact_search_index",
                     lambda: said_before_the_slow_step.append(capsys.readouterr().err))
    assert main(["stats", str(folder)]) == 0
    [before] = said_before_the_slow_step
    assert f"upgrading {folder / 'project.db'}" in before and "a large project takes a few minutes" in before
    assert "step 1/5: 0003_span_identity" in before
    assert "step 4/5: 0008_compact_search_index (rebuilds the search index" in before
    after = capsys.readouterr()
    assert "upgraded in" in after.err and "1 documents" in after.out
    with Project.open(folder) as project:
        assert project.store.schema_version() == migrations.KNOWN[-1]
    assert main(["stats", str(folder)]) == 0
    assert "upgrad" not in capsys.readouterr().err  # nothing left to do, nothing said


def test_a_newer_database_is_still_refused(tmp_path, capsys):
    import sqlite3

    folder = tmp_path / "p"
    Project.create(folder).close()
    conn = sqlite3.connect(folder / "project.db")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('annotator', '9999_future', 'x')")
    conn.commit()
    conn.close()
    assert main(["stats", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "written by a newer version of annotator" in err and "upgrading" not in err
