"""JSON over HTTP to a remote recogniser, with the standard library: every call ends within its
time-out and fails with one ``RemoteError`` sentence a status bar can show."""

from __future__ import annotations

import base64
import json
import os
import time
from typing import Any

from annotator.core.content_rules import short
from annotator.core.errors import AnnotatorError

MAX_ANSWER_BYTES = 32 << 20  # a prediction for a few articles is kilobytes; more is a broken service
CHUNK = 64 << 10


class RemoteError(AnnotatorError):
    """The service could not be asked or did not answer usefully; ``status``: its HTTP status, if any."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class RemoteClient:
    def __init__(self, settings):
        self.settings = settings  # RemoteSettings

    def get(self, path: str) -> Any:
        return self._call("GET", path, None)

    def post(self, path: str, body: Any, timeout: float | None = None) -> Any:
        return self._call("POST", path, body, timeout)

    def headers(self) -> dict[str, str]:
        """JSON, and the token from the environment variable ``token_env`` names."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        name = self.settings.token_env
        if name:
            token = os.environ.get(name, "")
            if not token:
                raise RemoteError(f"remote service {self.settings.url}: the environment variable {name} "
                                  "(token_env in project.toml) is not set")
            if self.settings.auth == "basic":
                if ":" not in token:
                    raise RemoteError(f"remote service {self.settings.url}: {name} must hold user:password "
                                      "for auth = \"basic\"")
                headers["Authorization"] = "Basic " + base64.b64encode(token.encode("utf-8")).decode("ascii")
            else:
                headers["Authorization"] = f"{self.settings.auth.capitalize()} {token}"
        return headers

    def _call(self, method: str, path: str, body: Any, timeout: float | None = None) -> Any:
        import socket
        import urllib.error
        import urllib.request

        url = f"{self.settings.url}{path}"
        timeout = timeout or self.settings.timeout
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method, headers=self.headers())
        deadline = time.monotonic() + timeout
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = _read(response, deadline, url, timeout)
        except urllib.error.HTTPError as error:
            raise RemoteError(f"{url} answered HTTP {error.code}{_detail(error)}", error.code) from None
        except urllib.error.URLError as error:
            raise RemoteError(f"{url}: {_reason(error.reason, timeout)}") from None
        except (TimeoutError, socket.timeout):
            raise RemoteError(f"{url}: no answer within {timeout:g} s") from None
        except (ConnectionError, OSError) as error:  # a reset or closed connection while reading
            raise RemoteError(f"{url}: {_reason(error, timeout)}") from None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise RemoteError(f"{url} answered something that is not JSON: {short(raw[:80])}") from None


def _read(response, deadline: float, url: str, timeout: float) -> bytes:
    """The whole body, within the call's time-out and size limit (a service trickling bytes
    must not hold a worker or an import for longer than its time-out)."""
    parts, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise RemoteError(f"{url}: the answer took longer than {timeout:g} s")
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise RemoteError(f"{url}: the answer is larger than {MAX_ANSWER_BYTES >> 20} MiB")
        parts.append(chunk)


def _detail(error) -> str:
    """Label Studio's backends answer errors as ``{"detail": ..., "status": ...}``; else the text."""
    try:
        raw = error.read(4096)
    except Exception:  # noqa: BLE001 - the error's body is a courtesy
        return ""
    text = raw.decode("utf-8", "replace").strip()
    try:
        found = json.loads(text)
        if isinstance(found, dict) and found.get("detail"):
            text = str(found["detail"])
    except json.JSONDecodeError:
        pass
    hint = " (check the token: token_env and auth in project.toml)" if error.code in (401, 403) else ""
    first = text.splitlines()[0][:200] if text else ""
    return (f": {first}" if first else "") + hint


def _reason(reason, timeout: float) -> str:
    import socket

    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused (is the service running?)"
    if isinstance(reason, socket.gaierror):
        return "no such host"
    if isinstance(reason, ConnectionError):
        return "the connection was closed before the answer"
    return str(getattr(reason, "strerror", None) or reason)
