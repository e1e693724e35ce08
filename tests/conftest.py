"""Shared fixtures. GUI tests run offscreen; core tests never import Qt."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@pytest.fixture
def project(tmp_path):
    from annotator import Project

    p = Project.create(tmp_path / "proj")
    yield p
    p.close()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def article_text():
    return (
        "원주시, 디지털트윈 사업 착수\n\n"
        "😀🇰🇷 원주의료기기테크노밸리에서 ‘디지털트윈 융합 의료혁신 선도사업’은 국비 120억 원을 확보했다.\n"
        "과기정통부는 인공지능(AI)으로 11조5,600억원)에 투자한다.\n"
    )
