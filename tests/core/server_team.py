"""A project on the throwaway server set up as a real team has it: owned by a login that is not a
superuser (alice, with CREATEROLE), with annotators kim and lee, reviewer rev and manager boss.
The attack tests log in as them with psycopg, the way a person holding only a login would."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotator import GOLD, Project
from annotator.cli.main import main

from .synthetic import Words, numbered_text

OWNER = "alice"


def ensure_owner(server) -> None:
    """The cluster-wide login that owns the team's databases (the session's server keeps it)."""
    with server.admin() as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (OWNER,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE")


@dataclass
class Team:
    server: object
    database: str
    folder: Path
    words: Words

    def url(self, login: str) -> str:
        return self.server.url(self.database, login)

    def login(self, login: str):
        """A psql-like session: autocommit, the login's own rights."""
        import psycopg

        return psycopg.connect(self.url(login), autocommit=True)

    def admin(self):
        return self.server.admin(self.database)

    def rows(self, sql: str, params=()) -> list[tuple]:
        with self.admin() as conn:
            return conn.execute(sql, params).fetchall()


def make_team(server, folder: Path, roles: tuple[str, ...] | None = ("--annotators", "kim,lee", "--reviewers", "rev",
                                                                      "--managers", "boss")) -> Team:
    """A new database owned by alice, a project in it with one document where kim, lee and gold have
    a span each and gold a status, and ``server-roles`` run with ``roles`` (None: not run)."""
    ensure_owner(server)
    database = server.create_database(owner=OWNER)
    with Project.create(folder, server=server.url(database, OWNER)) as project:
        words = Words(project, numbered_text(8))
        words.mark("kim", 0, None, "AGENCY")
        words.mark("lee", 1, None, "AGENCY")
        words.mark(GOLD, 2, None, "TECH")
        project.set_status(words.doc_id, GOLD, "in_progress")
    if roles is not None:
        assert main(["server-roles", str(folder), *roles]) == 0
    return Team(server, database, folder, words)
