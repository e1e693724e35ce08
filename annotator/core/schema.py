"""The label schema of a project: its ``project.toml``, which the user owns."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.content_rules import short
from annotator.core.errors import ProjectError

if TYPE_CHECKING:
    from annotator.core.suggest.remote.settings import RemoteSettings

OVERLAP_POLICIES = ("forbid", "nested", "allow")
# What a label's ``recognisers`` may name (annotator.core.suggest implements them).
RECOGNISERS = ("amount", "gazetteer", "agency-pattern", "lexicon", "program-pattern", "learned", "model", "remote")
# The span attributes each recogniser sets. They describe the span as its label (an amount's value,
# a gazetteer's canonical name), so they go when the span is relabelled.
RECOGNISER_ATTRIBUTES = {
    "amount": ("value", "currency", "approximate"), "gazetteer": ("canonical",), "lexicon": ("canonical",),
    "agency-pattern": (), "program-pattern": (), "learned": (), "model": (), "remote": (),
}
_LABEL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


@dataclass(frozen=True)
class Label:
    name: str
    key: str
    korean: str = ""
    english: str = ""
    color: str = "#cccccc"
    description: str = ""
    recognisers: tuple[str, ...] = ()

    def display(self, lang: str = "ko") -> str:
        local = self.korean if lang == "ko" else self.english
        return f"{self.name} {local}".strip()


@dataclass(frozen=True)
class ModelSettings:
    """``[model]``: when the CRF trained on finished work retrains and when its suggestions show."""

    threshold: float = 0.7  # a label's model suggestions show while its held-out F1 is at least this
    thresholds: dict = field(default_factory=dict, compare=False)  # per label, overriding ``threshold``
    retrain_every: int = 10  # finished documents since the last training that start a new one
    random_share: float = 0.2  # of the next documents the queue offers, this share is chosen at random
    folds: int = 5  # k of the k-fold held-out scores

    def threshold_for(self, label: str) -> float:
        return self.thresholds.get(label, self.threshold)


@dataclass(frozen=True)
class Schema:
    name: str
    labels: tuple[Label, ...]
    snapping: bool = True
    overlap: str = "forbid"
    min_agree: int = 0  # 0: every annotator must agree for automatic merging
    package_gold: bool = False  # [packages] gold: packages and their updates carry gold (else annotators stay blind)
    model: ModelSettings = field(default_factory=ModelSettings)
    remote: RemoteSettings | None = None  # [remote]: the service the ``remote`` recogniser asks
    extra: dict = field(default_factory=dict, compare=False)

    def label(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    def recogniser_attributes(self, label: str) -> frozenset[str]:
        """The attributes ``label``'s recognisers set (see ``RECOGNISER_ATTRIBUTES``)."""
        found = self.label(label)
        return frozenset(a for name in (found.recognisers if found else ()) for a in RECOGNISER_ATTRIBUTES[name])

    def label_for_key(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)


def _line_of(text: str, table: str | None, key: str | None = None, nth: int = 0) -> int | None:
    """The line (from 1) of ``key`` in ``[table]`` (the ``nth`` ``[[table]]``), of ``table.key =`` or
    ``table =`` at the top level, or of the table's header when ``key`` is None."""
    current, count = None, -1
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$", stripped)
        if header:
            current = header.group(1)
            if current == table:
                count += 1
                if count == nth and key is None:
                    return number
            continue
        name = stripped.split("=", 1)[0].strip() if "=" in stripped else None
        if not name:
            continue
        if current is None:
            if table is None and name == key:
                return number
            if table is not None and (name == table or name == f"{table}.{key}"):
                return number
        elif current == table and count == nth and name == key:
            return number
    return None


