"""Whose layer a Label Studio annotation or prediction comes into.

An annotation names its annotator by ``completed_by``: an object with
``email`` (and ``first_name``/``last_name``) in the exports of Label Studio
1.0–1.7, a bare user id in later ones, which hold the e-mail (or name) only
in ``created_username`` (``"Kim Minji kim@example.org, 3"``) where at all.
The layer is the e-mail, else the name, else ``labelstudio-user-<id>`` (a
layer named ``1`` says nothing). A prediction (a model's pre-annotation)
comes into a layer named after its ``model_version``, else ``predictions``;
never into gold, which holds reviewed spans only.
"""

from __future__ import annotations

import re

from annotator.core.content_rules import layer_problem

_TRAILING_ID = re.compile(r",\s*\d+\s*$")
_EMAIL = re.compile(r"\S+@\S+")
PREDICTIONS = "predictions"


def _usable(name) -> str | None:
    """``name`` when it is a non-blank string, as it is (the import checks it as a layer name)."""
    return name if isinstance(name, str) and name.strip() else None


def _full_name(first, last) -> str | None:
    words = " ".join(part.strip() for part in (first, last) if isinstance(part, str) and part.strip())
    return words or None


def annotation_layer(annotation: dict) -> str | None:
    """The layer an annotation's spans come into, or None when it names no one."""
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        found = _usable(who.get("email")) or _full_name(who.get("first_name"), who.get("last_name"))
        if found:
            return found
        who = who.get("id")
    created = annotation.get("created_username")
    if isinstance(created, str):
        named = _TRAILING_ID.sub("", created)
        email = _EMAIL.search(named)
        found = _usable(email.group(0) if email else named.strip())
        if found:
            return found
    if isinstance(who, int) and not isinstance(who, bool):
        return f"labelstudio-user-{who}"
    return _usable(who)


def prediction_layer(prediction: dict) -> str:
    version = _usable(prediction.get("model_version"))
    return version if version and not layer_problem(version, suggestions=True) else PREDICTIONS
