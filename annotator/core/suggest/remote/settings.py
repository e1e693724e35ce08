"""``[remote]`` in ``project.toml``: a service speaking Label Studio's ML-backend protocol.

::

    [remote]
    url = "http://gpu-box:9090"     # where the backend listens (its /health, /setup, /predict, /train)
    timeout = 10                    # seconds any one request may take
    token_env = "KLUE_NER_TOKEN"    # the environment variable holding its API token, if it wants one
    [remote.labels]                 # the service's label = this project's label
    OG = "AGENCY"

The labels whose ``recognisers`` list ``remote`` take its suggestions. A secret never goes in
this file (it travels in packages and copies): ``token_env`` names the variable that holds it.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from annotator.core.content_rules import short
from annotator.core.errors import ProjectError

AUTH_SCHEMES = ("bearer", "token", "basic")  # Authorization: Bearer T / Token T / Basic base64(user:password)
SECRET_WORDS = ("token", "api_key", "apikey", "password", "secret", "key")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CONFIG_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


@dataclass(frozen=True)
class RemoteSettings:
    url: str
    timeout: float = 10.0
    from_name: str = "label"  # the <Labels name=…> of the labelling config the backend expects
    to_name: str = "text"  # the <Text name=…> it labels
    data_field: str = "text"  # the task's data field holding the text ($text)
    labels: dict = field(default_factory=dict, compare=False)  # the service's label -> the project's
    token_env: str | None = None
    auth: str = "bearer"
    batch: int = 8  # documents per /predict when many are suggested at once (annotator suggest)
    min_confidence: float = 0.0  # suggestions the service scores lower are left out
    retry_after: float = 60.0  # after a failure, seconds before the service is asked again
    train_timeout: float = 600.0  # seconds /train may take (a 1.x backend trains before it answers)
    project_id: int = 0  # the Label Studio project id the backend is told (0: one made from the name)

    @property
    def key(self) -> tuple:
        """What makes one service's answers valid for another recogniser (a cache is shared by both)."""
        return (self.url, self.from_name, self.to_name, self.data_field, tuple(sorted(self.labels.items())),
                self.project_id)

    def project_key(self, project_name: str) -> str:
        """Label Studio's ``{project id}.{created timestamp}``; backends key their state by the id."""
        number = self.project_id or zlib.crc32(project_name.encode("utf-8")) % 1_000_000 + 1
        return f"{number}.0"

    def project_label(self, service_label: str) -> str:
        return self.labels.get(service_label, service_label)

    def service_labels(self, project_label: str) -> list[str]:
        """The service's names for a project label (the label itself when the map gives none)."""
        names = [theirs for theirs, ours in self.labels.items() if ours == project_label]
        return names or [project_label]


KNOWN = ("url", "timeout", "from_name", "to_name", "data_field", "labels", "token_env", "auth", "batch",
         "min_confidence", "retry_after", "train_timeout", "project_id")


def parse_remote(raw: Any, label_names: set[str], fail: Callable[..., ProjectError]) -> RemoteSettings:
    """Validate ``[remote]``; ``fail(message, table, key)`` makes the error naming file and line."""
    if not isinstance(raw, dict):
        raise fail(f"[remote] must be a table, not {short(raw)}", "remote")
    for name in raw:
        if name.lower() in SECRET_WORDS or any(name.lower().endswith("_" + w) for w in SECRET_WORDS):
            raise fail(f"[remote] {name}: a secret must not be written in project.toml (it travels with the "
                       "project); put it in an environment variable and name that with token_env", "remote", name)
    unknown = sorted(set(raw) - set(KNOWN))
    if unknown:
        raise fail(f"[remote] has no setting {unknown[0]!r} ({', '.join(KNOWN)})", "remote", unknown[0])

    def text(name: str, default: str | None, pattern: re.Pattern | None = None, what: str = "") -> str | None:
        value = raw.get(name, default)
        if value is default:
            return value
        if not isinstance(value, str) or not value.strip() or (pattern and not pattern.match(value)):
            raise fail(f"[remote] {name} must be {what or 'text'}, not {short(value)}", "remote", name)
        return value.strip()

    def number(name: str, default: float, least: float, most: float, whole: bool = False) -> float:
        value = raw.get(name, default)
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not least <= value <= most:
            kind = "a whole number" if whole else "a number"
            raise fail(f"[remote] {name} must be {kind} from {least:g} to {most:g}, not {short(value)}",
                       "remote", name)
        return value

    if "url" not in raw:
        raise fail("[remote] needs the service's url (e.g. url = \"http://127.0.0.1:9090\")", "remote")
    url = text("url", None, what="an http:// or https:// address")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(f"[remote] url must be an http:// or https:// address, not {short(url)}", "remote", "url")
    if parts.username or parts.password:
        raise fail("[remote] url must not hold a user or password (it travels with the project); "
                   "name an environment variable with token_env and set auth = \"basic\"", "remote", "url")
    if parts.query or parts.fragment:
        raise fail(f"[remote] url must be the service's base address, without ?query or #fragment: {short(url)}",
                   "remote", "url")
    labels = raw.get("labels", {})
    if not isinstance(labels, dict):
        raise fail(f"[remote] labels must be a table of service label = project label, not {short(labels)}",
                   "remote", "labels")
    for theirs, ours in labels.items():
        if not isinstance(ours, str) or ours not in label_names:
            raise fail(f"[remote.labels] {theirs} = {short(ours)}: not a label of the schema "
                       f"({', '.join(sorted(label_names))})", "remote.labels", theirs)
    auth = raw.get("auth", "bearer")
    if auth not in AUTH_SCHEMES:
        raise fail(f"[remote] auth must be one of {', '.join(AUTH_SCHEMES)}, not {short(auth)}", "remote", "auth")
    return RemoteSettings(
        url=url.rstrip("/"),
        timeout=float(number("timeout", 10.0, 0.1, 600)),
        from_name=text("from_name", "label", _CONFIG_NAME, "a name of the labelling config"),
        to_name=text("to_name", "text", _CONFIG_NAME, "a name of the labelling config"),
        data_field=text("data_field", "text", _CONFIG_NAME, "a task data field name"),
        labels=dict(labels),
        token_env=text("token_env", None, _ENV_NAME, "the name of an environment variable"),
        auth=auth,
        batch=int(number("batch", 8, 1, 100, whole=True)),
        min_confidence=float(number("min_confidence", 0.0, 0, 1)),
        retry_after=float(number("retry_after", 60.0, 0, 86400)),
        train_timeout=float(number("train_timeout", 600.0, 0.1, 86400)),
        project_id=int(number("project_id", 0, 0, 2**31 - 1, whole=True)),
    )
