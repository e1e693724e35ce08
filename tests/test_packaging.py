"""An installed annotator (no source tree) has every package and its resources."""

import tomllib
from pathlib import Path

from setuptools import find_packages

from annotator.core import paths

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {"annotator"} | {f"annotator.{p}" for p in find_packages(ROOT / "annotator")}
    assert found | {"annotator.resources"} == listed


def test_demo_project_moves_to_user_data_without_source_tree(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "_SOURCE_ROOT", tmp_path)
    demo = paths.demo_project_dir()
    assert "annotator" in str(demo) and demo.name == "korean-policy" and tmp_path not in demo.parents


def test_bundled_resources_are_there():
    assert paths.default_schema_path().is_file()
    assert paths.bundled_user_dictionary().is_file()
    assert len(list(paths.sample_articles_dir().glob("*.txt"))) >= 12
