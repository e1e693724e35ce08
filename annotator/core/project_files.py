"""A project folder's own files, and the guard that keeps outputs and inputs off them.

A project folder holds ``project.toml`` (the schema), ``project.db`` with
SQLite's ``-wal``, ``-shm`` and ``-journal`` beside it, and ``backups/``; or,
for a project whose annotations are on a PostgreSQL server, ``server.toml``
(the server's address, never a password) instead of ``project.db``, and
``offline/`` (a window's local copies while the server is away). Beside them:
the user dictionary ``userdict.tsv``, ``gazetteers/*.tsv``, and the trained
model (``model.crfsuite`` with ``model.json``). Every one of them is named
here, once; ``own_files`` lists them for the guard (``refuse_own_files``), so
an export's ``--out`` can overwrite none of them.

The rule for the database files: only SQLite opens, writes, renames or
removes them. Closing any descriptor of a database file drops every POSIX
lock the process holds on it, its SQLite connections' locks included; another
process then believes it is alone, checkpoints and deletes the WAL under them
(lost commits, "database disk image is malformed"). So a path the user gives
(an export's ``--out``, an import's input) is compared with these files by
resolved path and by ``(st_dev, st_ino)``, which also catches hard links,
symbolic links and bind mounts of the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.errors import AnnotatorError

SCHEMA_FILE = "project.toml"
DATABASE_FILE = "project.db"
BACKUP_FOLDER = "backups"
SQLITE_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
SERVER_FILE = "server.toml"
OFFLINE_FOLDER = "offline"
USER_DICTIONARY_FILE = "userdict.tsv"
GAZETTEER_FOLDER = "gazetteers"
MODEL_FILE = "model.crfsuite"
MODEL_INFO_FILE = "model.json"
OWN_FOLDERS = (BACKUP_FOLDER, OFFLINE_FOLDER, GAZETTEER_FOLDER)  # nothing of an export's goes inside


def server_address(folder: Path) -> str | None:
    """The PostgreSQL server holding the folder's annotations (``server.toml``), or None: SQLite."""
    import tomllib

    path = folder / SERVER_FILE
    if not path.is_file():
        return None
    try:
        address = tomllib.loads(path.read_text(encoding="utf-8")).get("server")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AnnotatorError(f"{path}: cannot read the server's address ({exc})") from None
    if not isinstance(address, str) or not address.strip():
        raise AnnotatorError(f"{path}: needs a line  server = \"postgresql://USER@HOST/DATABASE\"")
    from annotator.core.store.postgres.engine import secrets_problem

    try:
        problem = secrets_problem(address.strip())
    except AnnotatorError as exc:
        raise AnnotatorError(f"{path}: {exc}") from None
    if problem:
        raise AnnotatorError(f"{path}: {problem}; remove it from this file")
    return address.strip()


def write_server_address(folder: Path, address: str | None) -> None:
    """Record where the annotations are (``None``: in ``project.db``, the file is removed)."""
    path = folder / SERVER_FILE
    if address is None:
        path.unlink(missing_ok=True)
        return
    escaped = address.replace("\\", "\\\\").replace('"', '\\"')
    path.write_text("# This project's annotations are on a PostgreSQL server. No password here: libpq reads it\n"
                    "# from ~/.pgpass or PGPASSWORD, and the user from the address or PGUSER.\n"
                    f'server = "{escaped}"\n', encoding="utf-8")


def database_files(db_path: Path) -> list[Path]:
    """The database and the files SQLite keeps beside it."""
    return [db_path, *(db_path.with_name(db_path.name + suffix) for suffix in SQLITE_SIDE_SUFFIXES)]


def own_files(folder: Path) -> list[Path]:
    """Every file and folder of the project's own (whether it exists yet or not)."""
    return [folder / SCHEMA_FILE, folder / SERVER_FILE, *database_files(folder / DATABASE_FILE),
            folder / USER_DICTIONARY_FILE, folder / MODEL_FILE, folder / MODEL_INFO_FILE,
            *(folder / name for name in OWN_FOLDERS)]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(path)).resolve()


def same_file(a: Path, b: Path) -> bool:
    """The same file or folder: by ``(st_dev, st_ino)`` when both exist, else by resolved path
    (and, for a name not created yet, the same name in the same folder)."""
    ia, ib = _identity(a), _identity(b)
    if ia is not None and ib is not None:
        return ia == ib
    if _resolved(a) == _resolved(b):
        return True
    if ia is None and ib is None and a.name == b.name:
        pa, pb = _identity(_resolved(a).parent), _identity(_resolved(b).parent)
        return pa is not None and pa == pb
    return False


def is_database_file(path: Path, db_path: Path) -> bool:
    """``path`` is ``db_path`` or one of its -wal, -shm, -journal files (however it is reached)."""
    return any(same_file(Path(path), own) for own in database_files(db_path))


def _lineage(path: Path) -> list[Path]:
    resolved = _resolved(path)
    return [resolved, *resolved.parents]


def refuse_own_files(folder: Path, out: Path, option: str = "--out") -> None:
    """Refuse an output path that is, contains or lies inside the project's own files: writing
    there would rename over the live database (a writer then acknowledges into a deleted file),
    replace the schema, the server's address, the dictionary, a gazetteer, the model or the
    folder itself, or mix an export into the backups."""
    out = Path(out)
    for own in own_files(folder):
        if same_file(out, own):
            raise AnnotatorError(f"{out}: is the project's own {own.name}; choose another {option}")
    database = folder / DATABASE_FILE
    if any(same_file(out, holder) for holder in _lineage(database)[1:]):
        raise AnnotatorError(f"{out}: contains the project's own files ({database}); choose another {option}")
    for name in OWN_FOLDERS:
        if any(same_file(inside, folder / name) for inside in _lineage(out)[1:]):
            raise AnnotatorError(f"{out}: lies inside the project's own {name}/ folder; choose another {option}")
