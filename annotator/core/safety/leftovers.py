"""What a killed program leaves behind: half-written ``.partial`` files and folders.

Exports and backups write under a temporary name that carries the writing
process's id, then rename into place. A kill leaves the temporary behind; the
next run removes those whose process is gone or that have not changed for
``STALE_AFTER_S`` (process ids are not comparable across machines sharing a
folder, and get reused).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

STALE_AFTER_S = 3600.0
PARTIAL = "partial"


def partial_name(name: str, token: str = "") -> str:
    """``name.<pid>[-token].partial``: the owner is known to whoever finds it."""
    return f"{name}.{os.getpid()}{'-' + token if token else ''}.{PARTIAL}"


def owner_pid(name: str) -> int | None:
    """The process id in a ``partial_name``, or None (an older name without one)."""
    parts = name.split(".")
    if len(parts) < 3:
        return None
    pid = parts[-2].split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl+C there; age alone decides
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def is_stale(path: Path, pid: int | None, now: float | None = None) -> bool:
    try:
        age = (time.time() if now is None else now) - path.lstat().st_mtime
    except OSError:
        return False
    return age > STALE_AFTER_S or (pid is not None and not _running(pid))


def remove(path: Path) -> None:
    """Remove a leftover file or folder; a failure leaves it for the next run."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass
