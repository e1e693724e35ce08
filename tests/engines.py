"""Run a test module on both engines: ``from tests.engines import engine  # noqa: F401``.

The module's tests that use the ``project`` fixture (tests/conftest.py) then run
once on SQLite and once on a throwaway PostgreSQL server (skipped, with the reason,
where none can be started).
"""

import sqlite3
from contextlib import contextmanager

import pytest

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param


@contextmanager
def second_connection(project):
    """Another program's connection to the project's database (a second window, a merge), each
    statement committed at once; it takes the store's SQL (``?`` placeholders) on both engines."""
    if project.store.server is not None:
        conn = project.store.engine.connect()
    else:
        conn = sqlite3.connect(project.database_path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def database_for(request, engine: str) -> str | None:
    """For a fixture of a wider scope than a test: ``None`` (SQLite) or a new database on the
    session's PostgreSQL server."""
    if engine != "postgresql":
        return None
    server = request.getfixturevalue("postgres_server")
    return server.url(server.create_database(template=server.template))
