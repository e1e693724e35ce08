"""Label Studio's ML-backend protocol, as its ``label-studio-ml`` server speaks it (1.x and 2.x).

- ``GET /health`` answers ``{"status": "UP", ...}``.
- ``POST /setup`` with ``{"project": "ID.TIMESTAMP", "schema": LABEL_CONFIG, ...}`` answers
  ``{"model_version": ...}``.
- ``POST /predict`` with ``{"tasks": [{"id", "data": {"text": ...}}], "project", "label_config",
  "params": {}}`` answers ``{"results": [PREDICTION, ...]}``, one prediction per task in order, each
  ``{"result": [REGION, ...], "score", "model_version"}``; a region of a span is
  ``{"from_name", "to_name", "type": "labels", "value": {"start", "end", "text", "labels": [L]},
  "score"}``.
- ``POST /train`` (1.x) with ``{"annotations": [TASK with "annotations"], "project", "label_config",
  "params"}``; 2.x servers train on ``POST /webhook`` events instead (``remote_training``).

Everything read from a service is checked here: a malformed answer is a ``MalformedAnswer`` naming
what was wrong, never a wrong span. Offsets count code points (Label Studio since 1.4, and every
Python backend); a region whose ``text`` shows it counted UTF-16 units is converted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

from annotator.core.content_rules import short
from annotator.core.export.label_studio import labeling_config


class MalformedAnswer(ValueError):
    """The service answered, but not in the protocol's shape."""


@dataclass(frozen=True)
class Region:
    """A span a service predicted: code-point offsets into the task's text, the service's label."""

    start: int
    end: int
    label: str
    score: float | None


def label_config(settings, label_names: Sequence[str]) -> str:
    """The labelling config the backend is set up with: one ``Labels`` control of the service's
    names for ``label_names`` over one ``Text`` object (``settings``: ``RemoteSettings``)."""
    names = list(dict.fromkeys(n for label in label_names for n in settings.service_labels(label)))
    return labeling_config(names, {}, from_name=settings.from_name, to_name=settings.to_name,
                           field=settings.data_field)


def task(task_id: int, text: str, data_field: str) -> dict[str, Any]:
    return {"id": task_id, "data": {data_field: text}}


def predict_request(tasks: list[dict], project_key: str, config: str) -> dict[str, Any]:
    return {"tasks": tasks, "project": project_key, "label_config": config, "params": {}}


def setup_request(project_key: str, config: str) -> dict[str, Any]:
    return {"project": project_key, "schema": config, "hostname": "", "access_token": "",
            "extra_params": {}}


def health_problem(answer: Any) -> str | None:
    """None when ``/health`` says the service is up."""
    if not isinstance(answer, dict):
        return f"/health answered {short(answer)}, not an object"
    status = answer.get("status")
    if status is not None and str(status).upper() != "UP":
        return f"/health says the status is {short(status)}"
    return None


def model_version(answer: Any) -> str | None:
    """The model version a ``/setup`` or ``/predict`` answer names, if any."""
    if isinstance(answer, dict):
        version = answer.get("model_version")
        if version is None and isinstance(answer.get("results"), list):
            version = next((p.get("model_version") for p in answer["results"]
                            if isinstance(p, dict) and p.get("model_version") is not None), None)
        if version is not None and not isinstance(version, (dict, list)):
            return str(version)
    return None


def predictions(answer: Any, texts: Sequence[str]) -> list[list[Region]]:
    """The regions predicted for each of ``texts`` (the tasks of the request, in order)."""
    results = answer.get("results") if isinstance(answer, dict) else answer
    if not isinstance(results, list):
        raise MalformedAnswer(f"/predict answered {short(answer)}: no \"results\" list")
    if len(results) != len(texts):
        if len(texts) == 1 and not results:
            return [[]]  # some backends leave out the prediction of a task where they found nothing
        raise MalformedAnswer(f"/predict answered {len(results)} predictions for {len(texts)} tasks")
    return [_regions(prediction, text, number) for number, (prediction, text) in enumerate(zip(results, texts), 1)]


def _regions(prediction: Any, text: str, number: int) -> list[Region]:
    if isinstance(prediction, list):  # several predictions for the task (or a bare result list)
        if prediction and all(isinstance(p, dict) and "result" in p for p in prediction):
            prediction = max(prediction, key=lambda p: _score(p.get("score")) or 0.0)
        else:
            prediction = {"result": prediction}
    if not isinstance(prediction, dict):
        raise MalformedAnswer(f"prediction {number} is {short(prediction)}, not an object")
    result = prediction.get("result", [])
    if not isinstance(result, list):
        raise MalformedAnswer(f"prediction {number}: result is {short(result)}, not a list")
    overall = _score(prediction.get("score"))
    regions = []
    for item in result:
        region = _region(item, text, number, overall)
        if region is not None:
            regions.extend(region)
    return regions


def _region(item: Any, text: str, number: int, overall: float | None) -> list[Region] | None:
    """The spans of one result item; None for an item that is no span (choices, a text area)."""
    if not isinstance(item, dict):
        raise MalformedAnswer(f"prediction {number}: a result item is {short(item)}, not an object")
    value = item.get("value")
    kind = str(item.get("type", "labels")).lower()
    if not isinstance(value, dict) or kind not in ("labels", "hypertextlabels") or "labels" not in value:
        return None
    labels = value["labels"]
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise MalformedAnswer(f"prediction {number}: labels {short(labels)} is not a list of names")
    start, end = value.get("start"), value.get("end")
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        raise MalformedAnswer(f"prediction {number}: a region's start and end are {short(start)} and {short(end)}, "
                              "not whole numbers")
    start, end = _code_points(text, start, end, value.get("text"), number)
    score = _score(item.get("score"))
    return [Region(start, end, label, score if score is not None else overall) for label in labels]


def _code_points(text: str, start: int, end: int, quoted: Any, number: int) -> tuple[int, int]:
    if isinstance(quoted, str) and text[start:end] != quoted and 0 <= start < end:
        converted = _from_utf16(text, start, end)
        if converted is not None and text[converted[0]:converted[1]] == quoted:
            return converted
        raise MalformedAnswer(f"prediction {number}: the region [{start}, {end}) reads "
                              f"{short(text[start:end])}, not its text {short(quoted)}")
    if not 0 <= start < end <= len(text):
        raise MalformedAnswer(f"prediction {number}: the region [{start}, {end}) is not inside the "
                              f"{len(text)}-character text")
    return start, end


def _from_utf16(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Code-point offsets of UTF-16 offsets (a JavaScript client's), or None past the text."""
    positions: dict[int, int] = {}
    units = 0
    for index, char in enumerate(text):
        positions[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    positions[units] = len(text)
    if start in positions and end in positions:
        return positions[start], positions[end]
    return None


def _score(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return min(1.0, max(0.0, float(value)))
