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


def test_agreement_counts_and_figures_come_from_the_same_documents(folder):
    """Issue 12, bug 8: the label table showed F1 over compared documents beside counts over all of them."""
    with Project.open(folder) as project:
        w = Words(project, numbered_text(6, "c"))
        for word in range(4):
            w.mark("kim", word, word, "BUDGET")  # kim's unfinished work: not compared
    report = json.loads(run("agreement", folder, "--json").stdout)
    assert report["labels"]["BUDGET"]["spans"] == {"kim": 2, "lee": 2}
    assert report["labels"]["BUDGET"]["spans"] == {
        "kim": report["pairs"][0]["labels"]["BUDGET"]["spans_a"], "lee": report["pairs"][0]["labels"]["BUDGET"]["spans_b"]}
    table = run("agreement", folder).stdout
    budget = next(line for line in table.splitlines() if "BUDGET" in line and "│" in line)
    assert [cell.strip() for cell in budget.split("│") if cell.strip()][-2:] == ["2", "2"]


def test_agreement_says_why_nothing_was_compared_and_what_to_do(tmp_path):
    with Project.create(tmp_path / "p") as project:
        for seed, name in (("a", "kim"), ("b", "lee")):
            w = Words(project, numbered_text(4, seed))
            w.mark("kim", 0, 0, "AGENCY")
            w.mark("lee", 0, 0, "AGENCY")
            project.set_status(w.doc_id, name, "done")  # each finished a different one
    result = run("agreement", tmp_path / "p")
    assert result.returncode == 0, result.stderr
    assert "no document is marked done by both kim and lee" in result.stdout
    assert "Ctrl+Enter" in result.stdout and "--all-documents" in result.stdout
    assert "F1 strict" not in result.stdout  # no table of empty figures
    every = run("agreement", tmp_path / "p", "--all-documents")
    assert "2 of 2 documents compared" in every.stdout


def test_adjudicate_takes_finished_documents_unless_asked_for_all(tmp_path):
    """Issue 12, bug 9: one default with ``agreement`` and the review list, and the same switch."""
    with Project.create(tmp_path / "p") as project:
        w = Words(project, numbered_text(4))
        for name in ("kim", "lee"):
            w.mark(name, 0, 0, "AGENCY")
        project.set_status(w.doc_id, "kim", "done")  # lee has not finished it
    folder = tmp_path / "p"
    default = run("adjudicate", folder, "--auto")
    assert default.returncode == 0, default.stderr
    assert "0 spans into gold" in default.stdout
    assert "1 document not marked done by two annotators" in default.stdout and "--all-documents" in default.stdout
    assert json.loads(run("adjudicate", folder, "--auto", "--done-only", "--json").stdout)["not_ready"] == [w.doc_id]
    everything = run("adjudicate", folder, "--auto", "--all-documents")
    assert "1 spans into gold in 1 of 1 documents" in everything.stdout
    assert main(["adjudicate", str(folder), "--auto", "--all-documents", "--done-only"]) == 2


def test_stats_count_labels_per_layer_never_gold_and_annotators_together(folder):
    """Issue 12, bug 9: the per-label totals added gold and every annotator's layer."""
    assert run("adjudicate", folder, "--auto").returncode == 0  # 2 AGENCY spans into gold
    stats = json.loads(run("stats", folder, "--json").stdout)
    assert stats["spans_by_layer"] == {"gold": {"AGENCY": 2}, "kim": {"AGENCY": 2, "BUDGET": 2},
                                       "lee": {"AGENCY": 2, "BUDGET": 2}}
    assert "spans_by_label" not in stats
    lines = run("stats", folder).stdout.splitlines()
    header = next(line for line in lines if "gold" in line and "kim" in line)
    assert header.split() == ["label", "gold", "kim", "lee"]
    assert next(line for line in lines if line.split()[:1] == ["AGENCY"]).split() == ["AGENCY", "2", "2", "2"]
    assert next(line for line in lines if line.split()[:1] == ["BUDGET"]).split() == ["BUDGET", "0", "2", "2"]
