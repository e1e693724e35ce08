"""Roles on a shared server: annotators write their own layer, reviewers gold and returns, managers
assign; the server refuses the rest with a message naming the user and the layer."""

from __future__ import annotations

import pytest

from annotator import GOLD, Project
from annotator.cli.main import main
from annotator.core.errors import PermissionRefusedError
from annotator.core.operations import RemoveSpans
from annotator.core.team.assignment import assign

from .synthetic import Words, numbered_text


@pytest.fixture
def team(tmp_path, server_url, capsys):
    """The owner's project with a document where kim and gold have a span; kim and lee annotate, rev
    reviews, boss manages. Returns {login: the project opened as that login}."""
    owner = tmp_path / "owner"
    with Project.create(owner, server=server_url) as project:
        words = Words(project, numbered_text(6))
        words.mark("kim", 0, None, "AGENCY")
        words.mark(GOLD, 1, None, "TECH")
    assert main(["server-roles", str(owner), "--annotators", "kim,lee", "--reviewers", "rev",
                 "--managers", "boss"]) == 0
    assert "annotator_reviewer" in capsys.readouterr().out
    projects = {}
    for login in ("kim", "lee", "rev", "boss"):
        url = server_url.replace("user=annotator_admin", f"user={login}")
        projects[login] = Project.create(tmp_path / login, server=url)
    yield projects, words
    for project in projects.values():
        project.close()


def test_an_annotator_writes_their_own_layer_only(team):
    projects, words = team
    kim, lee = projects["kim"], projects["lee"]
    assert kim.store.engine.user(kim.store.conn) == "kim"
    span = kim.add_span(words.doc_id, *words.span(2), "AGENCY", "kim", snap=False)
    kim.set_status(words.doc_id, "kim", "done")
    kim.set_note(words.doc_id, "kim", "메모")
    with pytest.raises(PermissionRefusedError, match="lee may not change the layer kim"):
        lee.remove_span(span.id)
    with pytest.raises(PermissionRefusedError, match="lee may not change the layer gold"):
        lee.add_span(words.doc_id, *words.span(3), "AGENCY", GOLD, snap=False)
    with pytest.raises(PermissionRefusedError, match="may not change the layer kim"):
        lee.set_status(words.doc_id, "kim", "in_progress")
    with pytest.raises(PermissionRefusedError, match="permission denied for table assignments.*managers assign"):
        assign(lee, ["kim", "lee"], per_document=1)
    # nothing of the refused changes stayed
    assert [s.annotator for s in kim.spans(words.doc_id)] == ["kim", GOLD, "kim"]
    assert kim.status(words.doc_id, "kim").status == "done"


def test_a_reviewer_writes_gold_and_returns_a_manager_assigns(team):
    projects, words = team
    rev, boss = projects["rev"], projects["boss"]
    [gold] = rev.spans(words.doc_id, GOLD)
    rev.relabel_span(gold.id, "PROGRAM")
    rev.accept_into_gold(rev.spans(words.doc_id, "kim")[0].id)
    rev.return_document(words.doc_id, "kim", "다시 보세요")
    rev.mark_adjudicated(words.doc_id)
    with pytest.raises(PermissionRefusedError, match="rev may not change the layer kim"):
        rev.apply(RemoveSpans([rev.spans(words.doc_id, "kim")[0].id]))
    assign(boss, ["kim", "lee"], per_document=1)
    assert projects["kim"].status(words.doc_id, "kim").status == "returned"
