"""Working while the server is away: the open document's local copy takes the edits, and they reach
the server when it is back; a conflicting one is reported and kept, never lost."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from annotator import GOLD, Project
from annotator.core.errors import ServerUnavailableError
from annotator.core.team.offline_copy import OFFLINE_FOLDER, OfflineCopy, left_behind

from .synthetic import Words, numbered_text


@contextmanager
def server_away(postgres_server, url: str):
    """No connection to the project's database: the open ones are cut, new ones refused."""
    database = url.rsplit("dbname=", 1)[1]
    with postgres_server.admin() as admin:
        admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (database,))
    try:
        yield
    finally:
        with postgres_server.admin() as admin:
            admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')


@pytest.fixture
def shared(tmp_path, server_url):
    with Project.create(tmp_path / "kim", server=server_url) as project:
        words = Words(project, numbered_text(8))
        words.mark("kim", 0, None, "AGENCY")
        words.mark("lee", 1, None, "TECH")
    return tmp_path / "kim", words


def test_edits_made_offline_reach_the_server(shared, postgres_server, server_url):
    folder, words = shared
    with Project.open(folder) as project:
        offline = OfflineCopy(project, "kim")
        offline.mirror(words.doc_id)
        with server_away(postgres_server, server_url):
            with pytest.raises(ServerUnavailableError, match="cannot be reached"):
                project.add_span(words.doc_id, *words.span(2), "BUDGET", "kim", snap=False)
            offline.go_offline()
            assert offline.reconnect() is None  # still away
            added = project.add_span(words.doc_id, *words.span(2), "BUDGET", "kim", snap=False)
            [first] = [s for s in project.spans(words.doc_id, "kim") if s.label == "AGENCY"]
            project.relabel_span(first.id, "PROGRAM")
            project.set_status(words.doc_id, "kim", "done")
            assert {s.label for s in project.spans(words.doc_id)} == {"PROGRAM", "BUDGET", "TECH"}
        report = offline.reconnect()
        assert report is not None and not report.conflicts
        assert project.store.server == server_url and not list((folder / OFFLINE_FOLDER).glob("*.db"))
    with Project.open(folder) as project:  # read back from the server itself
        spans = {(s.text, s.label, s.annotator) for s in project.spans(words.doc_id)}
        assert (added.text, "BUDGET", "kim") in spans and ("가0", "PROGRAM", "kim") in spans
        assert ("나1", "TECH", "lee") in spans
        assert project.status(words.doc_id, "kim").status == "done"


def test_a_conflicting_offline_edit_is_reported_and_kept(shared, postgres_server, server_url, tmp_path):
    folder, words = shared
    with Project.open(folder) as project:
        offline = OfflineCopy(project, GOLD)
        gold = project.add_span(words.doc_id, *words.span(3), "AGENCY", GOLD, snap=False)
        offline.mirror(words.doc_id)
        with server_away(postgres_server, server_url):
            offline.go_offline()
            project.relabel_span(gold.id, "TECH")  # this reviewer, offline
        with Project.open(folder) as other:  # another reviewer, on the server meanwhile
            other.relabel_span(gold.id, "BUDGET")
        report = offline.reconnect()
        assert [c.span_uid for c in report.conflicts] == [gold.uid]
        assert project.span(gold.id).label == "BUDGET"  # the server's, kept
        [kept] = (folder / OFFLINE_FOLDER).glob("*.db")  # and the offline one, not lost
        assert report.source == kept


def test_a_window_closed_offline_leaves_its_copy_for_the_next(shared, postgres_server, server_url):
    folder, words = shared
    with Project.open(folder) as project:
        offline = OfflineCopy(project, "kim")
        offline.mirror(words.doc_id)
        with server_away(postgres_server, server_url):
            offline.go_offline()
            project.set_note(words.doc_id, "kim", "오프라인 메모")
        offline.close()
    [left] = (folder / OFFLINE_FOLDER).glob("*.db")
    left.rename(left.with_name(left.name.replace(left.stem.rsplit("-", 1)[1], "999999999")))  # a gone process
    assert left_behind(folder)
    with Project.open(folder) as project:
        [(path, report)] = OfflineCopy(project, "kim").send_left_behind()
        assert report.notes_updated == 1 and not path.exists()
        assert project.document_notes(words.doc_id) == {"kim": "오프라인 메모"}


def test_a_copy_closed_online_is_kept_and_a_start_without_the_server_takes_the_newest_of_mine(
        shared, postgres_server, server_url):
    from annotator.core.team.offline_copy import start_offline

    folder, words = shared
    with Project.open(folder) as project:
        lee = OfflineCopy(project, "lee")
        lee.mirror(words.doc_id)
        lee.close()
        older, newer = OfflineCopy(project, "kim"), OfflineCopy(project, "kim")
        older.mirror(words.doc_id)
        older.close()
        newer.mirror(words.doc_id)
        project.set_note(words.doc_id, "kim", "두 번째 창")
        newer.mirror(words.doc_id)
        assert newer.copy_file not in left_behind(folder)  # open: in use by this process
        newer.close()
        assert {older.copy_file, newer.copy_file, lee.copy_file} == set(left_behind(folder))
    with server_away(postgres_server, server_url):
        project, offline = start_offline(folder, "kim", server_url)
        with project:
            assert offline.offline and project.store.path == offline.copy_file
            assert not newer.copy_file.exists() and older.copy_file.exists() and lee.copy_file.exists()
            assert project.document_notes(words.doc_id) == {"kim": "두 번째 창"}  # the newest copy's
            assert offline.copy_file not in left_behind(folder)
            project.set_status(words.doc_id, "kim", "done")
        offline.close()  # the window closes, still offline: its copy waits for the server
        assert start_offline(folder, "park", server_url) is None
    with Project.open(folder) as project:
        again = OfflineCopy(project, "kim")
        sent = again.send_left_behind()
        assert {path for path, _ in sent} == {older.copy_file, lee.copy_file, offline.copy_file}
        assert project.status(words.doc_id, "kim").status == "done"
        assert not list((folder / OFFLINE_FOLDER).glob("*.db"))
