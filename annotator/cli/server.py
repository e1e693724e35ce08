"""Commands for a shared project on a PostgreSQL server: ``migrate`` (and ``init --server``)."""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.project_move import move_to_server, move_to_sqlite
from annotator.cli.common import EXIT_ERROR, EXIT_OK, err, open_project


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
        print(f"{folder}/project.db is kept as the project was before the move; it takes no more changes "
              "(a program that still has it open is told where the project went); annotator now opens the server",
              file=sys.stderr)
    return EXIT_OK


def _names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def cmd_server_roles(args) -> int:
    with open_project(args.project) as project:
        store = project.store
        if store.server is None:
            raise ProjectError(f"{args.project}: the project is in project.db, not on a server (no roles there)")
        report = store.engine.set_up_roles(store.conn, _names(args.annotators), _names(args.reviewers),
                                           _names(args.managers))
    if args.verbose:
        print(";\n".join(report.statements) + ";")
    groups = report.plan.groups
    print(f"Roles set up on {store.location}: {', '.join(groups.values())} (only they may connect)"
          + "".join(f"; {kind} {', '.join(names)}" for kind, names in report.plan.logins.items() if names))
    for warning in report.warnings:
        err(f"warning: {warning}")
    if report.legacy:
        err("Before this version the groups were the same in every database on the server: "
            + "; ".join(f"{group} ({', '.join(members)})" for group, members in report.legacy.items())
            + f". They have no rights here any more: name this project's logins again with --annotators, "
              "--reviewers, --managers. Once every project on the server is set up again: DROP ROLE "
            + ", ".join(report.legacy) + ".")
    print("New logins have no password: set one with  ALTER ROLE name PASSWORD '…'  (psql \\password name); "
          "each person's login name is their layer (annotator gui PROJECT --annotator NAME)", file=sys.stderr)
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

    p = sub.add_parser("server-roles", help="set up who may write what on the project's PostgreSQL server",
                       description="Create this project's groups, named after its database: DB_annotators "
                                   "(write their own layer), DB_reviewers (also gold and returns) and DB_managers "
                                   "(everything: assignments, imports, merges); only they may connect. Grant them "
                                   "their rights on this database and put each named login in one of them (a "
                                   "login named again moves). Login names are layer names: letters, digits and "
                                   "_ . - @; not gold. Run it as the database owner with CREATEROLE; run it again "
                                   "after upgrading annotator from a version with server-wide groups.")
    p.add_argument("project")
    p.add_argument("--annotators", metavar="A,B,...", help="logins that annotate (created without a password if new)")
    p.add_argument("--reviewers", metavar="R,...", help="logins that review")
    p.add_argument("--managers", metavar="M,...", help="logins that manage")
    p.add_argument("--verbose", action="store_true", help="print the SQL run")
    p.set_defaults(func=cmd_server_roles)
