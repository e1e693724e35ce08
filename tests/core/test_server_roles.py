"""Roles on a shared server: annotators write their own layer, reviewers gold and returns, managers
assign; the server refuses the rest with a message naming the user and the layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import GOLD, Project
from annotator.cli.main import main
from annotator.core.errors import PermissionRefusedError, ProjectError
from annotator.core.operations import RemoveSpans
from annotator.core.team.assignment import assign

from .server_team import make_team
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
    assert "_reviewers" in capsys.readouterr().out
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


REFUSED_NAMES = [
    ("gold", "gold layer"), ("GOLD", "gold layer"), ("Gold", "gold layer"),
    ("Lee", "lee"),  # a case variant of an existing login
    ("kim$$x", "letters"), ("o'brien", "letters"), ('say"hi', "letters"), ("a b", "letters"), ("-kim", "letters"),
    ("x" * 64, "63 bytes"), ("가" * 22, "63 bytes"), ("pg_kim", "reserved"), ("public", "reserved"),
    ("neo,NEO", "neo"),  # two spellings of one name in one command
]


def test_server_roles_refuses_names_that_are_not_safe_layers(team, capsys):
    projects, _ = team
    folder = projects["boss"].folder.parent / "owner"
    conn = projects["kim"].store.conn
    for names, reason in REFUSED_NAMES:
        capsys.readouterr()
        assert main(["server-roles", str(folder), f"--annotators={names}"]) == 2, names
        message = capsys.readouterr().err
        assert reason in message and "internal error" not in message, (names, message)
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE lower(rolname) = lower(?)",
                            (names.split(",")[0],)).fetchone()[0] == (1 if names == "Lee" else 0), names


def test_a_login_named_again_moves_to_its_new_group(team, capsys):
    projects, words = team
    folder = projects["boss"].folder.parent / "owner"
    assert main(["server-roles", str(folder), "--reviewers", "lee"]) == 0
    lee = projects["lee"]
    lee.add_span(words.doc_id, *words.span(4), "AGENCY", GOLD, snap=False)  # now a reviewer
    assert main(["server-roles", str(folder), "--annotators", "lee"]) == 0
    with pytest.raises(PermissionRefusedError, match="lee may not change the layer gold"):
        lee.add_span(words.doc_id, *words.span(5), "AGENCY", GOLD, snap=False)


def back_to_before_s01(team) -> None:
    """Take a new database back to what annotator left before groups per project and the content
    rules (tests/data/postgres_before_s01.sql), kim in the old server-wide annotator group."""
    from annotator.core.store.postgres import rules as postgres_rules

    with team.admin() as admin:
        for statement in postgres_rules.removal():
            admin.execute(statement)
        admin.execute("DELETE FROM annotator_migrations WHERE migration_set = 'annotator-server'")
        admin.execute((Path(__file__).parents[1] / "data" / "postgres_before_s01.sql").read_text(encoding="utf-8"))
        admin.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kim') THEN "
                      "CREATE ROLE kim LOGIN; END IF; END $$")
        admin.execute("GRANT annotator_annotator TO kim")


def test_an_existing_server_database_is_upgraded_and_server_roles_names_its_logins_again(
        postgres_server, tmp_path, capsys):
    import psycopg

    team = make_team(postgres_server, tmp_path / "team", roles=None)
    back_to_before_s01(team)
    with team.admin() as admin:  # junk written before the rules, by whoever
        admin.execute("UPDATE spans SET attrs = 'not json' WHERE annotator = 'lee'")
    with team.login("kim") as kim:  # what the old grants allowed
        kim.execute("SELECT setval('spans_id_seq', 1)")
        kim.execute("CREATE TEMP TABLE scratch (x int)")

    with pytest.raises(ProjectError, match="only its owner may do"):  # an annotator first: told to wait
        Project.create(tmp_path / "kim-early", server=team.url("kim"))
    # the owner opens the project with this version: the database is upgraded
    with Project.open(team.folder) as owner:
        assert owner.store.engine.applied_steps(owner.store.conn) == ["s01_trust_boundaries"]
    assert main(["stats", str(team.folder)]) == 0  # the old junk does not stop the owner
    with team.login("kim") as kim:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            kim.execute("SELECT setval('spans_id_seq', 1)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            kim.execute("SELECT count(*) FROM spans")  # the server-wide group has no rights here any more
    capsys.readouterr()
    assert main(["server-roles", str(team.folder), "--annotators", "kim"]) == 0
    err = capsys.readouterr().err
    assert "annotator_annotator (" in err and "kim" in err and "DROP ROLE" in err
    with Project.create(tmp_path / "kim", server=team.url("kim")) as kim:
        kim.add_span(team.words.doc_id, *team.words.span(5), "AGENCY", "kim", snap=False)  # the counter is right
        with pytest.raises(PermissionRefusedError, match="kim may not change the layer gold"):
            kim.add_span(team.words.doc_id, *team.words.span(6), "AGENCY", GOLD, snap=False)
    with team.login("kim") as kim:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            kim.execute("CREATE TEMP TABLE scratch (x int)")
        with pytest.raises(psycopg.errors.CheckViolation):
            kim.execute("UPDATE spans SET attrs = '{\"a\": NaN}' WHERE annotator = 'kim'")
    assert team.rows("SELECT proname FROM pg_proc WHERE proname LIKE 'annotator%%' AND proconfig IS NULL") == []
