"""The trained model in the project folder: ``model.crfsuite`` (CRFsuite's own format) and
``model.json`` (when it was trained, on what, and how well each label scored held out).

Written whole or not at all: each file goes to a temporary name and is renamed
over the old one, model first, then the description, which carries the
model's SHA-256; a reader that finds the two out of step (a training finishing
at that moment) keeps the model it had and looks again next time. Nothing is
pickled. A project in memory keeps its model in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.project_files import MODEL_FILE, MODEL_INFO_FILE
from annotator.core.model.crf import CrfModel

META_FILE = MODEL_INFO_FILE
FORMAT_VERSION = 1


@dataclass(frozen=True)
class LabelScore:
    f1: float | None  # held out (k-fold); None when no fold had a span of the label
    precision: float | None
    recall: float | None
    training_spans: int  # spans of the label the final model was trained on
    heldout_spans: int  # spans of the label the folds were scored on


@dataclass(frozen=True)
class ModelInfo:
    trained_at: str  # UTC ISO
    documents: int  # finished documents trained on
    layers: int  # finished layers (a document done by two annotators gives two)
    sentences: int
    tokens: int
    folds: int
    scores: dict[str, LabelScore]
    seconds: float
    algorithm: str
    rule_features: bool
    counts: dict[str, int] = field(default_factory=dict)  # misaligned spans, negatives, ... (see training)
    sha256: str = ""
    version: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ModelInfo":
        scores = {label: LabelScore(**score) for label, score in data["scores"].items()}
        known = {name for name in cls.__dataclass_fields__}
        return cls(**{**{k: v for k, v in data.items() if k in known}, "scores": scores})


@dataclass(frozen=True)
class LoadedModel:
    info: ModelInfo
    crf: CrfModel


class ModelFiles:
    """Reads and writes a project's model; ``current()`` re-reads it only when it changed on disk."""

    def __init__(self, folder: Path | None):
        self.folder = folder  # None: in memory
        self._memory: tuple[bytes, ModelInfo] | None = None
        self._loaded: LoadedModel | None = None
        self._stamp: tuple | None = None

    @property
    def model_path(self) -> Path | None:
        return self.folder / MODEL_FILE if self.folder is not None else None

    @property
    def meta_path(self) -> Path | None:
        return self.folder / META_FILE if self.folder is not None else None

    def write(self, data: bytes, info: ModelInfo) -> ModelInfo:
        info = ModelInfo(**{**info.__dict__, "sha256": hashlib.sha256(data).hexdigest()})
        if self.folder is None:
            self._memory = (data, info)
            return info
        text = json.dumps(info.to_json(), ensure_ascii=False, indent=2) + "\n"
        try:
            _replace(self.model_path, data)
            _replace(self.meta_path, text.encode("utf-8"))
        except OSError as exc:
            raise ProjectError(f"{exc.filename or self.folder}: cannot write the model ({exc.strerror})") from None
        return info

    def info(self) -> ModelInfo | None:
        """The description alone (the dashboard, the queue): no model is opened. An unreadable
        description counts as no model (the next training writes a good one)."""
        if self.folder is None:
            return self._memory[1] if self._memory else None
        try:
            return _read_info(self.meta_path)
        except (OSError, ProjectError):
            return None

    def current(self) -> LoadedModel | None:
        """The model as it is now, opened once per version."""
        if self.folder is None:
            if self._memory and (self._loaded is None or self._loaded.info is not self._memory[1]):
                self._loaded = LoadedModel(self._memory[1], CrfModel(self._memory[0]))
            return self._loaded if self._memory else None
        try:
            stat = self.meta_path.stat()
        except FileNotFoundError:
            self._loaded, self._stamp = None, None
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp == self._stamp:
            return self._loaded
        try:
            info = _read_info(self.meta_path)
            data = self.model_path.read_bytes()
        except (OSError, ProjectError):
            return self._loaded  # being replaced, or unreadable: keep what we had, look again later
        if hashlib.sha256(data).hexdigest() != info.sha256:
            return self._loaded
        self._loaded, self._stamp = LoadedModel(info, CrfModel(data)), stamp
        return self._loaded


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _read_info(path: Path) -> ModelInfo:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != FORMAT_VERSION:
            raise ProjectError(f"{path}: model description version {data.get('version')!r} is not "
                               f"{FORMAT_VERSION}; train the model again")
        return ModelInfo.from_json(data)
    except (ValueError, KeyError, TypeError) as exc:
        raise ProjectError(f"{path}: not a model description ({exc}); train the model again") from None
