"""``assign``, ``package`` and the team part of ``stats`` from the command line."""

import json

import pytest

from annotator import Project
from annotator.cli import main
from annotator.core.store import assignments as assignment_store

from ..core.synthetic import Words, numbered_text
from .test_cli import run


@pytest.fixture
def folder(tmp_path):
    with Project.create(tmp_path / "p") as project:
        for i in range(9):
            Words(project, numbered_text(10 + 4 * i, seed=str(i)))
    return tmp_path / "p"


def test_assign_package_merge_and_stats(folder, tmp_path, capsys):
    assert main(["assign", str(folder), "--annotators", "kim,lee,park", "--per-document", "2",
                 "--calibration", "1", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "Assigned 9 documents (19 assignments), 2 annotators per document, 1 calibration documents" in out
    assert all(name in out for name in ("kim", "lee", "park"))
    kim_row = next(line.split() for line in out.splitlines() if line.split()[:1] == ["kim"])
    assert main(["assign", str(folder), "--annotators", "kim,lee,park", "--per-document", "2", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["assignment"]
    assert again["assignments_added"] == 0  # nothing new
    with Project.open(folder) as project:
        kims = assignment_store.assigned_ids(project.store, "kim")
    # One count everywhere: assign, package and stats all count the calibration document in kim's.
    assert int(kim_row[1]) == again["loads"]["kim"]["documents"] == len(kims)
    assert int(kim_row[3]) == again["loads"]["kim"]["calibration"] == 1
    result = run("package", folder, "--annotator", "kim", "--out", tmp_path / "kim-copy")
    assert result.returncode == 0, result.stderr
    assert f"{len(kims)} documents" in result.stdout and "annotator merge" in result.stdout
    with Project.open(tmp_path / "kim-copy") as copy:
        copy.set_status(kims[0], "kim", "done")
    assert main(["merge", str(folder), str(tmp_path / "kim-copy")]) == 0
    capsys.readouterr()
    assert main(["stats", str(folder), "--json"]) == 0
    team = json.loads(capsys.readouterr().out)["team"]
    assert (team["documents"], team["documents_assigned"], team["calibration_documents"]) == (9, 9, 1)
    kim = next(a for a in team["annotators"] if a["name"] == "kim")
    assert (kim["done"], kim["assigned"], kim["calibration"]) == (1, len(kims), 1)
    assert main(["stats", str(folder)]) == 0
    text = capsys.readouterr().out
    assert "Assignments: 9 of 9 documents assigned, 1 calibration documents" in text
    assert f"1/{len(kims)}" in text


def test_move_and_usage_errors(folder, tmp_path, capsys):
    assert main(["assign", str(folder), "--annotators", "kim,lee", "--per-document", "1"]) == 0
    with Project.open(folder) as project:
        kims = assignment_store.assigned_ids(project.store, "kim")
        project.set_status(kims[0], "kim", "done")
    capsys.readouterr()
    assert main(["assign", str(folder), "--move", "kim=park", "--dry-run"]) == 0
    assert f"Would move {len(kims) - 1} unfinished documents from kim to park" in capsys.readouterr().out
    with Project.open(folder) as project:
        assert assignment_store.assigned_ids(project.store, "kim") == kims  # a dry run stores nothing
    assert main(["assign", str(folder), "--move", "kim=park"]) == 0
    with Project.open(folder) as project:
        assert assignment_store.assigned_ids(project.store, "park") == kims[1:]
    capsys.readouterr()
    assert main(["assign", str(folder)]) == 2
    assert "needs --annotators" in capsys.readouterr().err
    assert main(["assign", str(folder), "--annotators", "kim,lee"]) == 2
    assert "--per-document" in capsys.readouterr().err
    assert main(["assign", str(folder), "--move", "kim"]) == 2
    assert "FROM=TO" in capsys.readouterr().err
    assert main(["assign", str(folder), "--annotators", "kim", "--per-document", "1", "--calibration-ids", "x"]) == 2
    assert "--calibration-ids" in capsys.readouterr().err
    assert main(["package", str(folder), "--annotator", "choi", "--out", str(tmp_path / "c")]) == 2
    assert "choi has no assigned documents" in capsys.readouterr().err
