"""Commands for a shared project on a PostgreSQL server: ``migrate`` (and ``init --server``)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.project_move import move_to_server, move_to_sqlite
from .common import EXIT_ERROR, EXIT_OK, err


def cmd_migrate(args) -> int:
    folder = Path(args.project)
    if args.to == "sqlite":
        report = move_to_sqlite(folder)
    elif args.to.startswith(("postgresql:", "postgres:")) or "=" in args.to:
        report = move_to_server(folder, args.to)
    else:
        err(f"--to takes sqlite or a PostgreSQL address (postgresql://USER@HOST/DB), not {args.to!r}")
        return EXIT_ERROR
    print(report.describe())
    if report.kept is not None:
        print(f"The project.db from before is kept as {report.kept}", file=sys.stderr)
    if args.to != "sqlite":
        print(f"{folder}/project.db is left as it was, a copy of the project before the move; "
              "annotator now opens the server", file=sys.stderr)
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("migrate", help="move the annotations to a PostgreSQL server or back into project.db",
                       description="Move every row (documents, spans with their history, deletions, statuses, "
                                   "returns, notes, rejections, assignments, active time) between the folder's "
                                   "project.db and an empty PostgreSQL database, checked by counts. Passwords come "
                                   "from ~/.pgpass or PGPASSWORD, never the address.")
    p.add_argument("project")
    p.add_argument("--to", required=True, metavar="postgresql://USER@HOST/DB|sqlite")
    p.set_defaults(func=cmd_migrate)
