"""Where bundled resources and the demo project live."""

from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path

from platformdirs import user_data_dir

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    """``resources/`` of the source tree, or the copy installed as ``annotator.resources``."""
    local = _SOURCE_ROOT / "resources"
    if (local / "schemas").is_dir():
        return local
    return Path(str(importlib_resources.files("annotator.resources")))


def default_schema_path() -> Path:
    return resources_dir() / "schemas" / "korean-policy.toml"


def bundled_user_dictionary() -> Path:
    return resources_dir() / "userdict.tsv"


def bundled_gazetteers_dir() -> Path:
    """``resources/gazetteers/``: the agency gazetteer and the technology lexicon (TSV)."""
    return resources_dir() / "gazetteers"


def sample_articles_dir() -> Path:
    return resources_dir() / "samples"


def demo_project_dir() -> Path:
    """``projects/korean-policy`` in a source checkout, else in the user data directory."""
    local = _SOURCE_ROOT / "projects" / "korean-policy"
    if (local / "project.toml").is_file():
        return local
    return Path(user_data_dir("annotator", appauthor=False)) / "korean-policy"
