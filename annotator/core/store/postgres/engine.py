"""PostgreSQL: a shared server holding a project's annotations (``annotator init --server``).

``PostgresEngine`` is the interface ``sqlite_store.SQLiteEngine`` has, over
psycopg 3 (the ``server`` extra). ``PostgresConnection`` is the part of
``sqlite3.Connection`` the store modules use (``execute``, ``executemany``,
cursors with ``fetchone``/``fetchall``/iteration), so they run unchanged:
their SQL goes through ``postgres_sql.translate`` on the way.

The connection string never holds a password (``secrets_problem``): libpq
reads it from ``~/.pgpass`` (``PGPASSFILE``) or ``PGPASSWORD``, else a
terminal asks (``server_login``). The connection runs in
autocommit mode, as SQLite's does here (``isolation_level=None``); ``Store``
opens each transaction with ``BEGIN`` (READ COMMITTED: writers of different
layers never wait for each other).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Sequence

from annotator.core.store.postgres import rules as postgres_rules
from annotator.core.store.postgres import login as server_login
from annotator.core.errors import PermissionRefusedError, ProjectError, ServerError, ServerUnavailableError
from annotator.core.store.migrations import KNOWN, MIGRATION_SET
from annotator.core.store.move import IDENTITY_TABLES
from annotator.core.store.postgres.roles import (
    CHECK_FUNCTION, LEGACY_GROUPS, REVOKE_LEGACY_GROUPS, RolesReport, check_triggers, plan_roles, roles_statements,
)
from annotator.core.store.postgres.schema import (
    BASELINE, BASELINE_MIGRATIONS, CHANNEL, LATER, MIGRATIONS_TABLE, PINNED_FUNCTIONS, SERVER_SET, SERVER_STEPS,
    change_triggers,
)
from annotator.core.store.postgres.sql import translate

CONNECT_TIMEOUT_S = 5
APPLICATION_NAME = "annotator"
SCHEMA_LOCK = 0x616E6E6F  # pg_advisory_xact_lock key: one workbench creates or upgrades the schema at a time
# Every transaction holds this advisory lock shared; moving the project away (``project_move``) takes it
# exclusively, so writes wait for the move and then find the database marked as moved. One lock taken
# first, not the tables one by one: a writer holding one table while waiting for another deadlocks those.
WRITE_LOCK = 0x616E6E70


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise ProjectError("this project's annotations are on a PostgreSQL server: install the server support "
                           "with  pip install 'annotator[server]'  (psycopg)") from None
    return psycopg


def _parts(server: str) -> dict[str, str]:
    from psycopg.conninfo import conninfo_to_dict

    try:
        return {key: str(value) for key, value in conninfo_to_dict(server).items()}
    except Exception as exc:  # psycopg.ProgrammingError: a string libpq cannot parse
        # Not the string itself, nor libpq's words about it: either may hold a password.
        reason = _first_line(exc)
        if any(secret in reason for secret in _secret_values(server)):
            reason = "libpq cannot read it"
        raise ProjectError(f"the server's address is not a PostgreSQL connection string ({reason})") from None


# Connection parameters that are secrets: never in a project file (libpq reads ~/.pgpass, PGPASSWORD,
# PGSSLPASSWORD... or asks).
SECRET_PARAMETERS = ("password", "sslpassword")


def _secret_values(server: str) -> list[str]:
    """Any word in ``server`` that could be a secret, for scrubbing messages about a string libpq cannot parse."""
    return [word for word in re.split(r"[\s=:@/?&'\"]+", server) if len(word) >= 4]


def secrets_problem(server: str) -> str | None:
    """Why ``server`` may not be written into (or read from) a project file, or None."""
    _psycopg()
    found = [key for key in SECRET_PARAMETERS if key in _parts(server)]
    if not found:
        return None
    return (f"the server's address holds a {' and an '.join(found)}; project files never keep one: give it "
            "through ~/.pgpass or the PGPASSWORD variable (or type it when asked), and the address without it "
            "(postgresql://USER@HOST/DB)")


def check_server_address(server: str) -> str:
    """``server`` as it may be written into a project folder: refused when it holds a password."""
    problem = secrets_problem(server)
    if problem:
        raise ProjectError(problem)
    return server


def login_name(server: str) -> str:
    """The user libpq logs in as: the address's, else PGUSER, else the system login (libpq's order)."""
    import getpass
    import os

    return _parts(server).get("user") or os.environ.get("PGUSER") or getpass.getuser()


def describe(server: str) -> str:
    """The server as messages name it: user@host:port/database, never a password."""
    try:
        parts = _parts(server)
    except ProjectError:
        return "(a PostgreSQL server)"
    host = parts.get("host", "localhost")
    if host.startswith("/"):
        host = "localhost"
    port = f":{parts['port']}" if "port" in parts else ""
    user = f"{parts['user']}@" if "user" in parts else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname', '')}"


class PostgresConnection:
    """Runs the store's SQL on a psycopg connection; turns the server's refusals into ``ServerError``s."""

    def __init__(self, raw, location: str):
        self.raw = raw
        self.location = location
        self._trace: Callable[[str], None] | None = None

    def set_trace_callback(self, callback: Callable[[str], None] | None) -> None:
        """As sqlite3's: ``callback(sql)`` for every statement run (tests count queries with it)."""
        self._trace = callback

    def execute(self, sql: str, params: Sequence[Any] | Iterable[Any] = ()):
        if self._trace is not None:
            self._trace(sql)
        try:
            return self.raw.execute(translate(sql), tuple(params))
        except Exception as exc:
            self.reraise(exc)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]):
        if self._trace is not None:
            self._trace(sql)
        cursor = self.raw.cursor()
        try:
            cursor.executemany(translate(sql), [tuple(row) for row in rows])
        except Exception as exc:
            self.reraise(exc)
        return cursor

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()

    def reraise(self, exc: Exception) -> None:
        """Raise ``exc`` as the user's error it stands for (``refusal``), or as it is."""
        refused = self.refusal(exc)
        if refused is exc:
            raise exc
        raise refused from exc

    def refusal(self, exc: Exception) -> Exception:
        """What to raise for ``exc``: the server's word for the user, or ``exc`` itself (a bug)."""
        psycopg = _psycopg()
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            message = exc.diag.message_primary or str(exc)
            if message.startswith("permission denied"):  # a table its group has no right to write
                message += (" (annotators write their own layer, reviewers gold and returns, managers assign"
                            " and import: annotator server-roles)")
            return PermissionRefusedError(f"{self.location}: {message}; nothing was changed")
        if isinstance(exc, psycopg.OperationalError) and (self.raw.broken or self.raw.closed):
            return ServerUnavailableError(f"{self.location}: the server cannot be reached ({_first_line(exc)})")
        if isinstance(exc, psycopg.errors.SerializationFailure):
            return ServerError(f"{self.location}: another writer changed the same rows; nothing was changed, "
                               "try again")
        if isinstance(exc, psycopg.errors.IntegrityError):
            return ServerError(f"{self.location}: {integrity_message(exc)}; nothing was changed")
        return exc


