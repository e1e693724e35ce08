"""The label schema of a project: its ``project.toml``, which the user owns."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ProjectError

OVERLAP_POLICIES = ("forbid", "nested", "allow")
# What a label's ``recognisers`` may name (annotator.core.suggest implements them).
RECOGNISERS = ("amount", "gazetteer", "agency-pattern", "lexicon", "program-pattern", "learned", "model")
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
    model: ModelSettings = field(default_factory=ModelSettings)
    extra: dict = field(default_factory=dict, compare=False)

    def label(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    def label_for_key(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)


def _line_of_nth(text: str, marker: str, n: int) -> int | None:
    count = -1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(marker):
            count += 1
            if count == n:
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

    def fail(message: str, index: int | None = None) -> ProjectError:
        line = _line_of_nth(text, "[[labels]]", index) if index is not None else None
        return ProjectError(f"{path}:{line}: {message}" if line else f"{path}: {message}")

    raw_labels = data.get("labels")
    if not isinstance(raw_labels, list) or not raw_labels:
        raise fail("no [[labels]] defined")
    labels: list[Label] = []
    seen_names: dict[str, int] = {}
    seen_keys: dict[str, str] = {}
    for index, raw in enumerate(raw_labels):
        if not isinstance(raw, dict):
            raise fail("a [[labels]] entry must be a table", index)
        name = str(raw.get("name", "")).strip()
        if not _LABEL_NAME.match(name):
            raise fail(f"label name {name!r} must be letters, digits, '_' or '-'", index)
        if name in seen_names:
            raise fail(f"label {name} is defined twice", index)
        key = str(raw.get("key", "")).strip()
        if key and (len(key) != 1 or not key.isdigit() or key == "0"):
            raise fail(f"label {name}: key must be one of 1-9, not {key!r}", index)
        if key and key in seen_keys:
            raise fail(f"labels {seen_keys[key]} and {name} both use key {key}", index)
        color = str(raw.get("color", "#cccccc"))
        if not re.match(r"^#[0-9a-fA-F]{6}$", color):
            raise fail(f"label {name}: colour {color!r} is not #rrggbb", index)
        recognisers = raw.get("recognisers", [])
        if not isinstance(recognisers, list):
            raise fail(f"label {name}: recognisers must be a list", index)
        unknown = [str(r) for r in recognisers if str(r) not in RECOGNISERS]
        if unknown:
            raise fail(f"label {name}: unknown recogniser {unknown[0]!r} (known: {', '.join(RECOGNISERS)})", index)
        seen_names[name] = index
        if key:
            seen_keys[key] = name
        labels.append(
            Label(
                name=name,
                key=key,
                korean=str(raw.get("korean", "")),
                english=str(raw.get("english", "")),
                color=color.lower(),
                description=str(raw.get("description", "")).strip(),
                recognisers=tuple(str(r) for r in recognisers),
            )
        )
    spans = data.get("spans", {})
    overlap = str(spans.get("overlap", "forbid"))
    if overlap not in OVERLAP_POLICIES:
        raise ProjectError(f"{path}: [spans] overlap must be one of {', '.join(OVERLAP_POLICIES)}, not {overlap!r}")
    snapping = data.get("snapping", {})
    review = data.get("review", {})
    min_agree = review.get("min_agree", 0)
    if not isinstance(min_agree, int) or min_agree < 0:
        raise ProjectError(f"{path}: [review] min_agree must be a whole number ≥ 0")
    return Schema(
        name=str(data.get("name", Path(path).parent.name or "project")),
        labels=tuple(labels),
        snapping=bool(snapping.get("enabled", True)),
        overlap=overlap,
        min_agree=min_agree,
        model=_model_settings(data.get("model", {}), seen_names, text, path),
        extra={k: v for k, v in data.items() if k not in {"name", "labels", "spans", "snapping", "review", "model"}},
    )


def _model_settings(raw, labels, text: str, path) -> ModelSettings:
    line = _line_of_nth(text, "[model", 0)
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
