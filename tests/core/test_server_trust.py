"""Attacks on a shared server by a person holding only an annotator's (or a reviewer's) login, run
as that login with psycopg, as psql would: none of them may write what the login may not write."""

from __future__ import annotations

import json

import pytest

from annotator import GOLD, Project
from annotator.cli.main import main
from annotator.core.errors import ServerError
from annotator.core.team.assignment import assign

from .server_team import OWNER, make_team

psycopg = pytest.importorskip("psycopg")
Refused = psycopg.errors.InsufficientPrivilege


@pytest.fixture
def team(postgres_server, tmp_path):
    return make_team(postgres_server, tmp_path / "team")


def gold_state(team) -> list[tuple]:
    return (team.rows("SELECT annotator, start, \"end\", label FROM spans ORDER BY id")
            + team.rows("SELECT annotator, status FROM statuses ORDER BY annotator"))


def span_sql(team, layer: str, first: int, label: str = "AGENCY", attrs: str = "{}") -> tuple[str, tuple]:
    start, end = team.words.span(first)
    return ("INSERT INTO public.spans (uid, doc_id, annotator, start, \"end\", label, attrs, rev, created_at,"
            " updated_at) VALUES (md5(random()::text), %s, %s, %s, %s, %s, %s, 'r1', now()::text, now()::text)",
            (team.words.doc_id, layer, start, end, label, attrs))


def test_annotators_and_reviewers_may_not_create_temporary_objects(team):
    for login in ("kim", "rev"):
        with team.login(login) as conn, pytest.raises(Refused, match="temporary"):
            conn.execute("CREATE TEMP TABLE scratch (x int)")


def test_a_temporary_view_named_pg_roles_makes_no_one_a_superuser(team):
    """The row check reads the catalog by its qualified name: a temporary view shadows nothing, even
    where an administrator gave TEMP back."""
    with team.admin() as admin:
        admin.execute(f'GRANT TEMP ON DATABASE "{team.database}" TO kim')
    before = gold_state(team)
    with team.login("kim") as kim:
        kim.execute("CREATE TEMP VIEW pg_roles AS SELECT rolname, true AS rolsuper, oid FROM pg_catalog.pg_roles")
        kim.execute("CREATE TEMP VIEW pg_database AS SELECT datname, oid AS datdba FROM pg_catalog.pg_database")
        attacks = [span_sql(team, GOLD, 4),
                   ("UPDATE spans SET label = 'PROGRAM' WHERE annotator = %s", (GOLD,)),
                   ("DELETE FROM spans WHERE annotator = 'lee'", ()),
                   ("UPDATE statuses SET status = 'adjudicated' WHERE annotator = %s", (GOLD,)),
                   ("INSERT INTO statuses (doc_id, annotator, status, updated_at) VALUES (%s, 'lee', 'done',"
                    " now()::text)", (team.words.doc_id,))]
        for sql, params in attacks:
            with pytest.raises(Refused, match="kim may not change the layer"):
                kim.execute(sql, params)
    assert gold_state(team) == before


