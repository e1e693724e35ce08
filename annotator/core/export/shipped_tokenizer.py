"""The tokenizer shipped beside a token export, so a model is fed new text as it was trained.

``kiwi_tokens.py`` (annotator's own tokenisation, copied as it is), the Kiwi
user dictionaries the import loads (the bundled one, then the project's), and
``kiwi_tokens.json`` naming them in load order with the kiwipiepy and model
versions (the module warns when the installed ones differ).
"""

from __future__ import annotations

import json
import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from annotator.core.export import kiwi_tokens

DICTIONARY_NAMES = ("userdict.tsv", "project-userdict.tsv")  # the bundled dictionary, the project's
PACKAGES = ("kiwipiepy", "kiwipiepy_model")


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def ship_tokenizer(folder: Path, dictionaries: list[Path]) -> None:
    """Write ``kiwi_tokens.py``, the user ``dictionaries`` that exist and ``kiwi_tokens.json`` into ``folder``."""
    shutil.copyfile(kiwi_tokens.__file__, folder / "kiwi_tokens.py")
    names = []
    for name, path in zip(DICTIONARY_NAMES, dictionaries):
        if Path(path).is_file():
            shutil.copyfile(path, folder / name)
            names.append(name)
    settings = {"user_dictionaries": names, "versions": {p: v for p in PACKAGES if (v := _version(p))}}
    (folder / kiwi_tokens.MANIFEST).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
