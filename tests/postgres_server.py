"""A throwaway PostgreSQL server for tests and benchmarks (Debian's ``postgresql`` package).

``TemporaryServer`` runs ``initdb`` and ``pg_ctl`` in a temporary folder: the
data and the Unix socket there, a free port, no TCP, trust authentication,
and no fsync (nothing in it outlives the run). PostgreSQL refuses to run as
root, so under root it runs as the ``postgres`` user (or ``nobody``) through
``setpriv``. ``why_not()`` says why no server can be started here (no
binaries, no psycopg, no user to run it as), for a test's skip message.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from itertools import count
from pathlib import Path

ADMIN = "annotator_admin"
_names = count(1)


def binaries() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/N/bin (the newest)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
                     if Path(p).parent.name.isdigit() else 0)
    for folder in reversed(folders):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _runner() -> pwd.struct_passwd | None:
    """Who runs the server: this user, or under root an unprivileged one."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    return None


def why_not() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[dev]')"
    if binaries() is None:
        return ("no PostgreSQL server binaries (initdb, pg_ctl): install Debian's postgresql package "
                "(make test does so under root)")
    if _runner() is None or (os.geteuid() == 0 and shutil.which("setpriv") is None):
        return "running as root with no unprivileged user (postgres, nobody) and setpriv to run PostgreSQL as"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TemporaryServer:
    def __init__(self, settings: dict[str, str] | None = None):
        self.bin = binaries()
        self.user = _runner()
        self.folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.settings = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                         "max_connections": "200", **(settings or {})}
        self.log = self.folder / "server.log"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = list(args)
        if os.geteuid() == 0:
            command = ["setpriv", f"--reuid={self.user.pw_uid}", f"--regid={self.user.pw_gid}", "--clear-groups",
                       *command]
        return subprocess.run(command, capture_output=True, text=True, check=False,
                              env={**os.environ, "LC_ALL": "C.UTF-8", "HOME": str(self.folder)})

    def start(self) -> "TemporaryServer":
        self.folder.chmod(0o755)
        os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        result = self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", ADMIN, "--auth=trust",
                           "-E", "UTF8", "--no-locale", "--no-sync")
        if result.returncode:
            raise RuntimeError(f"initdb failed: {result.stderr or result.stdout}")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=''"
        options += "".join(f" -c {key}={value}" for key, value in self.settings.items())
        result = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                           "-w", "-t", "30", "start")
        if result.returncode:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {result.stderr or result.stdout}\n{log}")
        return self

    def url(self, database: str = "postgres", user: str = ADMIN) -> str:
        return f"host={self.folder} port={self.port} user={user} dbname={database}"

    def admin(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(self.url(database), autocommit=True)

    def create_database(self, template: str | None = None, owner: str = ADMIN) -> str:
        name = f"annotator_test_{os.getpid()}_{next(_names)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" OWNER "{owner}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def require_password(self, user: str, password: str) -> None:
        """A login ``user`` that must give ``password`` (scram-sha-256); every other login stays trusted."""
        with self.admin() as conn:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone() is None:
                conn.execute(f'CREATE ROLE "{user}" LOGIN')
            conn.execute(f"ALTER ROLE \"{user}\" PASSWORD '{password}'")
            hba = self.data / "pg_hba.conf"
            rule = f"local all {user} scram-sha-256\n"
            if rule not in hba.read_text():
                hba.write_text(rule + hba.read_text())
            conn.execute("SELECT pg_reload_conf()")

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
