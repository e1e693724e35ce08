"""`annotator train`, `annotator queue` and the model in `annotator suggest`, through the real entry point."""

import json

import pytest

from annotator import Project

from ..core.model_fixtures import labelled_project, store_document
from ..core.test_model import schema_with_person
from .test_cli import run


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-model")
    with Project.create(folder / "p", schema_with_person(folder)) as project:
        labelled_project(project, 10)
        store_document(project, "이날 원주시의 홍석진 과장도 의견을 냈다.\n")
    return folder / "p"


def test_train_prints_per_label_scores_and_training_spans(project_dir):
    result = run("train", project_dir)
    assert result.returncode == 0, result.stderr
    assert "Trained on 10 finished documents" in result.stdout
    person = next(line for line in result.stdout.splitlines() if "PERSON" in line)
    assert "40" in person and "yes" in person
    assert (project_dir / "model.crfsuite").is_file() and (project_dir / "model.json").is_file()

    result = run("train", project_dir, "--json")
    report = json.loads(result.stdout)
    assert report["documents"] == 10 and report["scores"]["PERSON"]["training_spans"] == 40
    assert report["states"]["PERSON"]["state"] == "live" and report["states"]["BUDGET"]["state"] == "untrained"


def test_suggest_json_carries_the_model_source_and_confidence(project_dir):
    assert run("train", project_dir, "--quiet").returncode == 0
    result = run("suggest", project_dir, "--json", "--label", "PERSON")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    suggestion = rows[-1]["suggestions"][0]
    assert suggestion["text"] == "홍석진" and suggestion["source"] == "model" and 0.5 < suggestion["confidence"] <= 1


def test_queue_names_the_next_document_and_why(project_dir):
    result = run("queue", project_dir, "--annotator", "kim", "--json")
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)["next"]
    assert entry["id"] == 11 and entry["reason"] in {"uncertain", "random", "rare", "order"} and entry["title"]
    result = run("queue", project_dir, "--annotator", "kim")
    assert result.stdout.startswith("11\t")


def test_queue_for_a_name_nobody_has_used_warns(project_dir, capsys):
    """A typo or another spelling gets every document silently otherwise."""
    from annotator.cli import main

    assert main(["queue", str(project_dir), "--annotator", "nobody"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1  # a newcomer still gets a document
    assert err == ("annotator: warning: no annotator named 'nobody' in this project yet (no spans, statuses or "
                   "assignments; annotators: kim); this is the queue of someone new over every document\n")
    assert main(["queue", str(project_dir), "--annotator", "Kim", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "did you mean kim?" in err and json.loads(out)["warning"] == err.removeprefix("annotator: warning: ").strip()
    assert main(["queue", str(project_dir), "--annotator", "kim"]) == 0
    assert capsys.readouterr().err == ""


def test_train_without_finished_work_is_an_error_naming_the_project(tmp_path):
    Project.create(tmp_path / "empty").close()
    result = run("train", tmp_path / "empty")
    assert result.returncode == 2 and "needs at least 2 finished documents" in result.stderr
    assert str(tmp_path / "empty") in result.stderr