def test_a_temporary_table_named_like_the_owners_never_runs_code_as_the_owner(team):
    """The owner's SECURITY DEFINER function keeps labelled_strings: a temporary table of that name
    with a trigger must not be where it writes."""
    with team.admin() as admin:
        admin.execute(f'GRANT TEMP ON DATABASE "{team.database}" TO kim')
    with team.login("kim") as kim:
        kim.execute("CREATE TEMP TABLE labelled_strings (layer text, label text, text text, spans integer,"
                    " PRIMARY KEY (layer, label, text))")
        kim.execute("GRANT ALL ON pg_temp.labelled_strings TO PUBLIC")
        kim.execute(f"CREATE FUNCTION pg_temp.grab() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    f" EXECUTE 'GRANT {OWNER} TO kim'; RETURN NULL; END $$")
        kim.execute("CREATE TRIGGER grab AFTER INSERT OR UPDATE ON pg_temp.labelled_strings"
                    " FOR EACH ROW EXECUTE FUNCTION pg_temp.grab()")
        kim.execute(*span_sql(team, "kim", 5))
    assert team.rows("SELECT pg_has_role('kim', %s, 'member')", (OWNER,)) == [(False,)]
    assert team.rows("SELECT spans FROM labelled_strings WHERE layer = 'kim' AND text = %s",
                     (team.words.text[slice(*team.words.span(5))],)) == [(1,)]


def test_a_reviewer_of_one_project_writes_nothing_in_another(team, postgres_server, tmp_path):
    other = make_team(postgres_server, tmp_path / "other", roles=("--annotators", "lee"))
    before = gold_state(other)
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        other.login("rev")
    # an administrator who lets everyone connect again gives the other project's reviewer nothing
    with other.admin() as admin:
        admin.execute(f'GRANT CONNECT ON DATABASE "{other.database}" TO PUBLIC')
    with other.login("rev") as rev:
        for sql, params in (span_sql(other, GOLD, 4), ("UPDATE statuses SET status = 'adjudicated'", ())):
            with pytest.raises(Refused):
                rev.execute(sql, params)
    assert gold_state(other) == before
    # and the workbench says so as the refusal it is
    with pytest.raises(ServerError, match="rev"):
        Project.create(tmp_path / "rev-other", server=other.url("rev"))


def test_sequences_are_not_an_annotators_to_set(team):
    for login in ("kim", "rev"):
        with team.login(login) as conn:
            for sql in ("SELECT setval('public.spans_id_seq', 1)", "ALTER SEQUENCE spans_id_seq RESTART 1",
                        "SELECT setval('annotator_changes', 1)"):
                with pytest.raises(Refused):
                    conn.execute(sql)
    with Project.open(team.folder) as project:  # the owner's inserts go on as before
        team.words.project = project
        team.words.mark("kim", 6, None, "AGENCY")


def test_a_unique_violation_is_a_clear_error(team, tmp_path, capsys):
    """A sequence set back (by an owner, or by an older version's grants) makes inserts collide: the
    writer is told so, as a refusal, not an internal error."""
    with team.admin() as admin:
        admin.execute("SELECT setval('spans_id_seq', 1)")
    with Project.create(tmp_path / "kim", server=team.url("kim")) as kim:
        with pytest.raises(ServerError, match="already (exists|holds)"):
            kim.add_span(team.words.doc_id, *team.words.span(6), "AGENCY", "kim", snap=False)
    spans = tmp_path / "spans.jsonl"
    spans.write_text(json.dumps({"text": team.words.text, "spans": [
        {"start": team.words.span(7)[0], "end": team.words.span(7)[1], "label": "AGENCY"}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    code = main(["import", str(tmp_path / "kim"), str(spans), "--annotator", "kim"])
    assert "internal error" not in capsys.readouterr().err
    assert code != 0


def junk(team) -> list[tuple[str, tuple]]:
    doc, length = team.words.doc_id, len(team.words.text)
    span = span_sql(team, "kim", 3)
    deep = "{" + '"a": {' * 70 + "}" * 70 + "}"
    return [
        (span[0], span[1][:2] + (0, length + 1000) + span[1][4:]),  # past the end of the text
        (span[0], span[1][:5] + ("not json",)),
        (span[0], span[1][:5] + ('{"score": NaN}',)),
        (span[0], span[1][:5] + ('{"big": 1e400}',)),
        (span[0], span[1][:5] + ("[1, 2]",)),
        (span[0], span[1][:5] + (deep,)),
        (span[0], span[1][:4] + ("",) + span[1][5:]),
        ("UPDATE spans SET \"end\" = %s WHERE annotator = 'kim'", (length + 1,)),
        ("UPDATE spans SET attrs = '{\"a\": Infinity}' WHERE annotator = 'kim'", ()),
        ("INSERT INTO rejections (doc_id, layer, start, \"end\", label, created_at) VALUES (%s, 'kim', 0, %s,"
         " 'AGENCY', now()::text)", (doc, length + 5)),
        ("INSERT INTO span_tombstones (uid, doc_id, annotator, start, \"end\", label, rev, deleted_at) VALUES"
         " ('t1', %s, 'kim', 3, %s, 'AGENCY', 'r', now()::text)", (doc, 10 ** 6)),
        ("INSERT INTO statuses (doc_id, annotator, status, updated_at) VALUES (%s, 'kim', 'finished',"
         " now()::text)", (doc,)),
        ("INSERT INTO statuses (doc_id, annotator, status, updated_at) VALUES (%s, 'kim', 'adjudicated',"
         " now()::text)", (doc,)),
        ("INSERT INTO statuses (doc_id, annotator, status, updated_at) VALUES (%s, 'kim', 'done',"
         " '9999-12-31T23:59:59+00:00')", (doc,)),
        ("INSERT INTO statuses (doc_id, annotator, status, updated_at) VALUES (%s, 'kim', 'done', 'soon')",
         (doc,)),
        ("INSERT INTO document_notes (doc_id, layer, note, updated_at) VALUES (%s, 'kim', 'x', '')", (doc,)),
        ("INSERT INTO active_time (doc_id, annotator, day, seconds, updated_at) VALUES (%s, 'kim',"
         " '2024-01-01', 'NaN', now()::text)", (doc,)),
        ("INSERT INTO active_time (doc_id, annotator, day, seconds, updated_at) VALUES (%s, 'kim',"
         " '2024-01-01', 90000, now()::text)", (doc,)),
        ("INSERT INTO active_time (doc_id, annotator, day, seconds, updated_at) VALUES (%s, 'kim',"
         " 'yesterday', 60, now()::text)", (doc,)),
    ]


def test_junk_in_an_annotators_own_layer_is_refused_by_the_server(team, tmp_path, capsys):
    with team.login("kim") as kim:
        for sql, params in junk(team):
            with pytest.raises(psycopg.errors.CheckViolation):
                kim.execute(sql, params)
    with Project.open(team.folder) as owner:
        assign(owner, ["kim"], per_document=1)
    assert main(["export", str(team.folder), "--source", "kim", "--format", "jsonl",
                 "--out", str(tmp_path / "kim.jsonl")]) == 0
    assert main(["package", str(team.folder), "--annotator", "kim", "--out", str(tmp_path / "kim-package")]) == 0
    assert "internal error" not in capsys.readouterr().err
