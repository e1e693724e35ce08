"""`annotator suggest` through the real entry point."""

import json

import pytest

from annotator import Project

from ..conftest import write
from .test_cli import run


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory):
    """Created in-process (init and import have their own CLI tests); suggest runs as a subprocess."""
    folder = tmp_path_factory.mktemp("cli-suggest")
    write(folder / "in" / "a.txt", "원주시 예산\n\n원주시가 국비 120억 원을 확보했다. 원주시장은 인공지능(AI)을 말했다.\n")
    write(folder / "in" / "b.txt", "식약처 허가\n\n식약처가 ‘디지털치료기기 허가·심사 가이드라인’을 냈다. 약 300억 원.\n")
    with Project.create(folder / "p") as project:
        assert project.import_paths([folder / "in"]).ok
    return folder / "p"


def test_summary_per_label(project_dir):
    result = run("suggest", project_dir)
    assert result.returncode == 0, result.stderr
    assert "suggestions in 2 documents" in result.stdout
    lines = dict(line.split() for line in result.stdout.splitlines()[1:])
    assert lines == {"BUDGET": "2", "AGENCY": "4", "TECH": "2", "PROGRAM": "1"}


def test_json_lines(project_dir):
    result = run("suggest", project_dir, "--json", "--label", "BUDGET")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2 and all({"id", "uid", "suggestions"} <= set(row) for row in rows)
    amounts = [s for row in rows for s in row["suggestions"]]
    assert {s["label"] for s in amounts} == {"BUDGET"}
    first = next(s for s in amounts if s["text"] == "120억 원")
    assert first == {"start": first["start"], "end": first["end"], "label": "BUDGET", "text": "120억 원",
                     "source": "amount", "value": "12000000000", "currency": "KRW"}
    approx = next(s for s in amounts if s["text"] == "300억 원")
    assert approx["approximate"] is True


def test_apply_as_is_idempotent(project_dir):
    first = run("suggest", project_dir, "--apply-as", "auto")
    assert first.returncode == 0, first.stderr
    assert "Stored 9 spans in layer 'auto'" in first.stdout
    with Project.open(project_dir) as project:
        spans = project.spans(annotator="auto")
        assert len(spans) == 9
        assert all(s.text == project.document(s.doc_id).text[s.start:s.end] for s in spans)
        assert next(s for s in spans if s.text == "120억 원").attrs["value"] == "12000000000"
    again = run("suggest", project_dir, "--apply-as", "auto")
    assert again.returncode == 0 and "Stored 0 spans in layer 'auto' (nothing new)" in again.stdout
    with Project.open(project_dir) as project:
        assert len(project.spans(annotator="auto")) == 9


def test_errors(project_dir):
    result = run("suggest", project_dir, "--label", "PERSON")
    assert result.returncode == 2 and "unknown label 'PERSON'" in result.stderr
    assert "Traceback" not in result.stderr


def test_gold_is_not_a_target(project_dir, capsys):
    from annotator.cli import main

    assert main(["suggest", str(project_dir), "--apply-as", "gold", "--quiet"]) == 2
    assert "the gold layer holds reviewed spans only" in capsys.readouterr().err