def parse_schema(text: str, path: Path | str = "project.toml") -> Schema:
    """Parse and validate; every error names the file and, where known, the line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        where = f"{path}:{match.group(1)}" if match else str(path)
        raise ProjectError(f"{where}: not valid TOML ({exc})") from None

    def fail(message: str, table: str | None = None, key: str | None = None, index: int = 0) -> ProjectError:
        line = _line_of(text, table, key, index) if key or table else None
        if line is None and table is not None:
            line = _line_of(text, table, None, index)
        return ProjectError(f"{path}:{line}: {message}" if line else f"{path}: {message}")

    def table(name: str) -> dict:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise fail(f"[{name}] must be a table, not {short(value)}", name)
        return value

    name = data.get("name", Path(path).parent.name or "project")
    if not isinstance(name, str):
        raise fail(f"name must be text, not {short(name)}", None, "name")
    raw_labels = data.get("labels")
    if raw_labels is None or raw_labels == []:
        raise fail("no [[labels]] defined")
    if not isinstance(raw_labels, list):
        raise fail(f"labels must be [[labels]] tables, not {short(raw_labels)}", "labels")
    labels: list[Label] = []
    seen_names: dict[str, int] = {}
    seen_keys: dict[str, str] = {}
    for index, raw in enumerate(raw_labels):
        if not isinstance(raw, dict):
            raise fail("a [[labels]] entry must be a table", "labels", None, index)
        name_value = raw.get("name", "")
        if not isinstance(name_value, str):
            raise fail(f"label name must be text, not {short(name_value)}", "labels", "name", index)
        label_name = name_value.strip()
        if not _LABEL_NAME.match(label_name):
            raise fail(f"label name {label_name!r} must be letters, digits, '_' or '-'", "labels", None, index)
        if label_name in seen_names:
            raise fail(f"label {label_name} is defined twice", "labels", None, index)

        def field_error(key: str, what: str) -> ProjectError:
            return fail(f"label {label_name}: {key} {what}, not {short(raw[key])}", "labels", key, index)

        for key in ("korean", "english", "color", "description"):
            if key in raw and not isinstance(raw[key], str):
                raise field_error(key, "must be text")
        key_value = raw.get("key", "")
        if isinstance(key_value, bool) or not isinstance(key_value, (str, int)):
            raise field_error("key", "must be one of 1-9")
        key = str(key_value).strip()
        if key and (len(key) != 1 or not key.isdigit() or key == "0"):
            raise fail(f"label {label_name}: key must be one of 1-9, not {key!r}", "labels", None, index)
        if key and key in seen_keys:
            raise fail(f"labels {seen_keys[key]} and {label_name} both use key {key}", "labels", None, index)
        color = raw.get("color", "#cccccc")
        if not re.match(r"^#[0-9a-fA-F]{6}$", color):
            raise fail(f"label {label_name}: colour {color!r} is not #rrggbb", "labels", None, index)
        recognisers = raw.get("recognisers", [])
        if not isinstance(recognisers, list):
            raise field_error("recognisers", "must be a list")
        if not all(isinstance(r, str) for r in recognisers):
            raise field_error("recognisers", "must be names")
        unknown = [r for r in recognisers if r not in RECOGNISERS]
        if unknown:
            raise fail(f"label {label_name}: unknown recogniser {unknown[0]!r} (known: {', '.join(RECOGNISERS)})",
                       "labels", None, index)
        seen_names[label_name] = index
        if key:
            seen_keys[key] = label_name
        labels.append(
            Label(
                name=label_name,
                key=key,
                korean=raw.get("korean", ""),
                english=raw.get("english", ""),
                color=color.lower(),
                description=raw.get("description", "").strip(),
                recognisers=tuple(recognisers),
            )
        )
    overlap = table("spans").get("overlap", "forbid")
    if overlap not in OVERLAP_POLICIES:
        raise fail(f"[spans] overlap must be one of {', '.join(OVERLAP_POLICIES)}, not {short(overlap)}",
                   "spans", "overlap")
    snapping = table("snapping").get("enabled", True)
    if not isinstance(snapping, bool):
        raise fail(f"[snapping] enabled must be true or false, not {short(snapping)}", "snapping", "enabled")
    min_agree = table("review").get("min_agree", 0)
    if isinstance(min_agree, bool) or not isinstance(min_agree, int) or min_agree < 0:
        raise fail(f"[review] min_agree must be a whole number ≥ 0, not {short(min_agree)}", "review", "min_agree")
    package_gold = table("packages").get("gold", False)
    if not isinstance(package_gold, bool):
        raise fail(f"[packages] gold must be true or false, not {short(package_gold)}", "packages", "gold")
    remote = None
    if "remote" in data:
        from annotator.core.suggest.remote.settings import parse_remote

        remote = parse_remote(data["remote"], set(seen_names), fail)
    asking = next((label for label in labels if "remote" in label.recognisers), None)
    if asking is not None and remote is None:
        raise fail(f"label {asking.name}: recogniser 'remote' needs a [remote] table with the service's url",
                   "labels", "recognisers", seen_names[asking.name])
    return Schema(
        name=name,
        labels=tuple(labels),
        snapping=snapping,
        overlap=overlap,
        min_agree=min_agree,
        package_gold=package_gold,
        model=_model_settings(data.get("model", {}), seen_names, text, path),
        remote=remote,
        extra={k: v for k, v in data.items()
               if k not in {"name", "labels", "spans", "snapping", "review", "packages", "model", "remote"}},
    )


def _model_settings(raw, labels, text: str, path) -> ModelSettings:
    line = _line_of(text, "model")
    where = f"{path}:{line}" if line else str(path)
    if not isinstance(raw, dict):
        raise ProjectError(f"{where}: [model] must be a table")

    def fraction(value, name: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ProjectError(f"{where}: [model] {name} must be a number from 0 to 1, not {value!r}")
        return float(value)

    def whole(name: str, default: int, least: int) -> int:
        value = raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise ProjectError(f"{where}: [model] {name} must be a whole number ≥ {least}, not {value!r}")
        return value

    thresholds = raw.get("thresholds", {})
    if not isinstance(thresholds, dict):
        raise ProjectError(f"{where}: [model.thresholds] must be a table of label = number")
    for label in thresholds:
        if label not in labels:
            raise ProjectError(f"{where}: [model.thresholds] names {label!r}, which is not a label of the schema")
    unknown = sorted(set(raw) - {"threshold", "thresholds", "retrain_every", "random_share", "folds"})
    if unknown:
        raise ProjectError(f"{where}: [model] has no setting {unknown[0]!r} "
                           "(threshold, thresholds, retrain_every, random_share, folds)")
    return ModelSettings(
        threshold=fraction(raw.get("threshold", 0.7), "threshold"),
        thresholds={label: fraction(value, f"thresholds.{label}") for label, value in thresholds.items()},
        retrain_every=whole("retrain_every", 10, 1),
        random_share=fraction(raw.get("random_share", 0.2), "random_share"),
        folds=whole("folds", 5, 2),
    )


def load_schema(path: Path) -> Schema:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectError(f"{path}: no such file (is this a project folder?)") from None
    except UnicodeDecodeError:
        raise ProjectError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_schema(text, path)
