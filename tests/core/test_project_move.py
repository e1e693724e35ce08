"""Moving a project to a PostgreSQL server and back loses nothing (``annotator migrate``), and
``annotator init --server`` keeps the annotations there."""

from __future__ import annotations

import pytest

from annotator import GOLD, Project
from annotator.cli.main import main
from annotator.core.errors import ProjectError
from annotator.core.operations import RemoveSpans, UpdateSpan
from annotator.core.project_files import SERVER_FILE, server_address
from annotator.core.project_move import move_to_server, move_to_sqlite
from annotator.core.team.activity import save_active_time
from annotator.core.team.assignment import assign, move_unfinished

from .synthetic import Words, numbered_text
from .team_copies import dump


def full_dump(project) -> dict:
    """``team_copies.dump`` (everything a merge carries) plus what only the project itself keeps: ids,
    document texts and morphemes, assignments, active time, settings."""
    q = project.store.conn.execute
    found = dump(project)
    found["documents"] = q("SELECT id, uid, title, text, raw, meta, source, encoding, length, morphemes,"
                           " sentences, imported_at FROM documents ORDER BY id").fetchall()
    found["span_ids"] = q("SELECT id, uid FROM spans ORDER BY id").fetchall()
    found["assignments"] = q("SELECT doc_id, annotator, calibration, withdrawn, updated_at FROM assignments"
                             " ORDER BY doc_id, annotator").fetchall()
    found["active_time"] = q("SELECT doc_id, annotator, day, seconds, updated_at FROM active_time"
                             " ORDER BY doc_id, annotator, day").fetchall()
    found["meta"] = q("SELECT key, value FROM project_meta WHERE key <> 'generation' ORDER BY key").fetchall()
    return found


def fill(project) -> None:
    """Every kind of row a project has: edited and deleted spans, returns, notes, rejections (one
    withdrawn), assignments (one moved), active time, emoji in the text."""
    a = Words(project, "😀🇰🇷 " + numbered_text(8, "a"))
    b = Words(project, numbered_text(6, "b"))
    kim = a.mark("kim", 1, 2, "AGENCY")
    project.apply(UpdateSpan(kim.id, label="TECH", note="기술?"))
    gone = a.mark("kim", 4, None, "BUDGET")
    project.apply(RemoveSpans([gone.id]))
    a.mark("lee", 1, 2, "TECH")
    b.mark(GOLD, 0, None, "PROGRAM")
    project.set_status(a.doc_id, "kim", "done")
    project.return_document(a.doc_id, "kim", "기관 이름을 다시 보세요")
    project.reject_candidate(a.doc_id, *a.span(5), "AGENCY")
    project.reject_candidate(b.doc_id, *b.span(2), "TECH")
    withdrawn = project.reject_candidate(b.doc_id, *b.span(3), "TECH")
    project.apply(withdrawn.inverse)
    project.set_note(b.doc_id, "lee", "어려운 문서")
    assign(project, ["kim", "lee"], per_document=1)
    move_unfinished(project, "lee", "park")
    save_active_time(project.store, "kim", {(a.doc_id, "2026-11-29"): 12.5})
    project.store.conn.execute("INSERT INTO project_meta (key, value) VALUES ('custom', '값')")


def test_round_trip_sqlite_to_postgresql_and_back(tmp_path, server_url):
    folder = tmp_path / "proj"
    with Project.create(folder) as project:
        fill(project)
        before = full_dump(project)
    assert before["spans"] and before["tombstones"] and before["statuses"] and before["rejections"]

    report = move_to_server(folder, server_url)
    assert report.rows["spans"] == 3 and report.rows["span_tombstones"] == 1
    assert server_address(folder) == server_url
    with Project.open(folder) as project:
        assert project.store.server == server_url
        assert full_dump(project) == before
        added = Words(project, numbered_text(3, "c"))  # ids go on above the moved ones
        span = added.mark("kim", 0, None, "TECH")
        assert span.id > max(i for i, _ in before["span_ids"]) and added.doc_id > before["documents"][-1][0]
        on_server = full_dump(project)

    report = move_to_sqlite(folder)
    assert report.kept is not None and report.kept.exists()  # the project.db from before the move
    assert not (folder / SERVER_FILE).exists()
    with Project.open(folder) as project:
        assert project.store.server is None
        assert full_dump(project) == on_server
        project.apply(RemoveSpans([span.id]))
        again = Words(project, numbered_text(2, "d")).mark("lee", 0, None, "TECH")
        assert again.id > span.id  # never reused, even after the move


def test_a_server_that_holds_a_project_is_not_overwritten(tmp_path, server_url):
    with Project.create(tmp_path / "a", server=server_url) as project:
        Words(project, numbered_text(3))
    with Project.create(tmp_path / "b") as project:
        Words(project, numbered_text(3, "b"))
    with pytest.raises(ProjectError, match="already holds a project"):
        move_to_server(tmp_path / "b", server_url)
    assert server_address(tmp_path / "b") is None
    with Project.open(tmp_path / "a") as project:
        assert project.document_count() == 1


def test_no_password_is_written_into_the_folder(tmp_path, server_url, capsys):
    assert main(["init", str(tmp_path / "p"), "--server", server_url + " password=secret"]) == 2
    assert "password" in capsys.readouterr().err and not (tmp_path / "p").exists()


def test_cli_init_on_a_server_and_every_command_opens_it(tmp_path, server_url, capsys):
    folder = tmp_path / "shared"
    assert main(["init", str(folder), "--server", server_url]) == 0
    assert "annotations on postgresql://" in capsys.readouterr().out
    assert not (folder / "project.db").exists() and (folder / "project.toml").exists()
    with Project.open(folder) as project:
        w = Words(project, numbered_text(4))
        w.mark("kim", 0, None, "AGENCY")
    assert main(["stats", str(folder), "--json"]) == 0
    assert '"spans": 1' in capsys.readouterr().out
    assert main(["migrate", str(folder), "--to", "sqlite"]) == 0
    assert (folder / "project.db").exists() and not (folder / SERVER_FILE).exists()
    with Project.open(folder) as project:
        assert [s.text for s in project.spans()] == [numbered_text(4).split()[0]]


def test_an_unreachable_server_is_named(tmp_path, postgres_server):
    url = postgres_server.url("no_such_database")
    with pytest.raises(ProjectError, match="cannot connect to the server"):
        Project.create(tmp_path / "p", server=url)
    assert not (tmp_path / "p").exists()


def test_restore_refuses_a_project_on_a_server(tmp_path, server_url, capsys):
    folder = tmp_path / "p"
    Project.create(folder, server=server_url).close()
    assert main(["restore", str(folder)]) == 2
    assert "on a PostgreSQL server" in capsys.readouterr().err
