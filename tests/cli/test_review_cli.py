"""``agreement`` and ``adjudicate`` through ``python -m annotator``."""

import json

import pytest

from annotator import Project
from annotator.cli import main

from ..core.synthetic import Words, numbered_text
from .test_cli import run


@pytest.fixture
def folder(tmp_path):
    """Two documents; kim and lee agree on w0, disagree on w2 (BUDGET w2 vs w2–3); both done."""
    with Project.create(tmp_path / "p") as project:
        for seed in ("a", "b"):
            w = Words(project, numbered_text(6, seed))
            for name in ("kim", "lee"):
                w.mark(name, 0, 0, "AGENCY")
                project.set_status(w.doc_id, name, "done")
            w.mark("kim", 2, 2, "BUDGET")
            w.mark("lee", 2, 3, "BUDGET")
    return tmp_path / "p"


def test_agreement_json_and_table(folder):
    result = run("agreement", folder, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    [pair] = report["pairs"]
    assert {"a", "b", "f1_strict", "f1_lenient", "kappa", "documents"} <= set(pair)
    assert (pair["a"], pair["b"], pair["documents"], pair["f1_strict"], pair["f1_lenient"]) == ("kim", "lee", 2, 0.5, 1.0)
    assert set(report["labels"]) == {"AGENCY", "BUDGET"} and report["alpha"] is not None
    table = run("agreement", folder)
    assert table.returncode == 0 and "kim" in table.stdout and "Krippendorff" in table.stdout
    only = json.loads(run("agreement", folder, "--json", "--label", "AGENCY").stdout)
    assert only["pairs"][0]["f1_strict"] == 1.0


def test_usage_errors(folder, capsys):  # in-process: the same ``main`` without a process start
    assert main(["agreement", str(folder), "--annotators", "kim"]) == 2
    assert "needs at least two annotators" in capsys.readouterr().err
    assert main(["agreement", str(folder), "--label", "PERSON"]) == 2
    assert "unknown label 'PERSON'" in capsys.readouterr().err
    assert main(["adjudicate", str(folder)]) == 2
    assert "needs --auto" in capsys.readouterr().err
    assert main(["adjudicate", str(folder), "--auto", "--min-agree", "-1"]) == 2
    assert main(["merge", str(folder), str(folder.parent / "nowhere")]) == 2
    assert "no project database here" in capsys.readouterr().err


def test_adjudicate_auto_twice(folder):
    first = run("adjudicate", folder, "--auto")
    assert first.returncode == 0, first.stderr
    assert "2 spans into gold in 2 of 2 documents" in first.stdout
    assert "Still in disagreement: 4 candidates in 2 documents" in first.stdout
    second = json.loads(run("adjudicate", folder, "--auto", "--json").stdout)
    assert second["merged"] == 0 and second["remaining_total"] == 4
    assert len(second["remaining"]) == 2
