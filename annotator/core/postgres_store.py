"""PostgreSQL: a shared server holding a project's annotations (``annotator init --server``).

``PostgresEngine`` is the interface ``sqlite_store.SQLiteEngine`` has, over
psycopg 3 (the ``server`` extra). ``PostgresConnection`` is the part of
``sqlite3.Connection`` the store modules use (``execute``, ``executemany``,
cursors with ``fetchone``/``fetchall``/iteration), so they run unchanged:
their SQL goes through ``postgres_sql.translate`` on the way.

The connection string never holds a password: libpq reads it from
``~/.pgpass`` (``PGPASSFILE``) or ``PGPASSWORD``. The connection runs in
autocommit mode, as SQLite's does here (``isolation_level=None``); ``Store``
opens each transaction with ``BEGIN`` (READ COMMITTED: writers of different
layers never wait for each other).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Sequence

from .errors import PermissionRefusedError, ProjectError, ServerError, ServerUnavailableError
from .migrations import KNOWN, MIGRATION_SET
from .postgres_roles import CHECK_FUNCTION, check_triggers, roles_sql
from .postgres_schema import CHANNEL, BASELINE, BASELINE_MIGRATIONS, LATER, MIGRATIONS_TABLE, change_triggers
from .postgres_sql import translate

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
        raise ProjectError(f"{server!r}: not a PostgreSQL connection string ({exc})") from None


def check_server_address(server: str) -> str:
    """``server`` as it may be written into a project folder: refused when it holds a password."""
    _psycopg()
    parts = _parts(server)
    if "password" in parts:
        raise ProjectError("the connection string holds a password; project files never keep one: give it "
                           "through ~/.pgpass or the PGPASSWORD variable, and the address without it "
                           "(postgresql://USER@HOST/DB)")
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
        return exc


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
        try:
            return self.psycopg.connect(self.server, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                        application_name=APPLICATION_NAME)
        except self.psycopg.Error as exc:
            raise ServerUnavailableError(f"{self.location}: cannot connect to the server ({_first_line(exc)})") from None

    def connect(self) -> PostgresConnection:
        return PostgresConnection(self.raw_connection(), self.location)

    # -- schema ---------------------------------------------------------------------------

    def applied_migrations(self, conn: PostgresConnection) -> list[str]:
        if conn.execute("SELECT to_regclass(?)", (MIGRATIONS_TABLE,)).fetchone()[0] is None:
            return []
        return [r[0] for r in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY applied_at, name",
            (MIGRATION_SET,))]

    def apply_pending(self, conn: PostgresConnection) -> None:
        """Create the schema in an empty database, or add the later migrations' PostgreSQL forms."""
        raw = conn.raw
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
        except self.psycopg.errors.InsufficientPrivilege as exc:
            raise ProjectError(f"{self.location}: cannot create the annotator schema ({_first_line(exc)}); "
                               "the database owner creates it with  annotator init PROJECT --server … "
                               "(and CREATE EXTENSION pg_trgm needs the database's CREATE privilege)") from None
        except self.psycopg.OperationalError as exc:
            raise ServerUnavailableError(f"{self.location}: cannot update the schema ({_first_line(exc)})") from None

    @staticmethod
    def _record(raw, names: Iterable[str]) -> None:
        stamp = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        for name in names:
            raw.execute(f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) VALUES (%s, %s, %s)",
                        (MIGRATION_SET, name, stamp))

    # -- roles (postgres_roles) ------------------------------------------------------------------

    def user(self, conn: PostgresConnection) -> str:
        """The server's name for this connection's user: their layer."""
        return conn.execute("SELECT current_user").fetchone()[0]

    def set_up_roles(self, conn: PostgresConnection, annotators=(), reviewers=(), managers=()) -> list[str]:
        """Create the groups, grant their rights here, add the named logins; returns the statements run."""
        database = conn.execute("SELECT current_database()").fetchone()[0]
        statements = roles_sql(database, annotators, reviewers, managers)
        try:
            with conn.raw.transaction():
                for statement in statements:
                    conn.raw.execute(statement)
        except self.psycopg.errors.InsufficientPrivilege as exc:
            raise PermissionRefusedError(f"{self.location}: cannot set up the roles ({_first_line(exc)}); "
                                         "the database owner with CREATEROLE (or a superuser) does this") from None
        return statements

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