def integrity_message(exc) -> str:
    """The server's refusal of a row (a rule of ``postgres_rules``, a key already there), in words."""
    diag = exc.diag
    primary = diag.message_primary or _first_line(exc)
    reason = postgres_rules.reason(diag.constraint_name)
    if reason:
        return f"the server refuses the row ({diag.table_name}: {reason}; {diag.constraint_name})"
    if diag.sqlstate == "23505":  # unique_violation
        detail = f" ({diag.message_detail.rstrip('.')})" if diag.message_detail else ""
        hint = ""
        if diag.constraint_name and diag.constraint_name.endswith("_pkey") and diag.table_name in IDENTITY_TABLES:
            hint = ("; the server's id counter is behind the stored ids: the database owner sets it right with  "
                    "annotator server-roles PROJECT")
        return f"{primary}{detail}{hint}"
    return primary


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class Notifications:
    """Others' commits as the documents they touched (``None``: documents came or went), heard on a
    connection of its own that LISTENs to the channel the schema's triggers notify. The store's own
    connection's changes are left out: the window shows those already."""

    def __init__(self, engine: "PostgresEngine", own: PostgresConnection):
        self.engine = engine
        self.own = own
        self.conn = engine.connect()
        self.conn.execute(f"LISTEN {CHANNEL}")

    def take(self) -> set[int | None]:
        """What arrived since the last call, without waiting; ``ServerUnavailableError`` when the
        server is gone (a query, not only the socket: a dead server sends nothing)."""
        own_pid = self.own.raw.info.backend_pid
        found: set[int | None] = set()
        try:
            self.conn.raw.execute("SELECT 1")
            for note in self.conn.raw.notifies(timeout=0):
                if note.pid == own_pid:
                    continue
                _, _, doc_id = note.payload.partition(" ")
                found.add(int(doc_id) if doc_id.isdigit() else None)
        except Exception as exc:
            self.conn.reraise(exc)
        return found

    def close(self) -> None:
        self.conn.close()


