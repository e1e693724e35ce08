"""The PostgreSQL schema keeps up with the SQLite migrations, and the SQL translation."""

import sqlite3

import pytest

from annotator.core.errors import ProjectError
from annotator.core.store.migrations import KNOWN
from annotator.core.store.postgres.schema import BASELINE_MIGRATIONS, LATER, MIGRATIONS_TABLE
from annotator.core.store.postgres.sql import translate
from annotator.core.store.store import Store


def test_every_migration_has_a_postgresql_form():
    """A new migration in migrations.py needs its PostgreSQL form in postgres_schema.LATER."""
    missing = [name for name in KNOWN if name not in BASELINE_MIGRATIONS and name not in LATER]
    assert not missing, f"add the PostgreSQL form of {missing} to annotator/core/store/postgres/schema.py LATER"
    assert not set(LATER) - set(KNOWN)


@pytest.mark.parametrize("sql, expected", [
    ("SELECT id FROM spans WHERE doc_id = ? AND note LIKE ? ESCAPE '\\'",
     "SELECT id FROM spans WHERE doc_id = %s AND note ILIKE %s ESCAPE '\\'"),
    ("SELECT start, end, label FROM spans ORDER BY start, end", 'SELECT start, "end", label FROM spans ORDER BY start, "end"'),
    ("SELECT s.end, excluded.end FROM spans s", "SELECT s.end, excluded.end FROM spans s"),
    ("SELECT sum(CASE WHEN status = 'done' THEN 1 ELSE 0 END), end FROM t",
     "SELECT sum(CASE WHEN status = 'done' THEN 1 ELSE 0 END), \"end\" FROM t"),
    ("SELECT '?', '100%', \"end\" FROM t WHERE a = ?", "SELECT '?', '100%%', \"end\" FROM t WHERE a = %s"),
    ("SELECT a FROM spans WHERE +annotator = ? AND b = 1 + 2", "SELECT a FROM spans WHERE annotator = %s AND b = 1 + 2"),
])
def test_translation_to_postgresql(sql, expected):
    assert translate(sql) == expected


def sqlite_columns(store) -> dict[str, list[str]]:
    tables = [r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'documents_fts%'"
        " AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'")]
    return {t: sorted(r[1] for r in store.conn.execute(f"PRAGMA table_info({t})")) for t in tables}


def test_the_server_schema_has_every_table_and_column(server_url):
    sqlite = Store(None)
    server = Store(server=server_url)
    try:
        assert server.applied_migrations() == sqlite.applied_migrations() == list(KNOWN)
        for table, columns in sqlite_columns(sqlite).items():
            found = sorted(r[0] for r in server.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", (table,)))
            assert found == columns, table
        # the search's trigram table answers the same LIKE on both
        assert server.conn.execute("SELECT rowid, title, text FROM documents_fts").fetchall() == []
        # every function of ours runs with its search path pinned, pg_temp last
        settings = server.conn.execute("SELECT proname, proconfig FROM pg_proc WHERE proname LIKE 'annotator\\_%'"
                                       " ESCAPE '\\'").fetchall()
        assert {name for name, _ in settings} == {
            "annotator_labelled_strings", "annotator_changed", "annotator_notify", "annotator_notify_documents",
            "annotator_check_layer", "annotator_check_content", "annotator_is_json_object"}
        assert all(config == ["search_path=pg_catalog, public, pg_temp"] for _, config in settings), settings
    finally:
        sqlite.close()
        server.close()


def test_a_server_database_of_a_newer_version_is_refused(server_url):
    Store(server=server_url).close()
    store = Store(server=server_url)
    store.conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                       ("annotator", "9999_from_the_future", "9999"))
    store.close()
    with pytest.raises(ProjectError, match="newer version of annotator .*9999_from_the_future"):
        Store(server=server_url)


def test_a_database_with_other_tables_is_not_taken_over(postgres_server):
    url = postgres_server.url(postgres_server.create_database())
    with postgres_server.admin(url.rsplit("dbname=", 1)[1]) as conn:
        conn.execute("CREATE TABLE documents (id int)")
    with pytest.raises(ProjectError, match="no annotator schema"):
        Store(server=url)


def test_sqlite_needs_no_server_support():
    """SQLite stays the default: opening a project never imports psycopg."""
    import subprocess
    import sys

    code = ("import sys\nfrom annotator import Project\nProject.in_memory().close()\n"
            "print('psycopg' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
    assert sqlite3.sqlite_version_info >= (3, 35)  # RETURNING, which the store uses on both engines


def test_the_search_runs_on_the_trigram_indexes(server_url):
    """The document list's search SQL (search_store), unchanged, is an ILIKE the pg_trgm indexes answer."""
    from annotator.core.worklist.search_query import parse
    from annotator.core.store.search import matching_select, text_search

    store = Store(server=server_url)
    try:
        store.conn.execute("SET enable_seqscan = off")  # an empty table would be scanned otherwise,
        store.conn.execute("SET enable_indexscan = off")  # or walked in id order: can the trigram indexes answer?
        for query in ("원주시", "원주시 대구시", "원주시 NOT 대구시", "(원주시 OR 대구시) 예산"):
            sql, params = matching_select(text_search(parse(query), indexed=False))
            plan = " ".join(row[0] for row in store.conn.execute("EXPLAIN " + sql, params))
            assert "documents_text_trgm" in plan and "documents_title_trgm" in plan and "~~*" in plan, plan  # ILIKE
    finally:
        store.close()


def test_the_servers_content_rules_agree_with_the_copy_check(server_url):
    """The database's rules (postgres_rules) refuse what content_rules refuses, value by value."""
    from annotator.core.content_rules import json_object_problem, layer_problem
    from annotator.core.store.postgres.rules import json_condition, layer_condition, time_condition

    deep = "[" * 64 + "]" * 64
    cases = {
        layer_condition("v"): (lambda v: layer_problem(v) is None, [
            "kim", "김민지", "kim.lee@example.org", "gold", "", " kim", "kim ", "\u3000kim", "kim\u00a0", "ki m",
            "k\x01m", "k\x85m", "x" * 100, "x" * 101, "\u200bkim"]),
        json_condition("v"): (lambda v: json_object_problem(v, "attrs") is None, [
            "{}", '{"a": 1}', ' {"a": [1, 2.5, "x", null, true]} ', "[]", "1", "null", "not json", '{"a": NaN}',
            '{"a": Infinity}', '{"a": -Infinity}', '{"a": 1e400}', '{"a": 1e300}', '{"a": "\\u0000"}',
            '{"a": "\\ud800"}', '{"a": "\\ud83d\\ude00"}', '{"a": 1} x', "{'a': 1}", '{"a": ' + deep + "}",
            '{"a": ' + deep[1:-1] + "}", '{"a": "line\nbreak"}']),
        time_condition("v"): (_python_time, [
            "2024-05-01T09:30:00.123456+00:00", "2024-05-01", "2024-05-01T09:30", "2024-05-01 09:30:00Z",
            "2024-02-29T00:00:00+09:00", "2023-02-29T00:00:00", "2024-13-01", "2024-04-31", "0000-01-01",
            "soon", "", "2024-05-01T24:00:00", "2024-05-01T09:30:00.1234567"]),
    }
    store = Store(server=server_url)
    try:
        for condition, (python, values) in cases.items():
            for value in values:
                server = store.conn.execute(f"SELECT {condition} FROM (SELECT CAST(? AS text) AS v) x",
                                            (value,)).fetchone()[0]
                assert server == python(value), (condition[:60], value)
    finally:
        store.close()


def _python_time(value: str) -> bool:
    from datetime import datetime

    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
