"""Where a server login's password comes from: never a project file.

libpq finds it itself in ``PGPASSWORD``, ``~/.pgpass`` (``PGPASSFILE``) or a service file. Where
it finds none and the server asks for one, whoever registered a prompt asks the person (the
command line does on a terminal, as psql does); the answer is kept in this process's memory for
its other connections to the same server (a window's listener, an export's snapshot) and is
written nowhere.
"""

from __future__ import annotations

from typing import Callable

NO_PASSWORD = "no password supplied"  # libpq's words when the server wants one and it has none
WRONG_PASSWORD = "password authentication failed"

_prompt: Callable[[str], str | None] | None = None
_given: dict[str, str] = {}  # server address -> the password typed for it


def set_prompt(prompt: Callable[[str], str | None] | None) -> None:
    """``prompt(server)`` asks for the password of ``server`` (user@host/db, no secret) or returns None."""
    global _prompt
    _prompt = prompt


def given(server: str) -> str | None:
    return _given.get(server)


def ask(server: str, described: str) -> str | None:
    """The password for ``server`` from the person, if someone can ask; remembered for this process."""
    if _prompt is None:
        return None
    password = _prompt(described)
    if password:
        _given[server] = password
    return password or None


def forget(server: str) -> None:
    """A password the server refused is not offered again."""
    _given.pop(server, None)


def terminal_prompt(described: str) -> str | None:
    import getpass

    try:
        return getpass.getpass(f"Password for {described}: ")
    except (EOFError, KeyboardInterrupt):
        return None


NEEDS_PASSWORD = ("the server wants a password and none was found: put it in ~/.pgpass (host:port:database:user:"
                  "password, mode 600) or the PGPASSWORD variable, or run the command in a terminal to type it; "
                  "it is never written into the project")
