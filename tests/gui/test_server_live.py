"""Windows on a shared PostgreSQL server: each sees the others' work within a second; a gold edit
made on a span someone else changed since is refused with a message."""

from __future__ import annotations

import shutil
import time

import pytest
from PySide6.QtCore import Qt

from annotator.core.project_move import move_to_server
from annotator.core.records import GOLD

from .conftest import EMOJI_TITLE, open_titled
from .test_labelling import ENTITY, label_entity, my_spans

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def server_dir(sample_project_dir, tmp_path, server_url):
    """The sample project, moved to a new database on the test server."""
    folder = tmp_path / "shared"
    shutil.copytree(sample_project_dir, folder)
    move_to_server(folder, server_url)
    return folder


def test_the_reviewer_sees_a_label_and_the_annotator_a_return_within_a_second(open_window, server_dir, qtbot):
    kim = open_window(server_dir, "kim")
    reviewer = open_window(server_dir, GOLD)
    assert "Server" in kim.server.indicator.text() or "서버" in kim.server.indicator.text()
    doc_id = open_titled(kim, EMOJI_TITLE)
    open_titled(reviewer, EMOJI_TITLE)
    reviewer.review.set_active(True)
    qtbot.waitUntil(lambda: reviewer.review.columns.reviews is not None)

    kim.activateWindow()
    qtbot.waitUntil(kim.isActiveWindow)
    labelled = time.monotonic()
    label_entity(kim, qtbot)
    assert [s.text for s in my_spans(kim)] == [ENTITY]
    qtbot.waitUntil(lambda: any(c.text == ENTITY and "kim" in c.annotators for c in reviewer.review.model.candidates()),
                    timeout=1000)
    assert time.monotonic() - labelled < 1.0

    reviewer.project.return_document(doc_id, "kim", "기관 이름을 확인하세요")  # another program, as far as kim knows
    qtbot.waitUntil(lambda: kim.header.reason.isVisible(), timeout=1000)
    assert "기관 이름을 확인하세요" in kim.header.reason.text()
    assert kim.annotator_returns.button.isVisible() and "1" in kim.annotator_returns.button.text()  # the count
    qtbot.waitUntil(lambda: kim.documents.model.doc_id(0) == doc_id, timeout=1000)  # and returned-first order


def test_a_gold_edit_on_a_span_another_reviewer_changed_is_refused(open_window, server_dir, qtbot):
    first = open_window(server_dir, GOLD)
    doc_id = open_titled(first, EMOJI_TITLE)
    start = first.document.text.index(ENTITY)
    span = first.project.add_span(doc_id, start, start + len(ENTITY), "AGENCY", GOLD, snap=False)
    first.show_changes_from_elsewhere({doc_id})
    first.select_span(span.id)
    second = first.project.__class__.open(server_dir)  # another reviewer's workbench
    try:
        second.relabel_span(span.id, "TECH")
    finally:
        second.close()
    first.editor.relabel(first.selected_span(), "PROGRAM")  # the first still shows the old revision
    assert first.project.span(span.id).label == "TECH"
    assert "changed by someone else" in first.statusBar().currentMessage()


def test_without_the_server_the_window_works_on_and_sends_the_edits_when_it_is_back(
        open_window, server_dir, server_url, postgres_server, qtbot):
    from annotator.core.project import Project

    from ..core.test_offline_copy import server_away

    kim = open_window(server_dir, "kim")
    doc_id = open_titled(kim, EMOJI_TITLE)
    qtbot.waitUntil(lambda: doc_id in kim.server.mirrored, timeout=5000)  # copied shortly after it opens
    with server_away(postgres_server, server_url):
        qtbot.waitUntil(lambda: not kim.server.online, timeout=2000)
        assert "Offline" in kim.server.indicator.text() or "오프라인" in kim.server.indicator.text()
        assert kim.document is not None and kim.document.id == doc_id  # still on the same document
        label_entity(kim, qtbot)
        assert [s.text for s in my_spans(kim)] == [ENTITY]  # shown, stored in the local copy
        kim.suggestions.show_document(kim.document)  # suggestions come from the local copy too
        qtbot.waitUntil(lambda: kim.suggestions.ready and bool(kim.suggestions.marks()), timeout=5000)
    qtbot.waitUntil(lambda: kim.server.online, timeout=8000)
    assert [s.text for s in my_spans(kim)] == [ENTITY]
    with Project.open(server_dir) as on_server:
        assert on_server.store.server == server_url
        assert [s.text for s in on_server.spans(doc_id, "kim")] == [ENTITY]


def test_the_next_documents_of_my_list_are_there_offline_and_their_edits_reach_the_server(
        open_window, server_dir, server_url, postgres_server, qtbot, monkeypatch):
    from annotator.core.project import Project
    from annotator.gui.window import server_watch

    from ..core.test_offline_copy import server_away
    from .test_labelling import select_codepoints

    monkeypatch.setattr(server_watch, "PREFETCH_MS", 20)
    kim = open_window(server_dir, "kim")
    first = kim.document.id
    following = kim.documents.neighbour(first, 1)
    qtbot.waitUntil(lambda: following in kim.server.mirrored, timeout=5000)
    with server_away(postgres_server, server_url):
        qtbot.waitUntil(lambda: not kim.server.online, timeout=2000)
        assert kim.documents.model.row_of(following) is not None  # listed offline
        kim.open_document(following)
        assert kim.document.id == following  # a document never opened online
        word = next(m for m in kim.project.morphemes(following) if m.tag.startswith("NN") and m.end - m.start >= 2)
        select_codepoints(kim, word.start, word.end)
        qtbot.keyClick(kim.view, Qt.Key.Key_2)
        assert [(s.start, s.end) for s in my_spans(kim)] == [(word.start, word.end)]
        qtbot.keyClick(kim.view, Qt.Key.Key_Return, CTRL)  # done; on to the next unfinished, offline
        assert kim.document.id != following and kim.document.id in kim.server.mirrored
    qtbot.waitUntil(lambda: kim.server.online, timeout=8000)
    with Project.open(server_dir) as on_server:
        assert [(s.start, s.end) for s in on_server.spans(following, "kim")] == [(word.start, word.end)]
        assert on_server.status(following, "kim").status == "done"


def test_a_window_started_without_the_server_opens_on_the_copy_an_earlier_window_kept(
        open_window, server_dir, server_url, postgres_server, qtbot, monkeypatch):
    from annotator.core.errors import ServerUnavailableError
    from annotator.core.project import Project
    from annotator.gui.window import server_watch
    from annotator.gui.window.launch import open_window as launch_window

    from ..core.test_offline_copy import server_away
    from .test_labelling import select_codepoints

    monkeypatch.setattr(server_watch, "PREFETCH_MS", 20)
    with server_away(postgres_server, server_url):  # nothing kept yet: a clear refusal
        with pytest.raises(ServerUnavailableError, match="no copy of kim's documents was kept here"):
            launch_window(server_dir, "kim")
    earlier = open_window(server_dir, "kim")
    following = earlier.documents.neighbour(earlier.document.id, 1)
    qtbot.waitUntil(lambda: following in earlier.server.mirrored, timeout=5000)
    earlier.close()  # online: its copy stays for a start without the server
    with server_away(postgres_server, server_url):
        kim = launch_window(server_dir, "kim")  # deletes itself on close
        assert not kim.server.online and kim.project.store.server is None
        assert "오프라인" in kim.server.indicator.text() or "Offline" in kim.server.indicator.text()
        kim.open_document(following)
        word = next(m for m in kim.project.morphemes(following) if m.tag.startswith("NN") and m.end - m.start >= 2)
        kim.windowHandle().requestActivate()
        qtbot.waitUntil(kim.isActiveWindow)
        select_codepoints(kim, word.start, word.end)
        qtbot.keyClick(kim.view, Qt.Key.Key_2)
        assert [(s.start, s.end) for s in my_spans(kim)] == [(word.start, word.end)]
    qtbot.waitUntil(lambda: kim.server.online, timeout=8000)
    assert kim.project.store.server == server_url
    with Project.open(server_dir) as on_server:
        assert [(s.start, s.end) for s in on_server.spans(following, "kim")] == [(word.start, word.end)]
    kim.close()
