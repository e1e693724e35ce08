"""Moving a project's annotations between its folder (SQLite) and a PostgreSQL server.

``annotator migrate PROJECT --to postgresql://USER@HOST/DB`` copies every row
(documents with their morphemes, spans with uid, rev and history, tombstones,
statuses with returns, rejections, notes, assignments, active time, the
project's settings) into an empty server database, checks the counts, and
records the server in the folder (``server.toml``). ``project.db`` stays, as
the project before the move: only SQLite touches it.

``--to sqlite`` copies the server's rows into a new SQLite file, checks it, and
writes it over ``project.db`` through SQLite's backup API (an older
``project.db`` is kept in ``backups/`` first), then forgets the server.

Other programs may have the project open meanwhile (a window, a script). The
move holds the source against writers from its first read to its end
(SQLite's write lock; on a server, the lock every transaction takes shared,
and the tables), so their writes wait rather than go on in a copy being left; it commits the copy, then marks
the source as moved (``Store.mark_moved``) and lets go. Every later write to
the database left behind is refused with a message naming where the project
went, so nothing anyone was told is saved ends up where nobody reads it. A
failed move changes nothing.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from annotator.core.store import move as move_store
from annotator.core.errors import ProjectError
from annotator.core.project import Project
from annotator.core.project_files import DATABASE_FILE, server_address, write_server_address
from annotator.core.store.store import Store


@dataclass
class MoveReport:
    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)
    kept: Path | None = None  # the backup of the project.db that was replaced

    def describe(self) -> str:
        counts = ", ".join(f"{n} {table}" for table, n in self.rows.items() if n)
        return f"Moved {counts or 'nothing'} from {self.source} to {self.target}"


def copy_all(source: Store, target: Store, progress=None) -> dict[str, int]:
    """Every row of ``source`` into the empty ``target``, in one transaction, checked by counts. Run
    inside ``source``'s transaction holding it against writers (``leave``): it reads through that."""
    if not move_store.is_empty(target):
        raise ProjectError(f"{target.location}: already holds a project; move into an empty database")
    copied: dict[str, int] = {}
    reader = source.conn
    with target.transaction():
        for table, columns, _ in move_store.MOVED:
            batch, copied[table] = [], 0
            for row in move_store.rows(source.engine, reader, table, columns):
                batch.append(tuple(row))
                if len(batch) >= move_store.CHUNK:
                    move_store.insert(target, table, columns, batch)
                    copied[table] += len(batch)
                    batch = []
                    if progress:
                        progress(table, copied[table])
            if batch:
                move_store.insert(target, table, columns, batch)
                copied[table] += len(batch)
        for table in move_store.IDENTITY_TABLES:
            target.engine.set_id_high_water(target.conn, table, source.engine.id_high_water(reader, table))
        for table, _, _ in move_store.MOVED:
            stored = move_store.count(target.conn, table)
            if stored != copied[table] or stored != move_store.count(reader, table):
                raise ProjectError(f"{target.location}: {table} has {stored} rows after the copy, "
                                   f"the source {copied[table]}; nothing was moved")
        target.new_generation()
    return copied


@contextmanager
def leave(source: Store) -> Iterator[None]:
    """Hold ``source`` against every other writer until the block ends; the block marks it moved
    (``Store.mark_moved``) before it commits. A copy a move left already is refused: moving it
    again would make two diverging projects."""
    with source.transaction():
        moved = source.moved_to()
        if moved is not None:
            raise ProjectError(f"{source.location}: the project was moved to {moved} already; this copy of it "
                               "is what it was before that move (nothing was changed)")
        source.engine.hold_against_writers(source.conn, [table for table, _, _ in move_store.MOVED])
        yield


def move_to_server(folder: Path, server: str, progress=None) -> MoveReport:
    from annotator.core.store.postgres.engine import check_server_address

    check_server_address(server)
    if server_address(folder) is not None:
        raise ProjectError(f"{folder}: the project is on a server already ({server_address(folder)}); "
                           "move it to sqlite first")
    with Project.open(folder) as project:
        source = project.store
        target = Store(server=server)
        try:
            with leave(source):
                rows = copy_all(source, target, progress)
                source.mark_moved(target.location)
        finally:
            target.close()
        report = MoveReport(str(project.database_path), target.location, rows)
    write_server_address(folder, server)
    return report


def move_to_sqlite(folder: Path, progress=None) -> MoveReport:
    from annotator.core.store.backups import restore_into
    from annotator.core.safety.backups import take_named_backup

    server = server_address(folder)
    if server is None:
        raise ProjectError(f"{folder}: the project is in {DATABASE_FILE} already (no server to move from)")
    database = folder / DATABASE_FILE
    with Project.open(folder) as project, tempfile.TemporaryDirectory(prefix="annotator-move-") as staging:
        source = project.store
        built = Path(staging) / DATABASE_FILE
        with leave(source):
            target = Store(built)
            try:
                rows = copy_all(source, target, progress)
                target.checkpoint("TRUNCATE")
            finally:
                target.close()
            report = MoveReport(source.location, str(database), rows)
            if database.exists():
                report.kept = take_named_backup(database, "move").path
            restore_into(built, database)
            source.mark_moved(str(database))
    write_server_address(folder, None)
    return report
