"""The command line: thin commands over ``annotator.core``, one module per command group.

Exit codes: 0 success, 1 partial (some inputs rejected, the rest done),
2 usage or unrecoverable error. Errors are one line naming the file and line.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.cli import backup, distribution, export, model, notes, project, remote, review, server, suggest, team
from annotator.cli.common import EXIT_ERROR, EXIT_OK, err

COMMAND_GROUPS = (project, backup, export, suggest, review, team, notes, distribution, model, remote, server)


def version_line() -> str:
    """The release and what it runs on, as a bug report wants them."""
    import platform
    import sqlite3
    from importlib import metadata

    from annotator import __version__

    def installed(*names: str) -> str:
        for name in names:
            try:
                return metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
        return "not installed"

    return (f"annotator {__version__} (Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"kiwipiepy {installed('kiwipiepy')}, PySide6 {installed('PySide6-Essentials', 'PySide6')})")


class _VersionAction(argparse.Action):
    """``--version``: looks the versions up only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_line())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Span annotation for Korean policy articles. Without a command, opens the GUI on the demo project.",
    )
    parser.add_argument("--version", action=_VersionAction,
                        help="print the version (and those of Python, SQLite, kiwipiepy and PySide6) and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        argv = ["gui"]
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help is 0, usage errors are 2
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_ERROR
    from annotator.core.store.postgres import login as server_login

    # A server login without a stored password: asked for on a terminal, as psql does.
    server_login.set_prompt(server_login.terminal_prompt if sys.stdin is not None and sys.stdin.isatty() else None)
    try:
        return args.func(args)
    except AnnotatorError as exc:
        err(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        err("interrupted; every completed step is saved")
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into head & co.: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a write error names no file: then only the reason
        err(f"{exc.filename}: {exc.strerror or exc}" if exc.filename else str(exc.strerror or exc))
        return EXIT_ERROR
    except Exception as exc:  # a bug: one line for the user, the traceback in a log file
        log = _log_traceback()
        err(f"internal error: {type(exc).__name__}: {exc} (details in {log}); nothing half-written was kept")
        return EXIT_ERROR


def _log_traceback() -> Path:
    import traceback

    from platformdirs import user_log_dir

    folder = Path(user_log_dir("annotator", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "errors.log"
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(traceback.format_exc() + "\n")
    return log
