"""Shared fixtures. GUI tests run offscreen; core tests never import Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the session (tests/postgres_server.py), with a template
    database that has the schema; skipped, saying why, where none can be started."""
    from tests.postgres_server import TemporaryServer, why_not

    reason = why_not()
    if reason:
        pytest.skip(f"no PostgreSQL server for these tests: {reason}")
    server = TemporaryServer().start()
    try:
        from annotator.core.store.store import Store

        server.template = server.create_database()
        Store(server=server.url(server.template)).close()
        yield server
    finally:
        server.stop()


@pytest.fixture
def server_url(postgres_server):
    """A new, empty annotator database on the session's server (a copy of the template: milliseconds)."""
    return postgres_server.url(postgres_server.create_database(template=postgres_server.template))


@pytest.fixture
def engine():
    """The engine the ``project`` fixture creates projects on. Modules that run on both import
    ``tests.engines.engine``, which overrides this one."""
    return "sqlite"


@pytest.fixture
def project(tmp_path, engine, request):
    from annotator import Project

    server = request.getfixturevalue("server_url") if engine == "postgresql" else None
    p = Project.create(tmp_path / "proj", server=server)
    yield p
    p.close()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def article_text():
    return (
        "원주시, 디지털트윈 사업 착수\n\n"
        "😀🇰🇷 원주의료기기테크노밸리에서 ‘디지털트윈 융합 의료혁신 선도사업’은 국비 120억 원을 확보했다.\n"
        "과기정통부는 인공지능(AI)으로 11조5,600억원)에 투자한다.\n"
    )


def around_migration(monkeypatch, name: str, before) -> None:
    """Run ``before()`` just before migration ``name`` is applied (on whatever thread applies it)."""
    from annotator.core.store import migrations

    def wrapped(function):
        def run(db):
            before()
            function(db)

        return run

    monkeypatch.setattr(migrations, "_MIGRATIONS",
                        [(n, wrapped(f) if n == name else f) for n, f in migrations._MIGRATIONS])
