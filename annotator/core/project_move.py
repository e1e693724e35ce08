"""Moving a project's annotations between its folder (SQLite) and a PostgreSQL server.

``annotator migrate PROJECT --to postgresql://USER@HOST/DB`` copies every row
(documents with their morphemes, spans with uid, rev and history, tombstones,
statuses with returns, rejections, notes, assignments, active time, the
project's settings) into an empty server database, checks the counts, and
records the server in the folder (``server.toml``). ``project.db`` is left as it
was: only SQLite touches it, and it stays as the project before the move.

``--to sqlite`` copies the server's rows into a new SQLite file, checks it, and
writes it over ``project.db`` through SQLite's backup API (an older
``project.db`` is kept in ``backups/`` first), then forgets the server.

Each copy reads one consistent snapshot of the source and commits in one
transaction: a failed move changes nothing. Writes others make to the source
after the move began are not carried: move when nobody is working.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import move_store
from .errors import ProjectError
from .project import Project
from .project_files import DATABASE_FILE, server_address, write_server_address
from .store import Store


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
    """Every row of ``source`` into the empty ``target``, in one transaction, checked by counts."""
    if not move_store.is_empty(target):
        raise ProjectError(f"{target.location}: already holds a project; move into an empty database")
    copied: dict[str, int] = {}
    with source.snapshot() as reader, target.transaction():
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


def move_to_server(folder: Path, server: str, progress=None) -> MoveReport:
    from .postgres_store import check_server_address

    check_server_address(server)
    if server_address(folder) is not None:
        raise ProjectError(f"{folder}: the project is on a server already ({server_address(folder)}); "
                           "move it to sqlite first")
    with Project.open(folder) as project:
        target = Store(server=server)
        try:
            rows = copy_all(project.store, target, progress)
        finally:
            target.close()
        report = MoveReport(str(project.database_path), target.location, rows)
    write_server_address(folder, server)
    return report


def move_to_sqlite(folder: Path, progress=None) -> MoveReport:
    from .backup_store import restore_into
    from .backups import take_named_backup

    server = server_address(folder)
    if server is None:
        raise ProjectError(f"{folder}: the project is in {DATABASE_FILE} already (no server to move from)")
    database = folder / DATABASE_FILE
    with Project.open(folder) as project, tempfile.TemporaryDirectory(prefix="annotator-move-") as staging:
        built = Path(staging) / DATABASE_FILE
        target = Store(built)
        try:
            rows = copy_all(project.store, target, progress)
            target.checkpoint("TRUNCATE")
        finally:
            target.close()
        report = MoveReport(project.store.location, str(database), rows)
        if database.exists():
            report.kept = take_named_backup(database, "move").path
        restore_into(built, database)
    write_server_address(folder, None)
    return report