class PostgresEngine:
    name = "postgresql"

    def __init__(self, server: str):
        self.psycopg = _psycopg()
        self.server = server
        self.path = None
        self.errors = (self.psycopg.Error, ServerError)

    @property
    def location(self) -> str:
        return describe(self.server)

    def raw_connection(self):
        password = server_login.given(self.server)
        try:
            try:
                return self._connect(password)
            except self.psycopg.OperationalError as exc:
                if server_login.NO_PASSWORD not in str(exc) or password is not None:
                    raise
                password = server_login.ask(self.server, self.location)
                if password is None:
                    raise
                return self._connect(password)
        except self.psycopg.Error as exc:
            message = str(exc)
            if "permission denied for database" in message:  # no CONNECT: not in this project's groups
                raise PermissionRefusedError(
                    f"{self.location}: {login_name(self.server)} may not open this project's database (a login "
                    "of another project, or not yet named: the database owner adds logins with  annotator "
                    "server-roles)") from None
            if server_login.NO_PASSWORD in message:
                raise PermissionRefusedError(f"{self.location}: {server_login.NEEDS_PASSWORD}") from None
            if server_login.WRONG_PASSWORD in message:
                server_login.forget(self.server)
                raise PermissionRefusedError(f"{self.location}: the server refused the password for "
                                             f"{login_name(self.server)}") from None
            raise ServerUnavailableError(f"{self.location}: cannot connect to the server ({_first_line(exc)})") from None

    def _connect(self, password: str | None):
        extra = {"password": password} if password is not None else {}
        return self.psycopg.connect(self.server, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                    application_name=APPLICATION_NAME, **extra)

    def connect(self) -> PostgresConnection:
        return PostgresConnection(self.raw_connection(), self.location)

    # -- schema ---------------------------------------------------------------------------

    def applied_migrations(self, conn: PostgresConnection) -> list[str]:
        if conn.execute("SELECT to_regclass(?)", (MIGRATIONS_TABLE,)).fetchone()[0] is None:
            return []
        try:
            return [r[0] for r in conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY applied_at, name",
                (MIGRATION_SET,))]
        except PermissionRefusedError:
            raise PermissionRefusedError(
                f"{self.location}: {self.user(conn)} has no rights in this project's database (a login of another "
                "project, or not yet named: the database owner adds logins with  annotator server-roles)") from None

    def applied_steps(self, conn: PostgresConnection) -> list[str]:
        if conn.execute("SELECT to_regclass(?)", (MIGRATIONS_TABLE,)).fetchone()[0] is None:
            return []
        return [r[0] for r in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                                           (SERVER_SET,))]

    def upgrade_due(self, conn: PostgresConnection, applied: list[str]) -> bool:
        return bool(set(KNOWN) - set(applied) or set(SERVER_STEPS) - set(self.applied_steps(conn)))

    def apply_pending(self, conn: PostgresConnection) -> None:
        """Create the schema in an empty database, or add the later migrations' PostgreSQL forms and
        the server steps (``postgres_schema``)."""
        raw = conn.raw
        applied: list[str] = []
        try:
            with raw.transaction():
                raw.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                applied = self.applied_migrations(conn)  # again, under the lock: another workbench may have
                if not applied:
                    if raw.execute("SELECT to_regclass('documents')").fetchone()[0] is not None:
                        raise ProjectError(f"{self.location}: the database has a table named documents but no "
                                           "annotator schema; use an empty database")
                    raw.execute(BASELINE)
                    raw.execute(change_triggers())
                    raw.execute(CHECK_FUNCTION)
                    raw.execute(check_triggers())
                    self._record(raw, BASELINE_MIGRATIONS)
                    applied = list(BASELINE_MIGRATIONS)
                for name in KNOWN:
                    if name in applied:
                        continue
                    if name not in LATER:
                        raise ProjectError(f"{self.location}: migration {name} has no PostgreSQL form "
                                           "(postgres_schema.LATER); this version cannot upgrade a server")
                    raw.execute(LATER[name])
                    self._record(raw, [name])
                done = self.applied_steps(conn)
                for name in SERVER_STEPS:
                    if name not in done:
                        getattr(self, f"_step_{name}")(raw)
                        self._record(raw, [name], SERVER_SET)
        except self.psycopg.errors.InsufficientPrivilege as exc:
            if applied:
                raise ProjectError(f"{self.location}: this version of annotator upgrades the database first, which "
                                   "only its owner may do: the owner opens the project once (annotator stats "
                                   f"PROJECT) and runs  annotator server-roles  ({_first_line(exc)})") from None
            raise ProjectError(f"{self.location}: cannot create the annotator schema ({_first_line(exc)}); "
                               "the database owner creates it with  annotator init PROJECT --server … "
                               "(and CREATE EXTENSION pg_trgm needs the database's CREATE privilege)") from None
        except self.psycopg.OperationalError as exc:
            raise ServerUnavailableError(f"{self.location}: cannot update the schema ({_first_line(exc)})") from None

    def _step_s01_trust_boundaries(self, raw) -> None:
        raw.execute(PINNED_FUNCTIONS)
        raw.execute(CHECK_FUNCTION)
        raw.execute(REVOKE_LEGACY_GROUPS)
        raw.execute(postgres_rules.functions())
        for _, _, statement in postgres_rules.add_constraints():
            raw.execute(statement)
        for table, name, _ in postgres_rules.add_constraints():
            try:
                with raw.transaction():  # a savepoint: rows written before the rules may break them
                    raw.execute(postgres_rules.validate(table, name))
            except self.psycopg.errors.CheckViolation:
                pass  # enforced from now on (NOT VALID); the old rows stay as they are
        raw.execute(postgres_rules.content_triggers())

    @staticmethod
    def _record(raw, names: Iterable[str], migration_set: str = MIGRATION_SET) -> None:
        stamp = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        for name in names:
            raw.execute(f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) VALUES (%s, %s, %s)",
                        (migration_set, name, stamp))

    # -- roles (postgres_roles) ------------------------------------------------------------------

    def user(self, conn: PostgresConnection) -> str:
        """The server's name for this connection's user: their layer."""
        return conn.execute("SELECT current_user").fetchone()[0]

    def set_up_roles(self, conn: PostgresConnection, annotators=(), reviewers=(), managers=()) -> RolesReport:
        """Create the project's groups, grant their rights here, add the named logins (each to one group),
        and set the id counters right; nothing is run when a name is refused."""
        raw = conn.raw
        database = raw.execute("SELECT current_database()").fetchone()[0]
        existing = dict(raw.execute("SELECT rolname::text, rolcanlogin FROM pg_catalog.pg_roles").fetchall())
        try:
            plan = plan_roles(database, existing, annotators, reviewers, managers)
        except ValueError as exc:
            raise ProjectError(f"{self.location}: {exc}; nothing was changed") from None
        statements = roles_statements(plan, existing)
        try:
            with raw.transaction():
                for statement in statements:
                    raw.execute(statement)
                for table in IDENTITY_TABLES:  # a counter set back (setval) would make every insert collide
                    self.set_id_high_water(conn, table, self.id_high_water(conn, table))
        except self.psycopg.errors.InsufficientPrivilege as exc:
            raise PermissionRefusedError(f"{self.location}: cannot set up the roles ({_first_line(exc)}); "
                                         "the database owner with CREATEROLE (or a superuser) does this") from None
        report = RolesReport(plan, [statement.as_string(raw) for statement in statements])
        group = plan.groups["annotators"]
        if raw.execute("SELECT has_schema_privilege(%s, 'public', 'CREATE')", (group,)).fetchone()[0]:
            report.warnings.append("everyone may still create objects in schema public (it is not the database "
                                   "owner's): its owner (a superuser) runs  REVOKE CREATE ON SCHEMA public FROM "
                                   "PUBLIC  there")
        for legacy in LEGACY_GROUPS:
            members = [r[0] for r in raw.execute(
                "SELECT m.rolname::text FROM pg_catalog.pg_auth_members a JOIN pg_catalog.pg_roles g ON g.oid = a.roleid"
                " JOIN pg_catalog.pg_roles m ON m.oid = a.member WHERE g.rolname = %s ORDER BY 1", (legacy,))]
            if members:
                report.legacy[legacy] = members
        return report

    # -- transactions -----------------------------------------------------------------------

    def begin(self, conn: PostgresConnection) -> None:
        try:  # two statements, one round trip (no parameters: the simple query protocol)
            conn.raw.execute(f"BEGIN; SELECT pg_advisory_xact_lock_shared({WRITE_LOCK})")
        except Exception as exc:
            conn.reraise(exc)

    def hold_against_writers(self, conn: PostgresConnection, tables: Iterable[str]) -> None:
        """Inside a transaction: no other transaction runs until it ends (other programs' writes to
        ``tables`` wait too; plain reads go on)."""
        conn.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
        conn.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")

    def commit(self, conn: PostgresConnection) -> None:
        conn.execute("COMMIT")

    def rollback(self, conn: PostgresConnection) -> None:
        if conn.raw.broken or conn.raw.closed:
            return  # the server rolled it back when the connection went
        if conn.in_transaction:
            conn.raw.execute("ROLLBACK")

    # -- watching for others' commits ----------------------------------------------------------

    def data_version(self, conn: PostgresConnection) -> int:
        """Moves with every write, this connection's too (a sequence the triggers advance)."""
        return conn.execute("SELECT last_value FROM annotator_changes").fetchone()[0]

    def change_marker(self, conn: PostgresConnection) -> tuple[int]:
        return (self.data_version(conn),)

    def notifications(self, conn: PostgresConnection) -> Notifications:
        return Notifications(self, conn)

    def checkpoint(self, conn: PostgresConnection, mode: str, timeout_s: float | None) -> bool:
        return False  # the server keeps its own files

    # -- moving a project (project_move) ----------------------------------------------------------

    def stream(self, conn: PostgresConnection, sql: str, chunk: int) -> Iterator[tuple]:
        """The rows of ``sql`` through a server-side cursor, ``chunk`` at a time (inside a transaction)."""
        cursor = conn.raw.cursor(name="annotator_stream")
        cursor.itersize = chunk
        try:
            cursor.execute(translate(sql))
            yield from cursor
        finally:
            cursor.close()

    def id_high_water(self, conn: PostgresConnection, table: str) -> int:
        """The highest id ``table``'s identity column has given."""
        given = conn.execute(f"SELECT last_value, is_called FROM {table}_id_seq").fetchone()
        highest = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        return max(highest, given[0] if given[1] else 0)

    def set_id_high_water(self, conn: PostgresConnection, table: str, value: int) -> None:
        if value > 0:
            conn.execute(f"SELECT setval('{table}_id_seq', ?)", (value,))

    @contextmanager
    def snapshot(self, conn: PostgresConnection) -> Iterator[PostgresConnection]:
        """A connection of its own in one REPEATABLE READ, READ ONLY transaction: an export sees one state."""
        reader = self.connect()
        try:
            reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield reader
        finally:
            reader.close()
