"""Databases written by every released schema version open and upgrade; newer ones are refused."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator import Project, ProjectError
from annotator.core.store.migrations import KNOWN
from annotator.core.store.suggestions import SuggestionStore

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize("frozen", sorted(DATA.glob("project-*.db")), ids=lambda p: p.stem)
def test_frozen_database_upgrades(tmp_path, frozen):
    folder = tmp_path / "p"
    Project.create(folder).close()
    shutil.copy(frozen, folder / "project.db")
    with Project.open(folder) as project:
        assert project.store.schema_version() == KNOWN[-1]
        [doc] = list(project.documents())
        assert [(s.text, s.label, s.annotator) for s in project.spans(doc.id)] == [("원주시", "AGENCY", "kim")]
        assert project.status(doc.id, "kim").status == "done"
        assert project.morphemes(doc.id)  # the stored analysis is still readable
        assert project.search("원주시") == [doc.id]  # the search index was rebuilt without positions
        with project.store.transaction():
            added = project.store.insert_document(uid="new", title="", text="대구시가 발표했다", raw=None, meta={},
                                                  source="", encoding="utf-8", morphemes=b"", sentences=b"")
        assert project.search("대구시") == [added]  # and new documents go into it
        # the strings labelled so far, counted once
        assert SuggestionStore(project.store).labelled_strings() == [("원주시", "AGENCY", 1)]


def test_every_released_version_has_a_frozen_database():
    frozen = {p.stem.removeprefix("project-") for p in DATA.glob("project-*.db")}
    assert frozen == set(KNOWN[: len(frozen)]) and KNOWN[0] in frozen


def test_newer_database_is_refused(tmp_path):
    folder = tmp_path / "p"
    Project.create(folder).close()
    conn = sqlite3.connect(folder / "project.db")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('annotator', '9999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="written by a newer version of annotator"):
        Project.open(folder)


def test_not_a_database_is_refused(tmp_path):
    folder = tmp_path / "p"
    Project.create(folder).close()
    (folder / "project.db").unlink()
    for suffix in ("-wal", "-shm"):
        (folder / f"project.db{suffix}").unlink(missing_ok=True)
    (folder / "project.db").write_text("hello, not sqlite", encoding="utf-8")
    with pytest.raises(ProjectError, match="not an SQLite database"):
        Project.open(folder)
